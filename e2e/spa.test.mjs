// Single-page apps: a src changed quickly renders only the last answer, whichever arrives
// first; an element moved mid-fetch ends up rendered once; a removed one stays quiet.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { useServerAndBrowser, fixture, addWidget, waitForState, events, sleep, openPage } from './helpers.mjs';

const vi = fixture('article-vi.json');
const en = fixture('article-en.json');

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

const open = () => openPage(browser, `${server.url}/e2e/host.html`, { elements: true });

const headline = (page, id) =>
  page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('[part~=headline]')?.textContent, id);

test('changing src quickly renders only the last answer, though an earlier one arrives later', async () => {
  const { context, page, pageErrors } = await open();
  try {
    const slow = '/fault/delay?ms=700&file=/fixtures/article-en.json';
    await addWidget(page, { id: 'spa', attrs: { src: slow, loading: 'eager' } });
    await sleep(50);
    await page.evaluate(() => document.getElementById('spa').setAttribute('src', '/fixtures/article-vi.json'));
    await waitForState(page, '#spa', 'ready');
    assert.equal(await headline(page, 'spa'), vi.title);
    // The slow answer for the old src comes in now, and must change nothing.
    await sleep(900);
    assert.equal(await headline(page, 'spa'), vi.title);
    const loads = (await events(page, 'news-embed:load')).filter((e) => e.id === 'spa');
    assert.deepEqual(loads.map((e) => e.detail.src), ['/fixtures/article-vi.json']);
    assert.deepEqual(await events(page, 'news-embed:error'), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a burst of src changes ends on the last one', async () => {
  const { context, page, pageErrors } = await open();
  try {
    // The first answer is slow, so that the burst comes while it is still under way.
    const first = '/fault/delay?ms=600&file=/fixtures/article-vi.json';
    await addWidget(page, { id: 'burst', attrs: { src: first, loading: 'eager' } });
    await page.evaluate(() => {
      const el = document.getElementById('burst');
      for (let i = 0; i < 20; i++) {
        el.setAttribute('src', `/fault/delay?ms=${(20 - i) * 30}&file=/fixtures/article-${i % 2 ? 'vi' : 'en'}.json`);
      }
      el.setAttribute('src', '/fixtures/article-en.json');
    });
    await waitForState(page, '#burst', 'ready');
    await sleep(800);
    assert.equal(await headline(page, 'burst'), en.title);
    const loads = (await events(page, 'news-embed:load')).filter((e) => e.id === 'burst');
    assert.deepEqual(loads.map((e) => e.detail.src), ['/fixtures/article-en.json']);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('an element moved to another place mid-fetch renders once, where it now is', async () => {
  const { context, page, pageErrors } = await open();
  try {
    const slow = '/fault/delay?ms=300&file=/fixtures/article-vi.json';
    await addWidget(page, { id: 'moved', attrs: { src: slow, loading: 'eager' } });
    await page.evaluate(() => {
      const aside = document.createElement('aside');
      aside.id = 'elsewhere';
      document.body.append(aside);
      aside.append(document.getElementById('moved'));
    });
    await waitForState(page, '#elsewhere > #moved', 'ready');
    assert.equal(await headline(page, 'moved'), vi.title);
    await sleep(500);
    const loads = (await events(page, 'news-embed:load')).filter((e) => e.id === 'moved');
    assert.equal(loads.length, 1);
    assert.deepEqual(await events(page, 'news-embed:error'), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
