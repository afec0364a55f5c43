// `make package`: the npm package, target/package/news-embed-<version>.tgz, made by `npm pack`
// from a staging folder: package.json (the version is Cargo.toml's), dist/ as `make dist`
// built it, README, CHANGELOG and the license texts. Prints the script tag with its integrity.
// `node scripts/package.mjs [dist dir]`; `--print-only` prints the tag and packs nothing.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { scriptTag } from './snippet.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const printOnly = process.argv.includes('--print-only');
const [distArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const dist = path.resolve(distArg ?? path.join(root, 'dist'));
const out = path.join(root, 'target', 'package');
const stage = path.join(out, 'stage');

const cargo = readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))?.[1];
const version = field('version');
if (!version) throw new Error('no version in Cargo.toml');

const manifest = {
  name: 'news-embed',
  version,
  description: field('description'),
  license: field('license'),
  type: 'module',
  // The module the script tag loads; the stylesheet for server-rendered pages; every file of
  // dist/ by its name, for pages and bundlers that copy the folder (the wasm's name changes
  // with each build: the loader knows it).
  exports: {
    '.': './dist/news-embed.js',
    './news-embed.css': './dist/news-embed.css',
    './dist/*': './dist/*',
  },
  files: ['dist/', 'CHANGELOG.md', 'LICENSE-MIT', 'LICENSE-APACHE'],
  // Importing the module defines <news-article> and <news-list>.
  sideEffects: true,
  keywords: ['news', 'article', 'widget', 'custom-element', 'web-component', 'webassembly', 'json-feed', 'wordpress', 'schema.org'],
};

if (!printOnly) {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(path.join(stage, 'dist'), { recursive: true });
  cpSync(dist, path.join(stage, 'dist'), { recursive: true });
  for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE-MIT', 'LICENSE-APACHE']) {
    cpSync(path.join(root, file), path.join(stage, file));
  }
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8' }),
  )[0];
  const tarball = path.join(out, packed.filename);
  console.log(`make package: ${path.relative(root, tarball)} (${packed.entryCount} files, ${packed.size} bytes)`);
}
console.log('the script tag, installed with npm (or from a CDN that mirrors npm):');
for (const src of ['/node_modules/news-embed/dist/news-embed.js', `https://cdn.jsdelivr.net/npm/news-embed@${version}/dist/news-embed.js`]) {
  console.log(`  ${scriptTag(dist, src)}`);
}
