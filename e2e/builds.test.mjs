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
  assert.equal(await partText(page, '#seed', 'headline'), seed.title);
  assert.equal(await partText(page, '#seed', 'date'), '22/5/2020, 10:21 (GMT+7)');
  const captions = await page.evaluate(
    () => document.querySelector('#seed').shadowRoot.querySelectorAll('[part~=caption]').length,
  );
  assert.equal(captions, 3, 'the three captioned photos');
}

test('a plain stable wasm-pack build renders the seed after init()', async (t) => {
  const glue = path.join(repoRoot, 'target', 'plain', 'pkg', 'news_embed.js');
  if (!existsSync(glue)) {
    t.skip('target/plain/pkg is missing: run `make plain` (make test does)');
    return;
  }
  const { page, context, pageErrors } = await openPage(browser, `${server.url}/e2e/blank.html`);
  try {
    // What the README shows: import the glue, await init(), then use the elements.
    await page.evaluate(async (data) => {
      const { default: init } = await import('/builds/plain/pkg/news_embed.js');
      await init();
      const element = document.createElement('news-article');
      element.id = 'seed';
      element.data = data;
      document.querySelector('#widgets').append(element);
    }, seed);
    await assertSeed(page);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('make dist falls back to the plain build when the compiler refuses the size flags', async (t) => {
  const loader = path.join(repoRoot, 'target', 'fallback', 'dist', 'news-embed.js');
  if (!existsSync(loader)) {
    t.skip('target/fallback/dist is missing: run `make dist-fallback` (make test does)');
    return;
  }
  const { page, context, pageErrors } = await openPage(browser, `${server.url}/e2e/blank.html`);
  try {
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.type = 'module';
      script.src = '/builds/fallback/dist/news-embed.js';
      document.head.append(script);
      const element = document.createElement('news-article');
      element.id = 'seed';
      element.setAttribute('loading', 'eager');
      element.setAttribute('src', '/fixtures/article-vi.json');
      document.querySelector('#widgets').append(element);
    });
    await assertSeed(page);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
