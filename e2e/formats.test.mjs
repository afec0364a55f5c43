// The four input formats on whole pages: the demo pages (native, JSON Feed, WordPress,
// schema.org) render the same seed article and a listing of their own; JSON Feed `next_url`
// and WordPress `X-WP-TotalPages` paging; a forced wrong `format`, feed `item`, an
// unrecognised document; HTML bodies rebuilt from the allowlist.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  useServerAndBrowser,
  fixture,
  addWidget,
  waitForState,
  waitForEvents,
  readParts,
  partText,
  events,
  until,
  sleep,
  openPage,
} from './helpers.mjs';

const native = fixture('article-vi.json');
const nativeListing = fixture('articles.json');
const feed = fixture('jsonfeed/feed.json');
const feed2 = fixture('jsonfeed/feed-2.json');
const wpPosts = fixture('wordpress/posts.json');
const wpPosts2 = fixture('wordpress/posts-page-2.json');
const itemList = fixture('schemaorg/itemlist.json');

/** WordPress' `title.rendered` as text: its character references decoded. */
function htmlText(html) {
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref) => {
      if (ref[0] !== '#') return named[ref.toLowerCase()] ?? whole;
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return String.fromCodePoint(code);
    });
}

const SEED_TITLE = native.title;
const SEED_DATE = '22/5/2020, 10:21 (GMT+7)';
const SEED_DATETIME = '2020-05-22T10:21:00+07:00';
const SEED_PARAGRAPHS = native.body.filter((b) => b.type === 'paragraph').map((b) => b.text);
const SEED_CAPTIONS = native.body.filter((b) => b.type === 'image').map((b) => b.caption);
const SEED_IMAGES = ['dai-hoi-1.svg', 'dai-hoi-2.svg', 'dai-hoi-3.svg'];
const MORE_VI = 'Xem thêm';

/** The demo pages, what each one's seed and list are read from, and what they list. */
const DEMO_PAGES = [
  {
    path: '/',
    format: 'native',
    seedSrc: 'fixtures/article-vi.json',
    listSrc: 'fixtures/articles.json',
    fetched: ['/fixtures/article-vi.json', '/fixtures/articles.json'],
    credit: 'Ngọc Triều, Ảnh Huỳnh Sang',
    listTitles: nativeListing.items.map((i) => i.title),
    more: false,
  },
  {
    path: '/jsonfeed.html',
    format: 'jsonfeed',
    seedSrc: 'fixtures/jsonfeed/feed.json',
    listSrc: 'fixtures/jsonfeed/feed.json',
    // The article and the list read the same feed: one request when they ask at once.
    fetched: ['/fixtures/jsonfeed/feed.json'],
    credit: 'Ngọc Triều',
    listTitles: feed.items.map((i) => i.title),
    more: true, // next_url
  },
  {
    path: '/wordpress.html',
    format: 'wordpress',
    seedSrc: 'fixtures/wordpress/post.json',
    listSrc: 'fixtures/wordpress/posts.json',
    fetched: ['/fixtures/wordpress/post.json', '/fixtures/wordpress/posts.json'],
    credit: 'Ngọc Triều',
    listTitles: wpPosts.map((p) => htmlText(p.title.rendered)),
    more: false, // a static file: no X-WP-TotalPages
  },
  {
    path: '/schemaorg.html',
    format: 'schemaorg',
    seedSrc: '#seed-jsonld',
    listSrc: 'fixtures/schemaorg/itemlist.json',
    // The article is the page's own JSON-LD: no request for it.
    fetched: ['/fixtures/schemaorg/itemlist.json'],
    credit: 'Ngọc Triều, Ảnh Huỳnh Sang',
    listTitles: itemList.itemListElement.map((e) => e.item.headline),
    more: false,
  },
];

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

/**
 * A fresh Vietnamese context on `path`, recording events, page errors and every request
 * (`requested`: `{ path, url, type }`; `fetched()`: the paths the widgets fetched).
 */
