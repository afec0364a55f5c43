// Every way a source can fail, against the server's fault routes: the element shows the
// error state with a message and a retry button, and tells the page why.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { start } from './server.mjs';
import {
  useServerAndBrowser,
  fixture,
  addWidget,
  waitForState,
  waitForEvents,
  readParts,
  partText,
  events,
  until,
  openPage,
} from './helpers.mjs';

const seed = fixture('article-vi.json');

const MESSAGES = {
  http: (status) => `The news could not be loaded: the server answered with error ${status}.`,
  network: 'The news could not be loaded: the server could not be reached.',
  timeout: 'The news could not be loaded: the server took too long to answer.',
  parse: 'The news could not be read: the response is not valid JSON.',
  schema: 'The news could not be read: the data is not in a known article format.',
};

let server;
let browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

/** A fresh context on the (lang="en") host page, recording events and page errors. */
const openHost = () =>
  openPage(browser, `${server.url}/e2e/host.html`, { context: { viewport: { width: 1024, height: 800 } } });

/** Asserts the error state of `#id`: state, alert message, retry button, one error event. */
async function assertErrorShown(page, id, { kind, status, src, message }) {
  const sel = `news-article#${id}`;
  await waitForState(page, sel, 'error');
  await waitForEvents(page, 'news-embed:error', 1, { id });

  const [alert, ...more] = await readParts(page, sel, 'status');
  assert.equal(more.length, 0);
  assert.equal(alert.attrs.role, 'alert');
  assert.equal(alert.attrs['aria-busy'], undefined, 'not busy any more');
  assert.equal(await partText(page, sel, { css: '[role=alert] > .message' }), message);
  const retry = page.locator(sel).locator('[part~=retry]');
  assert.equal(await retry.count(), 1);
  assert.equal(await retry.textContent(), 'Try again');
  assert.equal(await retry.isVisible(), true);
  assert.equal((await readParts(page, sel, 'article')).length, 0, 'no article shown');

  const errors = (await events(page, 'news-embed:error')).filter((e) => e.id === id);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].detail.kind, kind);
  assert.equal(errors[0].detail.status, status);
  assert.equal(errors[0].detail.src, src);
  assert.equal(typeof errors[0].detail.message, 'string');
  assert.ok(errors[0].detail.message.length > 0);
  assert.ok(errors[0].bubbles && errors[0].composed);
  assert.deepEqual((await events(page, 'news-embed:load')).filter((e) => e.id === id), []);
  return errors[0];
}

