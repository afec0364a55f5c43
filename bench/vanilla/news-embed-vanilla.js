// news-embed-vanilla: the performance baseline of news-embed, in hand-written JavaScript.
//
// <vanilla-article> and <vanilla-list> render, for the native JSON format, the same DOM as
// <news-article> and <news-list> (src/view, src/web): the same open shadow root, elements,
// attributes in the same order, parts, texts, Intl dates and adopted stylesheet. It is written
// the way the fastest vanilla entries of js-framework-benchmark are: static structure built once
// and copied with cloneNode(true), data written only to text nodes (nodeValue) and attribute
// values, the whole view built detached and attached once. No innerHTML, no dependencies.
//
// Not here (news-embed has them): JSON Feed, WordPress and schema.org sources, HTML bodies
// (`body_html`), the `format` attribute and the exported render(). A document news-embed would
// read as another format is refused with a schema error rather than shown differently.
//
// The stylesheet is src/web/styles.css, inlined by build.mjs (dist/news-embed-vanilla.js);
// this source file on its own renders with an empty sheet.

const CSS = /* @CSS */ '';

// ---------------------------------------------------------------------------------------------
// Labels (src/i18n.rs)

const VI = {
  other: 'Các tin khác',
  loading: 'Đang tải…',
  retry: 'Thử lại',
  more: 'Xem thêm',
  empty: 'Chưa có tin nào.',
  photo: 'Ảnh',
  photoAfterAuthors: 'Ảnh',
  readMore: 'Đọc toàn bài',
  tags: 'Chủ đề',
  updated: 'Cập nhật',
  http: 'Không tải được tin: máy chủ trả lời lỗi',
  network: 'Không tải được tin: không kết nối được tới máy chủ.',
  timeout: 'Không tải được tin: máy chủ không trả lời kịp.',
  parse: 'Không đọc được tin: dữ liệu nhận về không phải JSON hợp lệ.',
  schema: 'Không đọc được tin: dữ liệu không đúng định dạng tin bài.',
  none: 'Chưa có nguồn tin: hãy đặt thuộc tính src.',
};

const EN = {
  other: 'Other news',
  loading: 'Loading…',
  retry: 'Try again',
  more: 'Show more',
  empty: 'No articles yet.',
  photo: 'Photos:',
  photoAfterAuthors: 'photos:',
  readMore: 'Read the full article',
  tags: 'Topics',
  updated: 'Updated',
  http: 'The news could not be loaded: the server answered with error',
  network: 'The news could not be loaded: the server could not be reached.',
  timeout: 'The news could not be loaded: the server took too long to answer.',
  parse: 'The news could not be read: the response is not valid JSON.',
  schema: 'The news could not be read: the data is not in a known article format.',
  none: 'No news source: set the src attribute.',
};

/** Label language of a BCP 47 tag: `vi`, `vi-VN` → Vietnamese, anything else English. */
const isVi = (tag) => trim(tag).split(/[-_]/)[0].toLowerCase() === 'vi';

// ---------------------------------------------------------------------------------------------
// Text and numbers as Rust reads them (src/formats/json.rs)

