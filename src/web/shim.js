// news-embed's only JavaScript besides wasm-bindgen's glue: what Rust cannot do (extend
// HTMLElement), and what measurement shows costs a boundary call per node from Rust:
// building a rendered tree into DOM, and walking a parsed HTML body. Both directions use
// the token stream specified in `src/node.rs` ("The stream format", the format's one
// description; the browser tests in `src/web/dom.rs` round-trip every token kind through
// this file).

const OBSERVED = ['src', 'format', 'lang', 'time-zone', 'date-format', 'limit', 'loading', 'item', 'timeout', 'link-target'];

// The element classes: each instance owns its widget (the Rust side) and forwards its
// lifecycle to it. They start one of two ways. The loader (`js/news-embed.js`) defines them
// with `defineLazily(load)` before any wasm is fetched: an element then waits, with its
// fallback content and `state="loading"`, until a widget needs the wasm (near the viewport,
// `loading="eager"`, `.data`, `reload()`), and `load()` fetches it. The wasm's start calls
// `defineElements(create)`, which gives every waiting element its widget, or defines the
// classes at once where no loader came first (wasm-pack's own output, the browser tests).
//
// `data` set before the element was upgraded is an own property that would hide the class's
// accessor; it is taken over in the constructor and applied on connection.

let create = null; // (host, kind) => widget, once the wasm runs
let load = null; // the loader's: fetches and starts the wasm, a promise
let attempt = null; // the fetch of the wasm under way
let failure = null; // why the wasm did not run, until a `reload()` tries again
// Elements with something to hand over when the wasm runs (or fails): the connected ones,
// and those whose `reload()` is waiting.
const waiting = new Set();
const UPGRADE = Symbol('upgrade');
const FAIL = Symbol('fail');
let viewport; // lazy elements near the viewport (200px, as the widget's own observer) need the wasm

export function defineElements(makeWidget) {
  create = makeWidget;
  failure = null;
  viewport?.disconnect();
  define();
  for (const element of [...waiting]) element[UPGRADE]();
}

export function defineLazily(loadWasm) {
  load = loadWasm;
  define();
}

// Starts the wasm for the first widget that needs it; every waiting widget fails with it if
// it cannot run (not fetched, its integrity does not match, it does not compile). Once it
// failed, only a `reload()` tries again.
function need() {
  if (create || !load || attempt || failure) return;
  attempt = load().then(
    () => { attempt = null; },
    (error) => {
      attempt = null;
      if (create) return;
      failure = error;
      for (const element of [...waiting]) element[FAIL]();
    },
  );
}

function observe(element) {
  if (typeof IntersectionObserver !== 'function') return need();
  viewport ??= new IntersectionObserver(
    (entries) => { if (entries.some((entry) => entry.isIntersecting)) need(); },
    { rootMargin: '200px' },
  );
  viewport.observe(element);
}

const eager = (element) => element.getAttribute('loading')?.trim() === 'eager';

function define() {
  for (const [name, kind] of [['news-article', 'article'], ['news-list', 'list']]) {
    if (!customElements.get(name)) customElements.define(name, elementClass(kind));
  }
}

