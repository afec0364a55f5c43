// Accessibility (issue #6), tested rather than assumed: axe-core on every demo page in the
// light, dark and automatic themes, looking inside the widgets' open shadow roots; the
// loading, error and "more" states as assistive technology meets them; alt text; keyboard
// reach and focus rings; and reduced motion.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { useServerAndBrowser, openPage, waitForState, waitForLoadingView, waitForEvents, addWidget, fixture, repoRoot, until } from './helpers.mjs';

const AXE_PATH = path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');
const AXE_SOURCE = readFileSync(AXE_PATH, 'utf8');
const AXE_VERSION = JSON.parse(
  readFileSync(path.join(repoRoot, 'node_modules', 'axe-core', 'package.json'), 'utf8'),
).version;
/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Every demo page of www/, found rather than listed, so that a new one is checked too
 * (index, jsonfeed, wordpress, schemaorg, errors, playground, gallery…). Not the page
 * `make demo` generates for its own server's address (server-rendered.html, not committed).
 */
const DEMO_PAGES = readdirSync(path.join(repoRoot, 'www'))
  .filter((name) => name.endsWith('.html') && name !== 'server-rendered.html')
  .sort((a, b) => (a === 'index.html' ? -1 : b === 'index.html' ? 1 : a.localeCompare(b)));

/** What can take focus inside a shadow root (the widget renders nothing with tabindex). */
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

const seed = fixture('article-vi.json');

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

/**
 * Waits until every widget on the page is `ready` or in `error`. Lazy widgets are scrolled
 * into view first, so that they fetch at all.
 */
async function settleAll(page) {
  await page.waitForFunction(() => customElements.get('news-article') && customElements.get('news-list'));
  const ids = await page.evaluate(() => [...document.querySelectorAll('news-article, news-list')].map((el) => el.id));
  assert.ok(ids.length > 0 && ids.every(Boolean), `every widget has an id (${JSON.stringify(ids)})`);
  for (const id of ids) {
    await page.evaluate((id) => document.getElementById(id).scrollIntoView(), id);
    await page.waitForFunction(
      (id) => ['ready', 'error'].includes(document.getElementById(id).getAttribute('state')),
      id,
      { timeout: 10_000, polling: 'raf' },
    );
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Sets `theme` on every widget of the page (`null` removes it: the default, `auto`). */
async function setTheme(page, theme) {
  await page.evaluate((theme) => {
    for (const el of document.querySelectorAll('news-article, news-list')) {
      if (theme === null) el.removeAttribute('theme');
      else el.setAttribute('theme', theme);
    }
  }, theme);
  // Let the style change reach layout before anything reads colours.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Runs axe-core on the whole document (shadow roots included, as axe does by default) and
 * returns, per result type, the rule ids with the targets of their nodes.
 */
async function runAxe(page) {
  const injected = await page.evaluate(() => typeof window.axe === 'object');
  if (!injected) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
    });
    const brief = (rule) => ({
      id: rule.id,
      impact: rule.impact,
      help: rule.help,
      helpUrl: rule.helpUrl,
      nodes: rule.nodes.map((n) => ({ target: n.target, summary: n.failureSummary ?? null })),
    });
    return {
      version: window.axe.version,
      violations: results.violations.map(brief),
      passes: results.passes.map(brief),
      incomplete: results.incomplete.map(brief),
      inapplicable: results.inapplicable.map((r) => r.id),
    };
  }, AXE_TAGS);
}

