// Languages: labels for vi and en, any other locale's dates through Intl, right-to-left
// hosts and articles, time zones across daylight saving time, and relative dates.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { useServerAndBrowser, fixture, openPage, waitForState, readParts, partText } from './helpers.mjs';

const vi = fixture('article-vi.json');

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

/**
 * Renders `data` in a new `<tag>` with `attrs`, inside a wrapper with `wrapper` attributes
 * (`dir`, `lang`), and waits for it to be ready.
 */
async function show(page, { id, tag = 'news-article', attrs = {}, wrapper = {}, data }) {
  await page.waitForFunction(() => customElements.get('news-article') && customElements.get('news-list'));
  await page.evaluate(({ id, tag, attrs, wrapper, data }) => {
    const outer = document.createElement('div');
    for (const [name, value] of Object.entries(wrapper)) outer.setAttribute(name, value);
    const el = document.createElement(tag);
    el.id = id;
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    outer.append(el);
    document.querySelector('#widgets').append(outer);
    el.data = data;
  }, { id, tag, attrs, wrapper, data });
  await waitForState(page, `#${id}`, 'ready');
}

/** A native listing whose items were published at these instants. */
const listing = (...instants) => ({
  items: instants.map((published, i) => ({ id: `t${i}`, title: `Tin ${i}`, url: `https://example.org/${i}`, published })),
});

const dates = async (page, id) => (await readParts(page, `#${id}`, 'item-date')).map((d) => d.text);

test('another locale formats dates its own way and falls back to English labels', async () => {
  const { context, page } = await openPage(browser, `${server.url}/e2e/host.html`);
  try {
    const cases = [
      ['fr', '22 mai 2020, 10:21 (GMT+7)'],
      ['de-DE', '22. Mai 2020, 10:21 (GMT+7)'],
      ['ja', '2020年5月22日, 10:21 (GMT+7)'],
    ];
    for (const [lang, date] of cases) {
      const id = `l-${lang}`;
      await show(page, { id, attrs: { lang }, data: vi });
      assert.equal(await partText(page, `#${id}`, 'date'), date, lang);
      assert.equal(await partText(page, `#${id}`, { css: '[part~=other-news] > h2' }), 'Other news', lang);
    }
    // And the two label languages, in context.
    await show(page, { id: 'l-vi', attrs: { lang: 'vi-VN' }, data: vi });
    assert.equal(await partText(page, '#l-vi', 'date'), '22/5/2020, 10:21 (GMT+7)');
    assert.equal(await partText(page, '#l-vi', 'credit'), 'Ngọc Triều, Ảnh Huỳnh Sang');
    assert.equal(await partText(page, '#l-vi', { css: '[part~=other-news] > h2' }), 'Các tin khác');
    await show(page, { id: 'l-en', attrs: { lang: 'en-GB' }, data: vi });
    assert.equal(await partText(page, '#l-en', 'credit'), 'Ngọc Triều, photos: Huỳnh Sang');
  } finally {
    await context.close();
  }
});

test('a right-to-left host lays the widget out right to left; each article keeps its own direction', async () => {
  const { context, page } = await openPage(browser, `${server.url}/e2e/host.html`);
  try {
    const unnamed = { ...vi, language: undefined };
    await show(page, { id: 'rtl', attrs: { lang: 'ar' }, wrapper: { dir: 'rtl' }, data: unnamed });
    const layout = await page.evaluate(() => {
      const root = document.getElementById('rtl').shadowRoot;
      const box = (sel) => root.querySelector(sel).getBoundingClientRect();
      const article = root.querySelector('[part~=article]');
      const item = root.querySelector('[part~=other-news] [part~=item]');
      return {
        direction: getComputedStyle(article).direction,
        dir: article.getAttribute('dir'),
        articleBox: box('[part~=article]'),
        credit: { box: box('[part~=credit]'), align: getComputedStyle(root.querySelector('[part~=credit]')).textAlign },
        image: item.querySelector('[part~=item-image]').getBoundingClientRect(),
        link: item.querySelector('[part~=item-link]').getBoundingClientRect(),
      };
    });
    assert.equal(layout.direction, 'rtl');
    assert.equal(layout.dir, null, 'an article without a language follows the host');
    // The credit is at the end of the line: the left in right-to-left.
    assert.equal(layout.credit.align, 'end');
    // Other news: the picture comes first, so on the right of its headline.
    assert.ok(layout.image.left > layout.link.right - 1, `image ${layout.image.left} vs link ${layout.link.right}`);
    assert.equal(await partText(page, '#rtl', { css: '[part~=other-news] > h2' }), 'Other news');

    // A Vietnamese article on that page still reads left to right…
    await show(page, { id: 'vi-in-rtl', attrs: { lang: 'ar' }, wrapper: { dir: 'rtl' }, data: vi });
    const viDirection = await page.evaluate(() => {
      const article = document.getElementById('vi-in-rtl').shadowRoot.querySelector('[part~=article]');
      return [article.getAttribute('dir'), getComputedStyle(article).direction];
    });
    assert.deepEqual(viDirection, ['ltr', 'ltr']);
    // …and an Arabic article on a left-to-right page reads right to left.
    await show(page, { id: 'ar-in-ltr', attrs: { lang: 'en' }, data: { ...vi, language: 'ar' } });
    const arDirection = await page.evaluate(() => {
      const article = document.getElementById('ar-in-ltr').shadowRoot.querySelector('[part~=article]');
      return [article.getAttribute('dir'), getComputedStyle(article).direction];
    });
    assert.deepEqual(arDirection, ['rtl', 'rtl']);
  } finally {
    await context.close();
  }
});

