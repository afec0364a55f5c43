// The element over time: lazy loading, data set before the module, attribute changes,
// removal mid-fetch and reload().

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  useServerAndBrowser,
  fixture,
  addWidget,
  waitForState,
  waitForEvents,
  waitForPartText,
  readParts,
  partText,
  events,
  until,
  sleep,
  openPage,
} from './helpers.mjs';

const vi = fixture('article-vi.json');
const en = fixture('article-en.json');

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

async function open(path, { viewport = { width: 1024, height: 800 } } = {}) {
  const requested = [];
  const opened = await openPage(browser, `${server.url}${path}`, {
    context: { viewport },
    prepare: (page) => page.on('request', (request) => requested.push(new URL(request.url()).pathname)),
  });
  return { ...opened, requested };
}

test('lazy (default): neither the wasm nor the JSON is fetched until the element nears the viewport', async () => {
  const json = '/fixtures/article-en.json';
  const served = server.countRequests(json);
  const { context, page, requested, pageErrors } = await open('/e2e/lazy.html');
  const wasm = () => requested.filter((p) => p.endsWith('.wasm'));
  try {
    await page.waitForFunction(() => customElements.get('news-article'));
    await waitForState(page, 'news-article#lazy', 'loading');
    // Waiting, not fetching: the element is defined, and the page's own fallback link is what
    // shows meanwhile, in the page (no shadow root yet hides it).
    assert.equal(await page.locator('#lazy-fallback').isVisible(), true);
    assert.equal(await page.evaluate(() => document.getElementById('lazy').shadowRoot), null);
    await sleep(400); // checking that something does NOT happen
    assert.deepEqual(wasm(), [], 'no wasm before scrolling');
    assert.equal(requested.filter((p) => p === json).length, 0, 'no request before scrolling');
    assert.equal(server.countRequests(json), served);
    assert.equal(await page.getAttribute('#lazy', 'state'), 'loading');

    // Scrolling halfway is not near enough either.
    await page.evaluate(() => window.scrollTo(0, 2500));
    await sleep(300); // checking that something does NOT happen
    assert.equal(server.countRequests(json), served);

    assert.deepEqual(wasm(), [], 'no wasm when halfway');

    await page.locator('#lazy').scrollIntoViewIfNeeded();
    await waitForState(page, 'news-article#lazy', 'ready');
    assert.equal(wasm().length, 1, 'the wasm, once, when the widget needs it');
    assert.equal(server.countRequests(json), served + 1);
    assert.equal(requested.filter((p) => p === json).length, 1);
    assert.equal(await partText(page, '#lazy', { css: 'h1[part~=headline]' }), en.title);
    assert.equal(await page.locator('#lazy-fallback').isVisible(), false);
    const loads = await events(page, 'news-embed:load');
    assert.deepEqual(loads.map((e) => [e.id, e.detail.src]), [['lazy', json]]);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('.data set before the module loads is rendered once it is loaded', async () => {
  const { context, page, requested, pageErrors } = await open('/e2e/early-data.html');
  try {
    // Before: not defined, data held as a plain own property, nothing rendered.
    assert.deepEqual(
      await page.evaluate(() => {
        const el = document.getElementById('early');
        return {
          definedWhenSet: window.__definedWhenDataWasSet,
          defined: customElements.get('news-article') !== undefined,
          own: Object.prototype.hasOwnProperty.call(el, 'data'),
          shadow: el.shadowRoot !== null,
          state: el.getAttribute('state'),
        };
      }),
      { definedWhenSet: false, defined: false, own: true, shadow: false, state: null },
    );

    await page.evaluate(() => import('/dist/news-embed.js'));
    await waitForState(page, 'news-article#early', 'ready');
    await waitForState(page, 'news-list#early-list', 'ready');

    assert.equal(await partText(page, '#early', { css: 'h1[part~=headline]' }), 'Bài viết có sẵn trong trang');
    assert.equal(await partText(page, '#early', 'date'), '22/5/2020, 10:21 (GMT+7)');
    assert.equal(
      await partText(page, '#early', 'lead'),
      'Dữ liệu được gán qua thuộc tính data trước khi mô-đun được tải.',
    );
    assert.deepEqual(
      (await readParts(page, '#early', { css: '[part~=body] > p' })).map((p) => p.text),
      ['Đoạn thứ nhất.', 'Đoạn thứ hai.'],
    );
    assert.equal(await partText(page, '#early', 'credit'), 'Ngọc Triều');
    assert.deepEqual(
      (await readParts(page, '#early-list', 'item-link')).map((a) => [a.text, a.attrs.href]),
      [['Tin A', 'https://example.org/a'], ['Tin B', 'https://example.org/b']],
    );

    // The property now goes through the element's accessor and still returns the data.
    assert.deepEqual(
      await page.evaluate(() => {
        const el = document.getElementById('early');
        return { own: Object.prototype.hasOwnProperty.call(el, 'data'), title: el.data?.title };
      }),
      { own: false, title: 'Bài viết có sẵn trong trang' },
    );
    const loads = await events(page, 'news-embed:load');
    assert.deepEqual(
      Object.fromEntries(loads.map((e) => [e.id, e.detail])),
      {
        early: { src: null, format: 'native', count: 1 },
        'early-list': { src: null, format: 'native', count: 2 },
      },
    );
    assert.equal(requested.filter((p) => p.endsWith('.json')).length, 0, 'nothing fetched');

    // Setting .data again on the live element re-renders at once.
    await page.evaluate(() => {
      document.getElementById('early').data = { title: 'Tiêu đề mới' };
    });
    await waitForPartText(page, '#early', 'headline', 'Tiêu đề mới');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('changing src re-renders with the new article', async () => {
  const { context, page, pageErrors } = await open('/e2e/host.html');
  try {
    await addWidget(page, {
      id: 'switch',
      attrs: { src: '/fixtures/article-vi.json', loading: 'eager', lang: 'vi' },
    });
    await waitForState(page, 'news-article#switch', 'ready');
    assert.equal(await partText(page, '#switch', { css: 'h1[part~=headline]' }), vi.title);
    const enServed = server.countRequests('/fixtures/article-en.json');

    await page.evaluate(() => document.getElementById('switch').setAttribute('src', '/fixtures/article-en.json'));
    await waitForPartText(page, '#switch', 'headline', en.title);
    await waitForState(page, 'news-article#switch', 'ready');
    await waitForEvents(page, 'news-embed:load', 2, { id: 'switch' });
    assert.equal(server.countRequests('/fixtures/article-en.json'), enServed + 1);
    assert.equal(await partText(page, '#switch', 'date'), '2/6/2020, 14:05 (GMT+7)');
    assert.equal(await partText(page, '#switch', 'lead'), en.summary);
    assert.equal(
      (await readParts(page, '#switch', { css: '[part~=other-news] [part~=item]' })).length,
      en.other_news.length,
    );
    const loads = await events(page, 'news-embed:load');
    assert.deepEqual(
      loads.map((e) => e.detail.src),
      ['/fixtures/article-vi.json', '/fixtures/article-en.json'],
    );
    assert.deepEqual(await events(page, 'news-embed:error'), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('changing lang re-renders dates and labels without a new request', async () => {
  const { context, page, requested, pageErrors } = await open('/e2e/host.html');
  try {
    await addWidget(page, {
      id: 'lang',
      attrs: { src: '/fixtures/article-vi.json', loading: 'eager', lang: 'vi' },
    });
    await waitForState(page, 'news-article#lang', 'ready');
    assert.equal(await partText(page, '#lang', 'date'), '22/5/2020, 10:21 (GMT+7)');
    assert.equal(await partText(page, '#lang', { css: '[part~=other-news] > h2' }), 'Các tin khác');
    const served = server.countRequests('/fixtures/article-vi.json');
    const requestsBefore = requested.length;

    await page.evaluate(() => document.getElementById('lang').setAttribute('lang', 'en'));
    await waitForPartText(page, '#lang', 'date', 'May 22, 2020, 10:21 (GMT+7)');
    assert.equal(await partText(page, '#lang', { css: '[part~=other-news] > h2' }), 'Other news');
    assert.equal(
      (await readParts(page, '#lang', 'other-news'))[0].attrs['aria-label'],
      'Other news',
    );
    assert.equal(await partText(page, '#lang', 'credit'), 'Ngọc Triều, photos: Huỳnh Sang');
    assert.equal(
      (await readParts(page, '#lang', 'item-date'))[0].text,
      'May 20, 2020, 08:00 (GMT+7)',
    );
    // The content stays the article's own.
    assert.equal(await partText(page, '#lang', { css: 'h1[part~=headline]' }), vi.title);
    assert.equal(await page.getAttribute('#lang', 'state'), 'ready');
    assert.equal(server.countRequests('/fixtures/article-vi.json'), served, 'not fetched again');
    assert.deepEqual(
      requested.slice(requestsBefore).filter((p) => p.endsWith('.json')),
      [],
      'the page asked for no JSON',
    );

    // And back.
    await page.evaluate(() => document.getElementById('lang').setAttribute('lang', 'vi'));
    await waitForPartText(page, '#lang', 'date', '22/5/2020, 10:21 (GMT+7)');
    assert.equal(await partText(page, '#lang', { css: '[part~=other-news] > h2' }), 'Các tin khác');
    assert.equal(server.countRequests('/fixtures/article-vi.json'), served);
    assert.deepEqual(await events(page, 'news-embed:error'), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('removing an element mid-fetch cancels quietly (and it fetches again if put back)', async () => {
  const { context, page, pageErrors } = await open('/e2e/host.html');
  try {
    const slowBefore = server.countRequests('/fault/slow');
    await addWidget(page, { id: 'gone', attrs: { src: '/fault/slow', loading: 'eager', timeout: '2000' } });
    await waitForState(page, 'news-article#gone', 'loading');
    await until(() => server.slowOpen() === 1, { message: 'the slow request to arrive' });

    await page.evaluate(() => {
      window.__gone = document.getElementById('gone');
      window.__gone.remove();
    });
    // The request is aborted, not left to time out.
    await until(() => server.slowOpen() === 0, { message: 'the slow request to be aborted' });
    await sleep(400); // checking that something does NOT happen
    assert.deepEqual(await events(page), [], 'no error (or load) event');
    assert.deepEqual(pageErrors, []);

    // Back in the document: it fetches again.
    await page.evaluate(() => document.getElementById('widgets').append(window.__gone));
    await until(() => server.countRequests('/fault/slow') === slowBefore + 2, {
      message: 'a second request after reconnection',
    });
    await waitForState(page, 'news-article#gone', 'loading');
    await page.evaluate(() => window.__gone.remove());
    await until(() => server.slowOpen() === 0, { message: 'the second slow request to be aborted' });
    await sleep(300); // checking that something does NOT happen
    assert.deepEqual(await events(page), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('reload() resolves and fetches again', async () => {
  const { context, page, pageErrors } = await open('/e2e/host.html');
  try {
    await addWidget(page, { id: 'again', attrs: { src: '/fixtures/article-vi.json', loading: 'eager' } });
    await waitForState(page, 'news-article#again', 'ready');
    await waitForEvents(page, 'news-embed:load', 1, { id: 'again' });
    const served = server.countRequests('/fixtures/article-vi.json');

    const result = await page.evaluate(async () => {
      const el = document.getElementById('again');
      const promise = el.reload();
      const isPromise = promise instanceof Promise;
      const stateDuring = el.getAttribute('state');
      const value = await promise;
      return { isPromise, stateDuring, value: value ?? null, stateAfter: el.getAttribute('state') };
    });
    assert.deepEqual(result, { isPromise: true, stateDuring: 'loading', value: null, stateAfter: 'ready' });
    assert.equal(server.countRequests('/fixtures/article-vi.json'), served + 1);
    const loads = (await events(page, 'news-embed:load')).filter((e) => e.id === 'again');
    assert.equal(loads.length, 2);
    assert.equal(await partText(page, '#again', { css: 'h1[part~=headline]' }), vi.title);

    // On an element in error, reload() resolves too (it never rejects).
    await addWidget(page, { id: 'bad', attrs: { src: '/fault/status/404', loading: 'eager' } });
    await waitForState(page, 'news-article#bad', 'error');
    const bad = await page.evaluate(async () => {
      const el = document.getElementById('bad');
      try {
        await el.reload();
        return { rejected: false, state: el.getAttribute('state') };
      } catch {
        return { rejected: true, state: el.getAttribute('state') };
      }
    });
    assert.deepEqual(bad, { rejected: false, state: 'error' });
    assert.equal(server.countRequests('/fault/status/404'), 2);
    assert.equal((await events(page, 'news-embed:error')).length, 2);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
