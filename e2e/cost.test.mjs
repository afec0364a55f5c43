// What a render costs the page beyond its own nodes: no second render for one `.data`, and
// no image fetched before a reader comes near it.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { useServerAndBrowser, fixture, openPage } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

const open = () => openPage(browser, `${server.url}/e2e/host.html`, { elements: true });

test('setting .data on a new element renders once, before or after it is connected', async () => {
  const { context, page } = await open();
  try {
    const renders = await page.evaluate(async (seed) => {
      // Once the wasm runs, a new element has its shadow root from creation: watched from
      // then, every render shows. (The first widget's need starts the wasm.)
      const first = document.createElement('news-article');
      first.data = seed;
      document.getElementById('widgets').append(first);
      const warm = Date.now() + 20_000;
      while (first.getAttribute('state') !== 'ready' && Date.now() < warm) await new Promise((r) => setTimeout(r, 10));
      first.remove();
      const count = async (connectFirst) => {
        const el = document.createElement('news-article');
        let renders = 0;
        // The element's own shadow root, watched from before the data is set: each render
        // replaces its children once.
        const observer = new MutationObserver((records) => {
          renders += records.filter((r) => r.addedNodes.length > 0).length;
        });
        observer.observe(el.shadowRoot, { childList: true });
        if (connectFirst) document.getElementById('widgets').append(el);
        el.data = seed;
        if (!connectFirst) document.getElementById('widgets').append(el);
        // Until it is ready (however slow the machine), then two frames and a task more: a
        // second render would show by then.
        const frame = () => new Promise((r) => requestAnimationFrame(r));
        const deadline = Date.now() + 20_000;
        while (el.getAttribute('state') !== 'ready' && Date.now() < deadline) await frame();
        await frame();
        await frame();
        await new Promise((r) => setTimeout(r, 0));
        observer.disconnect();
        return { renders, state: el.getAttribute('state') };
      };
      return { after: await count(true), before: await count(false) };
    }, fixture('article-vi.json'));
    assert.deepEqual(renders.after, { renders: 1, state: 'ready' });
    // Set before connection, the data renders once: not again when the element connects.
    assert.deepEqual(renders.before, { renders: 1, state: 'ready' });
  } finally {
    await context.close();
  }
});

test('images far below the viewport are not fetched until a reader scrolls near them', async () => {
  const { context, page } = await open();
  try {
    await page.setViewportSize({ width: 800, height: 600 });
    server.clearRequests();
    await page.evaluate((seed) => {
      const spacer = document.createElement('div');
      spacer.style.height = '5000px';
      const el = document.createElement('news-article');
      document.getElementById('widgets').append(spacer, el);
      el.data = seed;
    }, fixture('article-vi.json'));
    await page.waitForTimeout(500);
    const images = () => server.requests.filter((r) => r.path.startsWith('/images/')).length;
    assert.equal(images(), 0, 'no image requested while the article is 5,000 px away');
    await page.evaluate(() => document.querySelector('news-article').scrollIntoView());
    await page.waitForFunction(
      () => [...document.querySelector('news-article').shadowRoot.querySelectorAll('img')].some((i) => i.complete && i.naturalWidth > 0),
    );
    assert.ok(images() > 0, 'images load once near the viewport');
  } finally {
    await context.close();
  }
});