async function open(path, { viewport = { width: 1280, height: 900 } } = {}) {
  const requested = [];
  const opened = await openPage(browser, `${server.url}${path}`, {
    context: { viewport, locale: 'vi-VN' },
    prepare: (page) =>
      page.on('request', (request) => {
        const url = new URL(request.url());
        requested.push({ path: url.pathname, url: request.url(), type: request.resourceType() });
      }),
  });
  // The widget's own fetches (the loader fetches the .wasm too).
  const fetched = () =>
    requested
      .filter((r) => (r.type === 'fetch' || r.type === 'xhr') && !r.path.startsWith('/dist/'))
      .map((r) => r.path);
  return { ...opened, requested, fetched };
}

/** Everything a reader sees of the `<news-article>` at `selector`, as plain data. */
function readArticle(page, selector) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const one = (scope, query) => {
      const found = scope.querySelectorAll(query);
      if (found.length !== 1) throw new Error(`${sel}: ${found.length} × ${query}, expected one`);
      return found[0];
    };
    const article = one(root, '[part~=article]');
    const body = one(article, '[part~=body]');
    const date = one(article, '[part~=date]');
    // Figures of the article itself (the lead image and the body), not of "other news".
    const figures = [...article.querySelectorAll('[part~=figure]')].filter(
      (f) => !f.closest('[part~=other-news]'),
    );
    return {
      headline: one(article, 'h1[part~=headline]').textContent,
      date: date.textContent,
      datetime: date.getAttribute('datetime'),
      lead: one(article, '[part~=lead]').textContent,
      paragraphs: [...body.children].filter((e) => e.localName === 'p').map((p) => p.textContent),
      // The body's top level: "figure" or the tag name, in order.
      layout: [...body.children].map((e) => (e.matches('[part~=figure]') ? 'figure' : e.localName)),
      figures: figures.length,
      captions: figures.map((f) => f.querySelector('[part~=caption]')?.textContent ?? null),
      figureImages: figures.map((f) => {
        const img = f.querySelector('img[part~=image]');
        return img && new URL(img.src).pathname;
      }),
      bodyFigures: body.querySelectorAll('[part~=figure]').length,
      bodyImages: [...body.querySelectorAll('[part~=figure] img[part~=image]')].map(
        (img) => new URL(img.src).pathname,
      ),
      credit: one(article, '[part~=credit]').textContent,
    };
  }, selector);
}

/**
 * Scrolls every `<img>` of `selector`'s shadow root into view in turn and waits until it
 * has loaded (complete, naturalWidth > 0). Returns their `src`s.
 */
async function loadEveryImage(page, selector) {
  const srcs = await page.evaluate(
    (sel) => [...document.querySelector(sel).shadowRoot.querySelectorAll('img')].map((img) => img.src),
    selector,
  );
  for (let i = 0; i < srcs.length; i++) {
    assert.ok(srcs[i], `${selector}: img #${i} has a src`);
    await page.evaluate(
      ([sel, index]) =>
        document.querySelector(sel).shadowRoot.querySelectorAll('img')[index].scrollIntoView({ block: 'center' }),
      [selector, i],
    );
    try {
      await page.waitForFunction(
        ([sel, index]) => {
          const img = document.querySelector(sel).shadowRoot.querySelectorAll('img')[index];
          return img.complete && img.naturalWidth > 0;
        },
        [selector, i],
        { timeout: 10_000 },
      );
    } catch (error) {
      throw new Error(`${selector}: img #${i} (${srcs[i]}) did not load: ${error.message}`);
    }
  }
  return srcs;
}

/** The text of every item link of the list at `selector`. */
async function itemTitles(page, selector) {
  return (await readParts(page, selector, 'item-link')).map((a) => a.text);
}

