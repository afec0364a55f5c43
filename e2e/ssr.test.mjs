// Server-side rendering: `news-embed render` prints the element with a declarative shadow
// root. Readers without JavaScript see the article, styled; when the widget starts it keeps
// those nodes (no flash, no layout shift); and the server's markup is the browser's, fixture
// by fixture.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { useServerAndBrowser, openPage, repoRoot, waitForState, waitForEvents, events, sleep } from './helpers.mjs';

const CLI = path.join(repoRoot, 'target', 'debug', 'news-embed');

let server;
let browser;

before(() => execFileSync('cargo', ['build', '--quiet', '--bin', 'news-embed'], { cwd: repoRoot, stdio: 'inherit' }));
useServerAndBrowser((s, b) => ((server = s), (browser = b)));

/** `news-embed render` of a file under www/, or null with its message when it refuses. */
function render(file, args) {
  try {
    const html = execFileSync(CLI, ['render', path.join(repoRoot, 'www', file), ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { html };
  } catch (error) {
    return { html: null, message: String(error.stderr) };
  }
}

function fixtures(dir = path.join(repoRoot, 'www', 'fixtures')) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return fixtures(full);
    return name.endsWith('.json') ? [path.relative(path.join(repoRoot, 'www'), full)] : [];
  });
}

/** A host page made of `body`, served at /e2e/ssr.html. */
async function ssrPage(body, { context, prepare, waitUntil } = {}) {
  const html = `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>news-embed e2e: server-rendered</title>
  <link rel="icon" href="data:,">
  <script type="module" src="/dist/news-embed.js"></script>
</head>
<body>
<main>${body}</main>
<p id="below">Below the widget.</p>
</body>
</html>`;
  return openPage(browser, `${server.url}/e2e/ssr.html`, {
    context,
    waitUntil,
    prepare: async (page) => {
      await page.route('**/e2e/ssr.html', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
      );
      if (prepare) await prepare(page);
    },
  });
}

test('the server renders every fixture as the browser does, in both elements', async () => {
  const { context, page } = await openPage(browser, `${server.url}/e2e/host.html`, { elements: true });
  try {
    const cases = [];
    for (const file of fixtures()) {
      for (const element of ['article', 'list']) cases.push({ file, element, lang: 'vi' });
    }
    cases.push({ file: 'fixtures/article-en.json', element: 'article', lang: 'en' });
    cases.push({ file: 'fixtures/jsonfeed/feed.json', element: 'list', lang: 'en', limit: '3' });
    cases.push({ file: 'fixtures/articles.json', element: 'article', lang: 'vi', item: 'tin-iso' });
    let compared = 0;
    for (const [i, c] of cases.entries()) {
      const url = `${server.url}/${c.file}`;
      const args = ['--element', c.element, '--lang', c.lang, '--base', url];
      if (c.limit) args.push('--limit', c.limit);
      if (c.item) args.push('--item', c.item);
      const server_ = render(c.file, args);
      const id = `case-${i}`;
      await page.evaluate(({ id, tag, c, url }) => {
        const el = document.createElement(tag);
        el.id = id;
        el.setAttribute('lang', c.lang);
        el.setAttribute('loading', 'eager');
        if (c.limit) el.setAttribute('limit', c.limit);
        if (c.item) el.setAttribute('item', c.item);
        el.setAttribute('src', url);
        document.querySelector('#widgets').replaceChildren(el);
      }, { id, tag: `news-${c.element}`, c, url });
      await page.waitForFunction(
        (id) => ['ready', 'error'].includes(document.getElementById(id)?.getAttribute('state')),
        id,
      );
      const state = await page.evaluate((id) => document.getElementById(id).getAttribute('state'), id);
      const label = `${c.file} in <news-${c.element}> (${c.lang})`;
      if (server_.html === null) {
        assert.equal(state, 'error', `${label}: the server refused it (${server_.message}) but the browser showed it`);
        continue;
      }
      assert.equal(state, 'ready', `${label}: the browser failed where the server rendered`);
      const result = await page.evaluate(({ id, html }) => {
        const parsed = Document.parseHTMLUnsafe(html).body.firstElementChild;
        const fromServer = document.createElement('div');
        for (const node of parsed.shadowRoot.childNodes) {
          if (node.localName !== 'link') fromServer.append(document.importNode(node, true));
        }
        const fromBrowser = document.createElement('div');
        for (const node of document.getElementById(id).shadowRoot.childNodes) {
          fromBrowser.append(node.cloneNode(true));
        }
        fromBrowser.normalize();
        return {
          equal: fromServer.isEqualNode(fromBrowser),
          server: fromServer.innerHTML,
          browser: fromBrowser.innerHTML,
          stylesheet: parsed.shadowRoot.firstChild?.outerHTML,
        };
      }, { id, html: server_.html });
      assert.equal(result.stylesheet, '<link rel="stylesheet" href="/dist/news-embed.css">', label);
      assert.equal(result.server, result.browser, `${label}: the markup differs`);
      assert.ok(result.equal, `${label}: same HTML but unequal nodes`);
      compared += 1;
    }
    // Every fixture renders somewhere: the refusals are the wrong-element cases only.
    assert.ok(compared >= fixtures().length, `only ${compared} of ${cases.length} cases rendered`);
  } finally {
    await context.close();
  }
});

