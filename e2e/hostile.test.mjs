// Hostile host pages: a strict Content-Security-Policy with Trusted Types, and a stylesheet
// that attacks everything it can reach. The widget must render completely under the first
// without a single violation, and keep its own look under the second while leaving the
// page's own elements exactly as the page styled them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import {
  useServerAndBrowser,
  fixture,
  waitForState,
  waitForEvents,
  readParts,
  partText,
  events,
  repoRoot,
  openPage,
} from './helpers.mjs';

const seed = fixture('article-vi.json');
const listing = fixture('articles.json');
const feed = fixture('jsonfeed/feed.json');

/** The strict policy of the brief; only `trusted-types` differs between the pages. */
const csp = (trustedTypes) =>
  [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "require-trusted-types-for 'script'",
    `trusted-types ${trustedTypes}`,
  ].join('; ');

const PAGE_HEADERS = {
  '/e2e/hostile-csp.html': { 'Content-Security-Policy': csp("'none'") },
  '/e2e/hostile-csp-tt.html': { 'Content-Security-Policy': csp('news-embed') },
  '/e2e/hostile-csp-tt-none.html': { 'Content-Security-Policy': csp("'none'") },
};

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)), { pageHeaders: PAGE_HEADERS });

/**
 * Records every CSP violation of the page into `window.__violations`, from before any page
 * script runs (Playwright's init scripts are not subject to the page's policy).
 */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push({
        directive: e.violatedDirective,
        effective: e.effectiveDirective,
        blocked: e.blockedURI,
        sample: e.sample,
      });
    });
  });
}

const violations = (page) => page.evaluate(() => window.__violations ?? []);

/** A fresh context and page at `url`, recording events, violations and errors. */
const open = (url, { viewport = { width: 1280, height: 900 } } = {}) =>
  openPage(browser, `${server.url}${url}`, {
    context: { viewport, colorScheme: 'light' },
    prepare: recordViolations,
  });