test('the four demo pages render the same seed article', async () => {
  /** What each page showed, by format. */
  const seen = {};
  for (const demo of DEMO_PAGES) {
    const { context, page, fetched, pageErrors, consoleErrors } = await open(demo.path);
    try {
      await waitForState(page, 'news-article#seed', 'ready');
      await waitForState(page, 'news-list#latest', 'ready');
      await waitForEvents(page, 'news-embed:load', 1, { id: 'seed' });

      const article = await readArticle(page, 'news-article#seed');
      const images = await loadEveryImage(page, 'news-article#seed');
      assert.ok(images.length >= 3, `${demo.path}: at least the three figures' images`);
      seen[demo.format] = article;

      // Each page against the source text itself.
      assert.equal(article.headline, SEED_TITLE, `${demo.path}: headline`);
      assert.equal(article.date, SEED_DATE, `${demo.path}: date`);
      assert.equal(article.datetime, SEED_DATETIME, `${demo.path}: datetime`);
      assert.equal(article.lead, native.summary, `${demo.path}: lead`);
      assert.equal(article.credit, demo.credit, `${demo.path}: credit`);
      // Three figures: the lead image (item image, featured media, first ImageObject) is
      // not repeated above a body that already shows it.
      assert.equal(article.figures, 3, `${demo.path}: three figures`);
      assert.equal(article.bodyFigures, 3, `${demo.path}: all three in the body`);
      assert.deepEqual(article.captions, SEED_CAPTIONS, `${demo.path}: captions, in order`);
      assert.deepEqual(
        article.bodyImages,
        SEED_IMAGES.map((name) => `/images/${name}`),
        `${demo.path}: the body's images, in order`,
      );

      const seedLoads = (await events(page, 'news-embed:load')).filter((e) => e.id === 'seed');
      assert.deepEqual(
        seedLoads.map((e) => e.detail),
        [{ src: demo.seedSrc, format: demo.format, count: 1 }],
        `${demo.path}: one load event naming the format`,
      );
      assert.deepEqual(await events(page, 'news-embed:error'), [], `${demo.path}: no error events`);
      // The schema.org page reads its article from its own JSON-LD: only the list is fetched.
      assert.deepEqual([...new Set(fetched())].sort(), [...demo.fetched].sort(), `${demo.path}: what was fetched`);
      assert.ok(fetched().length <= 2, `${demo.path}: no URL fetched more than the widgets needed`);
      assert.deepEqual(pageErrors, [], `${demo.path}: page errors`);
      assert.deepEqual(consoleErrors, [], `${demo.path}: console errors`);
    } finally {
      await context.close();
    }
  }

  // Native, JSON Feed and WordPress hold the same text, images in place: identical.
  const reference = seen.native;
  assert.deepEqual(reference.paragraphs, SEED_PARAGRAPHS);
  assert.equal(reference.paragraphs.length, 8);
  assert.deepEqual(reference.captions, SEED_CAPTIONS);
  assert.equal(reference.figures, 3);
  for (const format of ['jsonfeed', 'wordpress']) {
    const other = seen[format];
    for (const key of ['headline', 'date', 'datetime', 'lead', 'paragraphs', 'captions', 'figures', 'layout']) {
      assert.deepEqual(other[key], reference[key], `${format} ${key} == native`);
    }
  }

  // schema.org: plain text with the images beside it, spread evenly through the body.
  const schema = seen.schemaorg;
  for (const key of ['headline', 'date', 'datetime', 'lead']) {
    assert.deepEqual(schema[key], reference[key], `schemaorg ${key} == native`);
  }
  assert.deepEqual([...schema.paragraphs].sort(), [...reference.paragraphs].sort(), 'same paragraphs');
  assert.deepEqual(schema.captions, reference.captions, 'same captions, same order');
  assert.equal(schema.figures, 3);
  assert.deepEqual(schema.figureImages, SEED_IMAGES.map((name) => `/images/${name}`));
  assert.equal(schema.layout[0], 'figure', 'the first image leads the body');
  // The paragraphs after each figure: n figures cut the text into n runs that differ by at
  // most one paragraph.
  const runs = [];
  for (const entry of schema.layout) {
    if (entry === 'figure') runs.push(0);
    else runs[runs.length - 1] += 1;
  }
  assert.equal(runs.length, 3, `three runs of paragraphs: ${schema.layout.join(' ')}`);
  assert.ok(Math.max(...runs) - Math.min(...runs) <= 1, `images spread evenly: ${runs.join(', ')}`);
});

