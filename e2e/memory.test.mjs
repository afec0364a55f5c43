// A long life: 1,000 cycles of creating, rendering and removing a widget, with wasm memory
// and the JS heap measured after every 100 (after forced garbage collection). Growth beyond
// a small bound means leaked closures, listeners or widgets.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

import { start } from './server.mjs';
import { launchOptions, fixture } from './helpers.mjs';

const CYCLES = 1000;
/** Allowed growth from the first 100 cycles to the last: wasm memory never shrinks, but a
 *  widget that is freed leaves its bytes to the next one. */
const WASM_GROWTH_BYTES = 1 << 20;
const HEAP_GROWTH_BYTES = 1 << 20;

let server;
let browser;

before(async () => {
  server = await start();
  browser = await chromium.launch({
    ...launchOptions,
    args: [...launchOptions.args, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
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
        const { memoryBytes } = await import('/dist/news-embed.js');
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