/** One line per violation and node: what axe found, where, and how to fix it. */
function describeViolations(violations) {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}): ${v.help}\n    at ${JSON.stringify(n.target)}\n    ${(n.summary ?? '').replace(/\n/g, '\n    ')}`,
      ),
    )
    .join('\n');
}

/**
 * Whether an axe target points inside a shadow root: axe writes such a target as an array of
 * selectors, one per tree crossed (`[["#seed", "h1"]]`).
 */
const inShadow = (target) => target.some((step) => Array.isArray(step) && step.length > 1);
/** The selector of the outermost shadow host of a target inside a shadow root. */
const shadowHost = (target) => target.find((step) => Array.isArray(step) && step.length > 1)[0];

const THEMES = [
  { name: 'light', colorScheme: 'light', theme: 'light' },
  { name: 'dark', colorScheme: 'light', theme: 'dark' },
  { name: 'auto, prefers-color-scheme dark', colorScheme: 'dark', theme: null },
];

test('axe-core finds no WCAG 2.x A/AA or best-practice violation on any demo page, in any theme, inside the shadow roots', async (t) => {
  for (const file of DEMO_PAGES) {
    for (const variant of THEMES) {
      const { context, page, pageErrors } = await openPage(browser, `${server.url}/${file}`, {
        context: { viewport: { width: 1280, height: 900 }, colorScheme: variant.colorScheme, locale: 'vi-VN', bypassCSP: true },
      });
      try {
        await settleAll(page);
        await setTheme(page, variant.theme);
        // The variant is what it says: every widget shows that theme's background.
        const backgrounds = await page.evaluate(() =>
          [...document.querySelectorAll('news-article, news-list')].map(
            (el) => getComputedStyle(el.shadowRoot.firstElementChild).backgroundColor,
          ),
        );
        const wantBackground = variant.name === 'light' ? 'rgb(255, 255, 255)' : 'rgb(13, 17, 23)';
        assert.ok(
          backgrounds.length > 0 && backgrounds.every((b) => b === wantBackground),
          `${file}, theme ${variant.name}: backgrounds ${backgrounds.join(', ')}`,
        );
        const results = await runAxe(page);
        const label = `${file}, theme ${variant.name}`;
        t.diagnostic(
          `${label}: axe ${results.version}, ${results.passes.length} rules passed, ${results.violations.length} violated, ` +
            `${results.incomplete.length} to review (${results.incomplete.map((r) => r.id).join(', ') || 'none'}), ` +
            `${results.inapplicable.length} inapplicable`,
        );
        assert.equal(results.violations.length, 0, `${label}:\n${describeViolations(results.violations)}`);

        // axe really looked inside the widgets: rules passed on nodes in their shadow roots.
        const shadowPasses = results.passes.filter((r) => r.nodes.some((n) => inShadow(n.target)));
        const shadowRules = new Set(shadowPasses.map((r) => r.id));
        // Which rules must have passed inside a shadow root depends on what the widgets show.
        const shown = await page.evaluate(() => {
          const roots = [...document.querySelectorAll('news-article, news-list')].map((el) => el.shadowRoot);
          const has = (sel) => roots.some((root) => root.querySelector(sel));
          return { images: has('img'), buttons: has('button'), headings: has('h1, h2, h3'), alerts: has('[role=alert]') };
        });
        const expectedRules = [
          'color-contrast',
          'link-name',
          'list',
          'listitem',
          'region',
          'target-size',
          ...(shown.images ? ['image-alt'] : []),
          ...(shown.buttons ? ['button-name'] : []),
          ...(shown.headings ? ['heading-order', 'empty-heading'] : []),
          ...(shown.alerts ? ['aria-roles'] : []),
        ];
        for (const rule of expectedRules) {
          assert.ok(
            shadowRules.has(rule),
            `${label}: axe checked ${rule} inside a shadow root (it did: ${[...shadowRules].join(', ')})`,
          );
        }
        const hosts = new Set(
          shadowPasses.flatMap((r) => r.nodes.filter((n) => inShadow(n.target)).map((n) => shadowHost(n.target))),
        );
        const widgetIds = await page.evaluate(() =>
          [...document.querySelectorAll('news-article, news-list')].map((el) => el.id),
        );
        for (const id of widgetIds) {
          assert.ok(
            [...hosts].some((h) => h.includes(`#${id}`)),
            `${label}: axe reached into #${id}'s shadow root (hosts seen: ${[...hosts].join(', ')})`,
          );
        }
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    }
  }
  t.diagnostic(`axe-core ${AXE_VERSION}, tags ${AXE_TAGS.join(' ')}`);
});