test("each demo page's list shows the first six items of its own listing", async () => {
  for (const demo of DEMO_PAGES) {
    const { context, page, pageErrors } = await open(demo.path);
    try {
      await waitForState(page, 'news-list#latest', 'ready');
      await waitForEvents(page, 'news-embed:load', 1, { id: 'latest' });
      assert.equal((await readParts(page, 'news-list#latest', 'item')).length, 6, demo.path);
      const titles = await itemTitles(page, 'news-list#latest');
      assert.deepEqual(titles, demo.listTitles.slice(0, 6), `${demo.path}: the listing's first six`);
      assert.equal(titles[0], SEED_TITLE, `${demo.path}: the seed comes first`);

      const more = await readParts(page, 'news-list#latest', 'more');
      assert.deepEqual(
        more.map((b) => [b.tag, b.text]),
        demo.more ? [['button', MORE_VI]] : [],
        `${demo.path}: "more" only where the source has a next page`,
      );
      const loads = (await events(page, 'news-embed:load')).filter((e) => e.id === 'latest');
      assert.deepEqual(loads.map((e) => e.detail), [{ src: demo.listSrc, format: demo.format, count: 6 }]);

      if (demo.format === 'wordpress') {
        // Titles arrive as HTML: “…” and & are characters, no reference is left.
        assert.equal(titles[4], 'Tập huấn “Nâng cao nhận thức về sở hữu trí tuệ” cho doanh nghiệp');
        const texts = (await readParts(page, 'news-list#latest', 'item')).map((i) => i.text);
        for (const text of texts) {
          assert.ok(!text.includes('&#'), `no character reference left in ${JSON.stringify(text)}`);
          assert.ok(!/&[a-z]+;/i.test(text), `no entity left in ${JSON.stringify(text)}`);
        }
      }
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  }
});

test('JSON Feed paging: "more" appends the next_url page, limit applying to each page', async () => {
  const { context, page, fetched, pageErrors } = await open('/e2e/formats-jsonfeed-paging.html');
  try {
    const sel = 'news-list#feed';
    await waitForState(page, sel, 'ready');
    await waitForEvents(page, 'news-embed:load', 1, { id: 'feed' });
    assert.deepEqual(await itemTitles(page, sel), feed.items.slice(0, 4).map((i) => i.title));
    const more = page.locator(sel).locator('[part~=more]');
    assert.equal(await more.count(), 1);
    assert.equal(await more.textContent(), MORE_VI);
    assert.equal(await more.isVisible(), true);
    assert.deepEqual(fetched(), ['/fixtures/jsonfeed/feed.json']);
    // The first page's items must stay the nodes they are: "more" appends, it does not render
    // the whole list again (scroll position, selection and focus stay).
    await page.evaluate((s) => {
      window.firstItem = document.querySelector(s).shadowRoot.querySelector('[part~=item]');
    }, sel);

    await more.click();
    await page.waitForFunction(
      (s) => document.querySelector(s).shadowRoot.querySelectorAll('[part~=item]').length === 8,
      sel,
      { timeout: 10_000 },
    );
    await waitForEvents(page, 'news-embed:load', 2, { id: 'feed' });
    const after = await page.evaluate((s) => {
      const root = document.querySelector(s).shadowRoot;
      const items = root.querySelectorAll('[part~=item]');
      return {
        same: items[0] === window.firstItem,
        focused: root.activeElement?.textContent ?? null,
        fifthLink: items[4].querySelector('a')?.textContent ?? null,
      };
    }, sel);
    assert.equal(after.same, true, 'the first page was not rendered again');
    assert.ok(after.fifthLink, 'the first appended item has a link');
    assert.equal(after.focused, after.fifthLink, 'with "more" gone, focus is on the first new item');

    assert.deepEqual(await itemTitles(page, sel), [
      ...feed.items.slice(0, 4).map((i) => i.title),
      ...feed2.items.slice(0, 4).map((i) => i.title),
    ]);
    assert.equal(await more.count(), 0, 'feed-2.json has no next_url: no "more"');
    assert.equal(await page.getAttribute(sel, 'state'), 'ready');
    assert.deepEqual(fetched(), ['/fixtures/jsonfeed/feed.json', '/fixtures/jsonfeed/feed-2.json']);
    const loads = (await events(page, 'news-embed:load')).filter((e) => e.id === 'feed');
    assert.deepEqual(
      loads.map((e) => e.detail),
      [
        { src: '/fixtures/jsonfeed/feed.json', format: 'jsonfeed', count: 4 },
        { src: '/fixtures/jsonfeed/feed.json', format: 'jsonfeed', count: 8 },
      ],
    );

    // Reading the JSON in hand again (a `format` change) keeps the pages loaded with "more".
    await page.evaluate((s) => document.querySelector(s).setAttribute('format', 'jsonfeed'), sel);
    await waitForEvents(page, 'news-embed:load', 3, { id: 'feed' });
    assert.equal((await itemTitles(page, sel)).length, 8);
    assert.equal(await more.count(), 0);
    assert.deepEqual(fetched(), ['/fixtures/jsonfeed/feed.json', '/fixtures/jsonfeed/feed-2.json']);
    assert.deepEqual(await events(page, 'news-embed:error'), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

/** The page-2 request URL the WordPress paging test saw. */
let wordpressPage2 = null;

test('WordPress paging: X-WP-TotalPages gives "more", which fetches page=2', async () => {
  const { context, page, requested, pageErrors } = await open('/e2e/formats-wordpress-paging.html');
  try {
    const sel = 'news-list#posts';
    const apiRequests = () => requested.filter((r) => r.path === '/wp-json/wp/v2/posts');
    await waitForState(page, sel, 'ready');
    await waitForEvents(page, 'news-embed:load', 1, { id: 'posts' });
    const page1 = wpPosts.map((p) => htmlText(p.title.rendered));
    assert.equal(page1.length, 10);
    assert.deepEqual(await itemTitles(page, sel), page1);
    const more = page.locator(sel).locator('[part~=more]');
    assert.equal(await more.count(), 1);
    assert.equal(await more.textContent(), MORE_VI);
    assert.equal(apiRequests().length, 1);
    assert.equal(new URL(apiRequests()[0].url).search, '?_embed');

    await more.click();
    await page.waitForFunction(
      (s) => document.querySelector(s).shadowRoot.querySelectorAll('[part~=item]').length === 15,
      sel,
      { timeout: 10_000 },
    );
    await waitForEvents(page, 'news-embed:load', 2, { id: 'posts' });

    const page2 = wpPosts2.map((p) => htmlText(p.title.rendered));
    assert.deepEqual(await itemTitles(page, sel), [...page1, ...page2]);
    assert.equal(page2.at(-1), 'Nâng cấp cơ sở dữ liệu KH&CN phục vụ tra cứu trực tuyến');
    assert.equal(await more.count(), 0, 'page 2 of 2: no "more"');
    assert.equal(apiRequests().length, 2);
    wordpressPage2 = apiRequests()[1].url;
    const next = new URL(wordpressPage2);
    assert.equal(next.searchParams.get('page'), '2', wordpressPage2);
    assert.ok(next.searchParams.has('_embed'), `${wordpressPage2} keeps _embed`);
    assert.deepEqual([...next.searchParams.keys()].sort(), ['_embed', 'page']);

    const loads = (await events(page, 'news-embed:load')).filter((e) => e.id === 'posts');
    assert.deepEqual(
      loads.map((e) => e.detail),
      [
        { src: '/wp-json/wp/v2/posts?_embed', format: 'wordpress', count: 10 },
        { src: '/wp-json/wp/v2/posts?_embed', format: 'wordpress', count: 15 },
      ],
    );
    assert.deepEqual(await events(page, 'news-embed:error'), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test(
  'WordPress paging keeps the rest of the query as written (?_embed&page=2)',
  () => {
    assert.ok(wordpressPage2, 'the paging test saw the page-2 request');
    assert.equal(new URL(wordpressPage2).search, '?_embed&page=2');
  },
);

test('a forced wrong format fails as schema; back to auto, the JSON in hand is read again', async () => {
  const { context, page, requested, pageErrors } = await open('/e2e/formats-host.html');
  try {
    const src = '/fixtures/article-vi.json';
    const sel = 'news-article#forced';
    const fetchedSeed = () => requested.filter((r) => r.path === src).length;
    await addWidget(page, { id: 'forced', attrs: { src, format: 'wordpress', loading: 'eager' } });
    await waitForState(page, sel, 'error');
    await waitForEvents(page, 'news-embed:error', 1, { id: 'forced' });

    const [error] = await events(page, 'news-embed:error');
    assert.equal(error.detail.kind, 'schema');
    assert.equal(error.detail.status, 0);
    assert.equal(error.detail.src, src);
    assert.match(error.detail.message, /WordPress/);
    const [alert] = await readParts(page, sel, 'status');
    assert.equal(alert.attrs.role, 'alert');
    assert.equal(
      await partText(page, sel, { css: '[role=alert] > .message' }),
      'Không đọc được tin: dữ liệu không đúng định dạng tin bài.',
    );
    assert.equal((await readParts(page, sel, 'retry')).length, 1);
    assert.deepEqual(await events(page, 'news-embed:load'), []);
    assert.equal(fetchedSeed(), 1);

    // format removed (auto): the same JSON, read again, is the native article.
    await page.evaluate((s) => document.querySelector(s).removeAttribute('format'), sel);
    await waitForState(page, sel, 'ready');
    await waitForEvents(page, 'news-embed:load', 1, { id: 'forced' });
    assert.deepEqual((await events(page, 'news-embed:load')).map((e) => e.detail), [
      { src, format: 'native', count: 1 },
    ]);
    assert.equal(await partText(page, sel, { css: 'h1[part~=headline]' }), SEED_TITLE);
    assert.equal(await partText(page, sel, 'credit'), 'Ngọc Triều, Ảnh Huỳnh Sang');

    // Wrong again (schema.org), then forced right (native): still the one request.
    await page.evaluate((s) => document.querySelector(s).setAttribute('format', 'schemaorg'), sel);
    await waitForState(page, sel, 'error');
    await waitForEvents(page, 'news-embed:error', 2, { id: 'forced' });
    assert.match((await events(page, 'news-embed:error'))[1].detail.message, /schema\.org/);
    await page.evaluate((s) => document.querySelector(s).setAttribute('format', 'native'), sel);
    await waitForState(page, sel, 'ready');
    await waitForEvents(page, 'news-embed:load', 2, { id: 'forced' });
    assert.equal((await events(page, 'news-embed:load'))[1].detail.format, 'native');

    await sleep(300); // nothing is fetched late either
    assert.equal(fetchedSeed(), 1, 'a format change reads the JSON in hand, it does not refetch');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('item on a feed: that item is the article, the other fourteen are other news', async () => {
  const { context, page, requested, pageErrors } = await open('/e2e/formats-host.html');
  try {
    const third = feed.items[2];
    const others = feed.items.filter((i) => i !== third);
    assert.equal(others.length, 14);
    const sel = 'news-article#third';
    const otherLinks = () => readParts(page, sel, { css: '[part~=other-news] [part~=item-link]' });
    const otherCount = (s) =>
      document.querySelector(s).shadowRoot.querySelectorAll('[part~=other-news] [part~=item]').length;

    await addWidget(page, {
      id: 'third',
      attrs: { src: '/fixtures/jsonfeed/feed.json', item: third.id, loading: 'eager' },
    });
    await waitForState(page, sel, 'ready');
    assert.equal(await partText(page, sel, { css: 'h1[part~=headline]' }), third.title);
    assert.equal(await partText(page, sel, 'credit'), third.authors[0].name);
    assert.equal((await readParts(page, sel, { css: '[part~=other-news] [part~=item]' })).length, 14);
    assert.deepEqual((await otherLinks()).map((a) => a.text), others.map((i) => i.title));
    const [load] = await events(page, 'news-embed:load');
    assert.deepEqual(load.detail, { src: '/fixtures/jsonfeed/feed.json', format: 'jsonfeed', count: 1 });

    // limit="5": five other news, from the feed in hand.
    await page.evaluate((s) => document.querySelector(s).setAttribute('limit', '5'), sel);
    await until(async () => (await page.evaluate(otherCount, sel)) === 5, {
      message: 'five other news with limit="5"',
    });
    assert.deepEqual((await otherLinks()).map((a) => a.text), others.slice(0, 5).map((i) => i.title));
    assert.equal(await partText(page, sel, { css: 'h1[part~=headline]' }), third.title);

    // A new element with limit="5" from the start shows the same.
    await addWidget(page, {
      id: 'third5',
      attrs: { src: '/fixtures/jsonfeed/feed.json', item: third.id, limit: '5', loading: 'eager' },
    });
    await waitForState(page, 'news-article#third5', 'ready');
    assert.equal(
      (await readParts(page, 'news-article#third5', { css: '[part~=other-news] [part~=item]' })).length,
      5,
    );
    assert.equal(requested.filter((r) => r.path === '/fixtures/jsonfeed/feed.json').length, 2);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('an unrecognised document: schema error naming the formats expected', async () => {
  const { context, page, pageErrors } = await open('/e2e/formats-host.html');
  try {
    const sel = 'news-article#shape';
    await addWidget(page, { id: 'shape', attrs: { src: '/fault/wrong-shape', loading: 'eager' } });
    await waitForState(page, sel, 'error');
    await waitForEvents(page, 'news-embed:error', 1, { id: 'shape' });
    const [error] = await events(page, 'news-embed:error');
    assert.equal(error.detail.kind, 'schema');
    assert.equal(error.detail.src, '/fault/wrong-shape');
    for (const name of ['JSON Feed', 'WordPress', 'schema.org']) {
      assert.ok(error.detail.message.includes(name), `${JSON.stringify(error.detail.message)} names ${name}`);
    }
    assert.equal(
      await partText(page, sel, { css: '[role=alert] > .message' }),
      'Không đọc được tin: dữ liệu không đúng định dạng tin bài.',
    );
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

/** What an article's `[part~=body]` holds that the allowlist should have removed. */
function readBodyMarkup(page, selector) {
  return page.evaluate((sel) => {
    const body = document.querySelector(sel).shadowRoot.querySelector('[part~=body]');
    const all = [...body.querySelectorAll('*')];
    return {
      tags: [...new Set(all.map((e) => e.localName))].sort(),
      attributes: [...new Set(all.flatMap((e) => [...e.attributes].map((a) => `${e.localName}[${a.name}]`)))].sort(),
      figures: [...body.querySelectorAll('figure')].map((f) => ({
        part: f.getAttribute('part'),
        children: [...f.children].map((c) => `${c.localName}[part=${c.getAttribute('part')}]`),
        loading: f.querySelector('img')?.getAttribute('loading') ?? null,
      })),
      links: [...body.querySelectorAll('a')].map((a) => ({
        text: a.textContent,
        href: a.getAttribute('href'),
        rel: a.getAttribute('rel'),
        target: a.getAttribute('target'),
      })),
      paragraphs: [...body.children].filter((e) => e.localName === 'p').map((p) => p.textContent),
    };
  }, selector);
}

/** No element the allowlist drops, no attribute it drops, figures rebuilt with their parts. */
function assertClean(markup, where) {
  for (const tag of ['script', 'style', 'iframe', 'svg', 'form', 'input', 'div', 'span']) {
    assert.ok(!markup.tags.includes(tag), `${where}: no <${tag}> (tags: ${markup.tags.join(' ')})`);
  }
  for (const attribute of markup.attributes) {
    assert.doesNotMatch(
      attribute,
      /\[(class|style|id|on[a-z]+|fetchpriority|target)\]$/,
      `${where}: ${attribute} should have been dropped`,
    );
  }
  for (const figure of markup.figures) {
    assert.equal(figure.part, 'figure', `${where}: figure[part=figure]`);
    assert.equal(figure.loading, 'lazy', `${where}: figure images load lazily`);
    assert.equal(figure.children[0], 'img[part=image]', `${where}: figure > img[part=image]`);
  }
}

test('HTML bodies on real pages are rebuilt from the allowlist', async () => {
  // JSON Feed content_html and WordPress content.rendered (class, srcset, fetchpriority…).
  for (const path of ['/jsonfeed.html', '/wordpress.html']) {
    const { context, page, pageErrors } = await open(path);
    try {
      await waitForState(page, 'news-article#seed', 'ready');
      const markup = await readBodyMarkup(page, 'news-article#seed');
      assertClean(markup, path);
      assert.deepEqual(markup.tags, ['figcaption', 'figure', 'img', 'p'], path);
      assert.equal(markup.figures.length, 3, path);
      for (const figure of markup.figures) {
        assert.deepEqual(figure.children, ['img[part=image]', 'figcaption[part=caption]'], path);
      }
      assert.deepEqual(markup.paragraphs, SEED_PARAGRAPHS, path);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  }

  // A feed item whose content_html tries scripts, handlers, styles, frames and a javascript: link.
  const { context, page, requested, pageErrors } = await open('/e2e/formats-hostile.html');
  try {
    const sel = 'news-article#hostile';
    await waitForState(page, sel, 'ready');
    const markup = await readBodyMarkup(page, sel);
    assertClean(markup, 'hostile');
    assert.deepEqual(markup.paragraphs, ['Đoạn đậm, một liên kết và một kịch bản.', 'Đoạn thứ hai trong div.']);
    assert.deepEqual(markup.links, [
      { text: 'một liên kết', href: 'https://example.org/tin', rel: 'noopener noreferrer', target: null },
    ]);
    assert.deepEqual(markup.figures, [
      {
        part: 'figure',
        children: ['img[part=image]', 'figcaption[part=caption]'],
        loading: 'lazy',
      },
    ]);
    assert.deepEqual(await loadEveryImage(page, sel), [`${server.url}/images/dai-hoi-2.svg`]);
    // Pointing at and clicking what had handlers runs nothing.
    const body = page.locator(sel).locator('[part~=body]');
    await body.locator('a').hover();
    await body.locator('p').first().click({ position: { x: 2, y: 2 } });
    await sleep(200);
    assert.deepEqual(await page.evaluate(() => window.__xss), []);
    // The body was parsed inertly: its iframe was never loaded, its form never sent.
    assert.deepEqual(
      requested.filter((r) => r.path === '/e2e/formats-host.html' || !r.url.startsWith(server.url)),
      [],
    );
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
