// The vanilla baseline (bench/vanilla) against news-embed: for the native format, each pair
// <news-article>/<vanilla-article> and <news-list>/<vanilla-list> given the same data renders
// the same shadow DOM (shadowRoot.innerHTML equal as strings, and node for node, text nodes
// included), adopts the same stylesheet and tells the page the same events.
//
// Needs `make dist`; builds bench/vanilla/dist/ itself (node bench/vanilla/build.mjs) and serves
// it to the host page with page.route, since the e2e server serves only www/ and e2e/pages/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { start } from './server.mjs';
import { launch, fixture, repoRoot, watchErrors, recordEvents, events, sleep } from './helpers.mjs';

const VANILLA = path.join(repoRoot, 'bench', 'vanilla', 'dist', 'news-embed-vanilla.js');

const vi = fixture('article-vi.json');
const en = fixture('article-en.json');
const listing = fixture('articles.json');

let server;
let browser;

before(async () => {
  execFileSync(process.execPath, [path.join(repoRoot, 'bench', 'vanilla', 'build.mjs')], { stdio: 'pipe' });
  server = await start();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page of vanilla-host.html (lang="vi") with both implementations defined. */
async function open({ routes = {} } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await recordEvents(page);
  await page.route('**/e2e/vanilla/news-embed-vanilla.js', (route) =>
    route.fulfill({ path: VANILLA, contentType: 'text/javascript; charset=utf-8' }),
  );
  for (const [pattern, body] of Object.entries(routes)) {
    await page.route(pattern, (route) =>
      route.fulfill({ body: JSON.stringify(body), contentType: 'application/json; charset=utf-8' }),
    );
  }
  await page.goto(`${server.url}/e2e/vanilla-host.html`);
  await page.evaluate(() =>
    Promise.all(['news-article', 'news-list', 'vanilla-article', 'vanilla-list'].map((n) => customElements.whenDefined(n))),
  );
  return { context, page, errors };
}

/**
 * Puts `<news-{kind} id="news-{id}">` and `<vanilla-{kind} id="vanilla-{id}">` side by side in a
 * fresh `<section>` (with `lang` when given) replacing the previous pair, with the same
 * attributes, light DOM `html` and `.data` (given as JSON text: exact, lone surrogates too), and
 * waits until both have `state`. Returns, for each: the shadow root's innerHTML, its node tree,
 * its state and its stylesheet's rules.
 */
async function pair(page, { kind, id, attrs = {}, data, lang, html, state = 'ready', dataFirst = false }) {
  return page.evaluate(
    async ({ kind, id, attrs, json, lang, html, state, dataFirst }) => {
      const box = document.createElement('section');
      if (lang !== undefined) box.setAttribute('lang', lang);
      document.querySelector('#widgets').replaceChildren(box);
      const elements = ['news', 'vanilla'].map((prefix) => {
        const el = document.createElement(`${prefix}-${kind}`);
        el.id = `${prefix}-${id}`;
        for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
        if (html !== undefined) el.innerHTML = html;
        return el;
      });
      for (const el of elements) {
        if (json !== undefined && dataFirst) el.data = JSON.parse(json);
        box.append(el);
        if (json !== undefined && !dataFirst) el.data = JSON.parse(json);
      }
      const deadline = performance.now() + 10_000;
      while (!elements.every((el) => el.getAttribute('state') === state)) {
        if (performance.now() > deadline) {
          throw new Error(`${id}: states ${elements.map((el) => el.getAttribute('state'))}, expected ${state}`);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      return elements.map((el) => window.__describe(el));
    },
    { kind, id, attrs, json: data === undefined ? undefined : JSON.stringify(data), lang, html, state, dataFirst },
  );
}

/** Installs window.__describe(el): what the comparisons read of a widget. */
async function installDescribe(page) {
  await page.evaluate(() => {
    const tree = (node) =>
      node.nodeType === Node.TEXT_NODE
        ? ['#text', node.data]
        : [
            node.localName ?? '#root',
            node.attributes ? [...node.attributes].map((a) => [a.name, a.value]) : [],
            [...node.childNodes].map(tree),
          ];
    window.__describe = (el) => ({
      html: el.shadowRoot?.innerHTML ?? null,
      tree: el.shadowRoot ? JSON.stringify(tree(el.shadowRoot)) : null,
      state: el.getAttribute('state'),
      mode: el.shadowRoot?.mode ?? null,
      sheets: (el.shadowRoot?.adoptedStyleSheets ?? []).map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')),
    });
  });
}

/** Asserts that both sides of a pair are the same, and returns news-embed's side. */
function assertSame([news, vanilla], label) {
  assert.ok(news.html, `${label}: news-embed rendered something`);
  assert.equal(vanilla.html, news.html, `${label}: shadowRoot.innerHTML`);
  assert.equal(vanilla.tree, news.tree, `${label}: the node tree (text nodes included)`);
  assert.equal(vanilla.state, news.state, `${label}: state`);
  assert.equal(vanilla.mode, 'open');
  assert.deepEqual(vanilla.sheets, news.sheets, `${label}: the adopted stylesheet`);
  return news;
}

/** Asserts that both elements of pair `id` told the page the same events, and returns them. */
async function assertSameEvents(page, id, label = id) {
  const all = await events(page);
  const of = (prefix) =>
    all.filter((e) => e.id === `${prefix}-${id}`).map(({ type, detail, bubbles, composed }) => ({ type, detail, bubbles, composed }));
  const news = of('news');
  assert.deepEqual(of('vanilla'), news, `${label}: events`);
  return news;
}

async function check(page, options, label = options.id) {
  const news = assertSame(await pair(page, options), label);
  const seen = await assertSameEvents(page, options.id, label);
  return { news, events: seen };
}

test('the seed article (vi), from .data: identical shadow DOM, stylesheet and load event', async () => {
  const { context, page, errors } = await open();
  try {
    await installDescribe(page);
    const { news, events: seen } = await check(page, { kind: 'article', id: 'seed', data: vi });
    assert.match(news.html, /<time part="date" datetime="2020-05-22T10:21:00\+07:00">22\/5\/2020, 10:21 \(GMT\+7\)<\/time>/);
    assert.ok(news.sheets[0].length > 1000, 'the stylesheet is there');
    assert.deepEqual(seen, [
      { type: 'news-embed:load', detail: { src: null, format: 'native', count: 1 }, bubbles: true, composed: true },
    ]);
    // .data set before the element is connected, too.
    await check(page, { kind: 'article', id: 'seed-early', data: vi, dataFirst: true });
    assert.deepEqual(errors.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('the listing, limit 6 and no limit, and as "other news" of an article', async () => {
  const { context, page, errors } = await open();
  try {
    await installDescribe(page);
    const six = await check(page, { kind: 'list', id: 'six', data: listing, attrs: { limit: '6' } });
    assert.equal(six.events[0].detail.count, 6);
    assert.equal((six.news.html.match(/part="item"/g) ?? []).length, 6);
    const all = await check(page, { kind: 'list', id: 'all', data: listing });
    assert.equal(all.events[0].detail.count, listing.items.length);
    // news-article given a listing: the first item (or `item`), the others as other news.
    await check(page, { kind: 'article', id: 'as-article', data: listing, attrs: { limit: '4' } });
    await check(page, { kind: 'article', id: 'item', data: listing, attrs: { item: listing.items[3].id } });
    await check(page, { kind: 'article', id: 'no-such-item', data: listing, attrs: { item: 'nope' } });
    // news-list given an article: a one-item list.
    await check(page, { kind: 'list', id: 'one', data: vi });
    await check(page, { kind: 'list', id: 'one-limit-0', data: vi, attrs: { limit: '0' } });
    await check(page, { kind: 'list', id: 'limit-spaces', data: listing, attrs: { limit: ' +3 ' } });
    await check(page, { kind: 'list', id: 'limit-junk', data: listing, attrs: { limit: '3px' } });
    assert.deepEqual(errors.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('the English article (lang="en") and other locales, zones and link targets', async () => {
  const { context, page, errors } = await open();
  try {
    await installDescribe(page);
    const { news } = await check(page, { kind: 'article', id: 'en', data: en, lang: 'en' });
    assert.match(news.html, />Jun 2, 2020, 14:05 \(GMT\+7\)</);
    assert.match(news.html, /<blockquote cite=/);
    await check(page, { kind: 'article', id: 'en-own-lang', data: en, attrs: { lang: 'en-GB' } });
    await check(page, { kind: 'article', id: 'fr', data: en, lang: 'fr' });
    await check(page, { kind: 'article', id: 'bad-locale', data: vi, lang: 'x-not a locale!' });
    await check(page, { kind: 'article', id: 'blank-lang', data: vi, lang: '  ' });
    await check(page, { kind: 'list', id: 'hcm', data: listing, attrs: { 'time-zone': 'Asia/Ho_Chi_Minh' } });
    await check(page, { kind: 'list', id: 'ny', data: listing, lang: 'en-US', attrs: { 'time-zone': ' America/New_York ' } });
    await check(page, { kind: 'list', id: 'utc', data: listing, attrs: { 'time-zone': 'UTC' } });
    await check(page, { kind: 'list', id: 'kolkata', data: listing, lang: 'en', attrs: { 'time-zone': 'Asia/Kolkata' } });
    await check(page, { kind: 'list', id: 'bad-zone', data: listing, attrs: { 'time-zone': 'Mars/Olympus' } });
    await check(page, { kind: 'list', id: 'source', data: listing, attrs: { 'time-zone': 'source' } });
    await check(page, { kind: 'article', id: 'blank-target', data: en, attrs: { 'link-target': '_blank' } });
    await check(page, { kind: 'list', id: 'top-target', data: listing, attrs: { 'link-target': ' _top ' } });
    assert.deepEqual(errors.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('from src: relative URLs resolved against the JSON, load events with src', async () => {
  const { context, page, errors } = await open();
  try {
    await installDescribe(page);
    const a = await check(page, { kind: 'article', id: 'src-vi', attrs: { src: '/fixtures/article-vi.json' } });
    assert.match(a.news.html, /src="http:\/\/127\.0\.0\.1:\d+\/images\/dai-hoi-1\.svg"/);
    assert.deepEqual(a.events.map((e) => e.detail), [{ src: '/fixtures/article-vi.json', format: 'native', count: 1 }]);
    await check(page, { kind: 'article', id: 'src-en', lang: 'en', attrs: { src: '../fixtures/article-en.json' } });
    await check(page, { kind: 'list', id: 'src-list', attrs: { src: '/fixtures/articles.json', limit: '6' } });
    // Redirected: URLs resolve against where the JSON finally came from.
    await check(page, { kind: 'article', id: 'redirected', attrs: { src: '/fault/redirect/2', loading: 'eager' } });
    assert.deepEqual(errors.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('error views and error events: HTTP, parse, schema, timeout, no source', async () => {
  const { context, page } = await open();
  try {
    await installDescribe(page);
    const missing = await check(page, { kind: 'article', id: 'missing', attrs: { src: '/missing.json' }, state: 'error' });
    assert.match(missing.news.html, /part="retry"/);
    assert.deepEqual(missing.events.map((e) => e.detail), [
      { src: '/missing.json', kind: 'http', status: 404, message: 'HTTP 404 Not Found' },
    ]);
    await check(page, { kind: 'list', id: 'missing-en', lang: 'en', attrs: { src: '/missing.json' }, state: 'error' });
    await check(page, { kind: 'list', id: 'status-500', attrs: { src: '/fault/status/500' }, state: 'error' });
    await check(page, { kind: 'article', id: 'invalid-json', attrs: { src: '/fault/invalid-json' }, state: 'error' });
    await check(page, { kind: 'article', id: 'wrong-shape', attrs: { src: '/fault/wrong-shape' }, state: 'error' });
    await check(page, { kind: 'article', id: 'null', attrs: { src: '/fault/null' }, state: 'error' });
    await check(page, { kind: 'article', id: 'empty-object', attrs: { src: '/fault/empty-object' }, state: 'error' });
    await check(page, { kind: 'article', id: 'html-200', attrs: { src: '/fault/html-200' }, state: 'error' });
    await check(page, { kind: 'article', id: 'blank-title', data: { title: ' \n ' }, state: 'error' });
    await check(page, { kind: 'article', id: 'string', data: 'hello', state: 'error' });
    await check(page, { kind: 'list', id: 'no-source', state: 'error' });
    await check(page, { kind: 'article', id: 'no-inline', attrs: { src: '#nowhere' }, state: 'error' });
    const timeout = await check(page, {
      kind: 'article',
      id: 'timeout',
      attrs: { src: '/fault/slow', timeout: '300', loading: 'eager' },
      state: 'error',
    });
    assert.equal(timeout.events[0].detail.kind, 'timeout');
  } finally {
    await context.close();
  }
});

test('the empty list, and the loading views (skeleton, or the page content in a slot)', async () => {
  const { context, page, errors } = await open();
  try {
    await installDescribe(page);
    const empty = await check(page, { kind: 'list', id: 'empty', data: [] });
    assert.match(empty.news.html, /Chưa có tin nào\./);
    assert.deepEqual(empty.events.map((e) => e.detail), [{ src: null, format: 'native', count: 0 }]);
    await check(page, { kind: 'list', id: 'empty-items', data: { items: [], next: null }, lang: 'en' });
    await check(page, { kind: 'article', id: 'empty-as-article', data: [] });
    // A bare array whose first item has no title is no document news-embed recognises.
    await check(page, { kind: 'list', id: 'untitled-first', data: [{ url: 'https://example.org/' }, { title: 'T' }], state: 'error' });
    await check(page, { kind: 'list', id: 'untitled-rest', data: [{ title: 'T' }, { title: '  ' }, { url: 'https://example.org/' }] });

    const skeleton = await check(page, {
      kind: 'article',
      id: 'skeleton',
      attrs: { src: '/fault/slow', loading: 'eager' },
      state: 'loading',
    });
    assert.match(skeleton.news.html, /class="skeleton"/);
    const slot = await check(page, {
      kind: 'list',
      id: 'slot',
      attrs: { src: '/fault/slow' },
      html: '<a href="/fixtures/articles.json">Tin mới</a>',
      state: 'loading',
    });
    assert.match(slot.news.html, /<slot><\/slot>/);
    await check(page, { kind: 'list', id: 'blank-content', attrs: { src: '/fault/slow' }, html: ' \n\t ', state: 'loading' });
    assert.deepEqual(errors.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('retry after an error, and "more" pages appended', async () => {
  const page1 = { items: listing.items.slice(0, 5), next: '/vanilla-pages/2.json' };
  const page2 = { items: listing.items.slice(5, 10), next: 'page-3.json' };
  const page3 = { title: 'Not a listing' };
  const { context, page, errors } = await open({
    routes: {
      '**/vanilla-pages/1.json': page1,
      '**/vanilla-pages/2.json': page2,
      '**/vanilla-pages/page-3.json': page3,
    },
  });
  try {
    await installDescribe(page);
    // Retry: broken, then healed, then both retry buttons clicked.
    await check(page, { kind: 'article', id: 'retry', attrs: { src: '/fault/toggle/vanilla' }, state: 'error' });
    await fetch(`${server.url}/fault/toggle/vanilla/heal`);
    await page.click('#news-retry >> [part~=retry]');
    await page.click('#vanilla-retry >> [part~=retry]');
    await page.waitForFunction(() =>
      ['news-retry', 'vanilla-retry'].every((id) => document.getElementById(id).getAttribute('state') === 'ready'),
    );
    const retried = await page.evaluate(() => ['news-retry', 'vanilla-retry'].map((id) => window.__describe(document.getElementById(id))));
    assertSame(retried, 'after retry');
    await assertSameEvents(page, 'retry');

    // More: two pages appended (limit per page), then a "next page" that is an article.
    await check(page, { kind: 'list', id: 'more', attrs: { src: '/vanilla-pages/1.json', limit: '4' } });
    for (const pageNumber of [2, 3]) {
      for (const prefix of ['news', 'vanilla']) {
        await page.click(`#${prefix}-more >> [part~=more]`);
      }
      await page.waitForFunction(
        (n) => ['news-more', 'vanilla-more'].every((id) => (window.__events ?? []).filter((e) => e.id === id).length >= n),
        pageNumber,
      );
      await sleep(50);
      const after = await page.evaluate(() => ['news-more', 'vanilla-more'].map((id) => window.__describe(document.getElementById(id))));
      assertSame(after, `after more #${pageNumber - 1}`);
    }
    const seen = await assertSameEvents(page, 'more');
    assert.deepEqual(
      seen.map((e) => [e.type, e.detail.count ?? e.detail.kind]),
      [
        ['news-embed:load', 4],
        ['news-embed:load', 8],
        ['news-embed:error', 'schema'],
      ],
    );
    // reload() settles both.
    const states = await page.evaluate(() =>
      Promise.all(['news-more', 'vanilla-more'].map((id) => document.getElementById(id).reload().then(() => document.getElementById(id).getAttribute('state')))),
    );
    assert.deepEqual(states, ['ready', 'ready']);
    const reloaded = await page.evaluate(() => ['news-more', 'vanilla-more'].map((id) => window.__describe(document.getElementById(id))));
    assertSame(reloaded, 'after reload()');
    assert.deepEqual(errors.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('unusual data: trimming, URLs, sizes, headings, dates, credits, lone surrogates', async () => {
  const { context, page, errors } = await open();
  try {
    await installDescribe(page);
    const odd = {
      id: 42,
      url: '  https://example.org/a b\t?x=1#f ',
      title: '\u0085\u00a0 Tiêu đề \ud800 lẻ\u3000',
      published: '2021-01-03 07:05+05:30',
      updated: '2021-01-03T02:00:30.123Z',
      language: ' vi ',
      summary: '\ufeffTóm tắt\ufeff',
      image: { src: 'images/lead.svg', alt: ' alt kept as is ', caption: '  ', credit: 'Ảnh: X', width: '800px', height: 533.4 },
      body: [
        { type: 'paragraph', text: ' Đoạn một. ' },
        { type: 'paragraph', text: '   ' },
        { type: 'heading', level: 1, text: 'H1 → h2' },
        { type: 'heading', level: '3.9', text: 'h3' },
        { type: 'heading', level: 'inf', text: 'h6' },
        { type: 'heading', level: 'nan', text: 'h2 again' },
        { type: 'heading', text: 'no level' },
        { type: 'image', src: 'javascript:alert(1)', alt: 'dropped' },
        { type: 'image', src: 'data:image/png;base64,AAAA', alt: 'dropped too' },
        { type: 'image', src: '//cdn.example.org/x.png', caption: 'only a caption', width: 0, height: 10 },
        { type: 'image', src: 'HTTPS://EXAMPLE.ORG/Y.PNG', credit: 'only a credit', width: '1e3', height: '2.5e2' },
        { type: 'quote', text: 'Trích dẫn', cite: 'mailto:someone@example.org' },
        { type: 'quote', text: 'Bad cite', cite: 'javascript:void(0)' },
        { type: 'list', items: ['a', ' ', 'b'], ordered: true },
        { type: 'list', items: 'x, y,, z' },
        { type: 'list', items: [] },
        { type: 'unknown', text: 'skipped' },
        'not a block',
      ],
      authors: ['  Tác giả  ', { name: 'Nhiếp ảnh', role: ' Photographer ' }, { name: ' ' }, 7, { name: 'Hai', role: 'PHOTO' }],
      tags: ' khoa học, công nghệ ,, ',
      other_news: [
        { title: 'Không có URL', published: 'not a date' },
        { title: 'Relative', url: '../tin/1', image: '/images/tin-iso.svg', published: '2020-02-29T23:59:60-04:00' },
        { title: 'mailto', url: 'mailto:x@example.org', image: 'mailto:x@example.org' },
        { title: 'Date only', url: 'https://example.org/', published: '2020-05-22' },
        { title: 'Fraction', published: '2020-05-22T03:21:00.999999Z' },
        { title: 'Invalid', published: '2019-02-29T00:00:00Z' },
        // Near the form `datetime` is written in, but not it (each is rewritten), and one in
        // it at a negative offset (kept as it is).
        { title: 'Lower case', published: '2020-05-22t10:21:00z' },
        { title: 'Zero offset', published: '2020-05-22T10:21:00+00:00' },
        { title: 'Negative zero', published: '2020-05-22T10:21:00-00:00' },
        { title: 'No colon', published: '2020-05-22T10:21:00+0700' },
        { title: 'Empty fraction', published: '2020-05-22T10:21:00.+07:00' },
        { title: 'Written', published: '2020-05-22T10:21:00-03:30' },
        { url: 'https://example.org/untitled' },
        null,
      ],
    };
    await check(page, { kind: 'article', id: 'odd', data: odd });
    await check(page, { kind: 'article', id: 'odd-en', data: odd, lang: 'en', attrs: { 'link-target': '_blank' } });
    await check(page, { kind: 'list', id: 'odd-list', data: odd.other_news });

    // An empty body with a URL shows "read more"; the lead image is shown when the body lacks it.
    const bare = { title: 'Bare', url: 'https://example.org/bare', image: 'https://example.org/i.png', published: '2020-05-22T10:21:00Z', updated: '2020-05-22T10:21:59Z' };
    await check(page, { kind: 'article', id: 'bare', data: bare });
    await check(page, { kind: 'article', id: 'bare-target', data: bare, attrs: { 'link-target': '_blank' } });
    await check(page, { kind: 'article', id: 'updated', data: { ...bare, updated: '2020-05-22T10:22:00Z', authors: [{ name: 'Ảnh only', role: 'photo' }] } });
    await check(page, {
      kind: 'article',
      id: 'same-image-later',
      data: { ...bare, body: [{ type: 'paragraph', text: 'p' }, { type: 'image', src: 'https://example.org/i.png' }] },
    });
    await check(page, { kind: 'article', id: 'other-image', data: { ...bare, body: [{ type: 'paragraph', text: 'p' }] } });
    assert.deepEqual(errors.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('lifecycle: .data before upgrade, src replacing .data, .data = null, removed mid-fetch', async () => {
  const { context, page, errors } = await open();
  try {
    await installDescribe(page);
    const both = (id) => page.evaluate((id) => ['news', 'vanilla'].map((p) => window.__describe(document.getElementById(`${p}-${id}`))), id);
    const waitBoth = (id, state) =>
      page.waitForFunction(
        ([id, state]) => ['news', 'vanilla'].every((p) => document.getElementById(`${p}-${id}`)?.getAttribute('state') === state),
        [id, state],
      );

    // `.data` set on an element not yet upgraded (made in a document without custom elements).
    await page.evaluate((json) => {
      const inert = document.implementation.createHTMLDocument('');
      const box = document.createElement('section');
      document.querySelector('#widgets').replaceChildren(box);
      for (const prefix of ['news', 'vanilla']) {
        const el = inert.createElement(`${prefix}-article`);
        el.id = `${prefix}-early`;
        el.data = JSON.parse(json);
        box.append(el);
      }
    }, JSON.stringify(vi));
    await waitBoth('early', 'ready');
    assertSame(await both('early'), 'data before upgrade');
    await assertSameEvents(page, 'early');

    // Then a src replaces it, then .data = null without src: the no-source error.
    await page.evaluate(() => {
      for (const p of ['news', 'vanilla']) document.getElementById(`${p}-early`).setAttribute('src', '/fixtures/article-en.json');
    });
    await page.waitForFunction(() =>
      ['news', 'vanilla'].every((p) => document.getElementById(`${p}-early`).shadowRoot.textContent.includes('Technology fair')),
    );
    await waitBoth('early', 'ready');
    assertSame(await both('early'), 'src after data');
    await page.evaluate(() => {
      for (const p of ['news', 'vanilla']) {
        const el = document.getElementById(`${p}-early`);
        el.removeAttribute('src');
        el.data = null;
      }
    });
    await waitBoth('early', 'error');
    assertSame(await both('early'), 'no source');
    await assertSameEvents(page, 'early');

    // Removed while fetching, put back: fetched again and shown.
    await pair(page, { kind: 'list', id: 'moved', attrs: { src: '/fault/delay?ms=300&file=/fixtures/articles.json', loading: 'eager' }, state: 'loading' });
    await page.evaluate(() => {
      const box = document.querySelector('#widgets section');
      const kids = [...box.children];
      box.replaceChildren();
      setTimeout(() => box.append(...kids), 50);
    });
    await waitBoth('moved', 'ready');
    assertSame(await both('moved'), 'moved');
    const seen = await assertSameEvents(page, 'moved');
    assert.equal(seen.length, 1, 'one load, after the element came back');
    assert.deepEqual(errors.pageErrors, []);
  } finally {
    await context.close();
  }
});
