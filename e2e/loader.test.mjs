// The loader: the elements defined at once, the wasm fetched the first time a widget needs it
// (and only then), checked against the integrity the loader was built with, and refused when
// it does not match; and the script tag's own integrity, as `make dist` prints it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

import { useServerAndBrowser, openPage, waitForState, waitForEvents, events, sleep, fixture, repoRoot } from './helpers.mjs';
import { tamperSection } from './server.mjs';
import { startFirefox } from './firefox.mjs';

const dist = path.join(repoRoot, 'dist');
const wasmFile = readdirSync(dist).find((f) => f.endsWith('.wasm'));
const loader = readFileSync(path.join(dist, 'news-embed.js'), 'utf8');
const seed = fixture('article-vi.json');

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

test('the wasm is named by its content hash, and the loader names that file with its sha384 integrity', () => {
  const wasm = readFileSync(path.join(dist, wasmFile));
  const sha384 = createHash('sha384').update(wasm).digest();
  assert.equal(wasmFile, `news_embed_bg.${sha384.toString('hex').slice(0, 16)}.wasm`);
  assert.ok(loader.includes(JSON.stringify(wasmFile)), 'the loader fetches the hashed file');
  assert.ok(loader.includes(`"sha384-${sha384.toString('base64')}"`), 'with its integrity');
  // The tampered mirror's wasm is still valid WebAssembly: only the integrity can refuse it.
  const tampered = Buffer.concat([wasm, tamperSection()]);
  assert.equal(WebAssembly.validate(tampered), true);
  assert.notDeepEqual(createHash('sha384').update(tampered).digest(), sha384);
});

/** A page whose widgets all sit far below the fold; `requested` logs every request's path. */
async function belowTheFold(markup) {
  const requested = [];
  const opened = await openPage(browser, `${server.url}/e2e/host.html`, {
    context: { viewport: { width: 1000, height: 700 } },
    prepare: (page) => page.on('request', (r) => requested.push(new URL(r.url()).pathname)),
    elements: true,
  });
  await opened.page.evaluate((markup) => {
    const spacer = document.createElement('div');
    spacer.style.height = '6000px';
    document.getElementById('widgets').before(spacer);
    document.getElementById('widgets').innerHTML = markup;
  }, markup);
  const wasm = () => requested.filter((p) => p.endsWith('.wasm'));
  return { ...opened, requested, wasm };
}

