// The npm package as a web team takes it: `make package`'s tarball installed with npm into an
// empty folder, and `node_modules/news-embed/dist/news-embed.js` as the script tag's `src`
// (with the integrity `make package` prints) renders the seed article.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { launch, repoRoot, fixture, waitForState, watchErrors } from './helpers.mjs';

const version = readFileSync(path.join(repoRoot, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const tarball = path.join(repoRoot, 'target', 'package', `news-embed-${version}.tgz`);
const seed = fixture('article-vi.json');

let folder;
let server;
let browser;

before(async () => {
  assert.ok(existsSync(tarball), `${tarball} is missing: make package (make test-e2e runs it) writes it`);
  folder = mkdtempSync(path.join(os.tmpdir(), 'news-embed-package-'));
  writeFileSync(path.join(folder, 'package.json'), '{"private": true}\n');
  // Offline: the package has no dependencies, so npm needs nothing but the tarball.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: folder });
  copyFileSync(path.join(repoRoot, 'www', 'fixtures', 'article-vi.json'), path.join(folder, 'article-vi.json'));
  server = await serve(folder);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** The folder as a static site (the page, the fixture, node_modules/). */
function serve(root) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css' };
  const httpServer = http.createServer(async (req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root + path.sep)) return res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${httpServer.address().port}`, close: () => httpServer.close() });
  }));
}

test('the package holds dist/, the license texts, README and CHANGELOG, under the version of Cargo.toml', () => {
  const installed = path.join(folder, 'node_modules', 'news-embed');
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'news-embed');
  assert.equal(manifest.version, version);
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.equal(manifest.exports['.'], './dist/news-embed.js');
  const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
  const wasm = listed.find((f) => /^package\/dist\/news_embed_bg\.[0-9a-f]{16}\.wasm$/.test(f));
  assert.ok(wasm, `a hashed wasm in ${listed}`);
  assert.deepEqual(listed, [
    'package/CHANGELOG.md', 'package/LICENSE-APACHE', 'package/LICENSE-MIT', 'package/README.md',
    'package/dist/news-embed.css', 'package/dist/news-embed.js', wasm, 'package/package.json',
  ].sort());
  for (const file of ['LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.deepEqual(readFileSync(path.join(installed, file)), readFileSync(path.join(repoRoot, file)));
  }
});

test('installed into an empty folder, node_modules/news-embed/dist/news-embed.js renders the seed', async () => {
  const src = 'node_modules/news-embed/dist/news-embed.js';
  const integrity = `sha384-${createHash('sha384').update(readFileSync(path.join(folder, src))).digest('base64')}`;
  // The tag as `make package` prints it.
  const printed = execFileSync('node', [path.join(repoRoot, 'scripts', 'package.mjs'), '--print-only'], { encoding: 'utf8' });
  assert.ok(printed.includes(`integrity="${integrity}"`), printed);
  writeFileSync(path.join(folder, 'index.html'), `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>news-embed from npm</title>
<script type="module" src="${src}" integrity="${integrity}" crossorigin="anonymous"></script>
</head><body><news-article id="seed" src="article-vi.json"><a href="article-vi.json">${seed.title}</a></news-article></body></html>
`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const { pageErrors } = watchErrors(page);
  try {
    await page.goto(`${server.url}/index.html`);
    await waitForState(page, '#seed', 'ready');
    const shown = await page.evaluate(() => {
      const root = document.getElementById('seed').shadowRoot;
      return {
        title: root.querySelector('[part~=headline]').textContent,
        time: root.querySelector('time').textContent,
        images: root.querySelectorAll('[part~=image]').length,
      };
    });
    assert.equal(shown.title, seed.title);
    assert.equal(shown.time, '22/5/2020, 10:21 (GMT+7)');
    assert.equal(shown.images, 3);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
