// A host page with content of its own and four widgets, one of them broken: the widgets
// render side by side, the broken one fails on its own, and the page is left alone.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  useServerAndBrowser,
  fixture,
  waitForState,
  waitForEvents,
  readParts,
  partText,
  watchErrors,
  recordEvents,
  events,
} from './helpers.mjs';

const vi = fixture('article-vi.json');
const en = fixture('article-en.json');
const listing = fixture('articles.json');

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

const OWN_IDS = ['own-heading', 'own-intro', 'own-middle', 'own-outro'];

test('mixed page: three widgets ready, one in error, the page itself untouched', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const { pageErrors } = watchErrors(page);
    await recordEvents(page);
    await page.goto(`${server.url}/e2e/mixed.html`);

    await waitForState(page, 'news-article#vi', 'ready');
    await waitForState(page, 'news-article#en', 'ready');
    await waitForState(page, 'news-list#list', 'ready');
    await waitForState(page, 'news-article#broken', 'error');
    await waitForEvents(page, 'news-embed:load', 3);
    await waitForEvents(page, 'news-embed:error', 1);

    // Vietnamese article (from the page's lang="vi").
    assert.equal(await partText(page, '#vi', { css: 'h1[part~=headline]' }), vi.title);
    assert.equal(await partText(page, '#vi', 'date'), '22/5/2020, 10:21 (GMT+7)');
    assert.equal(await partText(page, '#vi', 'credit'), 'Ngọc Triều, Ảnh Huỳnh Sang');
    assert.equal(await partText(page, '#vi', { css: '[part~=other-news] > h2' }), 'Các tin khác');
    assert.equal((await readParts(page, '#vi', { css: '[part~=other-news] [part~=item]' })).length, 8);

    // English article (its own lang="en").
    assert.equal(
      await partText(page, '#en', { css: 'h1[part~=headline]' }),
      'Technology fair opens in Vị Thanh, bringing researchers and farmers together',
    );
    assert.equal(en.title, 'Technology fair opens in Vị Thanh, bringing researchers and farmers together');
    const [enDate] = await readParts(page, '#en', 'date');
    assert.equal(enDate.text, 'Jun 2, 2020, 14:05 (GMT+7)');
    assert.equal(enDate.attrs.datetime, '2020-06-02T14:05:00+07:00');
    assert.equal(await partText(page, '#en', 'lead'), en.summary);
    assert.equal(await partText(page, '#en', 'credit'), 'Minh Thư, photos: Quốc Bảo');
    assert.equal(await partText(page, '#en', { css: '[part~=other-news] > h2' }), 'Other news');
    assert.deepEqual(
      (await readParts(page, '#en', { css: '[part~=other-news] [part~=item-link]' })).map((a) => a.text),
      en.other_news.map((n) => n.title),
    );
    // The richer blocks of the English body.
    assert.equal(
      await partText(page, '#en', { css: '[part~=body] > blockquote' }),
      en.body.find((b) => b.type === 'quote').text,
    );
    assert.equal(await partText(page, '#en', { css: '[part~=body] > h2' }), 'What is on show');
    assert.deepEqual(
      (await readParts(page, '#en', { css: '[part~=body] > ul > li' })).map((li) => li.text),
      en.body.find((b) => b.type === 'list').items,
    );
    assert.equal(
      await partText(page, '#en', 'caption'),
      "Visitors at the booths on the fair's opening afternoon. Photo: Quốc Bảo",
    );

    // The list: no limit, the whole first page.
    const links = await readParts(page, '#list', 'item-link');
    assert.deepEqual(
      links.map((a) => [a.text, a.attrs.href]),
      listing.items.map((n) => [n.title, n.url]),
    );

    // The broken one: an alert in the page's language, and a retry button.
    assert.equal(await partText(page, '#broken', { css: '[role=alert]' }),
      'Không tải được tin: máy chủ trả lời lỗi 404.Thử lại');
    assert.equal(
      await partText(page, '#broken', { css: '[part~=status][role=alert] > .message' }),
      'Không tải được tin: máy chủ trả lời lỗi 404.',
    );
    const retry = page.locator('news-article#broken').locator('[part~=retry]');
    assert.equal(await retry.count(), 1);
    assert.equal(await retry.textContent(), 'Thử lại');
    assert.equal(await retry.getAttribute('type'), 'button');
    assert.equal(await retry.isVisible(), true);
    // The broken one's light-DOM fallback is not shown either.
    assert.equal(await page.locator('news-article#broken > a').isVisible(), false);

    // The page's own content is exactly as it was served.
    const before = await page.evaluate(() => window.__ownBefore);
    const afterwards = await page.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.outerHTML),
      OWN_IDS,
    );
    assert.equal(before.length, 4);
    assert.deepEqual(afterwards, before);
    assert.equal(await page.locator('#own-heading').textContent(), 'Trang của riêng chúng tôi');
    // The widgets' styles stay in their shadow roots.
    assert.deepEqual(
      await page.evaluate(() => {
        const h1 = getComputedStyle(document.getElementById('own-heading'));
        const p = getComputedStyle(document.getElementById('own-intro'));
        return [h1.color, p.fontFamily];
      }),
      ['rgb(122, 16, 21)', 'serif'],
    );
    assert.equal(
      await page.evaluate(() => document.querySelectorAll('body > *').length),
      await page.evaluate(async () => {
        const html = await (await fetch(location.href)).text();
        return new DOMParser().parseFromString(html, 'text/html').querySelectorAll('body > *').length;
      }),
      'no element added to or removed from the page body',
    );

    // Events: three loads, one error; all bubbling and composed.
    const loads = await events(page, 'news-embed:load');
    assert.equal(loads.length, 3);
    assert.deepEqual(Object.fromEntries(loads.map((e) => [e.id, e.detail])), {
      vi: { src: '/fixtures/article-vi.json', format: 'native', count: 1 },
      en: { src: '/fixtures/article-en.json', format: 'native', count: 1 },
      list: { src: '/fixtures/articles.json', format: 'native', count: listing.items.length },
    });
    const errors = await events(page, 'news-embed:error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].id, 'broken');
    assert.equal(errors[0].detail.kind, 'http');
    assert.equal(errors[0].detail.status, 404);
    assert.equal(errors[0].detail.src, '/missing.json');
    assert.equal(typeof errors[0].detail.message, 'string');
    assert.match(errors[0].detail.message, /404/);
    assert.ok([...loads, ...errors].every((e) => e.bubbles && e.composed));

    // Retry: fetched again, fails again the same way.
    const fetchesBefore = server.countRequests('/missing.json');
    await retry.click();
    await waitForEvents(page, 'news-embed:error', 2);
    await waitForState(page, 'news-article#broken', 'error');
    assert.equal(server.countRequests('/missing.json'), fetchesBefore + 1);
    const errorsAfter = await events(page, 'news-embed:error');
    assert.equal(errorsAfter.length, 2);
    assert.deepEqual(
      [errorsAfter[1].id, errorsAfter[1].detail.kind, errorsAfter[1].detail.status, errorsAfter[1].detail.src],
      ['broken', 'http', 404, '/missing.json'],
    );
    assert.equal(
      await partText(page, '#broken', { css: '[part~=status][role=alert] > .message' }),
      'Không tải được tin: máy chủ trả lời lỗi 404.',
    );
    assert.equal(await page.locator('news-article#broken').locator('[part~=retry]').count(), 1);
    // The good ones did not move.
    assert.equal((await events(page, 'news-embed:load')).length, 3);
    for (const sel of ['#vi', '#en', '#list']) {
      assert.equal(await page.getAttribute(sel, 'state'), 'ready');
    }

    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
