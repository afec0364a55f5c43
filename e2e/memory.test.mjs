// A long life: 1,000 cycles of creating, rendering and removing a widget, with wasm memory
// and the JS heap measured after every 100 (after forced garbage collection). Growth beyond
// a small bound means leaked closures, listeners or widgets.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { start } from './server.mjs';
import { fixture } from './helpers.mjs';
import { launchChromium } from '../bench/chromium.mjs';

const CYCLES = 1000;
/** Allowed growth from the first 100 cycles to the last: wasm memory never shrinks, but a
 *  widget that is freed leaves its bytes to the next one. */
const WASM_GROWTH_BYTES = 1 << 20;
const HEAP_GROWTH_BYTES = 1 << 20;

let server;
let browser;

before(async () => {
  server = await start();
  // With gc() and precise memory figures, as the benchmark's memory measure.
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test(`${CYCLES} create-render-remove cycles leave memory flat`, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/e2e/host.html`);
    await page.waitForFunction(() => customElements.get('news-article') && customElements.get('news-list'));
    const samples = await page.evaluate(
      async ({ cycles, seed, listing }) => {
        const { memoryBytes, load } = await import('/dist/news-embed.js');
        await load(); // `.data` renders synchronously once the wasm runs
        const host = document.getElementById('widgets');
        const settle = async () => {
          for (let i = 0; i < 3; i++) {
            window.gc();
            // FinalizationRegistry callbacks (which free the Rust side) run after a GC.
            await new Promise((r) => setTimeout(r, 20));
          }
        };
        const loaded = (el) =>
          new Promise((resolve) => {
            el.addEventListener('news-embed:load', resolve, { once: true });
            el.addEventListener('news-embed:error', resolve, { once: true });
          });
        const samples = [];
        for (let i = 1; i <= cycles; i++) {
          const el = document.createElement(i % 2 ? 'news-article' : 'news-list');
          if (i % 10 === 0) {
            // Every tenth through the network, lazily attached listeners and all.
            el.setAttribute('src', i % 20 ? '/fixtures/article-vi.json' : '/fixtures/articles.json');
            el.setAttribute('loading', 'eager');
            const done = loaded(el);
            host.append(el);
            await done;
          } else {
            host.append(el);
            el.data = i % 2 ? seed : listing;
          }
          if (el.getAttribute('state') !== 'ready') throw new Error(`cycle ${i}: ${el.getAttribute('state')}`);
          // Some removed with a change pending, some after a retry button existed.
          if (i % 7 === 0) el.setAttribute('lang', 'en');
          el.remove();
          if (i % 100 === 0) {
            await settle();
            samples.push({ cycle: i, wasm: memoryBytes(), heap: performance.memory.usedJSHeapSize });
          }
        }
        return samples;
      },
      { cycles: CYCLES, seed: fixture('article-vi.json'), listing: fixture('articles.json') },
    );
    const first = samples[0];
    const last = samples[samples.length - 1];
    const table = samples.map((s) => `${s.cycle}: wasm ${s.wasm} B, heap ${s.heap} B`).join('\n');
    assert.ok(last.wasm - first.wasm <= WASM_GROWTH_BYTES, `wasm memory grew:\n${table}`);
    assert.ok(last.heap - first.heap <= HEAP_GROWTH_BYTES, `JS heap grew:\n${table}`);
    // For the record (shown with --test-reporter=spec, and in the closing notes).
    console.log(`memory after ${CYCLES} cycles:\n${table}`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

// Long listings are read and rendered 50 items at a time (SLICE_ITEMS in element.rs): wasm
// memory never shrinks, so it must never hold a whole long listing at once.
test('a 10,000-item list renders every item in order and grows wasm memory by under 1 MB', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/e2e/host.html`);
    await page.waitForFunction(() => customElements.get('news-list'));
    const result = await page.evaluate(async (seed) => {
      const { memoryBytes, load } = await import('/dist/news-embed.js');
      await load(); // `.data` renders synchronously once the wasm runs
      const host = document.getElementById('widgets');
      // A first render, so that "before" counts the widget's own start-up.
      const warm = document.createElement('news-article');
      host.append(warm);
      warm.data = seed;
      warm.remove();
      const before = memoryBytes();
      const items = Array.from({ length: 10_000 }, (_, i) => ({
        id: `tin-${i + 1}`,
        title: `Tin số ${i + 1}`,
        url: `https://example.org/tin/${i + 1}`,
        published: '2020-05-22T10:21:00+07:00',
        summary: `Tóm tắt ${i + 1} `.repeat(8),
        image: { src: `https://example.org/anh/${i + 1}.jpg`, alt: `Ảnh ${i + 1}` },
      }));
      const list = document.createElement('news-list');
      host.append(list);
      list.data = { items };
      const titles = [...list.shadowRoot.querySelectorAll('[part~=item-link]')].map((a) => a.textContent);
      const limited = document.createElement('news-list');
      limited.setAttribute('limit', '250');
      host.append(limited);
      limited.data = { items };
      const limitedCount = limited.shadowRoot.querySelectorAll('[part~=item]').length;
      const lists = list.shadowRoot.querySelectorAll('[part~=list]').length;
      list.remove();
      limited.remove();
      return { before, after: memoryBytes(), titles, limitedCount, lists, state: list.getAttribute('state') };
    }, fixture('article-vi.json'));
    assert.equal(result.state, 'ready');
    assert.equal(result.lists, 1, 'one list, however many slices');
    assert.equal(result.titles.length, 10_000);
    for (const n of [1, 200, 201, 400, 401, 9_999, 10_000]) assert.equal(result.titles[n - 1], `Tin số ${n}`);
    assert.equal(result.limitedCount, 250, 'limit counts across slices');
    const growth = result.after - result.before;
    console.log(`wasm memory: ${result.before} B before a 10,000-item list, ${result.after} B after`);
    assert.ok(growth < 1 << 20, `wasm memory grew ${growth} B`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('"more" after a page longer than one slice appends the next page after its last item', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/e2e/host.html`);
    await page.waitForFunction(() => customElements.get('news-list'));
    const titles = await page.evaluate(async () => {
      await (await import('/dist/news-embed.js')).load();
      const items = Array.from({ length: 450 }, (_, i) => ({ title: `Đầu ${i + 1}`, url: `/a/${i + 1}` }));
      const list = document.createElement('news-list');
      document.getElementById('widgets').append(list);
      list.data = { items, next: '/fault/items?count=3' };
      const loaded = new Promise((r) => list.addEventListener('news-embed:load', r, { once: true }));
      list.shadowRoot.querySelector('[part~=more]').click();
      await loaded;
      return [...list.shadowRoot.querySelectorAll('[part~=item-link]')].map((a) => a.textContent);
    });
    assert.equal(titles.length, 453);
    assert.equal(titles[449], 'Đầu 450');
    assert.equal(titles[450], 'Tin số 1');
    assert.equal(titles[452], 'Tin số 3');
  } finally {
    await context.close();
  }
});