test('a page whose widgets are all below the fold downloads only the loader until the reader scrolls', async () => {
  const { context, page, requested, wasm, pageErrors } = await belowTheFold(
    '<news-article id="far" src="/fixtures/article-vi.json"><a href="/fixtures/article-vi.json">Đại hội</a></news-article>' +
      '<news-list id="far-list" src="/fixtures/articles.json"></news-list>',
  );
  try {
    await waitForState(page, '#far', 'loading');
    await sleep(500); // checking that something does NOT happen
    assert.deepEqual(wasm(), []);
    assert.deepEqual(requested.filter((p) => p.endsWith('.json')), []);
    assert.deepEqual(requested.filter((p) => p.endsWith('.js')), ['/dist/news-embed.js']);
    await page.locator('#far').scrollIntoViewIfNeeded();
    await waitForState(page, '#far', 'ready');
    await waitForState(page, '#far-list', 'ready');
    assert.deepEqual(wasm(), [`/dist/${wasmFile}`]);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

for (const [need, markup, act] of [
  ['loading="eager"', '<news-article id="w" loading="eager" src="/fixtures/article-vi.json"></news-article>', null],
  ['.data', '<news-article id="w"></news-article>', (seed) => { document.getElementById('w').data = seed; }],
  ['reload()', '<news-article id="w" src="/fixtures/article-vi.json"></news-article>', () => document.getElementById('w').reload().then(() => document.getElementById('w').getAttribute('state'))],
]) {
  test(`${need} on a widget below the fold starts the wasm at once, and the widget renders`, async () => {
    const { context, page, wasm, pageErrors } = await belowTheFold(markup);
    try {
      if (!act) await waitForState(page, '#w', 'ready');
      else {
        await sleep(300);
        assert.deepEqual(wasm(), [], 'nothing needed the wasm yet');
        const resolved = await page.evaluate(act, seed);
        // reload() resolves when the element is ready (or in error), never before.
        if (need === 'reload()') assert.equal(resolved, 'ready');
        await waitForState(page, '#w', 'ready');
      }
      assert.deepEqual(wasm(), [`/dist/${wasmFile}`]);
      const title = await page.evaluate(() => document.getElementById('w').shadowRoot.querySelector('h1').textContent);
      assert.equal(title, seed.title);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
}

const TAMPERED = { eager: 'eager-fallback', near: 'near-fallback', given: 'given-fallback' };

test('a changed wasm is refused: every widget ends in error with its fallback shown, and news-embed:error fires', async () => {
  const { context, page, pageErrors } = await openPage(browser, `${server.url}/e2e/tampered.html`, { elements: true });
  try {
    // The first widget that needs the wasm (#eager) finds it refused: every widget on the
    // page is told once, #given too (no source of its own yet).
    for (const id of Object.keys(TAMPERED)) await waitForState(page, `#${id}`, 'error');
    await waitForEvents(page, 'news-embed:error', 3);
    const told = (errors) => errors.map((e) => [e.id, e.detail.kind, e.detail.status, e.detail.src]).sort();
    const expected = [['eager', 'wasm', 0, '/fixtures/article-vi.json'], ['given', 'wasm', 0, null], ['near', 'wasm', 0, '/fixtures/articles.json']];
    assert.deepEqual(told(await events(page, 'news-embed:error')), expected);
    // Asked for something new (`.data`), a widget is told again; the others are not.
    await page.evaluate((seed) => { document.getElementById('given').data = seed; }, seed);
    await waitForEvents(page, 'news-embed:error', 4);
    assert.equal(await page.getAttribute('#given', 'state'), 'error');
    for (const [id, fallback] of Object.entries(TAMPERED)) {
      assert.equal(await page.locator(`#${fallback}`).isVisible(), true, `#${id} shows its fallback`);
      assert.equal(await page.evaluate((id) => document.getElementById(id).shadowRoot, id), null);
    }
    const errors = await events(page, 'news-embed:error');
    assert.deepEqual(told(errors), [...expected, ['given', 'wasm', 0, null]].sort());
    assert.ok(errors.every((e) => e.bubbles && e.composed && e.detail.message.includes('did not run')));
    // Trying again fetches it again, and refuses it again; the promise still resolves.
    const state = await page.evaluate(() => document.getElementById('eager').reload().then(() => document.getElementById('eager').getAttribute('state')));
    assert.equal(state, 'error');
    assert.equal((await events(page, 'news-embed:error')).filter((e) => e.id === 'eager').length, 2);
    assert.equal((await events(page, 'news-embed:error')).length, 5);
    assert.equal((await events(page, 'news-embed:load')).length, 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('Firefox: a changed wasm is refused, every widget in error with its fallback shown', async () => {
  const firefox = await startFirefox();
  try {
    await firefox.goto(`${server.url}/e2e/tampered.html`);
    const seen = await firefox.run(async (ids) => {
      const errors = [];
      document.addEventListener('news-embed:error', (e) => errors.push([e.target.id, e.detail.kind]));
      await customElements.whenDefined('news-article');
      document.getElementById('given').data = { title: 'x' };
      const deadline = Date.now() + 20_000;
      while (!ids.every((id) => document.getElementById(id).getAttribute('state') === 'error') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      return {
        states: ids.map((id) => document.getElementById(id).getAttribute('state')),
        fallbacks: ids.map((id) => document.getElementById(`${id}-fallback`).getBoundingClientRect().height > 0),
        shadowRoots: ids.map((id) => document.getElementById(id).shadowRoot !== null),
        errors: errors.sort(),
      };
    }, Object.keys(TAMPERED));
    assert.deepEqual(seen.states, ['error', 'error', 'error']);
    assert.deepEqual(seen.fallbacks, [true, true, true]);
    assert.deepEqual(seen.shadowRoots, [false, false, false]);
    // Listened for after the page's first events: at least the `given` one, all of kind wasm.
    assert.ok(seen.errors.some(([id]) => id === 'given'));
    assert.ok(seen.errors.every(([, kind]) => kind === 'wasm'));
  } finally {
    await firefox.close();
  }
});

test('the script tag make dist prints: its integrity lets the loader run; a wrong one stops it', async () => {
  const tag = execFileSync('node', [path.join(repoRoot, 'scripts/snippet.mjs'), dist, '/dist/news-embed.js'], { encoding: 'utf8' }).trim();
  assert.match(tag, /^<script type="module" src="\/dist\/news-embed.js" integrity="sha384-[A-Za-z0-9+/=]{64}" crossorigin="anonymous"><\/script>$/);
  const page = (script) => `<!doctype html><html lang="vi"><head><meta charset="utf-8">${script}</head><body>` +
    '<news-article id="seed" loading="eager" src="/fixtures/article-vi.json"><a id="fallback" href="/fixtures/article-vi.json">Đại hội</a></news-article></body></html>';
  for (const [name, script, defined] of [
    ['right', tag, true],
    ['wrong', tag.replace(/integrity="sha384-./, 'integrity="sha384-A'), false],
  ]) {
    const { context, page: p } = await openPage(browser, `${server.url}/e2e/sri-${name}.html`, {
      prepare: (p) => p.route(`${server.url}/e2e/sri-${name}.html`, (route) =>
        route.fulfill({ contentType: 'text/html', body: page(script) })),
    });
    try {
      if (defined) {
        await waitForState(p, '#seed', 'ready');
      } else {
        await sleep(500); // checking that something does NOT happen
        assert.equal(await p.evaluate(() => customElements.get('news-article')), undefined);
        assert.equal(await p.locator('#fallback').isVisible(), true);
      }
    } finally {
      await context.close();
    }
  }
});