test('HTTP 500 → kind "http", status 500', async () => {
  const { context, page, pageErrors } = await openHost();
  try {
    await addWidget(page, { id: 'e500', attrs: { src: '/fault/status/500', loading: 'eager' } });
    const event = await assertErrorShown(page, 'e500', {
      kind: 'http',
      status: 500,
      src: '/fault/status/500',
      message: MESSAGES.http(500),
    });
    assert.match(event.detail.message, /500/);

    // Retrying a fault that is still there fails the same way again.
    await page.locator('news-article#e500').locator('[part~=retry]').click();
    await waitForEvents(page, 'news-embed:error', 2, { id: 'e500' });
    await waitForState(page, 'news-article#e500', 'error');
    const again = (await events(page, 'news-embed:error')).filter((e) => e.id === 'e500');
    assert.deepEqual([again[1].detail.kind, again[1].detail.status], ['http', 500]);
    assert.equal(server.countRequests('/fault/status/500'), 2);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('invalid JSON → kind "parse"', async () => {
  const { context, page, pageErrors } = await openHost();
  try {
    await addWidget(page, { id: 'parse', attrs: { src: '/fault/invalid-json', loading: 'eager' } });
    await assertErrorShown(page, 'parse', {
      kind: 'parse',
      status: 0,
      src: '/fault/invalid-json',
      message: MESSAGES.parse,
    });
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('JSON of the wrong shape → kind "schema"', async () => {
  const { context, page, pageErrors } = await openHost();
  try {
    await addWidget(page, { id: 'schema', attrs: { src: '/fault/wrong-shape', loading: 'eager' } });
    await assertErrorShown(page, 'schema', {
      kind: 'schema',
      status: 0,
      src: '/fault/wrong-shape',
      message: MESSAGES.schema,
    });
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('nothing listening on the port → kind "network"', async () => {
  const dead = await start();
  const src = `${dead.url}/fixtures/article-vi.json`;
  await dead.close();
  const { context, page, pageErrors } = await openHost();
  try {
    await addWidget(page, { id: 'network', attrs: { src, loading: 'eager' } });
    await assertErrorShown(page, 'network', { kind: 'network', status: 0, src, message: MESSAGES.network });
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a server that never answers, timeout="300" → kind "timeout", before a widget with a longer one', async () => {
  const { context, page, pageErrors } = await openHost();
  try {
    // The order of events, not a wall-clock limit, shows that the attribute is obeyed: a
    // widget with timeout="60000", connected first to a source that never answers either
    // (its own URL: the two must not share a request), is still waiting when the 300 ms
    // widget gives up. Were `timeout` ignored, both would wait the default 10 s and the
    // first-connected would give up first: this fails. (The 60 s widget's time limit is one
    // that no loaded machine comes near.)
    await addWidget(page, {
      id: 'patient',
      attrs: { src: '/fault/slow?patient', loading: 'eager', timeout: '60000' },
    });
    const t0 = await addWidget(page, {
      id: 'slow',
      attrs: { src: '/fault/slow', loading: 'eager', timeout: '300' },
    });
    await until(() => server.countRequests('/fault/slow') === 2, { message: 'the two slow requests' });
    // Longer than the default 10 s, so that a widget that ignored `timeout` fails the ordering
    // below, with its message, rather than this wait.
    await waitForState(page, 'news-article#slow', 'error', { timeout: 30_000 });
    const event = await assertErrorShown(page, 'slow', {
      kind: 'timeout',
      status: 0,
      src: '/fault/slow',
      message: MESSAGES.timeout,
    });
    assert.deepEqual(
      (await events(page)).filter((e) => e.id === 'patient'),
      [],
      'the widget with timeout="60000" has not given up before the one with timeout="300"',
    );
    assert.equal(
      await page.evaluate(() => document.querySelector('#patient').getAttribute('state')),
      'loading',
    );
    // Not before its time: timers never fire early (a loaded machine only makes them late).
    const elapsed = event.time - t0;
    assert.ok(elapsed >= 280, `timed out after ${elapsed} ms, before the 300 ms timeout`);
    // The request was really abandoned, not left hanging: only the patient one is still open.
    await until(() => server.slowOpen() === 1, { message: 'the slow request to be aborted' });
    // And a removed element abandons its own.
    await page.evaluate(() => document.querySelector('#patient').remove());
    await until(() => server.slowOpen() === 0, { message: 'the patient request to be aborted' });
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('the loading state before an answer: role=status, aria-busy, no retry', async () => {
  const { context, page, pageErrors } = await openHost();
  try {
    await addWidget(page, { id: 'waiting', attrs: { src: '/fault/slow', loading: 'eager' } });
    await waitForState(page, 'news-article#waiting', 'loading');
    await until(() => server.slowOpen() === 1, { message: 'the slow request to arrive' });
    const [status, ...more] = await readParts(page, '#waiting', 'status');
    assert.equal(more.length, 0);
    assert.equal(status.attrs.role, 'status');
    assert.equal(status.attrs['aria-busy'], 'true');
    assert.equal((await readParts(page, '#waiting', 'retry')).length, 0);
    assert.deepEqual(await events(page), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('retry after the fault is cleared renders the article', async () => {
  const key = `retry-${Date.now()}`;
  const src = `/fault/flaky?key=${key}`;
  const { context, page, pageErrors } = await openHost();
  try {
    await addWidget(page, { id: 'flaky', attrs: { src, loading: 'eager', lang: 'vi' } });
    await waitForState(page, 'news-article#flaky', 'error');
    await waitForEvents(page, 'news-embed:error', 1, { id: 'flaky' });
    const [failure] = await events(page, 'news-embed:error');
    assert.deepEqual([failure.detail.kind, failure.detail.status, failure.detail.src], ['http', 503, src]);
    assert.equal(
      await partText(page, '#flaky', { css: '[role=alert] > .message' }),
      'Không tải được tin: máy chủ trả lời lỗi 503.',
    );
    const retry = page.locator('news-article#flaky').locator('[part~=retry]');
    assert.equal(await retry.textContent(), 'Thử lại');

    const healed = await fetch(`${server.url}/fault/flaky/heal?key=${encodeURIComponent(key)}`);
    assert.equal(healed.status, 204);

    await retry.click();
    await waitForState(page, 'news-article#flaky', 'ready');
    await waitForEvents(page, 'news-embed:load', 1, { id: 'flaky' });
    assert.equal(await partText(page, '#flaky', { css: 'h1[part~=headline]' }), seed.title);
    assert.equal(await partText(page, '#flaky', 'date'), '22/5/2020, 10:21 (GMT+7)');
    assert.equal((await readParts(page, '#flaky', 'figure')).length, 3);
    assert.equal((await readParts(page, '#flaky', 'status')).length, 0, 'no status left');
    assert.equal((await readParts(page, '#flaky', 'retry')).length, 0, 'no retry left');
    const [load] = await events(page, 'news-embed:load');
    assert.deepEqual(load.detail, { src, format: 'native', count: 1 });
    assert.equal((await events(page, 'news-embed:error')).length, 1, 'no further error');
    assert.equal(server.countRequests('/fault/flaky'), 2);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