function elementClass(kind) {
  return class extends HTMLElement {
    static observedAttributes = OBSERVED;
    // undefined until the wasm runs; then the widget, or null where none could be made.
    #widget; #data; #pending = false; #reloads = [];
    // Told of the wasm's failure since it last asked for something (`.data`, `reload()`).
    #told = false;
    constructor() {
      super();
      if (Object.prototype.hasOwnProperty.call(this, 'data')) {
        const data = this.data;
        delete this.data;
        this.#data = data;
        this.#pending = true;
      }
      this.#own();
    }
    #own() {
      if (this.#widget === undefined && create) this.#widget = create(this, kind);
      return this.#widget;
    }
    connectedCallback() {
      if (this.#own() === undefined) {
        waiting.add(this);
        if (failure) return this[FAIL]();
        if (!this.hasAttribute('state')) this.setAttribute('state', 'loading');
        if (this.#pending || eager(this)) need(); else observe(this);
        return;
      }
      if (this.#pending) { this.#pending = false; this.#widget?.setData(this.#data); }
      this.#widget?.connected();
    }
    disconnectedCallback() {
      if (this.#widget === undefined) {
        viewport?.unobserve(this);
        if (!this.#reloads.length) waiting.delete(this);
      }
      this.#widget?.disconnected();
    }
    attributeChangedCallback(name, old, value) {
      if (old === value) return;
      if (this.#widget === undefined) {
        if (name === 'loading' && this.isConnected && eager(this)) need();
      } else {
        this.#widget?.attributeChanged(name);
      }
    }
    get data() { return this.#data; }
    set data(value) {
      this.#data = value;
      const widget = this.#own();
      if (widget) return widget.setData(value);
      this.#pending = value != null;
      if (!this.#pending || widget === null) return;
      this.#told = false;
      if (failure && this.isConnected) this[FAIL](); else need();
    }
    // Resolves when the element is `ready` or in `error`; never rejects.
    reload() {
      const widget = this.#own();
      if (widget !== undefined) return widget ? widget.reload() : Promise.resolve();
      failure = null;
      this.#told = false;
      waiting.add(this);
      return new Promise((resolve) => { this.#reloads.push(resolve); need(); });
    }
    // The wasm runs: this element gets its widget and what was asked of it meanwhile.
    [UPGRADE]() {
      waiting.delete(this);
      const widget = this.#own();
      if (this.isConnected) this.connectedCallback();
      for (const resolve of this.#reloads.splice(0)) {
        if (widget) widget.reload().then(resolve); else resolve();
      }
    }
    // The wasm did not run: the page's fallback content stays, and the page is told.
    [FAIL]() {
      for (const resolve of this.#reloads.splice(0)) resolve();
      // Connected, it stays waiting: a `reload()` that gets the wasm running upgrades it.
      if (!this.isConnected) return waiting.delete(this);
      this.setAttribute('state', 'error');
      if (this.#told) return;
      this.#told = true;
      this.dispatchEvent(new CustomEvent('news-embed:error', {
        bubbles: true,
        composed: true,
        detail: { src: this.getAttribute('src'), kind: 'wasm', status: 0, message: `news-embed: the widget's code did not run: ${failure}` },
      }));
    }
  };
}

// Builds a stream's nodes in a detached fragment and puts them in place of `root`'s
// children: one layout, however many nodes. Tag and attribute names in a stream are the
// view's own constants; data only ever reaches text nodes and attribute values.
export function mount(root, main, wide) {
  const builder = begin(root);
  add(builder, main, wide);
  finish(builder);
}

// The same in steps, for a stream that comes in pieces (a long list, a slice at a time).
export function begin(root) {
  const fragment = root.ownerDocument.createDocumentFragment();
  return { root, fragment, parent: fragment };
}

// Elements as their opening tokens describe them, per document: cloning one copies its
// constant attributes at once (and lets the clones share their attribute storage).
const templatesOf = new WeakMap();

function templateFor(document, templates, token) {
  let template = templates.get(token);
  if (template === undefined) {
    const [tag, ...constants] = token.slice(1).split('\x01');
    template = document.createElement(tag);
    for (let i = 0; i + 1 < constants.length; i += 2) template.setAttribute(constants[i], constants[i + 1]);
    templates.set(token, template);
  }
  return template;
}

// Attribute names by their token, so that setAttribute gets the same string for a name each
// time rather than a fresh slice: measured about 0.2 ms of a 1,000-item list's 7 ms of
// building in Chromium 156.
const attributeNames = new Map();

function attributeName(token) {
  let name = attributeNames.get(token);
  if (name === undefined) attributeNames.set(token, (name = token.slice(1)));
  return name;
}

export function add(builder, main, wide) {
  const document = builder.root.ownerDocument;
  let templates = templatesOf.get(document);
  if (templates === undefined) templatesOf.set(document, (templates = new Map()));
  const tokens = main.split('\0');
  const pieces = wide.split('\0');
  let w = 0;
  const nextWide = () => {
    const piece = pieces[w++];
    return piece.charCodeAt(0) === 33 ? unescapeData(piece.slice(1)) : piece.slice(1);
  };
  let parent = builder.parent;
  // Whether `parent` was just opened: its first text is then set as its `textContent`,
  // which costs less than making a text node and appending it (about 0.3 ms a 1,000-item
  // list: most of its elements hold one text).
  let opened = false;
  const text = (data) => {
    if (opened) parent.textContent = data;
    else parent.appendChild(document.createTextNode(data));
    opened = false;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.charCodeAt(0)) {
      case 60: { // <
        const element = templateFor(document, templates, token).cloneNode(false);
        parent.appendChild(element);
        parent = element;
        opened = true;
        break;
      }
      case 61: // =
        parent.setAttribute(attributeName(token), tokens[++i]);
        break;
      case 43: // +
        parent.setAttribute(attributeName(token), unescapeData(tokens[++i]));
        break;
      case 42: // *
        parent.setAttribute(attributeName(token), nextWide());
        break;
      case 35: // #
        text(token.slice(1));
        break;
      case 33: // !
        text(unescapeData(token.slice(1)));
        break;
      case 37: // %
        text(nextWide());
        break;
      case 62: // >
        if (parent !== builder.fragment) parent = parent.parentNode;
        opened = false;
        break;
    }
  }
  builder.parent = parent;
}

// URLs joined by U+0000, each resolved against `base` by the URL parser: its href where that
// is http:, https: or mailto:, else an empty string (a href is never empty). One call for a
// document's URLs (src/web/urls.rs says why).
export function resolveUrls(raws, base) {
  const out = raws.split('\0');
  for (let i = 0; i < out.length; i++) {
    try {
      // A href starts with its scheme: reading `protocol` as well would cost a third of
      // the time the parse takes.
      const href = new URL(out[i], base).href;
      out[i] = href.startsWith('https:') || href.startsWith('http:') || href.startsWith('mailto:') ? href : '';
    } catch {
      out[i] = '';
    }
  }
  return out.join('\0');
}

// Shadow roots the server wrote (`news-embed render`, a declarative shadow root): their first
// render keeps the nodes already there when it would build equal ones, so the upgrade does
// not flash, shift the layout or request the images again. The linked stylesheet stays.
const serverRendered = new WeakSet();

export function adoptServerRendering(root) {
  if (!root.firstChild) return false;
  serverRendered.add(root);
  return true;
}

export function finish(builder) {
  const { root, fragment } = builder;
  if (serverRendered.delete(root) && sameNodes(root, fragment)) return;
  root.replaceChildren(fragment);
}

function sameNodes(root, fragment) {
  fragment.normalize();
  const kept = [...root.childNodes].filter((node) => node.localName !== 'link');
  const made = fragment.childNodes;
  return kept.length === made.length && kept.every((node, i) => node.isEqualNode(made[i]));
}

// Or after `root`'s children: "more" appends a page's items to the list.
export function finishAppend(builder) {
  builder.root.append(builder.fragment);
}

const unescapeData = (data) => data.replace(/\x01([^])/g, (_, c) => (c === '0' ? '\0' : c));

// The parsed document is hostile: a form's named controls shadow its DOM properties
// (`<form><input name=nextSibling>` makes `form.nextSibling` that input) and, in Firefox,
// named images and forms shadow `document.body`. So the walk reads every property through
// the getter of the prototype that defines it, never by looking it up on the node.
const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
const bodyOf = getter(Document.prototype, 'body');
const firstChild = getter(Node.prototype, 'firstChild');
const nextSibling = getter(Node.prototype, 'nextSibling');
const parentNode = getter(Node.prototype, 'parentNode');
const nodeType = getter(Node.prototype, 'nodeType');
const nodeValue = getter(Node.prototype, 'nodeValue');
const textContent = getter(Node.prototype, 'textContent');
const localName = getter(Element.prototype, 'localName');
const namespaceOf = getter(Element.prototype, 'namespaceURI');
const attributesOf = getter(Element.prototype, 'attributes');
const attributeCount = getter(NamedNodeMap.prototype, 'length');
const attributeAt = NamedNodeMap.prototype.item;
const XHTML = 'http://www.w3.org/1999/xhtml';

// One parser per page, with the Trusted Types policy it may use. Pages that enforce Trusted
// Types only let `DOMParser` take a TrustedHTML: the widget asks for a policy named
// `news-embed`, used for nothing but this inert parse (the identity: the parsed document
// runs and loads nothing, and only its allowed parts are rebuilt, by Rust).
let parser;
let policy;
let refused = false;

function parse(html) {
  if (refused) return null;
  if (parser === undefined) {
    parser = new DOMParser();
    try {
      policy = globalThis.trustedTypes?.createPolicy('news-embed', { createHTML: (s) => s });
    } catch {
      policy = undefined;
    }
  }
  try {
    return parser.parseFromString(policy ? policy.createHTML(html) : html, 'text/html');
  } catch {
    // The page enforces Trusted Types without allowing the policy: asking again would only
    // file another violation report.
    refused = true;
    return null;
  }
}

// An HTML body as a stream of its HTML elements, attributes and texts, for Rust to rebuild
// from its allowlist; `undefined` where the page lets nothing parse it. Comments and
// elements of other namespaces (SVG, MathML) are left out. The walk is a loop, not a
// recursion, so any depth the parser builds is walked whole (Rust decides what deep
// content becomes).
export function walkHtml(html) {
  // As the page it lands in parses it (with a doctype: no quirks, so a `<table>` closes a
  // `<p>` as it does there).
  const document = parse('<!doctype html>' + html);
  const body = document && bodyOf.call(document);
  if (!body) return undefined;
  const out = [];
  let node = firstChild.call(body);
  while (node) {
    const type = nodeType.call(node);
    let child = null;
    if (type === 3) {
      out.push('#' + nodeValue.call(node));
    } else if (type === 1 && namespaceOf.call(node) === XHTML) {
      out.push('<' + localName.call(node));
      const attributes = attributesOf.call(node);
      const count = attributeCount.call(attributes);
      for (let i = 0; i < count; i++) {
        const attribute = attributeAt.call(attributes, i);
        if (attribute.namespaceURI === null) out.push('=' + attribute.localName, attribute.value);
      }
      child = firstChild.call(node);
      if (!child) out.push('>');
    }
    if (child) {
      node = child;
      continue;
    }
    // The next node in document order, closing each element left on the way up.
    let next;
    while (!(next = nextSibling.call(node))) {
      node = parentNode.call(node);
      if (node === body) return out.join('\0');
      out.push('>');
    }
    node = next;
  }
  return out.join('\0');
}

// Text with its character references decoded by the HTML parser (every named one it knows),
// tags left as written: `<` is escaped first. `undefined` where the page lets nothing parse.
export function decodeReferences(text) {
  const document = parse('<body>' + text.replace(/</g, '&lt;'));
  const body = document && bodyOf.call(document);
  return body ? textContent.call(body) : undefined;
}
