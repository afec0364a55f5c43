// Many widgets on one page: one wasm instance, one request per distinct URL however many
// widgets ask for it at once; cancelling one waiter does not cancel the others.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { useServerAndBrowser, waitForState, watchErrors } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

test('50 widgets of the same article make one request and all render', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const { pageErrors } = watchErrors(page);
    await page.goto(`${server.url}/e2e/host.html`);
    await page.waitForFunction(() => customElements.get('news-article') && customElements.get('news-list'));
    const article = '/fixtures/article-vi.json';
    const listing = '/fixtures/articles.json';
    const before = { article: server.countRequests(article), listing: server.countRequests(listing) };
    await page.evaluate(({ article, listing }) => {
      const host = document.getElementById('widgets');
      for (let i = 0; i < 50; i++) {
        const el = document.createElement(i % 10 === 9 ? 'news-list' : 'news-article');
        el.id = `w${i}`;
        el.setAttribute('src', i % 10 === 9 ? listing : article);
        el.setAttribute('loading', 'eager');
        el.setAttribute('limit', '3');
        host.append(el);
      }
    }, { article, listing });
    await page.waitForFunction(
      () => [...document.querySelectorAll('#widgets > *')].every((el) => el.getAttribute('state') === 'ready'),
      null,
      { timeout: 20_000 },
    );
    assert.equal(server.countRequests(article) - before.article, 1, 'one request for 45 articles');
    assert.equal(server.countRequests(listing) - before.listing, 1, 'one request for 5 lists');
    const headlines = await page.evaluate(() =>
      [...document.querySelectorAll('#widgets > news-article')].map(
        (el) => el.shadowRoot.querySelector('[part~=headline]').textContent,
      ),
    );
    assert.equal(headlines.length, 45);
    assert.equal(new Set(headlines).size, 1);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('removing one of two widgets waiting for the same request leaves the other its answer', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const { pageErrors } = watchErrors(page);
    await page.goto(`${server.url}/e2e/host.html`);
    await page.waitForFunction(() => customElements.get('news-article'));
    const src = '/fixtures/article-en.json';
    const before = server.countRequests(src);
    await page.evaluate((src) => {
      window.__errors = 0;
      document.addEventListener('news-embed:error', () => window.__errors++);
      const host = document.getElementById('widgets');
      for (const id of ['stays', 'goes']) {
        const el = document.createElement('news-article');
        el.id = id;
        el.setAttribute('src', src);
        el.setAttribute('loading', 'eager');
        host.append(el);
      }
      document.getElementById('goes').remove();
    }, src);
    await waitForState(page, '#stays', 'ready');
    assert.equal(server.countRequests(src) - before, 1);
    assert.equal(await page.evaluate(() => window.__errors), 0);
    assert.equal(await page.evaluate(() => document.getElementById('goes')), null);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