/** Scrolls each image of `part` in `selector` into view and waits until it has loaded. */
async function loadImages(page, selector, part = 'image') {
  const images = page.locator(selector).locator(`[part~="${part}"]`);
  const count = await images.count();
  for (let i = 0; i < count; i++) {
    await images.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction(
      ([sel, p, index]) => {
        const img = document.querySelector(sel).shadowRoot.querySelectorAll(`[part~="${p}"]`)[index];
        return img.complete && img.naturalWidth > 0;
      },
      [selector, part, i],
      { timeout: 5_000 },
    );
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// 1. A strict Content-Security-Policy

test('strict CSP (trusted-types none): article, list and error render with zero violations', async () => {
  const { context, page, response, pageErrors } = await open('/e2e/hostile-csp.html');
  try {
    assert.equal(response.headers()['content-security-policy'], csp("'none'"), 'the policy is served');

    await waitForState(page, 'news-article#seed', 'ready');
    await waitForState(page, 'news-list#list', 'ready');
    await waitForState(page, 'news-article#broken', 'error');
    await waitForEvents(page, 'news-embed:load', 2);
    await waitForEvents(page, 'news-embed:error', 1);

    // The article, in full.
    assert.equal(await partText(page, '#seed', { css: 'h1[part~=headline]' }), seed.title);
    assert.equal(await partText(page, '#seed', 'date'), '22/5/2020, 10:21 (GMT+7)');
    assert.equal(await partText(page, '#seed', 'lead'), seed.summary);
    const paragraphs = await readParts(page, '#seed', { css: '[part~=body] > p' });
    assert.deepEqual(
      paragraphs.map((p) => p.text),
      seed.body.filter((b) => b.type === 'paragraph').map((b) => b.text),
    );
    assert.equal((await readParts(page, '#seed', 'figure')).length, 3);
    assert.equal(await loadImages(page, 'news-article#seed'), 3);
    for (const img of await readParts(page, '#seed', 'image')) {
      assert.ok(img.complete && img.naturalWidth > 0, `${img.attrs.src} loaded under img-src 'self'`);
    }
    assert.equal(await partText(page, '#seed', 'credit'), 'Ngọc Triều, Ảnh Huỳnh Sang');
    assert.equal(
      (await readParts(page, '#seed', { css: '[part~=other-news] [part~=item]' })).length,
      seed.other_news.length,
    );

    // The stylesheet was adopted although style-src allows no inline style.
    const headlineWeight = await page.evaluate(() => {
      const h1 = document.querySelector('#seed').shadowRoot.querySelector('h1[part~=headline]');
      return getComputedStyle(h1).fontWeight;
    });
    assert.equal(headlineWeight, '700', 'the widget stylesheet applies under style-src');

    // The listing, in full.
    const links = await readParts(page, '#list', 'item-link');
    assert.deepEqual(
      links.map((a) => [a.text, a.attrs.href]),
      listing.items.map((n) => [n.title, n.url]),
    );
    const dates = await readParts(page, '#list', 'item-date');
    assert.equal(dates.length, listing.items.length);
    assert.equal(dates[0].text, '22/5/2020, 10:21 (GMT+7)');
    assert.equal((await readParts(page, '#list', 'item-summary')).length, listing.items.length);
    const shown = await loadImages(page, 'news-list#list', 'item-image');
    assert.equal(shown, listing.items.filter((n) => n.image).length);

    // The error case.
    const [alert, ...more] = await readParts(page, '#broken', 'status');
    assert.equal(more.length, 0);
    assert.equal(alert.attrs.role, 'alert');
    assert.equal(
      await partText(page, '#broken', { css: '[role=alert] > .message' }),
      'Không tải được tin: máy chủ trả lời lỗi 404.',
    );
    const retry = page.locator('news-article#broken').locator('[part~=retry]');
    assert.equal(await retry.count(), 1);
    assert.equal(await retry.isVisible(), true);
    const [error] = await events(page, 'news-embed:error');
    assert.deepEqual([error.id, error.detail.kind, error.detail.status], ['broken', 'http', 404]);

    assert.deepEqual(await violations(page), [], 'no CSP or Trusted Types violation');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('strict CSP with `trusted-types news-embed`: a JSON Feed HTML body is rebuilt in full', async () => {
  const { context, page, response, pageErrors } = await open('/e2e/hostile-csp-tt.html');
  try {
    assert.equal(response.headers()['content-security-policy'], csp('news-embed'));
    await waitForState(page, 'news-article#feed', 'ready');
    await waitForEvents(page, 'news-embed:load', 1);

    const item = feed.items.find((i) => i.id === 'dai-hoi-iv');
    assert.equal(await partText(page, '#feed', { css: 'h1[part~=headline]' }), item.title);
    assert.equal(await partText(page, '#feed', 'date'), '22/5/2020, 10:21 (GMT+7)');
    const figures = await readParts(page, '#feed', { css: 'figure[part~=figure]' });
    assert.equal(figures.length, 3, 'the three figures of content_html');
    assert.equal((await readParts(page, '#feed', { css: '[part~=body] p' })).length, 8);
    assert.equal((await readParts(page, '#feed', { css: 'figcaption[part~=caption]' })).length, 3);
    assert.equal(await loadImages(page, 'news-article#feed'), 3);

    const [load] = await events(page, 'news-embed:load');
    assert.equal(load.detail.format, 'jsonfeed');
    assert.deepEqual(await violations(page), [], 'the news-embed policy is all the widget needs');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test("strict CSP with `trusted-types 'none'`: a JSON Feed HTML body falls back to paragraphs", async () => {
  const { context, page, pageErrors } = await open('/e2e/hostile-csp-tt-none.html');
  try {
    await waitForState(page, 'news-article#feed', 'ready');
    await waitForEvents(page, 'news-embed:load', 1);

    const item = feed.items.find((i) => i.id === 'dai-hoi-iv');
    assert.equal(await partText(page, '#feed', { css: 'h1[part~=headline]' }), item.title);
    assert.equal(await partText(page, '#feed', 'date'), '22/5/2020, 10:21 (GMT+7)');

    // The body's text: its 8 paragraphs and its 3 captions, each a paragraph, in order.
    const html = item.content_html;
    const decode = (s) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    const expected = [...html.matchAll(/<(p|figcaption)>([\s\S]*?)<\/\1>/g)].map((m) => decode(m[2]).trim());
    assert.equal(expected.length, 11);
    const paragraphs = await readParts(page, '#feed', { css: '[part~=body] > p' });
    assert.deepEqual(
      paragraphs.map((p) => p.text.trim()),
      expected,
    );
    // The figures of the HTML are lost (no parse, no markup).
    assert.equal((await readParts(page, '#feed', { css: '[part~=body] figure' })).length, 0);

    const seen = await violations(page);
    assert.ok(seen.length >= 1, 'Trusted Types did refuse something');
    assert.ok(
      seen.length <= 2,
      `at most the refused policy and one refused parse, got ${JSON.stringify(seen)}`,
    );
    for (const v of seen) {
      assert.ok(
        !/^(script|style)-src/.test(v.directive) && !/^(script|style)-src/.test(v.effective),
        `no script-src / style-src violation: ${JSON.stringify(v)}`,
      );
      assert.match(v.effective, /trusted-types/);
      assert.ok(
        ['trusted-types-policy', 'trusted-types-sink'].includes(v.blocked),
        `only the policy and the DOMParser sink: ${JSON.stringify(v)}`,
      );
    }
    // Expected today: exactly the refused `news-embed` policy and one refused parse.
    if (seen.length === 2) {
      assert.deepEqual(seen.map((v) => v.blocked), ['trusted-types-policy', 'trusted-types-sink']);
      assert.equal(seen[0].sample, 'news-embed');
    }
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 2. A hostile stylesheet

/** Computed styles (`props`) of each element matching `css` inside `host`'s shadow root. */
function shadowStyles(page, host, css, props, pseudo = null) {
  return page.evaluate(
    ([host, css, props, pseudo]) =>
      [...document.querySelector(host).shadowRoot.querySelectorAll(css)].map((el) => {
        const style = getComputedStyle(el, pseudo);
        const out = Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
        out.rectWidth = el.getBoundingClientRect().width;
        return out;
      }),
    [host, css, props, pseudo],
  );
}

const px = (value) => Number.parseFloat(value);

/** `rgb(…)`/`rgba(…)` with a non-zero alpha. */
function assertOpaqueColour(value, what) {
  const m = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(value);
  assert.ok(m, `${what}: ${value} is a colour`);
  assert.ok(m[4] === undefined || Number(m[4]) > 0.5, `${what}: ${value} is not transparent`);
}

const FONT_ATTACK = /comic sans|fantasy/i;

async function openHostileCss(options) {
  const opened = await open('/e2e/hostile-css.html', options);
  const { page } = opened;
  await waitForState(page, 'news-article#seed', 'ready');
  await waitForState(page, 'news-article#en', 'ready');
  await waitForState(page, 'news-list#list', 'ready');
  await waitForState(page, 'news-article#broken', 'error');
  return opened;
}

test('hostile page CSS does not reach inside the shadow roots', async () => {
  const { context, page, pageErrors } = await openHostileCss();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  try {
    // The headline: displayed (h1 { display: none !important } is the page's).
    const [headline] = await shadowStyles(page, '#seed', 'h1[part~=headline]', [
      'display',
      'font-family',
      'text-transform',
      'letter-spacing',
      'color',
    ]);
    assert.notEqual(headline.display, 'none');
    assert.equal(headline.display, 'block');
    assert.doesNotMatch(headline['font-family'], FONT_ATTACK);
    assert.equal(headline['text-transform'], 'none');
    assert.equal(headline['letter-spacing'], 'normal');
    assert.notEqual(headline.color, 'rgb(0, 255, 0)', '[part] { color: lime } does not reach in');
    assert.equal(await page.locator('#seed').locator('h1[part~=headline]').isVisible(), true);

    // Figure images: wide, not 1 px.
    const images = await shadowStyles(page, '#seed', '[part~=image]', ['width', 'height']);
    assert.equal(images.length, 3);
    for (const img of images) {
      assert.ok(img.rectWidth > 300, `figure image ${img.rectWidth}px wide at 1280`);
      assert.ok(px(img.height) > 200, `figure image ${img.height} high`);
    }

    // Paragraphs: block, the widget's font, no uppercase, no page margin.
    const paragraphs = await shadowStyles(page, '#seed', '[part~=body] > p', [
      'display',
      'font-family',
      'text-transform',
      'letter-spacing',
      'margin-top',
      'color',
    ]);
    assert.equal(paragraphs.length, 8);
    for (const p of paragraphs) {
      assert.equal(p.display, 'block');
      assert.doesNotMatch(p['font-family'], FONT_ATTACK);
      assert.equal(p['text-transform'], 'none');
      assert.equal(p['letter-spacing'], 'normal');
      assert.equal(p['margin-top'], '0px');
      assert.notEqual(p.color, 'rgb(0, 255, 0)');
    }
    for (const css of ['[part~=lead]', '[part~=date]', '[part~=credit]']) {
      const [s] = await shadowStyles(page, '#seed', css, ['display', 'font-family', 'text-transform']);
      assert.notEqual(s.display, 'inline', `${css} keeps its own display`);
      assert.doesNotMatch(s['font-family'], FONT_ATTACK, css);
      assert.equal(s['text-transform'], 'none', css);
    }

    // Lists: the list's items and the other news, not floated, not reset; links clickable.
    for (const [host, css] of [
      ['#list', '[part~=item]'],
      ['#seed', '[part~=other-news] [part~=item]'],
      ['#en', '[part~=body] li'],
    ]) {
      const items = await shadowStyles(page, host, css, ['float', 'display', 'font-family']);
      assert.ok(items.length > 0, `${host} ${css} exist`);
      for (const li of items) {
        assert.equal(li.float, 'none', `${host} ${css} not floated`);
        assert.doesNotMatch(li['font-family'], FONT_ATTACK);
      }
    }
    const bodyList = await shadowStyles(page, '#en', '[part~=body] li', ['display']);
    assert.ok(bodyList.every((li) => li.display === 'list-item'), 'body list items are list items');
    for (const [host, css] of [
      ['#list', '[part~=item-link]'],
      ['#seed', '[part~=other-news] a'],
      ['#en', 'a'],
    ]) {
      const links = await shadowStyles(page, host, css, ['pointer-events']);
      assert.ok(links.length > 0, `${host} ${css} exist`);
      assert.ok(links.every((a) => a['pointer-events'] === 'auto'), `${host} ${css} clickable`);
    }
    // A link really takes a click: Playwright's trial click checks that the pointer would hit
    // the link itself at its centre (no page rule made it transparent to the pointer).
    await page.locator('#list').locator('[part~=item-link]').first().click({ trial: true, timeout: 2_000 });

    // The retry button of the broken element: displayed and visible.
    const [retry] = await shadowStyles(page, '#broken', '[part~=retry]', ['display', 'font-family']);
    assert.notEqual(retry.display, 'none');
    assert.doesNotMatch(retry['font-family'], FONT_ATTACK);
    assert.equal(await page.locator('#broken').locator('[part~=retry]').isVisible(), true);

    // *::before { content: "X" } matches no element of the shadow roots.
    const befores = await shadowStyles(page, '#seed', 'p, h1, li, a, figure', ['content'], '::before');
    assert.ok(befores.every((b) => b.content === 'none' || b.content === 'normal'));

    assert.deepEqual(dialogs, [], 'url(javascript:…) in a custom property runs nothing');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

/** What the brief asks of text under nonsense --news-embed-* values: readable. */
async function assertReadable(page) {
  const paragraphs = await shadowStyles(page, '#seed', '[part~=body] > p', [
    'color',
    'font-size',
    'line-height',
  ]);
  for (const p of paragraphs) {
    assertOpaqueColour(p.color, 'paragraph colour');
    assert.ok(px(p['font-size']) >= 12 && px(p['font-size']) <= 24, `paragraph font-size ${p['font-size']}`);
  }
  const [headline] = await shadowStyles(page, '#seed', 'h1[part~=headline]', ['font-size', 'color']);
  assertOpaqueColour(headline.color, 'headline colour');
  assert.ok(
    px(headline['font-size']) >= 24 && px(headline['font-size']) <= 40,
    `headline font-size ${headline['font-size']}`,
  );
  const [article] = await shadowStyles(page, '#seed', 'article', ['max-width']);
  assert.ok(
    article.rectWidth >= 300 && article.rectWidth <= 1280,
    `article ${article.rectWidth}px wide (max-width ${article['max-width']})`,
  );
  assert.ok(!article['max-width'].startsWith('-'), `max-width ${article['max-width']} is not negative`);
}

test(
  'nonsense --news-embed-* values on the page: the widget still renders readable text',
  async () => {
    const { context, page } = await openHostileCss();
    try {
      await assertReadable(page);
    } finally {
      await context.close();
    }
  },
);

test('the hostile page minus its custom-property values: sizes stay the widget own', async () => {
  // The same stylesheet without the `html { --news-embed-*: nonsense }` rule, served in its
  // place: proves the * / :root / h1 font-size attacks themselves do not reach in.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  try {
    const page = await context.newPage();
    const css = await readFile(path.join(repoRoot, 'e2e', 'pages', 'hostile.css'), 'utf8');
    const withoutValues = css.replace(/html\s*\{[^}]*--news-embed-[^}]*\}/, '');
    assert.notEqual(withoutValues, css);
    await page.route('**/e2e/hostile.css', (route) =>
      route.fulfill({ status: 200, contentType: 'text/css', body: withoutValues }),
    );
    await page.goto(`${server.url}/e2e/hostile-css.html`);
    await waitForState(page, 'news-article#seed', 'ready');
    await assertReadable(page);
    const [p] = await shadowStyles(page, '#seed', '[part~=body] > p', ['font-size', 'color', 'line-height']);
    assert.equal(p['font-size'], '16px');
    assert.equal(p.color, 'rgb(31, 35, 40)', 'the widget text colour, not the page red');
    assert.equal(p['line-height'], `${16 * 1.6}px`);
    const [headline] = await shadowStyles(page, '#seed', 'h1[part~=headline]', ['font-size']);
    assert.equal(headline['font-size'], `${16 * 1.9}px`);
    const [article] = await shadowStyles(page, '#seed', 'article', ['max-width']);
    assert.equal(article['max-width'], '720px');
  } finally {
    await context.close();
  }
});

/** The page's own elements and what the hostile stylesheet made of them. */
const OWN = ['own-h1', 'own-p', 'own-a', 'own-ul', 'own-li1', 'own-li2', 'own-img', 'own-div', 'own-end'];
const OWN_PROPS = [
  'color',
  'font-size',
  'font-family',
  'display',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'width',
  'height',
  'float',
  'list-style-type',
  'pointer-events',
  'text-transform',
  'letter-spacing',
  'line-height',
];

function ownStyles(page) {
  return page.evaluate(
    ([ids, props]) =>
      Object.fromEntries(
        ids.map((id) => {
          const el = document.getElementById(id);
          const style = getComputedStyle(el);
          const before = getComputedStyle(el, '::before').getPropertyValue('content');
          return [
            id,
            {
              ...Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)])),
              before,
              html: el.outerHTML,
            },
          ];
        }),
      ),
    [OWN, OWN_PROPS],
  );
}

test("the page's own elements look the same with and without the widget", async () => {
  const viewport = { width: 1280, height: 900 };
  // Without: the module never loads.
  const bare = await browser.newContext({ viewport, colorScheme: 'light' });
  let without;
  try {
    const page = await bare.newPage();
    await page.route('**/dist/news-embed.js', (route) => route.abort());
    await page.goto(`${server.url}/e2e/hostile-css.html`);
    await page.waitForLoadState('load');
    assert.equal(await page.evaluate(() => customElements.get('news-article')), undefined);
    without = await ownStyles(page);
  } finally {
    await bare.close();
  }
  // The attack did what it says to the page (the comparison below compares something).
  assert.equal(without['own-h1'].display, 'none');
  assert.equal(without['own-img'].width, '1px');
  assert.equal(without['own-li1'].float, 'right');
  assert.equal(without['own-a']['pointer-events'], 'none');
  assert.equal(without['own-p'].display, 'inline');
  assert.equal(without['own-p'].color, 'rgb(255, 0, 0)');
  assert.equal(without['own-p']['font-size'], '31px');

  const { context, page, pageErrors } = await openHostileCss({ viewport });
  try {
    await waitForEvents(page, 'news-embed:load', 3);
    const withWidget = await ownStyles(page);
    assert.deepEqual(withWidget, without);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('theming on purpose still works: ::part(headline) and --news-embed-accent-color', async () => {
  const { context, page, pageErrors } = await open('/e2e/hostile-theming.html');
  try {
    await waitForState(page, 'news-article#seed', 'ready');
    const [headline] = await shadowStyles(page, '#seed', 'h1[part~=headline]', ['color']);
    assert.equal(headline.color, 'rgb(1, 2, 3)');
    const [other] = await shadowStyles(page, '#seed', '[part~=other-news] > h2', ['color']);
    assert.equal(other.color, 'rgb(4, 5, 6)');
    const [nav] = await shadowStyles(page, '#seed', '[part~=other-news]', ['border-top-color']);
    assert.equal(nav['border-top-color'], 'rgb(4, 5, 6)');
    // The body text keeps the default colour: only what was themed changed.
    const [p] = await shadowStyles(page, '#seed', '[part~=body] > p', ['color']);
    assert.equal(p.color, 'rgb(31, 35, 40)');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