test('axe-core finds no violation in the loading and empty states either', async () => {
  for (const variant of THEMES) {
    const { context, page, pageErrors } = await openPage(browser, `${server.url}/e2e/host.html`, {
      context: { colorScheme: variant.colorScheme, bypassCSP: true },
    });
    try {
      const theme = variant.theme ? { theme: variant.theme } : {};
      // The bare test page has no heading of its own: give it the one a real page has.
      await page.evaluate(() => {
        const h1 = document.createElement('h1');
        h1.textContent = 'News';
        document.querySelector('#widgets').prepend(h1);
      });
      await addWidget(page, { id: 'slow', attrs: { src: '/fault/slow', loading: 'eager', ...theme } });
      await addWidget(page, { tag: 'news-list', id: 'empty', attrs: { src: '/fault/empty-array', loading: 'eager', ...theme } });
      // Loading with the page's own content inside: shown in the status, in the page's colours.
      await page.evaluate((theme) => {
        const el = document.createElement('news-article');
        el.id = 'slow-with-link';
        el.setAttribute('src', '/fault/slow');
        el.setAttribute('loading', 'eager');
        if (theme) el.setAttribute('theme', theme);
        const a = document.createElement('a');
        a.href = '/tin/dai-hoi-iv';
        a.textContent = 'Đại hội Đảng bộ Sở Khoa học và Công nghệ lần thứ IV';
        el.append(a);
        document.querySelector('#widgets').append(el);
      }, variant.theme);
      await waitForLoadingView(page, '#slow-with-link');
      await waitForLoadingView(page, '#slow');
      await waitForState(page, '#empty', 'ready');
      const results = await runAxe(page);
      assert.equal(results.violations.length, 0, `theme ${variant.name}:\n${describeViolations(results.violations)}`);
      // The busy status's ARIA was checked inside the shadow roots, and the slotted page link's
      // contrast against what is really behind it.
      const passed = (rule) => results.passes.find((r) => r.id === rule)?.nodes.map((n) => n.target) ?? [];
      assert.ok(passed('aria-allowed-attr').some((t) => inShadow(t) && shadowHost(t) === '#slow'), 'aria-allowed-attr in #slow');
      assert.ok(
        passed('color-contrast').some((t) => JSON.stringify(t) === '["a"]'),
        `the slotted link's contrast was checked: ${JSON.stringify(passed('color-contrast'))}`,
      );
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  }
});

/** The status part of `selector`'s shadow root, as attributes, plus its skeleton's. */
function readStatus(page, selector) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const status = root.querySelector('[part~=status]');
    if (!status) return null;
    const attrs = (el) => (el ? Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])) : null);
    return {
      attrs: attrs(status),
      skeleton: attrs(status.querySelector('.skeleton')),
      bones: status.querySelectorAll('.bone').length,
      slot: !!status.querySelector('slot'),
      text: status.textContent.trim(),
      topLevel: [...root.children].filter((el) => el.localName !== 'style').map((el) => el.localName),
    };
  }, selector);
}