/** Rust's char::is_whitespace (Unicode White_Space; unlike String#trim, U+0085 but not U+FEFF). */
const WS = /[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

function trim(s) {
  let a = 0;
  let b = s.length;
  while (a < b && WS.test(s[a])) a++;
  while (b > a && WS.test(s[b - 1])) b--;
  return a > 0 || b < s.length ? s.slice(a, b) : s;
}

/** Strings reach the wasm as UTF-8: a lone surrogate becomes U+FFFD. */
const wf = String.prototype.toWellFormed ? (s) => s.toWellFormed() : (s) => s;

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
/** A string member as is (`as_str`). */
const str = (v) => (typeof v === 'string' ? wf(v) : undefined);
/** Non-blank text, trimmed (`Json::text`). */
const text = (v) => (typeof v === 'string' ? trim(wf(v)) || undefined : undefined);

/** Rust's f64 grammar (after trimming and removing `px`): `800`, `+1.5e3`, `.5`, `inf`, `nan`. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number, or a numeric string (`"800"`, `"800px"`): `Json::number`. */
function num(v) {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  let s = trim(v);
  while (s.endsWith('px')) s = s.slice(0, -2);
  if (!DECIMAL.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** A positive pixel size, at most 100 000. */
function dimension(v) {
  const n = num(v);
  return n >= 1 && n <= 100000 ? Math.round(n) : undefined;
}

/** An id: a string, or a whole number. */
const id = (v) =>
  typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 9e15 ? String(v + 0) : text(v);

/** Non-blank strings of an array, or of a comma-separated string. */
function texts(v) {
  const out = [];
  if (typeof v === 'string') {
    for (const part of wf(v).split(',')) {
      const t = trim(part);
      if (t) out.push(t);
    }
  } else if (Array.isArray(v)) {
    for (const item of v) {
      const t = text(item);
      if (t !== undefined) out.push(t);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// URLs (src/sanitize.rs check_url, then src/web/urls.rs resolve against the source's address)

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const LINK = 0;
const IMAGE = 1;
const FETCH = 2;

/** A URL that may be used as `use` (link, image, fetch), absolute; undefined otherwise. */
function url(v, use, base) {
  if (typeof v !== 'string') return undefined;
  const s = v.replace(/^[\0- ]+|[\0- ]+$/g, '').replace(/[\t\n\r]/g, '');
  if (!s) return undefined;
  const m = SCHEME.exec(s);
  if (m) {
    const scheme = m[1].toLowerCase();
    if (scheme !== 'http' && scheme !== 'https' && (use !== LINK || scheme !== 'mailto')) {
      return undefined;
    }
  }
  let u;
  try {
    u = new URL(s, base);
  } catch {
    return undefined;
  }
  // A href starts with its scheme: `protocol` would be one more string made per URL.
  const h = u.href;
  return h.startsWith('https:') || h.startsWith('http:') || h.startsWith('mailto:') ? h : undefined;
}

// ---------------------------------------------------------------------------------------------
// Timestamps (src/model.rs Timestamp): { ms, off } = epoch milliseconds, offset in minutes

const RFC3339 =
  /^(\d{4})-(\d\d)-(\d\d)(?:[Tt ](\d\d):(\d\d)(?::(\d\d)(?:\.\d*)?)?)?(?:[Zz]|([+-])(\d\d):?(\d\d))?$/;

function daysFromCivil(y, m, d) {
  if (m <= 2) y--;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function date(v) {
  if (typeof v !== 'string') return undefined;
  const m = RFC3339.exec(trim(v));
  if (!m) return undefined;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  const h = +(m[4] || 0);
  const mi = +(m[5] || 0);
  const s = +(m[6] || 0);
  let off = 0;
  if (m[7]) {
    const oh = +m[8];
    const om = +m[9];
    if (oh > 23 || om > 59) return undefined;
    off = m[7] === '-' ? -(oh * 60 + om) : oh * 60 + om;
  }
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 60) return undefined;
  const secs = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + Math.min(s, 59) - off * 60;
  // A bare date (no time, no offset) is shown as that date, in any zone (src/model.rs
  // date_only).
  const t = { ms: secs * 1000, off, dateOnly: m[0].length === 10, r: undefined };
  // Already as rfc3339() writes it (seconds, an upper-case T and Z, a colon in the offset, no
  // fraction, no -00:00): `datetime` is the text itself, and no Date is made for it.
  const written = m[0];
  if (written[10] === 'T' && s < 60 && (off === 0 ? written.length === 20 && written[19] === 'Z' : written.length === 25 && written[22] === ':')) {
    t.r = written;
  }
  return t;
}

const pad2 = (n) => (n < 10 ? '0' : '') + n;

/** The wall-clock time at the source offset, as a Date read with its UTC getters. */
const sourceTime = (t) => new Date((Math.floor(t.ms / 1000) + t.off * 60) * 1000);

/** `2020-05-22T10:21:00+07:00` for `<time datetime>`. */
function rfc3339(t) {
  if (t.r !== undefined) return t.r;
  const x = sourceTime(t);
  let out =
    String(x.getUTCFullYear()).padStart(4, '0') +
    '-' + pad2(x.getUTCMonth() + 1) +
    '-' + pad2(x.getUTCDate());
  if (t.dateOnly) return (t.r = out);
  out +=
    'T' + pad2(x.getUTCHours()) +
    ':' + pad2(x.getUTCMinutes()) +
    ':' + pad2(x.getUTCSeconds());
  if (t.off === 0) out += 'Z';
  else {
    const abs = Math.abs(t.off);
    out += (t.off < 0 ? '-' : '+') + pad2(Math.floor(abs / 60)) + ':' + pad2(abs % 60);
  }
  return (t.r = out);
}

/** `GMT+7`, `GMT+5:30`, `GMT`. */
function offsetLabel(off) {
  if (off === 0) return 'GMT';
  // A listing's items share an offset or a few: its label is written once.
  if (off === lastOffset) return lastOffsetLabel;
  lastOffset = off;
  return (lastOffsetLabel = writeOffsetLabel(off));
}
let lastOffset = 0;
let lastOffsetLabel = 'GMT';
function writeOffsetLabel(off) {
  const abs = Math.abs(off);
  const minutes = abs % 60;
  return 'GMT' + (off < 0 ? '-' : '+') + Math.floor(abs / 60) + (minutes ? ':' + pad2(minutes) : '');
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** Where Intl refuses the locale and the zone: i18n::format_source_date. */
function sourceDate(t, vi) {
  const x = sourceTime(t);
  const clock = pad2(x.getUTCHours()) + ':' + pad2(x.getUTCMinutes()) + ' (' + offsetLabel(t.off) + ')';
  const day = x.getUTCDate();
  const year = x.getUTCFullYear();
  const date = vi ? day + '/' + (x.getUTCMonth() + 1) + '/' + year : MONTHS[x.getUTCMonth()] + ' ' + day + ', ' + year;
  return t.dateOnly ? date : date + ', ' + clock;
}

/** Intl formatters for a locale and zone (src/web/dates.rs); null where Intl refuses them. */
function intl(locale, zone) {
  try {
    const timeZone = zone || 'UTC';
    const dayIn = (timeZone) =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        day: 'numeric',
        month: isVi(locale) ? 'numeric' : 'short',
        year: 'numeric',
      }).format;
    const day = dayIn(timeZone);
    // A date without a time: the written date, in UTC after shifting, whatever the zone.
    const calendarDay = zone ? dayIn('UTC') : day;
    const clock = new Intl.DateTimeFormat(locale, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format;
    if (!zone) {
      // The source's own offset: the moment shifted so that UTC shows its wall time. In UTC a
      // day's text depends on its day alone and a clock's on its minute alone: a list of many
      // items on few days formats each day and each minute once.
      const days = new Map();
      const clocks = new Map();
      // The format call only where a text is not there yet: no closure made per item.
      const remember = (cache, key, format, moment) => {
        let text = cache.get(key);
        if (text === undefined) {
          if (cache.size >= 4096) cache.clear();
          cache.set(key, (text = format(moment)));
        }
        return text;
      };
      const DAY = 86400000;
      return (t) => {
        const moment = t.ms + t.off * 60000;
        const dayNumber = Math.floor(moment / DAY);
        try {
          const date = remember(days, dayNumber, day, moment);
          if (t.dateOnly) return date;
          const minute = Math.floor((moment - dayNumber * DAY) / 60000);
          return date + ', ' + remember(clocks, minute, clock, moment) + ' (' + offsetLabel(t.off) + ')';
        } catch {
          return undefined;
        }
      };
    }
    const names = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' });
    // A named zone: the moment in it, with the zone's own offset name.
    return (t) => {
      if (t.dateOnly) {
        try {
          return calendarDay(t.ms + t.off * 60000);
        } catch {
          return undefined;
        }
      }
      try {
        let label = names.formatToParts(t.ms).find((p) => p.type === 'timeZoneName')?.value;
        if (label === undefined) return undefined;
        if (label === 'GMT+0' || label === 'GMT-0' || label === 'UTC') label = 'GMT';
        return day(t.ms) + ', ' + clock(t.ms) + ' (' + label + ')';
      } catch {
        return undefined;
      }
    };
  } catch {
    return null;
  }
}

/** Formatters by locale and zone: Intl objects are costly to make and never change. */
const formatters = new Map();

function formatter(locale, zone) {
  const key = locale + '\n' + zone;
  let f = formatters.get(key);
  if (f === undefined) {
    const named = zone !== '' && zone !== 'source' ? zone : '';
    const vi = isVi(locale);
    const fmt = intl(locale, named) || intl('en', named) || intl(locale, '');
    f = fmt ? (t) => fmt(t) ?? sourceDate(t, vi) : (t) => sourceDate(t, vi);
    formatters.set(key, f);
  }
  return f;
}

// ---------------------------------------------------------------------------------------------
// The native format (src/formats/native.rs, detect.rs): decoded and resolved in one pass

const schema = (message) => ({ kind: 'schema', status: 0, message });

function kindOf(v) {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'boolean': return 'a boolean';
    case 'number': return 'a number';
    case 'string': return 'a string';
    default: return 'an object';
  }
}

/** `format="auto"`: null for native, else the format news-embed would read it as. */
function detect(json) {
  const top = Array.isArray(json) ? json[0] : json;
  if (Array.isArray(json) && json.length === 0) return null;
  if (isObj(top)) {
    const version = top.version;
    if (typeof version === 'string' && version.startsWith('https://jsonfeed.org/version/')) return 'jsonfeed';
    if (has(top, '@context') || has(top, '@type') || has(top, '@graph')) return 'schemaorg';
    if (isObj(top.title) || isObj(top.content) || isObj(top.excerpt) || isObj(top.guid) || has(top, 'date_gmt')) {
      return 'wordpress';
    }
    if (has(top, 'content_html') || has(top, 'content_text') || has(top, 'date_published')) return 'jsonfeed';
    if (typeof top.title === 'string' || Array.isArray(top.items)) return null;
  }
  return schema(
    `unrecognised document (${kindOf(json)}): expected a native article or listing (with "title" ` +
      'or "items"), a JSON Feed ("version": "https://jsonfeed.org/version/1.1"), WordPress posts ' +
      '("title": {"rendered": …}) or schema.org JSON-LD ("@context", "@type")',
  );
}

/** `{ doc }` (an article, or a listing `{ items, next }`) or `{ e }` (a schema error). */
function decode(json, base) {
  const other = detect(json);
  if (typeof other === 'string') {
    return { e: schema(`the ${other} format is not supported by news-embed-vanilla (native only)`) };
  }
  if (other) return { e: other };
  if (Array.isArray(json)) return { doc: { items: summaries(json, base), next: undefined } };
  if (Array.isArray(json.items)) {
    return { doc: { items: summaries(json.items, base), next: url(json.next, FETCH, base) } };
  }
  const a = article(json, base);
  return a
    ? { doc: a }
    : { e: schema('not a native article or listing: expected a "title" (article) or "items" (listing)') };
}

function article(json, base) {
  const title = text(json.title);
  if (title === undefined) return null;
  const body = [];
  if (Array.isArray(json.body)) {
    for (const b of json.body) {
      const block = isObj(b) && bodyBlock(b, base);
      if (block) body.push(block);
    }
  }
  const authors = [];
  if (Array.isArray(json.authors)) {
    for (const p of json.authors) {
      const person = typeof p === 'string' ? { name: text(p), photo: false } : isObj(p) ? personOf(p) : null;
      if (person && person.name !== undefined) authors.push(person);
    }
  }
  return {
    id: id(json.id),
    url: url(json.url, LINK, base),
    title,
    published: date(json.published),
    updated: date(json.updated),
    language: text(json.language),
    summary: text(json.summary),
    image: image(json.image, base),
    body,
    authors,
    tags: texts(json.tags),
    other: Array.isArray(json.other_news) ? summaries(json.other_news, base) : [],
  };
}

function personOf(p) {
  const role = typeof p.role === 'string' ? trim(p.role).toLowerCase() : '';
  return { name: text(p.name), photo: role === 'photo' || role === 'photographer' };
}

function summaries(list, base) {
  const out = [];
  for (const json of list) {
    const title = isObj(json) ? text(json.title) : undefined;
    if (title === undefined) continue;
    out.push({
      id: id(json.id),
      url: url(json.url, LINK, base),
      title,
      published: date(json.published),
      summary: text(json.summary),
      image: image(json.image, base),
    });
  }
  return out;
}

// Body blocks: { k: 'p' | 'h' | 'img' | 'q' | 'ul' | 'ol', ... }
function bodyBlock(json, base) {
  switch (json.type) {
    case 'paragraph': {
      const t = text(json.text);
      return t === undefined ? null : { k: 'p', text: t };
    }
    case 'heading': {
      const t = text(json.text);
      if (t === undefined) return null;
      const level = num(json.level);
      // f64::clamp(2, 6) as u8: NaN becomes 0, which shows as h2.
      const n = level === undefined ? 2 : Math.trunc(Math.min(6, Math.max(2, level))) || 0;
      return { k: 'h', tag: n <= 2 ? 'h2' : 'h' + n, text: t };
    }
    case 'image': {
      const img = imageObject(json, base);
      return img ? { k: 'img', img } : null;
    }
    case 'quote': {
      const t = text(json.text);
      return t === undefined ? null : { k: 'q', text: t, cite: url(json.cite, LINK, base) };
    }
    case 'list': {
      const items = texts(json.items);
      return items.length ? { k: json.ordered === true ? 'ol' : 'ul', items } : null;
    }
    default:
      return null;
  }
}

function image(v, base) {
  if (typeof v === 'string') {
    const src = url(v, IMAGE, base);
    return src === undefined ? undefined : { src, alt: '' };
  }
  return isObj(v) ? imageObject(v, base) : undefined;
}

function imageObject(json, base) {
  const src = url(json.src, IMAGE, base);
  if (src === undefined) return undefined;
  return {
    src,
    alt: str(json.alt) ?? '',
    caption: text(json.caption),
    credit: text(json.credit),
    width: dimension(json.width),
    height: dimension(json.height),
  };
}

// ---------------------------------------------------------------------------------------------
// Static structure: built once by DOM calls (no HTML parsing, so pages that enforce Trusted
// Types accept it), copied with cloneNode(true). Attributes a view may add come last in the
// view's order, so setAttribute on a clone keeps news-embed's attribute order.

function E(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (let i = 0; i < attrs.length; i += 2) el.setAttribute(attrs[i], attrs[i + 1]);
  el.append(...children);
  return el;
}

let T = null;

function templates() {
  // No `src` in the template: a copy of an image with a `src` starts loading it (an empty one
  // too), and setting the real one starts over: 13 ms for 1,000 copies instead of 6 (Chromium
  // 156). `src` and `alt` are set on each copy, in the view's order.
  const img = (part) => E('img', ['part', part, 'loading', 'lazy', 'decoding', 'async']);
  const time = (part) => E('time', ['part', part, 'datetime', ''], '');
  return {
    article: E('article', ['part', 'article']),
    h1: E('h1', ['part', 'headline'], ''),
    date: time('date'),
    updatedDate: time('updated-date'),
    itemDate: time('item-date'),
    updated: E('p', ['part', 'updated'], '', ' '),
    lead: E('p', ['part', 'lead'], ''),
    figure: E('figure', ['part', 'figure'], img('image')),
    caption: E('figcaption', ['part', 'caption']),
    small: E('small', [], ''),
    body: E('div', ['part', 'body']),
    p: E('p', [], ''),
    h2: E('h2', [], ''),
    h3: E('h3', [], ''),
    h4: E('h4', [], ''),
    h5: E('h5', [], ''),
    h6: E('h6', [], ''),
    quote: E('blockquote', [], E('p', [], '')),
    ul: E('ul', []),
    ol: E('ol', []),
    li: E('li', [], ''),
    link: E('a', ['href', '', 'part', '']),
    targetLink: E('a', ['href', '', 'target', '', 'rel', 'noopener', 'part', '']),
    readMore: E('p', []),
    credit: E('p', ['part', 'credit'], ''),
    tags: E('ul', ['part', 'tags', 'aria-label', '']),
    nav: E('nav', ['part', 'other-news', 'aria-label', ''], E('h2', [], ''), E('ul', [])),
    item: E('li', ['part', 'item']),
    itemImage: img('item-image'),
    span: E('span', [], ''),
    itemH2: E('h2', ['part', 'headline']),
    itemH3: E('h3', ['part', 'headline']),
    itemSummary: E('p', ['part', 'item-summary'], ''),
    list: E('ul', ['part', 'list']),
    more: E('button', ['part', 'more', 'type', 'button'], ''),
    waiting: E('div', ['part', 'status', 'role', 'status', 'aria-live', 'polite', 'aria-busy', 'true']),
    slot: E('slot', []),
    skeleton: E(
      'div',
      ['class', 'skeleton', 'aria-hidden', 'true'],
      ...[0, 1, 2, 3].map(() => E('div', ['class', 'bone'])),
    ),
    note: E('p', ['class', 'note'], ''),
    empty: E('div', ['part', 'status', 'role', 'status'], E('p', ['class', 'note'], '')),
    alert: E('div', ['part', 'status', 'role', 'alert'], E('p', ['class', 'message'], '')),
    retry: E('button', ['part', 'retry', 'type', 'button'], ''),
    /** Item templates by shape, heading and link target (itemTemplate). */
    items: [],
  };
}

/** A copy of template `el` whose first child (a text node) says `value`. */
function withText(el, value) {
  const copy = el.cloneNode(true);
  copy.firstChild.nodeValue = value;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Views (src/view): o = { labels, limit, date(t) → text, target }

/** A link of the widget's own: the host's link-target, and no opener for a new context. */
function link(href, part, o) {
  const a = (o.target === null ? T.link : T.targetLink).cloneNode(true);
  a.setAttribute('href', href);
  if (o.target !== null) a.setAttribute('target', o.target);
  a.setAttribute('part', part);
  return a;
}

function time(t, tpl, o) {
  const el = withText(tpl, o.date(t));
  el.setAttribute('datetime', rfc3339(t));
  return el;
}

function sizeImage(img, image, alt) {
  img.setAttribute('src', image.src);
  img.setAttribute('alt', alt);
  if (image.width !== undefined && image.height !== undefined) {
    img.setAttribute('width', String(image.width));
    img.setAttribute('height', String(image.height));
  }
}

function figure(image) {
  const fig = T.figure.cloneNode(true);
  const img = fig.firstChild;
  sizeImage(img, image, image.alt);
  if (image.caption !== undefined || image.credit !== undefined) {
    const caption = T.caption.cloneNode(false);
    if (image.caption !== undefined) caption.append(image.caption);
    if (image.credit !== undefined) {
      if (image.caption !== undefined) caption.append(' ');
      caption.append(withText(T.small, image.credit));
    }
    fig.append(caption);
  }
  return fig;
}

function renderArticle(a, o) {
  const labels = o.labels;
  const root = T.article.cloneNode(false);
  if (a.language !== undefined) {
    root.setAttribute('lang', a.language);
    root.setAttribute('dir', direction(a.language));
  }
  root.append(withText(T.h1, a.title));
  if (a.published) root.append(time(a.published, T.date, o));
  // Shown when it says something: a change at least a minute after publication.
  if (a.updated && (!a.published || a.updated.ms - a.published.ms >= 60000)) {
    const p = T.updated.cloneNode(true);
    p.firstChild.nodeValue = labels.updated;
    p.append(time(a.updated, T.updatedDate, o));
    root.append(p);
  }
  if (a.summary !== undefined) root.append(withText(T.lead, a.summary));
  if (a.image && !bodyShows(a.body, a.image)) root.append(figure(a.image));

  const body = T.body.cloneNode(false);
  for (const b of a.body) body.append(block(b));
  if (!a.body.length && a.url !== undefined) {
    const p = T.readMore.cloneNode(false);
    const more = link(a.url, 'read-more', o);
    more.append(labels.readMore);
    p.append(more);
    body.append(p);
  }
  root.append(body);

  const credit = creditLine(a.authors, labels);
  if (credit) root.append(withText(T.credit, credit));
  if (a.tags.length) {
    const ul = T.tags.cloneNode(false);
    ul.setAttribute('aria-label', labels.tags);
    for (const tag of a.tags) ul.append(withText(T.li, tag));
    root.append(ul);
  }
  if (a.other.length) {
    const nav = T.nav.cloneNode(true);
    nav.setAttribute('aria-label', labels.other);
    nav.firstChild.firstChild.nodeValue = labels.other;
    items(nav.lastChild, a.other, o, T.itemH3, false);
    root.append(nav);
  }
  return root;
}

function block(b) {
  switch (b.k) {
    case 'p':
      return withText(T.p, b.text);
    case 'h':
      return withText(T[b.tag], b.text);
    case 'img':
      return figure(b.img);
    case 'q': {
      const q = T.quote.cloneNode(true);
      if (b.cite !== undefined) q.setAttribute('cite', b.cite);
      q.firstChild.firstChild.nodeValue = b.text;
      return q;
    }
    default: {
      const list = T[b.k].cloneNode(false);
      for (const item of b.items) list.append(withText(T.li, item));
      return list;
    }
  }
}

/** Whether the body already shows the lead image: the same picture, or a body opening with one. */
function bodyShows(body, lead) {
  if (body.length && body[0].k === 'img') return true;
  for (const b of body) if (b.k === 'img' && b.img.src === lead.src) return true;
  return false;
}

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ji', 'ks', 'nqo', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg']);
const LTR_SCRIPTS = new Set(['latn', 'cyrl', 'deva']);

/** `rtl` for a right-to-left language or script subtag, else `ltr` (as `i18n::direction`). */
function direction(tag) {
  const [primary = '', ...rest] = trim(tag).split(/[-_]/);
  const script = rest.find((s) => /^[a-zA-Z]{4}$/.test(s))?.toLowerCase();
  if (script && RTL_SCRIPTS.has(script)) return 'rtl';
  if (script && LTR_SCRIPTS.has(script)) return 'ltr';
  return RTL_LANGUAGES.has(primary.toLowerCase()) ? 'rtl' : 'ltr';
}

/** "Ngọc Triều, Ảnh Huỳnh Sang": the authors, then the photographers after the photo label. */
function creditLine(people, labels) {
  let authors = '';
  let photographers = '';
  for (const p of people) {
    if (p.photo) photographers += (photographers ? ', ' : '') + p.name;
    else authors += (authors ? ', ' : '') + p.name;
  }
  if (!photographers) return authors;
  return authors
    ? authors + ', ' + labels.photoAfterAuthors + ' ' + photographers
    : labels.photo + ' ' + photographers;
}

/** An item's shape: which of its optional parts it has. Items of one shape are copies of one
 *  template, cloned whole: one deep clone per item costs less than building it node by node. */
function itemShape(s, withSummary) {
  return (s.image ? 1 : 0) | (s.url !== undefined ? 2 : 0) | (s.published ? 4 : 0) | (withSummary && s.summary !== undefined ? 8 : 0);
}

/** The template of items of `shape` under `heading`; `targeted`: their links carry `target`. */
function itemTemplate(shape, heading, targeted) {
  // A number, not a string built per item: this runs once per item.
  const key = shape | (heading === T.itemH3 ? 16 : 0) | (targeted ? 32 : 0);
  let li = T.items[key];
  if (li !== undefined) return li;
  li = T.item.cloneNode(false);
  if (shape & 1) li.append(T.itemImage.cloneNode(false));
  const h = heading.cloneNode(false);
  if (shape & 2) {
    const a = (targeted ? T.targetLink : T.link).cloneNode(true);
    a.setAttribute('part', 'item-link');
    a.append('');
    h.append(a);
  } else {
    h.append(T.span.cloneNode(true));
  }
  li.append(h);
  if (shape & 4) li.append(T.itemDate.cloneNode(true));
  if (shape & 8) li.append(T.itemSummary.cloneNode(true));
  T.items[key] = li;
  return li;
}

/** Appends one `<li part="item">` per summary to `ul`, at most `o.limit` of them. */
function items(ul, list, o, heading, withSummary) {
  const n = o.limit === null ? list.length : Math.min(o.limit, list.length);
  const targeted = o.target !== null;
  for (let i = 0; i < n; i++) {
    const s = list[i];
    const shape = itemShape(s, withSummary);
    const li = itemTemplate(shape, heading, targeted).cloneNode(true);
    let node = li.firstChild;
    if (shape & 1) {
      // The title beside it says what the picture is about: decorative here (alt="").
      sizeImage(node, s.image, '');
      node = node.nextSibling;
    }
    const title = node.firstChild;
    if (shape & 2) {
      title.href = s.url;
      if (targeted) title.target = o.target;
    }
    title.firstChild.nodeValue = s.title;
    if (shape & 4) {
      node = node.nextSibling;
      node.firstChild.nodeValue = o.date(s.published);
      node.dateTime = rfc3339(s.published);
    }
    if (shape & 8) node.nextSibling.firstChild.nodeValue = s.summary;
    ul.appendChild(li);
  }
}

function renderListing(listing, o) {
  if (!listing.items.length) return renderEmpty(o.labels);
  const frag = document.createDocumentFragment();
  const ul = T.list.cloneNode(false);
  items(ul, listing.items, o, T.itemH2, true);
  frag.append(ul);
  if (listing.next !== undefined) frag.append(withText(T.more, o.labels.more));
  return frag;
}

function renderLoading(labels, pageContent) {
  const status = T.waiting.cloneNode(false);
  if (pageContent) status.append(T.slot.cloneNode(false));
  else status.append(T.skeleton.cloneNode(true), withText(T.note, labels.loading));
  return status;
}

function renderEmpty(labels) {
  const status = T.empty.cloneNode(true);
  status.firstChild.firstChild.nodeValue = labels.empty;
  return status;
}

function renderError(e, canRetry, labels) {
  const alert = T.alert.cloneNode(true);
  alert.firstChild.firstChild.nodeValue = !e
    ? labels.none
    : e.kind === 'http'
      ? labels.http + ' ' + e.status + '.'
      : labels[e.kind];
  if (canRetry && e) alert.append(withText(T.retry, labels.retry));
  return alert;
}

// ---------------------------------------------------------------------------------------------
// Fetching (src/web/fetch.rs): a time limit, every failure classified, one request per URL

const ACCEPT = 'application/json, application/feed+json, application/ld+json, */*;q=0.5';
const fail = (kind, message) => ({ e: { kind, status: 0, message } });
const describe = (x) => (x instanceof Error ? x.message : typeof x === 'string' ? x : 'unknown error');

/** `{ json, url }` or `{ e }`; never rejects. */
async function fetchJson(src, controller, timeout) {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, Math.min(timeout, 2147483647));
  let result;
  try {
    const response = await fetch(new Request(src, { headers: { Accept: ACCEPT }, signal: controller.signal }));
    if (!response.ok) {
      const status = response.status;
      result = { e: { kind: 'http', status, message: `HTTP ${status} ${response.statusText}`.trimEnd() } };
    } else {
      const final = response.url || src;
      try {
        result = { json: await response.json(), url: final };
      } catch (x) {
        result = fail(x instanceof SyntaxError ? 'parse' : 'network', describe(x));
      }
    }
  } catch (x) {
    result = fail('network', String(x));
  }
  clearTimeout(timer);
  return timedOut ? fail('timeout', `no complete answer within ${timeout} ms`) : result;
}

/** Requests under way, by URL: widgets asking for the same URL at once share one request. */
const inFlight = new Map();

/**
 * Fetches `src`, joining a request for it already under way. `waiter.cancel()` makes the
 * promise resolve to null at once; the request is aborted when nobody waits for it any more.
 */
function fetchShared(src, timeout, waiter) {
  let request = inFlight.get(src);
  if (!request) {
    const controller = new AbortController();
    const shared = { controller, waiting: 0, done: false, promise: null };
    shared.promise = fetchJson(src, controller, timeout).then((result) => {
      shared.done = true;
      if (inFlight.get(src) === shared) inFlight.delete(src);
      return result;
    });
    inFlight.set(src, shared);
    request = shared;
  }
  request.waiting++;
  return new Promise((resolve) => {
    let settled = false;
    request.promise.then((result) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    });
    waiter.cancel = () => {
      if (settled) return;
      settled = true;
      if (--request.waiting === 0 && !request.done) {
        if (inFlight.get(src) === request) inFlight.delete(src);
        request.controller.abort();
      }
      resolve(null);
    };
  });
}

/** `src="#id"`: the JSON of the page's own `<script id>`. */
function inlineJson(id) {
  const script = document.getElementById(id);
  if (!script || script.localName !== 'script') return fail('network', `no <script id="${id}"> in the page`);
  try {
    return { json: JSON.parse(script.textContent), url: document.baseURI };
  } catch (x) {
    return fail('parse', describe(x));
  }
}

// ---------------------------------------------------------------------------------------------
// The stylesheet (src/web/styles.rs): constructed once, adopted by every shadow root

let sheet;

function adopt(root) {
  if (sheet === undefined) {
    sheet = null;
    for (const [name, initialValue] of [
      ['--news-embed-font-size', '16px'],
      ['--news-embed-max-width', '720px'],
      ['--news-embed-radius', '6px'],
    ]) {
      try {
        CSS_API.registerProperty({ name, syntax: '<length>', inherits: true, initialValue });
      } catch {
        // Already registered (news-embed on the same page), or no Properties and Values API.
      }
    }
    try {
      const s = new CSSStyleSheet();
      s.replaceSync(CSS);
      sheet = s;
    } catch {
      // No constructable stylesheets: unstyled.
    }
  }
  if (sheet) root.adoptedStyleSheets = [sheet];
}

const CSS_API = globalThis.CSS;

// ---------------------------------------------------------------------------------------------
// The elements (src/web/element.rs)

const ARTICLE = 0;
const LIST = 1;
const OBSERVED = ['src', 'lang', 'time-zone', 'limit', 'loading', 'item', 'timeout', 'link-target'];
/** A whole number as Rust's `str::parse::<u32>` reads it (wasm32's usize is 32 bits too). */
const U32 = /^\+?\d+$/;

function u32(value) {
  if (value === null) return null;
  const s = trim(value);
  if (!U32.test(s)) return null;
  const n = Number(s);
  return n <= 4294967295 ? n : null;
}

/** All loaded pages as one listing, `limit` applied to each page. */
function allPages(first, pages, limit) {
  let list = [];
  for (const page of [first, ...pages]) {
    list = list.concat(limit === null ? page.items : page.items.slice(0, limit));
  }
  return { items: list, next: (pages.length ? pages[pages.length - 1] : first).next };
}

/** `<vanilla-article>` showing a listing: the item named by `item` (else the first), the others as "other news". */
function listingAsArticle(listing, item) {
  let index = item === null ? -1 : listing.items.findIndex((s) => s.id === item);
  if (index < 0) index = 0;
  const s = listing.items[index];
  return {
    id: s.id,
    url: s.url,
    title: s.title,
    published: s.published,
    updated: undefined,
    language: undefined,
    summary: s.summary,
    image: s.image,
    body: [],
    authors: [],
    tags: [],
    other: listing.items.filter((_, i) => i !== index),
  };
}

class Widget extends HTMLElement {
  static observedAttributes = OBSERVED;

  #kind;
  #root;
  #data; // the property's value
  #pending = false; // set before connection: applied in connectedCallback
  #shown = null; // the widget's data (null: show `src`)
  #connected = false;
  #loaded = null; // { source: { json, url }, dec: { doc } | { e }, pages: [listing] }
  #fetchedSrc = null;
  #generation = 0;
  #inFlight = null;
  #near = false;
  #observer = null;
  #listening = false;
  #queued = false;
  #waiters = [];
  #loadingMore = false;
  /** "More" had focus when it was used (see #loadMore). */
  #moreHadFocus = false;
  /** "Retry" had focus when it was used: what answers it takes focus. */
  #retryHadFocus = false;

  constructor(kind) {
    super();
    this.#kind = kind;
    T ??= templates();
    this.#root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    adopt(this.#root);
    // `data` set before the element was upgraded is an own property hiding the accessor.
    if (Object.prototype.hasOwnProperty.call(this, 'data')) {
      const data = this.data;
      delete this.data;
      this.#data = data;
      this.#pending = true;
    }
  }

  connectedCallback() {
    if (this.#pending) {
      this.#pending = false;
      this.#setData(this.#data);
    }
    this.#connected = true;
    if (!this.#listening) {
      this.#root.addEventListener('click', this.#onClick);
      this.#listening = true;
    }
    this.#queue();
  }

  disconnectedCallback() {
    this.#connected = false;
    if (this.#inFlight) {
      // Removed mid-fetch: cancel quietly and fetch again if it comes back.
      this.#generation++;
      this.#fetchedSrc = null;
      this.#inFlight.cancel();
      this.#inFlight = null;
    }
    if (this.#observer) {
      this.#observer.disconnect();
      this.#observer = null;
    }
    if (this.#listening) {
      this.#root.removeEventListener('click', this.#onClick);
      this.#listening = false;
    }
    this.#settle();
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.#connected) return;
    if (name === 'src') {
      this.#shown = null;
      this.#retryHadFocus = false;
    }
    this.#queue();
  }

  get data() {
    return this.#data;
  }

  set data(value) {
    this.#data = value;
    // Out of the page: rendered (and announced) once, when it joins one.
    if (!this.#connected) {
      this.#pending = true;
      return;
    }
    this.#setData(value);
  }

  /** Fetches `src` again (renders `.data` again without one); resolves when ready or in error. */
  reload() {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#reload();
    });
  }

  #attr(name) {
    const v = this.getAttribute(name);
    return v !== null && trim(v) !== '' ? v : null;
  }

  #setData(value) {
    this.#cancel();
    this.#fetchedSrc = null;
    this.#loaded = null;
    if (value === null || value === undefined) {
      this.#shown = null;
      this.#queue();
      return;
    }
    this.#shown = value;
    this.#accept({ json: value, url: document.baseURI }, null);
  }

  #cancel() {
    this.#generation++;
    if (this.#inFlight) {
      this.#inFlight.cancel();
      this.#inFlight = null;
    }
  }

  #setState(state) {
    this.setAttribute('state', state);
    if (state !== 'loading') this.#settle();
  }

  #settle() {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Coalesces the changes of one task into one update. */
  #queue() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#update();
    });
  }

  #update() {
    if (!this.#connected) return;
    if (this.#shown !== null) return this.#render();
    const src = this.#attr('src');
    if (src === null) {
      this.#cancel();
      this.#loaded = null;
      return this.#showError(null);
    }
    if (this.#fetchedSrc === src) return this.#render();
    // The page's own inline JSON costs nothing to read: no reason to wait.
    if (this.#attr('loading') !== 'eager' && src[0] !== '#' && !this.#near) return this.#waitForViewport();
    this.#fetch(src);
  }

  #reload() {
    const src = this.#attr('src');
    if (src !== null) {
      this.#shown = null;
      this.#fetch(src);
    } else if (this.#shown !== null) {
      this.#accept({ json: this.#shown, url: document.baseURI }, null);
    } else {
      this.#showError(null);
    }
  }

  #timeout() {
    return u32(this.#attr('timeout')) ?? 10000;
  }

  async #fetch(src) {
    this.#cancel();
    if (this.#observer) {
      this.#observer.disconnect();
      this.#observer = null;
    }
    const waiter = { cancel() {} };
    this.#inFlight = waiter;
    this.#fetchedSrc = src;
    this.#loaded = null;
    const generation = this.#generation;
    this.#showLoading();
    const timeout = this.#timeout();
    let result;
    if (src[0] === '#') {
      await null;
      result = inlineJson(src.slice(1));
    } else {
      result = await fetchShared(src, timeout, waiter);
      // Cancelled: a newer fetch or the element's removal took over.
      if (result === null) return;
    }
    if (this.#generation !== generation) return;
    this.#inFlight = null;
    if (result.e) this.#fail(result.e, src);
    else this.#accept(result, src);
  }

  /** Decodes a source's JSON, renders it and tells the page. */
  #accept(source, src) {
    const dec = decode(source.json, source.url);
    this.#loaded = { source, dec, pages: [] };
    if (dec.e) this.#fail(dec.e, src);
    else {
      this.#render();
      this.#announce(src);
    }
  }

  #fail(e, src) {
    if (this.#loaded) this.#loaded.dec = { e };
    this.#showError(e);
    this.#dispatch('news-embed:error', { src, kind: e.kind, status: e.status, message: e.message });
  }

  #announce(src) {
    const loaded = this.#loaded;
    if (!loaded || loaded.dec.e) return;
    this.#dispatch('news-embed:load', { src, format: 'native', count: this.#count(loaded) });
  }

  #dispatch(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  #count(loaded) {
    const doc = loaded.dec.doc;
    if (!doc.items) return 1;
    if (this.#kind === ARTICLE) return doc.items.length ? 1 : 0;
    const limit = u32(this.#attr('limit'));
    let n = 0;
    for (const page of [doc, ...loaded.pages]) n += limit === null ? page.items.length : Math.min(limit, page.items.length);
    return n;
  }

  #labels(tag) {
    return isVi(tag) ? VI : EN;
  }

  #langTag() {
    const tag = this.closest('[lang]')?.getAttribute('lang');
    return (tag && trim(tag)) || 'en';
  }

  #options() {
    const tag = this.#langTag();
    const target = this.#attr('link-target');
    const zone = this.#attr('time-zone');
    return {
      labels: this.#labels(tag),
      limit: u32(this.#attr('limit')),
      date: formatter(tag, zone === null ? '' : trim(zone)),
      target: target === null ? null : trim(target),
    };
  }

  #render() {
    const loaded = this.#loaded;
    if (!loaded) return this.#showLoading();
    if (loaded.dec.e) return this.#showError(loaded.dec.e);
    const doc = loaded.dec.doc;
    // The DOM phase alone (the view built and attached, the JSON already read), as a User
    // Timing measure: `make bench` compares it with js-framework-benchmark's rows per node.
    const built = performance.now();
    const o = this.#options();
    let view;
    if (this.#kind === ARTICLE) {
      if (!doc.items) view = renderArticle(doc, o);
      else if (!doc.items.length) view = renderEmpty(o.labels);
      else view = renderArticle(listingAsArticle(doc, this.#attr('item') === null ? null : trim(this.#attr('item'))), o);
    } else if (doc.items) {
      view = renderListing(allPages(doc, loaded.pages, o.limit), { ...o, limit: null });
    } else {
      const { id, url, title, published, summary, image } = doc;
      view = renderListing({ items: [{ id, url, title, published, summary, image }], next: undefined }, o);
    }
    this.#root.replaceChildren(view);
    performance.measure('news-embed-vanilla:dom', { start: built });
    this.#setState('ready');
    if (this.#retryHadFocus) {
      this.#retryHadFocus = false;
      if (this.#kind === ARTICLE) {
        const headline = this.#root.querySelector('h1[part~=headline]');
        headline?.setAttribute('tabindex', '-1');
        headline?.focus();
      } else {
        (this.#root.querySelector('[part~=item-link]') ?? this.#root.querySelector('[part~=retry], [part~=more]'))?.focus();
      }
    }
  }

  #showLoading() {
    this.#root.replaceChildren(renderLoading(this.#labels(this.#langTag()), this.#hasPageContent()));
    this.#setState('loading');
  }

  /** Whether the page put an element, or text that is not just white space, inside the element. */
  #hasPageContent() {
    for (let child = this.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) return true;
      if (child.nodeType === 3 && /[^\t\n\f\r ]/.test(child.data)) return true;
    }
    return false;
  }

  #showError(e) {
    this.#root.replaceChildren(renderError(e, this.#attr('src') !== null, this.#labels(this.#langTag())));
    this.#setState('error');
    if (this.#retryHadFocus) {
      this.#retryHadFocus = false;
      this.#root.querySelector('[part~=retry]')?.focus();
    }
  }

  /** Lazy loading: fetch once the element comes within 200px of the viewport. */
  #waitForViewport() {
    if (this.#observer) return;
    this.#showLoading();
    try {
      const observer = new IntersectionObserver(
        (entries) => {
          if (!entries.some((entry) => entry.isIntersecting)) return;
          this.#near = true;
          this.#observer?.disconnect();
          this.#observer = null;
          this.#queue();
        },
        { rootMargin: '200px' },
      );
      observer.observe(this);
      this.#observer = observer;
    } catch {
      // No IntersectionObserver: load now.
      this.#near = true;
      this.#queue();
    }
  }

  /** One listener on the shadow root serves every button the views render. */
  #onClick = (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest('[part~=retry]')) {
      this.#retryHadFocus = this.#root.activeElement?.matches('[part~=retry]') ?? false;
      this.#reload();
    }
    else if (target.closest('[part~=more]')) this.#loadMore();
  };

  /** "More" brought `page`: its items go at the end of the list, and the pages before it are
   *  not rendered again. False when there is no list to append to. */
  #appendPage(page) {
    const ul = this.#root.querySelector('[part~=list]');
    if (!ul) return false;
    const before = ul.childElementCount;
    items(ul, page.items, this.#options(), T.itemH2, true);
    const button = this.#root.querySelector('[part~=more]');
    if (button && page.next !== undefined) {
      this.#enableMore(button);
    } else if (button) {
      button.remove();
      // The last page is in: focus goes to its first item, not back to the page.
      if (this.#moreHadFocus) ul.children[before]?.querySelector('a')?.focus();
      this.#moreHadFocus = false;
    }
    return true;
  }

  /** "More" can be used again, with focus back if it had it when it was used. */
  #enableMore(button) {
    button.removeAttribute('aria-busy');
    button.removeAttribute('aria-disabled');
    if (this.#moreHadFocus) button.focus();
    this.#moreHadFocus = false;
  }

  /** "More": fetches the listing's next page and appends it. */
  async #loadMore() {
    if (this.#loadingMore) return;
    const loaded = this.#loaded;
    const doc = loaded && loaded.dec.doc;
    const next = doc && doc.items ? (loaded.pages.length ? loaded.pages[loaded.pages.length - 1] : doc).next : undefined;
    if (next === undefined) return;
    this.#loadingMore = true;
    const button = this.#root.querySelector('[part~=more]');
    if (button) {
      // `aria-disabled`, not `disabled`: a disabled button loses focus to the page's <body>.
      this.#moreHadFocus = this.#root.activeElement === button;
      button.setAttribute('aria-busy', 'true');
      button.setAttribute('aria-disabled', 'true');
    }
    // Held like the main fetch, so that removing the element or changing `src` cancels it.
    const waiter = { cancel() {} };
    this.#inFlight = waiter;
    const generation = this.#generation;
    const result = await fetchShared(next, this.#timeout(), waiter);
    this.#loadingMore = false;
    if (this.#generation !== generation) return;
    this.#inFlight = null;
    if (result === null) return;
    let e = result.e;
    let page;
    if (!e) {
      const dec = decode(result.json, result.url);
      if (dec.e) e = dec.e;
      else if (!dec.doc.items) e = schema('the next page is an article, not a listing');
      else page = dec.doc;
    }
    if (page) {
      this.#loaded?.pages.push(page);
      if (!this.#appendPage(page)) this.#render();
      this.#announce(this.#attr('src'));
    } else {
      // The list stays; the page hears of the failure and "more" can be tried again.
      const button = this.#root.querySelector('[part~=more]');
      if (button) this.#enableMore(button);
      this.#dispatch('news-embed:error', { src: next, kind: e.kind, status: e.status, message: e.message });
    }
  }
}

for (const [name, kind] of [
  ['vanilla-article', ARTICLE],
  ['vanilla-list', LIST],
]) {
  if (!customElements.get(name)) {
    customElements.define(
      name,
      class extends Widget {
        constructor() {
          super(kind);
        }
      },
    );
  }
}
