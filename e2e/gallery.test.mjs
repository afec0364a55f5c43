// The gallery page (www/gallery.html): every example on it does what its heading says.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { useServerAndBrowser, openPage, waitForState, readParts, partText } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

test('every gallery example renders as its heading says', async () => {
  const { context, page, pageErrors } = await openPage(browser, `${server.url}/gallery.html`, {
    context: { colorScheme: 'light', viewport: { width: 1000, height: 20000 } },
  });
  try {
    const ready = ['g-paged', 'g-item-article', 'g-dark-list', 'g-en-list', 'g-rtl-list', 'g-parts-list', 'g-inline-article'];
    for (const id of ready) await waitForState(page, `#${id}`, 'ready');
    await waitForState(page, '#g-error-article', 'error');

    // Paging: three items, then three more from the feed's next_url.
    assert.equal((await readParts(page, '#g-paged', 'item')).length, 3);
    await page.locator('#g-paged').locator('[part~=more]').click();
    await page.waitForFunction(() => document.querySelector('#g-paged').shadowRoot.querySelectorAll('[part~=item]').length === 6);

    // The chosen item, and four others.
    assert.equal(
      await partText(page, '#g-item-article', { css: 'h1' }),
      (await page.evaluate(async () => (await (await fetch('fixtures/articles.json')).json()).items.find((i) => i.id === 'tap-huan-so-huu-tri-tue').title)),
    );
    assert.equal((await readParts(page, '#g-item-article', { css: '[part~=other-news] [part~=item]' })).length, 4);

    const look = await page.evaluate(() => {
      const root = (id) => document.getElementById(id).shadowRoot;
      const style = (id, sel) => getComputedStyle(root(id).querySelector(sel));
      return {
        dark: style('g-dark-list', '[part~=list]').backgroundColor,
        relative: [...root('g-dark-list').querySelectorAll('[part~=item-date]')].map((d) => d.textContent),
        titles: [...root('g-dark-list').querySelectorAll('[part~=item-date]')].map((d) => d.title),
        targets: [...root('g-en-list').querySelectorAll('[part~=item-link]')].map((a) => [a.target, a.rel]),
        rtl: style('g-rtl-list', '[part~=list]').direction,
        hidden: [style('g-parts-list', '[part~=item-image]').display, style('g-parts-list', '[part~=item-date]').display],
        font: style('g-parts-list', '[part~=list]').fontFamily,
      };
    });
    assert.equal(look.dark, 'rgb(13, 17, 23)');
    assert.ok(look.relative.every((text) => / trước$/.test(text)), look.relative.join(' | '));
    assert.ok(look.titles.every((title) => /\(GMT\+7\)$/.test(title)), look.titles.join(' | '));
    assert.deepEqual(look.targets, [['_blank', 'noopener'], ['_blank', 'noopener'], ['_blank', 'noopener']]);
    assert.equal(look.rtl, 'rtl');
    assert.deepEqual(look.hidden, ['none', 'none']);
    assert.match(look.font, /^Georgia/);

    assert.equal(await partText(page, '#g-inline-article', 'headline'), 'Technology fair opens in Vị Thanh');
    assert.equal(await partText(page, '#g-inline-article', 'credit'), 'Minh Thư');
    assert.equal(await partText(page, '#g-error-article', { css: '[part~=retry]' }), 'Thử lại');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
