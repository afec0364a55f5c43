// The real-world corpus (tests/corpus: documents that sites and feed software published) in
// Chromium and Firefox: each document as `<news-article>` and as `<news-list>`, checked
// against the values a person read from it (tests/corpus/*/expected.json): the headline with
// its character references decoded once, the date's instant (a wall time where the source
// wrote no offset, no date where its date cannot be read), the first image, the item count,
// and no `&amp;`, `NaN` or `undefined` anywhere. tests/corpus.rs checks the same natively.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { start } from './server.mjs';
import { startFirefox } from './firefox.mjs';
import { launch, repoRoot } from './helpers.mjs';

const FOLDERS = ['jsonfeed', 'wordpress', 'schemaorg'];
const corpus = FOLDERS.flatMap((folder) =>
  JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'corpus', folder, 'expected.json'), 'utf8')).map(
    (entry) => ({ ...entry, src: `/corpus/${folder}/${entry.file}` }),
  ),
);

/**
 * Runs in the page: every document as an article and as a list, loaded eagerly, and what
 * each shows. Its source text is what both browsers run.
 */
async function renderCorpus(sources) {
  const main = document.getElementById('widgets');
  for (const [i, src] of sources.entries()) {
    for (const tag of ['news-article', 'news-list']) {
      const element = document.createElement(tag);
      element.id = `${tag}-${i}`;
      element.setAttribute('lang', 'en');
      element.setAttribute('loading', 'eager');
      element.setAttribute('src', src);
      main.append(element);
    }
  }
  const all = [...main.children];
  const deadline = Date.now() + 20_000;
  while (!all.every((e) => ['ready', 'error'].includes(e.getAttribute('state')))) {
    if (Date.now() > deadline) {
      const stuck = all.filter((e) => !['ready', 'error'].includes(e.getAttribute('state')));
      throw new Error(`not rendered: ${stuck.map((e) => e.id + '=' + e.getAttribute('state')).join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // Every text and attribute value a reader or a screen reader meets.
  const shown = (root) => {
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 3) out.push(node.data);
      else for (const attribute of node.attributes) out.push(attribute.value);
    }
    return out.join('\n');
  };
  return sources.map((src, i) => {
    const article = document.getElementById(`news-article-${i}`);
    const list = document.getElementById(`news-list-${i}`);
    const root = article.shadowRoot;
    const date = root.querySelector('[part~=article] > time[part~=date]');
    return {
      src,
      states: [article.getAttribute('state'), list.getAttribute('state')],
      headline: root.querySelector('[part~=headline]')?.textContent ?? null,
      datetime: date?.getAttribute('datetime') ?? null,
      dateText: date?.textContent ?? null,
      firstImage: root.querySelector('img')?.src ?? null,
      listed: list.shadowRoot.querySelectorAll('[part~=item]').length,
      text: shown(root) + '\n' + shown(list.shadowRoot),
    };
  });
}

/** Every way a document's rendering differs from what its reader read; none is right. */
function differences(expected, seen, base) {
  const found = [];
  if (seen.states.join() !== 'ready,ready') found.push(`states ${seen.states}`);
  if (seen.listed !== expected.items) found.push(`the list shows ${seen.listed} items, not ${expected.items}`);
  if (expected.headline !== null && seen.headline !== expected.headline) {
    found.push(`headline ${JSON.stringify(seen.headline)}, not ${JSON.stringify(expected.headline)}`);
  }
  if (expected.headline === null && !seen.headline?.trim()) found.push('no headline');
  if (expected.published) {
    if (seen.datetime === null || Date.parse(seen.datetime) !== Date.parse(expected.published)) {
      found.push(`datetime ${seen.datetime}, not the instant ${expected.published}`);
    }
  } else if (expected.published_local) {
    // A wall time: written without an offset, shown without a zone.
    const local = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/;
    if (!local.test(seen.datetime ?? '') || Date.parse(seen.datetime) !== Date.parse(expected.published_local)) {
      found.push(`datetime ${seen.datetime}, not the wall time ${expected.published_local}`);
    }
    if (/GMT|UTC/.test(seen.dateText)) found.push(`a zone is invented: ${seen.dateText}`);
  } else if (seen.datetime !== null) {
    found.push(`a date ${seen.datetime} where the document has none that can be read`);
  }
  const named = [expected.image, expected.body_image].filter(Boolean).map((raw) => new URL(raw.trim(), base).href);
  if (named.length && !named.includes(seen.firstImage)) {
    found.push(`first image ${seen.firstImage}, the document names ${named.join(' or ')}`);
  }
  for (const bad of ['&amp;', 'NaN', 'undefined', '&#']) {
    if (seen.text.includes(bad)) found.push(`${JSON.stringify(bad)} is shown`);
  }
  return found;
}

function check(results, url) {
  const wrong = [];
  for (const [i, expected] of corpus.entries()) {
    const found = differences(expected, results[i], new URL(expected.src, url).href);
    if (found.length) wrong.push(`${expected.src}: ${found.join('; ')}`);
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${corpus.length} documents wrong`);
}

let server;
before(async () => {
  server = await start();
});
after(async () => {
  await server?.close();
});

test(`Chromium: all ${corpus.length} corpus documents render what their readers read in them`, async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/e2e/formats-host.html`);
    const results = await page.evaluate(renderCorpus, corpus.map((e) => e.src));
    check(results, server.url);
  } finally {
    await browser.close();
  }
});

test(`Firefox: all ${corpus.length} corpus documents render what their readers read in them`, async () => {
  const firefox = await startFirefox();
  try {
    await firefox.goto(`${server.url}/e2e/formats-host.html`);
    const results = await firefox.run(renderCorpus, corpus.map((e) => e.src));
    check(results, server.url);
  } finally {
    await firefox.close();
  }
});