test('loading: a source that never answers shows a polite, busy status and hides the skeleton from assistive technology', async () => {
  const { context, page, pageErrors } = await openPage(browser, `${server.url}/e2e/host.html`);
  try {
    await addWidget(page, { id: 'slow', attrs: { src: '/fault/slow', loading: 'eager', lang: 'vi' } });
    await waitForLoadingView(page, '#slow');
    // Held there: the answer never comes.
    await until(() => server.slowOpen() >= 1, { message: 'the slow request to arrive' });
    const status = await readStatus(page, '#slow');
    assert.ok(status, 'a status part is shown while loading');
    assert.equal(status.attrs.role, 'status');
    assert.equal(status.attrs['aria-live'], 'polite');
    assert.equal(status.attrs['aria-busy'], 'true');
    assert.equal(status.skeleton?.['aria-hidden'], 'true', 'the skeleton is hidden from assistive technology');
    assert.equal(status.bones, 4);
    assert.equal(status.text, 'Đang tải…', 'the status says in words what is happening');

    // With page content inside the element, that content is shown in the busy status.
    await page.evaluate(() => {
      const el = document.createElement('news-article');
      el.id = 'slow-with-link';
      el.setAttribute('src', '/fault/slow');
      el.setAttribute('loading', 'eager');
      const a = document.createElement('a');
      a.href = '/tin/dai-hoi-iv';
      a.textContent = 'Đại hội Đảng bộ';
      el.append(a);
      document.querySelector('#widgets').append(el);
    });
    await waitForLoadingView(page, '#slow-with-link');
    const withLink = await readStatus(page, '#slow-with-link');
    assert.equal(withLink.attrs.role, 'status');
    assert.equal(withLink.attrs['aria-live'], 'polite');
    assert.equal(withLink.attrs['aria-busy'], 'true');
    assert.equal(withLink.slot, true, 'the page content is slotted into the status');
    assert.equal(withLink.skeleton, null);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

/** The element focused in the whole document, through open shadow roots. */
function deepFocus(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    const hosts = [];
    while (el?.shadowRoot?.activeElement) {
      hosts.push(el.id || el.localName);
      el = el.shadowRoot.activeElement;
    }
    return {
      hosts,
      tag: el?.localName ?? null,
      part: el?.getAttribute('part') ?? null,
      text: el?.textContent?.trim().slice(0, 80) ?? null,
      isBody: el === document.body || el === null,
    };
  });
}

/** Presses Tab until the focus is on the shadow element `part` of `#id`. */
async function tabTo(page, id, part, { max = 50 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focus = await deepFocus(page);
    if (focus.hosts.at(-1) === id && focus.part?.split(' ').includes(part)) return focus;
  }
  throw new Error(`Tab never reached #${id} [part~=${part}]`);
}

test('errors: the message is an alert, and retry works from the keyboard', async () => {
  const key = `a11y-retry-${Date.now()}`;
  const { context, page, pageErrors } = await openPage(browser, `${server.url}/e2e/host.html`);
  try {
    await addWidget(page, { id: 'flaky', attrs: { src: `/fault/flaky?key=${key}`, loading: 'eager', lang: 'vi' } });
    await waitForState(page, '#flaky', 'error');
    const status = await readStatus(page, '#flaky');
    assert.equal(status.attrs.role, 'alert', 'the error is announced as an alert');
    assert.equal(status.attrs['aria-busy'], undefined, 'no longer busy');
    assert.match(status.text, /503/);
    assert.deepEqual(status.topLevel, ['div'], 'the alert is all there is');

    // Still broken: Enter on the focused retry button fetches again and fails again.
    await tabTo(page, 'flaky', 'retry');
    await page.keyboard.press('Enter');
    await waitForEvents(page, 'news-embed:error', 2, { id: 'flaky' });
    await waitForState(page, '#flaky', 'error');
    const asked = () => server.requests.filter((r) => r.path === '/fault/flaky' && r.url.includes(key)).length;
    assert.equal(asked(), 2, 'Enter on retry fetched again');

    // Healed: Enter on retry brings the article.
    await fetch(`${server.url}/fault/flaky/heal?key=${key}`);
    await tabTo(page, 'flaky', 'retry');
    await page.keyboard.press('Enter');
    await waitForState(page, '#flaky', 'ready');
    assert.equal(asked(), 3);
    const headline = await page.evaluate(
      () => document.querySelector('#flaky').shadowRoot.querySelector('h1[part~=headline]')?.textContent,
    );
    assert.equal(headline, seed.title);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('errors: the error page of the demo site is an alert with a reachable retry button', async () => {
  const { context, page, pageErrors } = await openPage(browser, `${server.url}/errors.html`);
  try {
    await settleAll(page);
    const status = await readStatus(page, '#missing');
    assert.equal(status.attrs.role, 'alert');
    const focus = await tabTo(page, 'missing', 'retry');
    assert.equal(focus.tag, 'button');
    assert.equal(focus.text, 'Thử lại');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});


test('after retry by keyboard, focus stays in the widget instead of falling back to the page', async () => {
  const key = `a11y-retry-focus-${Date.now()}`;
  const { context, page } = await openPage(browser, `${server.url}/e2e/host.html`);
  try {
    await addWidget(page, { id: 'flaky', attrs: { src: `/fault/flaky?key=${key}`, loading: 'eager', lang: 'vi' } });
    await waitForState(page, '#flaky', 'error');

    // Failing again: focus should be on the new retry button.
    await tabTo(page, 'flaky', 'retry');
    await page.keyboard.press('Enter');
    await waitForEvents(page, 'news-embed:error', 2, { id: 'flaky' });
    const afterFailure = await deepFocus(page);

    // Succeeding: focus should be on the article (its headline) or somewhere inside the widget.
    await fetch(`${server.url}/fault/flaky/heal?key=${key}`);
    await tabTo(page, 'flaky', 'retry');
    await page.keyboard.press('Enter');
    await waitForState(page, '#flaky', 'ready');
    const afterSuccess = await deepFocus(page);

    assert.deepEqual(
      {
        afterFailure: { hosts: afterFailure.hosts, part: afterFailure.part },
        afterSuccess: { inWidget: afterSuccess.hosts[0] === 'flaky' },
      },
      {
        afterFailure: { hosts: ['flaky'], part: 'retry' },
        afterSuccess: { inWidget: true },
      },
      `focus after retry: failed ${JSON.stringify(afterFailure)}, succeeded ${JSON.stringify(afterSuccess)}`,
    );
  } finally {
    await context.close();
  }
});

/** A native listing in three pages of three items, served through `page.route`. */
async function routePagedListing(page) {
  const pages = [1, 2, 3].map((n) => ({
    items: [1, 2, 3].map((i) => ({
      id: `p${n}-${i}`,
      title: `Tin ${n}.${i}`,
      url: `https://example.org/tin/${n}-${i}`,
      published: '2020-05-22T10:21:00+07:00',
      image: '/images/dai-hoi-1.svg',
    })),
    next: n < 3 ? `/a11y/page-${n + 1}.json` : null,
  }));
  await page.route(/\/a11y\/page-(\d)\.json$/, (route) => {
    const n = Number(/page-(\d)\.json$/.exec(route.request().url())[1]);
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(pages[n - 1]) });
  });
}

test('"more" by keyboard: focus comes back to "more" while there are pages, then moves to the first new item', async () => {
  const { context, page, pageErrors } = await openPage(browser, `${server.url}/e2e/host.html`, {
    prepare: routePagedListing,
  });
  try {
    await addWidget(page, { tag: 'news-list', id: 'paged', attrs: { src: '/a11y/page-1.json', loading: 'eager', lang: 'vi' } });
    await waitForState(page, '#paged', 'ready');
    await waitForEvents(page, 'news-embed:load', 1, { id: 'paged' });

    await tabTo(page, 'paged', 'more');
    await page.keyboard.press('Enter');
    await waitForEvents(page, 'news-embed:load', 2, { id: 'paged' });
    const count = () =>
      page.evaluate(() => document.querySelector('#paged').shadowRoot.querySelectorAll('[part~=item]').length);
    assert.equal(await count(), 6);
    const afterSecond = await deepFocus(page);
    assert.deepEqual(
      { hosts: afterSecond.hosts, part: afterSecond.part, text: afterSecond.text },
      { hosts: ['paged'], part: 'more', text: 'Xem thêm' },
      'a next page remains: focus is back on "more"',
    );
    // Pressing Enter again, without moving, loads the last page.
    await page.keyboard.press('Enter');
    await waitForEvents(page, 'news-embed:load', 3, { id: 'paged' });
    assert.equal(await count(), 9);
    const afterLast = await deepFocus(page);
    assert.deepEqual(
      { hosts: afterLast.hosts, tag: afterLast.tag, part: afterLast.part, text: afterLast.text },
      { hosts: ['paged'], tag: 'a', part: 'item-link', text: 'Tin 3.1' },
      '"more" is gone: focus is on the first new item',
    );
    assert.equal(
      await page.evaluate(() => document.querySelector('#paged').shadowRoot.querySelector('[part~=more]')),
      null,
    );
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});


test('while "more" loads, focus stays on it', async () => {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const { context, page } = await openPage(browser, `${server.url}/e2e/host.html`, {
    prepare: async (page) => {
      await routePagedListing(page);
      // The second page waits until the test has looked.
      await page.route(/\/a11y\/page-2\.json$/, async (route) => {
        await held;
        return route.fallback();
      });
    },
  });
  try {
    await addWidget(page, { tag: 'news-list', id: 'paged', attrs: { src: '/a11y/page-1.json', loading: 'eager', lang: 'vi' } });
    await waitForState(page, '#paged', 'ready');
    await tabTo(page, 'paged', 'more');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('#paged').shadowRoot.querySelector('[part~=more]')?.getAttribute('aria-busy') === 'true',
    );
    // A browser moves focus off a disabled element at its next rendering update: give it a
    // few frames and a moment to do so, were "more" disabled.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.waitForTimeout(200);
    const during = await deepFocus(page);
    release();
    await waitForEvents(page, 'news-embed:load', 2, { id: 'paged' });
    assert.deepEqual(
      { hosts: during.hosts, part: during.part },
      { hosts: ['paged'], part: 'more' },
      `while the page loads focus is on "more" (busy), not ${JSON.stringify(during)}`,
    );
  } finally {
    release();
    await context.close();
  }
});

test('every image in every widget of the demo pages has alt text, empty only where it is decorative', async (t) => {
  for (const file of DEMO_PAGES) {
    const { context, page, pageErrors } = await openPage(browser, `${server.url}/${file}`);
    try {
      await settleAll(page);
      const images = await page.evaluate(() =>
        [...document.querySelectorAll('news-article, news-list')].flatMap((host) =>
          [...host.shadowRoot.querySelectorAll('img')].map((img) => {
            const item = img.closest('[part~=item]');
            const figure = img.closest('figure');
            return {
              host: host.id,
              part: img.getAttribute('part'),
              alt: img.getAttribute('alt'),
              src: img.getAttribute('src'),
              itemLink: item?.querySelector('[part~=item-link]')?.textContent.trim() ?? null,
              itemHeadline: item?.querySelector('[part~=headline]')?.textContent.trim() ?? null,
              caption: figure?.querySelector('figcaption')?.textContent.trim() ?? null,
            };
          }),
        ),
      );
      const ready = await page.evaluate(() => document.querySelectorAll('[state=ready]').length);
      if (ready > 0) assert.ok(images.length > 0, `${file}: the widgets show images`);
      for (const img of images) {
        const where = `${file} #${img.host} ${img.part} ${img.src}`;
        assert.notEqual(img.alt, null, `${where}: has an alt attribute`);
        if (img.part === 'item-image') {
          // A thumbnail beside a headline that names the same article: decorative.
          assert.equal(img.alt, '', `${where}: a list thumbnail is decorative`);
          assert.ok(img.itemHeadline, `${where}: its item has a headline that says what it is about`);
        } else if (img.alt === '') {
          // An article's picture whose source describes it nowhere (a feed item's bare image
          // URL): nothing to say, so it is marked decorative. Where the source does describe
          // its pictures, the seed check below holds the widget to showing it.
          t.diagnostic(`${where}: no description in the source${img.caption ? `, caption ${JSON.stringify(img.caption)}` : ''}`);
        }
      }
      if (images.some((i) => i.host === 'seed' && i.part === 'image')) {
        // Each format carries the seed's descriptions (native and JSON Feed `alt`, WordPress
        // `alt_text`, schema.org `ImageObject.description`), and the widget shows them.
        const wanted = seed.body.filter((b) => b.type === 'image').map((b) => b.alt);
        const shown = images.filter((i) => i.host === 'seed' && i.part === 'image').map((i) => i.alt);
        assert.ok(wanted.length === 3 && wanted.every(Boolean));
        assert.deepEqual(shown, wanted, `${file}: the seed article's photos are described`);
      }
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  }
});

/**
 * Tabs through the whole page once and returns, for every stop inside a widget, where it was
 * and how the focused element looked; and, per widget, every focusable element in DOM order.
 */
async function tabThrough(page, { max = 300 } = {}) {
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  const stops = [];
  let lightStops = 0;
  const seen = new Set();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((focusable) => {
      let el = document.activeElement;
      if (!el || el === document.body) return { body: true };
      let host = null;
      while (el.shadowRoot?.activeElement) {
        host = el;
        el = el.shadowRoot.activeElement;
      }
      if (!host) {
        return { light: true, key: `light:${[...document.querySelectorAll('*')].indexOf(el)}` };
      }
      const index = [...host.shadowRoot.querySelectorAll(focusable)].indexOf(el);
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      // The colour of what is behind the element: its nearest ancestor with a background.
      let behind = 'rgba(0, 0, 0, 0)';
      for (let node = el.parentElement ?? host; node; node = node.parentElement ?? node.getRootNode().host) {
        const bg = getComputedStyle(node).backgroundColor;
        if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') {
          behind = bg;
          break;
        }
      }
      // The ring's ink: each line box of the element grown by the outline (and its offset).
      const grow =
        style.outlineStyle === 'none'
          ? 0
          : Math.max(0, parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset || '0'));
      const boxes = [...el.getClientRects()];
      const ring = {
        left: Math.min(...boxes.map((b) => b.left)) - grow,
        top: Math.min(...boxes.map((b) => b.top)) - grow,
        right: Math.max(...boxes.map((b) => b.right)) + grow,
        bottom: Math.max(...boxes.map((b) => b.bottom)) + grow,
      };
      // Whatever clips the widget's painting, up to and including the host (paint
      // containment, overflow other than visible), must leave the whole ring to be seen.
      let clippedBy = null;
      for (let node = el.parentElement ?? el.getRootNode().host; node; ) {
        const cs = getComputedStyle(node);
        const paint = /paint|content|strict/.test(cs.contain);
        const clipX = paint || cs.overflowX !== 'visible';
        const clipY = paint || cs.overflowY !== 'visible';
        if (clipX || clipY) {
          const b = node.getBoundingClientRect();
          const margin =
            paint || cs.overflowX === 'clip' || cs.overflowY === 'clip'
              ? parseFloat(/(-?[0-9.]+)px/.exec(cs.overflowClipMargin ?? '')?.[1] ?? '0')
              : 0;
          const clip = {
            left: b.left + parseFloat(cs.borderLeftWidth) - margin,
            top: b.top + parseFloat(cs.borderTopWidth) - margin,
            right: b.right - parseFloat(cs.borderRightWidth) + margin,
            bottom: b.bottom - parseFloat(cs.borderBottomWidth) + margin,
          };
          const cut =
            (clipX && (ring.left < clip.left - 0.5 || ring.right > clip.right + 0.5)) ||
            (clipY && (ring.top < clip.top - 0.5 || ring.bottom > clip.bottom + 0.5));
          if (cut) {
            const name = node === host ? `the host <${node.localName}>` : `<${node.localName} part="${node.getAttribute('part') ?? ''}">`;
            clippedBy = `${name} (contain: ${cs.contain}; overflow: ${cs.overflowX} ${cs.overflowY}; clip margin ${margin}px): ring ${JSON.stringify(ring)}, clip ${JSON.stringify(clip)}`;
            break;
          }
        }
        if (node === host) break;
        node = node.parentElement ?? node.getRootNode().host;
      }
      const hostBox = host.getBoundingClientRect();
      return {
        key: `${host.id}:${index}`,
        clippedBy,
        ringInHost:
          ring.left >= hostBox.left - 0.5 &&
          ring.top >= hostBox.top - 0.5 &&
          ring.right <= hostBox.right + 0.5 &&
          ring.bottom <= hostBox.bottom + 0.5,
        host: host.id,
        index,
        tag: el.localName,
        part: el.getAttribute('part'),
        text: el.textContent.trim().slice(0, 60),
        focusVisible: el.matches(':focus-visible'),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
        behind,
        inViewport:
          rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth,
      };
    }, FOCUSABLE);
    if (stop.body) {
      if (stops.length + lightStops > 0) break; // went round once
      continue;
    }
    if (seen.has(stop.key)) break; // back at the start
    seen.add(stop.key);
    if (stop.light) lightStops++;
    else stops.push(stop);
  }
  const expected = await page.evaluate((focusable) => {
    const out = {};
    for (const host of document.querySelectorAll('news-article, news-list')) {
      out[host.id] = [...host.shadowRoot.querySelectorAll(focusable)]
        .map((el, index) => ({ el, index }))
        .filter(({ el }) => el.checkVisibility({ visibilityProperty: true }))
        .map(({ el, index }) => `${host.id}:${index} ${el.localName} ${el.textContent.trim().slice(0, 60)}`);
    }
    return out;
  }, FOCUSABLE);
  return { stops, lightStops, expected };
}

/** The WCAG contrast ratio of two opaque `rgb(…)` colours. */
function contrast(a, b) {
  const luminance = (css) => {
    const [r, g, b] = css.match(/[0-9.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('keyboard: Tab reaches every link and button of the widgets in order, each with a visible focus ring', async () => {
  const runs = DEMO_PAGES.flatMap((file) =>
    [THEMES[0], THEMES[1]].flatMap((variant) =>
      [
        { width: 1280, height: 900 },
        // A phone: every widget as wide as the screen, its links at the edges.
        { width: 390, height: 844 },
      ].map((viewport) => ({ file, variant, viewport })),
    ),
  );
  // Every page is checked before anything is reported, so that one run shows every problem.
  const failures = [];
  for (const { file, variant, viewport } of runs) {
    {
      const { context, page, pageErrors } = await openPage(browser, `${server.url}/${file}`, {
        context: { viewport, colorScheme: variant.colorScheme },
      });
      try {
        await settleAll(page);
        await setTheme(page, variant.theme);
        const { stops, lightStops, expected } = await tabThrough(page);
        const label = `${file}, theme ${variant.name}, ${viewport.width}×${viewport.height}`;
        assert.ok(lightStops > 0, `${label}: the page's own links were passed on the way`);
        const reached = {};
        for (const stop of stops) (reached[stop.host] ??= []).push(`${stop.key} ${stop.tag} ${stop.text}`);
        for (const id of Object.keys(expected)) reached[id] ??= [];
        assert.deepEqual(reached, expected, `${label}: every focusable element of every widget, in DOM order`);
        const total = Object.values(expected).flat().length;
        assert.ok(total > 0, `${label}: the widgets have something to focus`);
        const problems = [];
        for (const stop of stops) {
          const where = `#${stop.key} ${stop.tag} "${stop.text}"`;
          if (!stop.focusVisible) problems.push(`${where} does not match :focus-visible`);
          const ring =
            (stop.outlineStyle !== 'none' && stop.outlineWidth > 0) || (stop.boxShadow && stop.boxShadow !== 'none');
          if (!ring) {
            problems.push(`${where} shows no focus ring (outline ${stop.outlineStyle} ${stop.outlineWidth}px, box-shadow ${stop.boxShadow})`);
          }
          if (stop.outlineStyle !== 'none') {
            if (stop.outlineWidth < 2) problems.push(`${where}: the ring is thinner than 2px (${stop.outlineWidth}px)`);
            const ratio = contrast(stop.outlineColor, stop.behind);
            if (ratio < 3) {
              problems.push(`${where}: the ring (${stop.outlineColor}) has ${ratio.toFixed(2)}:1 contrast against ${stop.behind}, under 3:1`);
            }
          }
          if (stop.clippedBy) problems.push(`${where}: the ring is cut off by ${stop.clippedBy}`);
          // A button is a box the widget places: its whole ring lies on the widget's own
          // background, not on the page's (links in text may run to the widget's edges).
          if (stop.tag === 'button' && !stop.ringInHost) problems.push(`${where}: the ring reaches out of the widget onto the page`);
          if (!stop.inViewport) problems.push(`${where} is not scrolled into view when focused`);
        }
        if (problems.length) failures.push(`${label}: ${problems.length} of ${stops.length} stops\n${problems.join('\n')}`);
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    }
  }
  if (failures.length) assert.fail(failures.join('\n'));
});

/** The animation of the loading skeleton's bones of `#id`. */
function boneAnimation(page, id) {
  return page.evaluate((id) => {
    const bones = [...document.getElementById(id).shadowRoot.querySelectorAll('.bone')];
    return {
      count: bones.length,
      names: [...new Set(bones.map((b) => getComputedStyle(b).animationName))],
      running: bones.reduce((n, b) => n + b.getAnimations().length, 0),
    };
  }, id);
}

test('prefers-reduced-motion: reduce stops the skeleton animation, live', async () => {
  const { context, page, pageErrors } = await openPage(browser, `${server.url}/e2e/host.html`, {
    context: { reducedMotion: 'no-preference' },
  });
  try {
    await addWidget(page, { id: 'slow', attrs: { src: '/fault/slow', loading: 'eager' } });
    await waitForLoadingView(page, '#slow');
    const moving = await boneAnimation(page, 'slow');
    assert.equal(moving.count, 4);
    assert.deepEqual(moving.names, ['news-embed-pulse'], 'without a preference the bones pulse');
    assert.equal(moving.running, 4);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    const still = await boneAnimation(page, 'slow');
    assert.deepEqual(still.names, ['none'], 'with reduced motion they do not');
    assert.equal(still.running, 0, 'no animation runs on any bone');

    // A widget that starts loading under the preference never animates either.
    await addWidget(page, { id: 'slow2', attrs: { src: '/fault/slow', loading: 'eager' } });
    await waitForLoadingView(page, '#slow2');
    assert.deepEqual((await boneAnimation(page, 'slow2')).names, ['none']);

    await page.emulateMedia({ reducedMotion: 'no-preference' });
    assert.deepEqual((await boneAnimation(page, 'slow')).names, ['news-embed-pulse'], 'and back');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