test('a server-rendered article upgrades in place: same nodes, no layout shift, no refetched images', async () => {
  const src = `${server.url}/fixtures/article-vi.json`;
  const { html } = render('fixtures/article-vi.json', ['--lang', 'vi', '--src', src, '--base', src, '--loading', 'eager']);
  assert.ok(html);
  let releaseScript;
  const scriptHeld = new Promise((resolve) => (releaseScript = resolve));
  const images = [];
  const { context, page, pageErrors } = await ssrPage(html, {
    waitUntil: 'commit',
    prepare: async (page) => {
      page.on('request', (request) => {
        if (request.resourceType() === 'image') images.push(new URL(request.url()).pathname);
      });
      await page.addInitScript(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__shifts.push({ value: entry.value, at: entry.startTime });
        }).observe({ type: 'layout-shift', buffered: true });
      });
      // The widget's script waits until the server rendering has been seen and marked.
      await page.route('**/dist/news-embed.js', async (route) => {
        await scriptHeld;
        await route.continue();
      });
    },
  });
  try {
    // Before any script: the article is there and styled by the linked stylesheet.
    await page.waitForFunction(() => {
      const h1 = document.querySelector('news-article')?.shadowRoot?.querySelector('h1');
      return h1 && getComputedStyle(h1).fontWeight === '700';
    });
    assert.equal(await page.evaluate(() => customElements.get('news-article')), undefined);
    await page.evaluate(() => {
      const root = document.querySelector('news-article').shadowRoot;
      window.__before = [...root.querySelectorAll('*')];
      window.__shiftsBefore = window.__shifts.length;
    });
    await sleep(200);
    const shiftsBefore = await page.evaluate(() => window.__shifts.length);
    const imagesBefore = images.length;

    releaseScript();
    await waitForEvents(page, 'news-embed:load', 1);
    await sleep(300);
    const after = await page.evaluate(() => {
      const host = document.querySelector('news-article');
      const now = [...host.shadowRoot.querySelectorAll('*')];
      return {
        state: host.getAttribute('state'),
        same: now.length === window.__before.length && now.every((node, i) => node === window.__before[i]),
        count: now.length,
        shifts: window.__shifts.slice(window.__shiftsBefore),
        adopted: host.shadowRoot.adoptedStyleSheets.length,
      };
    });
    assert.equal(after.state, 'ready');
    assert.ok(after.same, 'the widget replaced the server-rendered nodes');
    assert.ok(after.count > 20, `only ${after.count} nodes`);
    assert.equal(after.adopted, 1, 'the widget adopts its stylesheet as usual');
    assert.deepEqual(after.shifts, [], 'layout shifted during the upgrade');
    assert.equal(shiftsBefore, await page.evaluate(() => window.__shiftsBefore));
    assert.equal(images.length, imagesBefore, `images requested again: ${images.slice(imagesBefore)}`);
    const [load] = await events(page, 'news-embed:load');
    assert.deepEqual(load.detail, { src, format: 'native', count: 1 });
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('without JavaScript the server-rendered article is all there, styled', async () => {
  const { html } = render('fixtures/article-vi.json', ['--lang', 'vi']);
  const { context, page } = await ssrPage(html, { context: { javaScriptEnabled: false } });
  try {
    const headline = page.locator('news-article h1[part~=headline]');
    assert.equal(
      await headline.textContent(),
      'Đại hội Đảng bộ Sở Khoa học và Công nghệ lần thứ IV, nhiệm kỳ 2020 - 2025',
    );
    assert.equal(await page.locator('news-article [part~=date]').textContent(), '22/5/2020, 10:21 (GMT+7)');
    assert.equal(await page.locator('news-article figcaption').count(), 3);
    assert.equal(await page.locator('news-article [part~=other-news] h2').textContent(), 'Các tin khác');
    assert.equal(await page.locator('news-article [part~=credit]').textContent(), 'Ngọc Triều, Ảnh Huỳnh Sang');
    // The linked stylesheet applies inside the shadow root (h1 is 1.9em of 16px).
    const size = await headline.evaluate((h1) => getComputedStyle(h1).fontSize);
    assert.equal(size, '30.4px');
  } finally {
    await context.close();
  }
});

test('a stale server rendering is replaced by what the source says now', async () => {
  const { html } = render('fixtures/article-vi.json', ['--lang', 'vi', '--src', '/fixtures/article-en.json']);
  const { context, page } = await ssrPage(html);
  try {
    await waitForEvents(page, 'news-embed:load', 1);
    const headline = await page.evaluate(
      () => document.querySelector('news-article').shadowRoot.querySelector('h1').textContent,
    );
    assert.match(headline, /^Technology fair opens/);
    assert.equal(
      await page.evaluate(() => document.querySelector('news-article').shadowRoot.querySelector('link')),
      null,
      'a render over the server rendering replaces all of it',
    );
  } finally {
    await context.close();
  }
});

test('when its source fails, a server-rendered widget keeps showing the article and tells the page', async () => {
  const { html } = render('fixtures/article-vi.json', ['--lang', 'vi', '--src', '/fault/status/503', '--loading', 'eager']);
  const { context, page } = await ssrPage(html);
  try {
    await waitForEvents(page, 'news-embed:error', 1);
    const [error] = await events(page, 'news-embed:error');
    assert.equal(error.detail.kind, 'http');
    assert.equal(error.detail.status, 503);
    await waitForState(page, 'news-article', 'ready');
    const text = await page.evaluate(() => document.querySelector('news-article').shadowRoot.textContent);
    assert.match(text, /Đại hội Đảng bộ/);
    assert.doesNotMatch(text, /Thử lại/);
  } finally {
    await context.close();
  }
});

test('"more" on a server-rendered list works before the widget has its source', async () => {
  const src = `${server.url}/fixtures/jsonfeed/feed.json`;
  const { html } = render('fixtures/jsonfeed/feed.json', ['--element', 'list', '--lang', 'vi', '--limit', '3', '--src', src, '--base', src]);
  assert.match(html, /part="more"/, 'the server rendered the "more" button');
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const { context, page } = await ssrPage(html, {
    prepare: (page) =>
      // The list's own source waits until "more" has been pressed.
      page.route('**/fixtures/jsonfeed/feed.json', async (route) => {
        await held;
        await route.continue();
      }),
  });
  try {
    await page.waitForFunction(() => customElements.get('news-list'));
    const count = () => page.evaluate(() => document.querySelector('news-list').shadowRoot.querySelectorAll('[part~=item]').length);
    assert.equal(await count(), 3);
    await page.locator('news-list [part~=more]').focus();
    await page.keyboard.press('Enter');
    release();
    await waitForEvents(page, 'news-embed:load', 2);
    await page.waitForFunction(() => document.querySelector('news-list').shadowRoot.querySelectorAll('[part~=item]').length === 6);
    const loads = (await events(page, 'news-embed:load')).map((e) => e.detail.count);
    assert.deepEqual(loads, [3, 6]);
    // That was the feed's last page: "more" is gone and focus is on the first new item.
    const after = await page.evaluate(() => {
      const root = document.querySelector('news-list').shadowRoot;
      return {
        focused: root.activeElement?.textContent,
        fourth: root.querySelectorAll('[part~=item-link]')[3]?.textContent,
        more: root.querySelector('[part~=more]'),
      };
    });
    assert.equal(after.more, null);
    assert.equal(after.focused, after.fourth);
  } finally {
    release();
    await context.close();
  }
});
