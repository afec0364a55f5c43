// Shared pieces of the end-to-end suite: the browser, waits, shadow-root parts, events.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

import { start } from './server.mjs';
import { launchOptions } from '../bench/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..');

export function launch() {
  return chromium.launch(launchOptions);
}

/**
 * A test file's server (`start(serverOptions)`) and browser: started before its tests and
 * handed to `use(server, browser)`, closed after them.
 */
export function useServerAndBrowser(use, serverOptions) {
  let server;
  let browser;
  before(async () => {
    server = await start(serverOptions);
    browser = await launch();
    use(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** A fixture of www/fixtures as parsed JSON. */
export function fixture(name) {
  return JSON.parse(readFileSync(path.join(repoRoot, 'www', 'fixtures', name), 'utf8'));
}

/**
 * Waits until the element matching `selector` shows its loading view: `state="loading"` and
 * a status part in its shadow root. (`state` alone is `loading` from the element's connection,
 * before the wasm runs and the widget has a shadow root.)
 */
export async function waitForLoadingView(page, selector, { timeout = 10_000 } = {}) {
  await waitForState(page, selector, 'loading', { timeout });
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.shadowRoot?.querySelector('[part~=status]'),
    selector,
    { timeout, polling: 'raf' },
  );
}

/** Waits until the element matching `selector` has `state="…"`. */
export async function waitForState(page, selector, state, { timeout = 10_000 } = {}) {
  try {
    await page.waitForFunction(
      ([sel, want]) => document.querySelector(sel)?.getAttribute('state') === want,
      [selector, state],
      { timeout, polling: 'raf' },
    );
  } catch (error) {
    const actual = await page
      .evaluate((sel) => document.querySelector(sel)?.getAttribute('state'), selector)
      .catch(() => '(page gone)');
    throw new Error(`${selector} did not reach state="${state}" (it is "${actual}"): ${error.message}`);
  }
}

/**
 * The elements of `selector`'s shadow root whose `part` list contains `part` (or which match
 * a CSS selector given as `{ css }`), as plain objects: tag, text (whitespace as is), the
 * attributes, and for images `complete`/`naturalWidth`.
 */
export function readParts(page, selector, part) {
  return page.evaluate(
    ([sel, partName]) => {
      const host = document.querySelector(sel);
      if (!host) throw new Error(`no element ${sel}`);
      if (!host.shadowRoot) throw new Error(`${sel} has no open shadow root`);
      const query = typeof partName === 'string' ? `[part~="${partName}"]` : partName.css;
      return [...host.shadowRoot.querySelectorAll(query)].map((el) => ({
        tag: el.localName,
        text: el.textContent,
        attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
        ...(el.localName === 'img' ? { complete: el.complete, naturalWidth: el.naturalWidth } : {}),
      }));
    },
    [selector, part],
  );
}

/** The text of the one shadow part `part` of `selector` (throws unless exactly one). */
export async function partText(page, selector, part) {
  const found = await readParts(page, selector, part);
  if (found.length !== 1) {
    throw new Error(`${selector}: expected one [part~=${JSON.stringify(part)}], found ${found.length}`);
  }
  return found[0].text;
}

/** Waits until `selector`'s shadow part `part` has the text `text`. */
export async function waitForPartText(page, selector, part, text, { timeout = 10_000 } = {}) {
  await page.waitForFunction(
    ([sel, p, want]) =>
      document.querySelector(sel)?.shadowRoot?.querySelector(`[part~="${p}"]`)?.textContent === want,
    [selector, part, text],
    { timeout, polling: 'raf' },
  );
}

/**
 * Records every `news-embed:load` and `news-embed:error` event reaching the document into
 * `window.__events` as `{ type, id, detail }`, from before any page script runs.
 */
export async function recordEvents(pageOrContext) {
  await pageOrContext.addInitScript(() => {
    window.__events = [];
    for (const type of ['news-embed:load', 'news-embed:error']) {
      document.addEventListener(
        type,
        (event) => {
          window.__events.push({
            type: event.type,
            id: event.target?.id ?? null,
            detail: JSON.parse(JSON.stringify(event.detail ?? null)),
            bubbles: event.bubbles,
            composed: event.composed,
            time: performance.now(),
          });
        },
        true,
      );
    }
  });
}

/** The events recorded so far, optionally only those of one type. */
export async function events(page, type) {
  const all = await page.evaluate(() => window.__events ?? []);
  return type ? all.filter((e) => e.type === type) : all;
}

/** Waits until at least `count` events of `type` (optionally from element `id`) were recorded. */
export async function waitForEvents(page, type, count, { id, timeout = 10_000 } = {}) {
  await page.waitForFunction(
    ([t, n, i]) =>
      (window.__events ?? []).filter((e) => e.type === t && (i == null || e.id === i)).length >= n,
    [type, count, id ?? null],
    { timeout },
  );
}

/** Collects page errors and console errors of `page`. */
export function watchErrors(page) {
  const pageErrors = [];
  const consoleErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error?.stack ?? error)));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} @ ${message.location()?.url ?? ''}`);
  });
  return { pageErrors, consoleErrors };
}

/**
 * A fresh context of `browser` on `url`, with page errors watched (`watchErrors`) and the
 * widgets' events recorded (`recordEvents`). `prepare(page)` runs before the navigation
 * (request logs, routes); `elements` waits for both custom elements to be defined; `waitUntil`
 * is the navigation's (Playwright's `load` by default).
 */
export async function openPage(browser, url, { context: contextOptions, prepare, elements = false, waitUntil } = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const watched = watchErrors(page);
  await recordEvents(page);
  if (prepare) await prepare(page);
  const response = await page.goto(url, waitUntil ? { waitUntil } : undefined);
  if (elements) {
    await page.waitForFunction(() => customElements.get('news-article') && customElements.get('news-list'));
  }
  return { context, page, response, ...watched };
}

/** Polls `fn` (sync or async) until it returns truthy. */
export async function until(fn, { timeout = 5_000, interval = 20, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Adds `<tag id=… attrs…>` to the host page's #widgets (or `parent`), after the elements are
 * defined, and returns the page time at which it was connected.
 */
export async function addWidget(page, { tag = 'news-article', id, attrs = {}, parent = '#widgets' }) {
  await page.waitForFunction(() => customElements.get('news-article') && customElements.get('news-list'));
  return page.evaluate(
    ({ tag, id, attrs, parent }) => {
      const el = document.createElement(tag);
      el.id = id;
      for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
      const t0 = performance.now();
      document.querySelector(parent).append(el);
      return t0;
    },
    { tag, id, attrs, parent },
  );
}
