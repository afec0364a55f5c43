// The pages that test the widget against a hostile host, in Firefox too (geckodriver, W3C
// WebDriver): the strict Content-Security-Policy page and the hostile stylesheet page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { start } from './server.mjs';
import { startFirefox } from './firefox.mjs';
import { fixture, repoRoot } from './helpers.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
  "connect-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'";

const seed = fixture('article-vi.json');

let server;
let firefox;

before(async () => {
  server = await start({ pageHeaders: { '/e2e/firefox-csp.html': { 'Content-Security-Policy': STRICT_CSP } } });
  firefox = await startFirefox();
});

after(async () => {
  await firefox?.close();
  await server?.close();
});

/** Waits in the page until every listed element has its expected `state`. */
function waitForStates(expected) {
  return firefox.run(async (expected) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const states = Object.fromEntries(
        Object.keys(expected).map((id) => [id, document.getElementById(id)?.getAttribute('state')]),
      );
      if (Object.entries(expected).every(([id, state]) => states[id] === state)) return states;
      if (Date.now() > deadline) throw new Error(`states: ${JSON.stringify(states)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }, expected);
}

test(`Firefox: the strict CSP page renders everything with zero violations`, async () => {
  await firefox.goto(`${server.url}/e2e/firefox-csp.html`);
  await waitForStates({ seed: 'ready', list: 'ready', broken: 'error' });
  const seen = await firefox.run(async () => {
    const root = document.getElementById('seed').shadowRoot;
    const images = [...root.querySelectorAll('img[part~=image]')];
    for (const img of images) {
      img.scrollIntoView();
      const deadline = Date.now() + 5000;
      while (!(img.complete && img.naturalWidth > 0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const broken = document.getElementById('broken').shadowRoot;
    return {
      headline: root.querySelector('h1[part~=headline]').textContent,
      date: root.querySelector('[part~=date]').textContent,
      paragraphs: root.querySelectorAll('[part~=body] > p').length,
      imagesLoaded: images.filter((img) => img.naturalWidth > 0).length,
      styled: getComputedStyle(root.querySelector('article')).maxWidth,
      items: document.getElementById('list').shadowRoot.querySelectorAll('[part~=item]').length,
      alert: broken.querySelector('[role=alert] .message')?.textContent,
      retry: !!broken.querySelector('button[part~=retry]'),
      violations: window.__violations,
    };
  });
  assert.equal(seen.headline, seed.title);
  assert.equal(seen.date, '22/5/2020, 10:21 (GMT+7)');
  assert.equal(seen.paragraphs, seed.body.filter((b) => b.type === 'paragraph').length);
  assert.equal(seen.imagesLoaded, 3, "the figures load under img-src 'self'");
  assert.equal(seen.styled, '720px', 'the adopted stylesheet applies under style-src self');
  assert.equal(seen.items, 15);
  assert.equal(seen.alert, 'Không tải được tin: máy chủ trả lời lỗi 404.');
  assert.ok(seen.retry);
  assert.ok(Array.isArray(seen.violations), 'the violation recorder ran');
  assert.deepEqual(seen.violations, []);
});

/** Computed styles of the host page's own elements (the widget must not change them). */
function hostStyles() {
  return firefox.run(() => {
    // Not the widths of blocks: a longer page gets a scrollbar, which narrows them.
    const props = ['color', 'font-size', 'font-family', 'display', 'margin-top', 'float', 'text-transform'];
    const styles = Object.fromEntries(
      ['own-h1', 'own-p', 'own-a', 'own-ul', 'own-li1', 'own-img', 'own-div', 'own-end'].map((id) => {
        const style = getComputedStyle(document.getElementById(id));
        return [id, Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]))];
      }),
    );
    styles['own-img'].width = getComputedStyle(document.getElementById('own-img')).width;
    return styles;
  });
}

test('Firefox: a hostile stylesheet neither breaks the widget nor is changed by it', async () => {
  await firefox.goto(`${server.url}/e2e/firefox-css-control.html`);
  const without = await hostStyles();
  await firefox.goto(`${server.url}/e2e/hostile-css.html`);
  await waitForStates({ seed: 'ready', en: 'ready', list: 'ready', broken: 'error' });
  const inside = await firefox.run(() => {
    const root = document.getElementById('seed').shadowRoot;
    const style = (el) => getComputedStyle(el);
    const h1 = root.querySelector('h1[part~=headline]');
    const p = root.querySelector('[part~=body] > p');
    const img = root.querySelector('img[part~=image]');
    const li = document.getElementById('list').shadowRoot.querySelector('[part~=item]');
    const link = document.getElementById('list').shadowRoot.querySelector('a[part~=item-link]');
    const retry = document.getElementById('broken').shadowRoot.querySelector('button[part~=retry]');
    return {
      h1Display: style(h1).display,
      h1Size: parseFloat(style(h1).fontSize),
      pDisplay: style(p).display,
      pSize: parseFloat(style(p).fontSize),
      pFont: style(p).fontFamily,
      pTransform: style(p).textTransform,
      imgWidth: img.getBoundingClientRect().width,
      liFloat: style(li).float,
      linkEvents: style(link).pointerEvents,
      retryDisplay: style(retry).display,
    };
  });
  assert.notEqual(inside.h1Display, 'none');
  assert.ok(inside.h1Size >= 24 && inside.h1Size <= 40, `headline ${inside.h1Size}px`);
  assert.equal(inside.pDisplay, 'block');
  assert.ok(inside.pSize >= 12 && inside.pSize <= 24, `paragraph ${inside.pSize}px`);
  assert.ok(!/comic|fantasy/i.test(inside.pFont), inside.pFont);
  assert.equal(inside.pTransform, 'none');
  assert.ok(inside.imgWidth > 300, `figure image ${inside.imgWidth}px wide`);
  assert.equal(inside.liFloat, 'none');
  assert.equal(inside.linkEvents, 'auto');
  assert.notEqual(inside.retryDisplay, 'none');
  assert.deepEqual(await hostStyles(), without, "the host page's own elements look the same");
});

test('Firefox: a server-rendered article shows before the script and the widget keeps its nodes', async () => {
  // The page is written per run: `--base` holds this server's address.
  execFileSync('cargo', ['build', '--quiet', '--bin', 'news-embed'], { cwd: repoRoot, stdio: 'inherit' });
  const src = `${server.url}/fixtures/article-vi.json`;
  const element = execFileSync(
    path.join(repoRoot, 'target', 'debug', 'news-embed'),
    ['render', path.join(repoRoot, 'www', 'fixtures', 'article-vi.json'), '--lang', 'vi', '--src', src, '--base', src, '--loading', 'eager'],
    { encoding: 'utf8' },
  );
  const dir = path.join(repoRoot, 'e2e', 'pages', 'generated');
  mkdirSync(dir, { recursive: true });
  // The classic script runs while the page is parsed, before the widget's module: it notes
  // what the server's shadow root holds.
  writeFileSync(path.join(dir, 'ssr.html'), `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>news-embed e2e: server-rendered, in Firefox</title>
  <link rel="icon" href="data:,">
  <script type="module" src="/dist/news-embed.js"></script>
</head>
<body>
${element}
<script>
  window.__loads = [];
  document.addEventListener('news-embed:load', (event) => window.__loads.push(event.detail));
  const root = document.querySelector('news-article').shadowRoot;
  window.__before = root ? [...root.querySelectorAll('*')] : [];
  window.__headline = root?.querySelector('h1')?.textContent ?? null;
</script>
</body>
</html>
`);
  await firefox.goto(`${server.url}/e2e/generated/ssr.html`);
  const seen = await firefox.run(async () => {
    const deadline = Date.now() + 15_000;
    while (window.__loads.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const host = document.querySelector('news-article');
    const now = [...host.shadowRoot.querySelectorAll('*')];
    return {
      loads: window.__loads,
      headlineBefore: window.__headline,
      before: window.__before.length,
      same: now.length === window.__before.length && now.every((node, i) => node === window.__before[i]),
      state: host.getAttribute('state'),
      maxWidth: getComputedStyle(host.shadowRoot.querySelector('article')).maxWidth,
    };
  });
  assert.equal(seen.headlineBefore, seed.title, 'the declarative shadow root is there before any module runs');
  assert.ok(seen.before > 20, `${seen.before} nodes before the upgrade`);
  assert.deepEqual(seen.loads, [{ src, format: 'native', count: 1 }]);
  assert.equal(seen.state, 'ready');
  assert.ok(seen.same, 'the widget kept the server-rendered nodes');
  assert.equal(seen.maxWidth, '720px');
});
