// Themes: `theme="auto"` follows the reader's colour scheme while the page is open;
// `light` and `dark` hold whatever the scheme.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { start } from './server.mjs';
import { launch, fixture, addWidget, waitForState } from './helpers.mjs';

const article = fixture('article-vi.json');

let server;
let browser;

before(async () => {
  server = await start();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The computed background and text colours of an element's `article` part. */
function colours(page, id) {
  return page.evaluate((id) => {
    const part = document.getElementById(id).shadowRoot.querySelector('[part~=article]');
    const style = getComputedStyle(part);
    return { background: style.backgroundColor, color: style.color };
  }, id);
}

test('theme auto switches live with prefers-color-scheme; light and dark stay put', async () => {
  const context = await browser.newContext({ colorScheme: 'light' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/e2e/host.html`);
    await page.waitForFunction(() => customElements.get('news-article'));
    for (const [id, theme] of [['auto', null], ['light', 'light'], ['dark', 'dark']]) {
      await addWidget(page, { id, attrs: theme ? { theme } : {} });
      await page.evaluate(({ id, data }) => { document.getElementById(id).data = data; }, { id, data: article });
      await waitForState(page, `#${id}`, 'ready');
    }
    const white = 'rgb(255, 255, 255)';
    const night = 'rgb(13, 17, 23)';

    assert.equal((await colours(page, 'auto')).background, white);
    assert.equal((await colours(page, 'light')).background, white);
    assert.equal((await colours(page, 'dark')).background, night);

    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal((await colours(page, 'auto')).background, night, 'auto follows the scheme live');
    assert.equal((await colours(page, 'light')).background, white, 'light stays light');
    assert.equal((await colours(page, 'dark')).background, night);
    const dark = await colours(page, 'auto');
    assert.notEqual(dark.color, 'rgb(31, 35, 40)', 'text turns light too');

    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal((await colours(page, 'auto')).background, white, 'and back');

    // Switching the attribute itself also applies at once.
    await page.evaluate(() => document.getElementById('auto').setAttribute('theme', 'dark'));
    assert.equal((await colours(page, 'auto')).background, night);
  } finally {
    await context.close();
  }
});

test('custom properties theme the widget on purpose', async () => {
  const context = await browser.newContext({ colorScheme: 'light' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/e2e/host.html`);
    await page.waitForFunction(() => customElements.get('news-article'));
    await addWidget(page, { id: 'custom' });
    await page.evaluate((data) => {
      const el = document.getElementById('custom');
      el.style.setProperty('--news-embed-background', 'rgb(1, 2, 3)');
      el.style.setProperty('--news-embed-color', 'rgb(250, 240, 230)');
      el.data = data;
    }, article);
    await waitForState(page, '#custom', 'ready');
    assert.deepEqual(await colours(page, 'custom'), {
      background: 'rgb(1, 2, 3)',
      color: 'rgb(250, 240, 230)',
    });
  } finally {
    await context.close();
  }
});
