// The builds a toolchain update cannot break: the plain stable `wasm-pack build --release
// --target web` the README shows Rust users (`make plain`, target/plain/pkg), and the dist/
// that `make dist` makes when the compiler refuses its unstable size flags (`make
// dist-fallback`, target/fallback/dist). Each renders the seed article.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { fixture, openPage, partText, repoRoot, useServerAndBrowser, waitForState } from './helpers.mjs';

let server;
let browser;
useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const seed = fixture('article-vi.json');

/** Checks the seed's headline, date and photos in `#seed`. */
async function assertSeed(page) {
  await waitForState(page, '#seed', 'ready');
  assert.equal(await partText(page, '#seed', { css: 'h1[part~=headline]' }), seed.title);
  assert.equal(await partText(page, '#seed', { css: 'article > [part~=date]' }), '22/5/2020, 10:21 (GMT+7)');
  const captions = await page.evaluate(
    () => document.querySelector('#seed').shadowRoot.querySelectorAll('[part~=caption]').length,
  );
  assert.equal(captions, 3, 'the three captioned photos');
}

/** On a page without the widget, runs `load(seed)` in the page (it loads a build and adds
 *  `#seed`), then checks what `#seed` shows; skipped when the build at `file` is missing. */
async function renderWith(t, file, make, load) {
  if (!existsSync(path.join(repoRoot, file))) {
    t.skip(`${file} is missing: run \`make ${make}\` (make test does)`);
    return;
  }
  const { page, context, pageErrors } = await openPage(browser, `${server.url}/e2e/blank.html`);
  try {
    await page.evaluate(load, seed);
    await assertSeed(page);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
}

test('a plain stable wasm-pack build renders the seed after init()', (t) =>
  // What the README shows: import the glue, await init(), then use the elements.
  renderWith(t, 'target/plain/pkg/news_embed.js', 'plain', async (data) => {
    const { default: init } = await import('/builds/plain/pkg/news_embed.js');
    await init();
    const element = document.createElement('news-article');
    element.id = 'seed';
    element.data = data;
    document.querySelector('#widgets').append(element);
  }));

test('make dist falls back to the plain build when the compiler refuses the size flags', (t) =>
  renderWith(t, 'target/fallback/dist/news-embed.js', 'dist-fallback', () => {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '/builds/fallback/dist/news-embed.js';
    document.head.append(script);
    const element = document.createElement('news-article');
    element.id = 'seed';
    element.setAttribute('loading', 'eager');
    element.setAttribute('src', '/fixtures/article-vi.json');
    document.querySelector('#widgets').append(element);
  }));