test('time zones: the source offset, an IANA zone and the reader\'s own, across daylight saving time', async () => {
  // New York moved its clocks forward at 2:00 on 14 March 2021; Berlin at 2:00 on 28 March.
  const newYork = listing('2021-03-14T06:30:00Z', '2021-03-14T07:30:00Z');
  const berlin = listing('2021-03-28T00:30:00Z', '2021-03-28T01:30:00Z');
  const { context, page } = await openPage(browser, `${server.url}/e2e/host.html`, {
    context: { timezoneId: 'Europe/Berlin' },
  });
  try {
    await show(page, { id: 'ny', tag: 'news-list', attrs: { lang: 'en', 'time-zone': 'America/New_York' }, data: newYork });
    assert.deepEqual(await dates(page, 'ny'), ['Mar 14, 2021, 01:30 (GMT-5)', 'Mar 14, 2021, 03:30 (GMT-4)']);

    await show(page, { id: 'source', tag: 'news-list', attrs: { lang: 'en' }, data: newYork });
    assert.deepEqual(await dates(page, 'source'), ['Mar 14, 2021, 06:30 (GMT)', 'Mar 14, 2021, 07:30 (GMT)']);

    await show(page, { id: 'local', tag: 'news-list', attrs: { lang: 'vi', 'time-zone': 'local' }, data: berlin });
    assert.deepEqual(await dates(page, 'local'), ['28/3/2021, 01:30 (GMT+1)', '28/3/2021, 03:30 (GMT+2)']);

    // Changing the zone re-renders; the machine-readable datetime never changes.
    await page.evaluate(() => document.getElementById('local').setAttribute('time-zone', 'Asia/Ho_Chi_Minh'));
    await page.waitForFunction(
      () => document.getElementById('local').shadowRoot.querySelector('[part~=item-date]').textContent.includes('GMT+7'),
    );
    assert.deepEqual(await dates(page, 'local'), ['28/3/2021, 07:30 (GMT+7)', '28/3/2021, 08:30 (GMT+7)']);
    const datetimes = (await readParts(page, '#local', 'item-date')).map((d) => d.attrs.datetime);
    assert.deepEqual(datetimes, ['2021-03-28T00:30:00Z', '2021-03-28T01:30:00Z']);

    // A date without a time is that date in any zone, without a time.
    await show(page, { id: 'day', tag: 'news-list', attrs: { lang: 'en', 'time-zone': 'America/New_York' }, data: listing('2020-05-22') });
    assert.deepEqual(await dates(page, 'day'), ['May 22, 2020']);
    assert.equal((await readParts(page, '#day', 'item-date'))[0].attrs.datetime, '2020-05-22');

    // A zone that does not exist: the source offset, not an error.
    await show(page, { id: 'bogus', tag: 'news-list', attrs: { lang: 'en', 'time-zone': 'Mars/Olympus_Mons' }, data: newYork });
    assert.deepEqual(await dates(page, 'bogus'), ['Mar 14, 2021, 06:30 (GMT)', 'Mar 14, 2021, 07:30 (GMT)']);
  } finally {
    await context.close();
  }
});

