// Themes: `theme="auto"` follows the reader's colour scheme while the page is open;
// `light` and `dark` hold whatever the scheme.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { useServerAndBrowser, fixture, addWidget, waitForState } from './helpers.mjs';

const article = fixture('article-vi.json');

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

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

test('font="inherit" takes the page\'s font family; spacing and line height are custom properties', async () => {
  const context = await browser.newContext({ colorScheme: 'light' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/e2e/host.html`);
    await page.waitForFunction(() => customElements.get('news-article'));
    await page.evaluate(() => {
      document.body.style.fontFamily = 'Georgia, serif';
    });
    for (const id of ['own', 'inherit', 'inherit-headline', 'spaced']) await addWidget(page, { id });
    await page.evaluate((data) => {
      document.getElementById('inherit').setAttribute('font', 'inherit');
      const headline = document.getElementById('inherit-headline');
      headline.setAttribute('font', 'inherit');
      headline.style.setProperty('--news-embed-headline-font', 'Impact, sans-serif');
      const spaced = document.getElementById('spaced');
      spaced.style.setProperty('--news-embed-spacing', '40px');
      spaced.style.setProperty('--news-embed-line-height', '2');
      for (const el of document.querySelectorAll('news-article')) el.data = data;
    }, article);
    for (const id of ['own', 'inherit', 'inherit-headline', 'spaced']) await waitForState(page, `#${id}`, 'ready');
    const fonts = await page.evaluate(() => {
      const read = (id, part) =>
        getComputedStyle(document.getElementById(id).shadowRoot.querySelector(`[part~=${part}]`));
      return {
        own: [read('own', 'article').fontFamily, read('own', 'headline').fontFamily],
        inherit: [read('inherit', 'article').fontFamily, read('inherit', 'headline').fontFamily],
        headline: [read('inherit-headline', 'article').fontFamily, read('inherit-headline', 'headline').fontFamily],
        spaced: {
          lineHeight: read('spaced', 'article').lineHeight,
          lead: read('spaced', 'lead').marginBottom,
          paragraph: getComputedStyle(
            document.getElementById('spaced').shadowRoot.querySelector('[part~=body] > p'),
          ).marginBottom,
        },
        defaults: { lineHeight: read('own', 'article').lineHeight, lead: read('own', 'lead').marginBottom },
      };
    });
    assert.match(fonts.own[0], /^system-ui/);
    assert.match(fonts.own[1], /^system-ui/);
    assert.deepEqual(fonts.inherit, ['Georgia, serif', 'Georgia, serif']);
    assert.deepEqual(fonts.headline, ['Georgia, serif', 'Impact, sans-serif']);
    assert.deepEqual(fonts.spaced, { lineHeight: '32px', lead: '40px', paragraph: '40px' });
    assert.deepEqual(fonts.defaults, { lineHeight: '25.6px', lead: '16px' });
  } finally {
    await context.close();
  }
});

test('the playground switches theme, language, dates and accent live, and shows the markup', async () => {
  const context = await browser.newContext({ colorScheme: 'light' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/playground.html`);
    await waitForState(page, '#seed', 'ready');
    await waitForState(page, '#latest', 'ready');
    const white = (await colours(page, 'seed')).background;

    await page.selectOption('select[name=theme]', 'dark');
    await page.selectOption('select[name=lang]', 'en');
    await page.waitForFunction(
      () => document.getElementById('seed').shadowRoot.querySelector('[part~=other-news] > h2')?.textContent === 'Other news',
    );
    assert.notEqual((await colours(page, 'seed')).background, white);
    assert.equal(await page.evaluate(() => document.getElementById('latest').getAttribute('theme')), 'dark');

    await page.selectOption('select[name=date-format]', 'relative');
    await page.waitForFunction(
      () => /ago$/.test(document.getElementById('seed').shadowRoot.querySelector('[part~=date]').textContent),
    );
    await page.selectOption('select[name=lang]', 'ar');
    await page.waitForFunction(() => getComputedStyle(document.getElementById('latest').shadowRoot.querySelector('[part~=list]')).direction === 'rtl');
    await page.fill('input[name=accent]', '#005a9c');
    const accent = await page.evaluate(
      () => getComputedStyle(document.getElementById('seed').shadowRoot.querySelector('[part~=other-news]')).borderTopColor,
    );
    assert.equal(accent, 'rgb(0, 90, 156)');
    const snippet = await page.textContent('#snippet');
    assert.match(snippet, /<news-article src="fixtures\/article-vi.json" theme="dark" lang="ar" date-format="relative"><\/news-article>/);
    assert.match(snippet, /--news-embed-accent-color: #005a9c/);
  } finally {
    await context.close();
  }
});