test('relative dates are opt-in, in the widget\'s language, with the full date as their title', async () => {
  const { context, page } = await openPage(browser, `${server.url}/e2e/host.html`, {
    prepare: (page) => page.clock.setFixedTime(new Date('2020-05-22T13:21:00+07:00')),
  });
  try {
    await show(page, { id: 'rel-vi', attrs: { lang: 'vi', 'date-format': 'relative' }, data: vi });
    const [date] = await readParts(page, '#rel-vi', 'date');
    assert.equal(date.text, '3 giờ trước');
    assert.equal(date.attrs.title, '22/5/2020, 10:21 (GMT+7)');
    assert.equal(date.attrs.datetime, '2020-05-22T10:21:00+07:00');

    const recent = listing(
      '2020-05-22T13:20:30+07:00', // 30 s
      '2020-05-22T13:01:00+07:00', // 20 min
      '2020-05-21T12:00:00+07:00', // a day
      '2020-05-08T10:00:00+07:00', // two weeks
      '2019-01-01T00:00:00+07:00', // over a year
    );
    await show(page, { id: 'rel-en', tag: 'news-list', attrs: { lang: 'en', 'date-format': 'relative' }, data: recent });
    assert.deepEqual(await dates(page, 'rel-en'), ['now', '20 minutes ago', 'yesterday', '2 weeks ago', 'last year']);
    await show(page, { id: 'rel-vi-list', tag: 'news-list', attrs: { lang: 'vi', 'date-format': 'relative' }, data: recent });
    assert.deepEqual(await dates(page, 'rel-vi-list'), ['bây giờ', '20 phút trước', 'Hôm qua', '2 tuần trước', 'năm ngoái']);

    // Dates without a time count in days from the reader's today.
    await show(page, { id: 'rel-days', tag: 'news-list', attrs: { lang: 'vi', 'date-format': 'relative' }, data: listing('2020-05-22', '2020-05-21', '2020-05-19') });
    assert.deepEqual(await dates(page, 'rel-days'), ['Hôm nay', 'Hôm qua', '3 ngày trước']);

    // Without the attribute (or after removing it): the full date, and no title.
    await page.evaluate(() => document.getElementById('rel-en').removeAttribute('date-format'));
    await page.waitForFunction(
      () => document.getElementById('rel-en').shadowRoot.querySelector('[part~=item-date]').textContent !== 'now',
    );
    const [absolute] = await readParts(page, '#rel-en', 'item-date');
    assert.equal(absolute.text, 'May 22, 2020, 13:20 (GMT+7)');
    assert.equal(absolute.attrs.title, undefined);
  } finally {
    await context.close();
  }
});

test('a page that changes its language re-renders the widgets that follow it, not the others', async () => {
  const { context, page } = await openPage(browser, `${server.url}/e2e/host.html`);
  try {
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'vi'));
    await show(page, { id: 'follows', data: vi });
    await show(page, { id: 'own', attrs: { lang: 'vi' }, data: vi });
    await show(page, { id: 'follows-list', tag: 'news-list', data: { items: [{ title: 'Tin', url: 'https://example.org/', published: vi.published }] } });
    assert.equal(await partText(page, '#follows', 'date'), '22/5/2020, 10:21 (GMT+7)');

    // A single-page app switching to English.
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    await page.waitForFunction(
      () => document.getElementById('follows').shadowRoot.querySelector('[part~=date]').textContent.startsWith('May'),
    );
    assert.equal(await partText(page, '#follows', { css: '[part~=other-news] > h2' }), 'Other news');
    assert.equal(await partText(page, '#follows-list', 'item-date'), 'May 22, 2020, 10:21 (GMT+7)');
    assert.equal(await partText(page, '#own', 'date'), '22/5/2020, 10:21 (GMT+7)', 'its own lang wins');

    // A widget that was removed is not rendered again.
    await page.evaluate(() => {
      window.__removed = document.getElementById('follows');
      window.__removed.remove();
      document.documentElement.setAttribute('lang', 'vi');
    });
    await page.waitForFunction(
      () => document.getElementById('follows-list').shadowRoot.querySelector('[part~=item-date]').textContent.startsWith('22/5'),
    );
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    assert.equal(
      await page.evaluate(() => window.__removed.shadowRoot.querySelector('[part~=date]').textContent),
      'May 22, 2020, 10:21 (GMT+7)',
    );
  } finally {
    await context.close();
  }
});
