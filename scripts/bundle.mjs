// Finishes dist/: names the wasm by its content hash, then bundles the loader, wasm-bindgen's
// glue and the snippet into one minified news-embed.js that fetches that wasm with its sha384
// integrity. `node scripts/bundle.mjs <bundle dir> <dist dir>`: the bundle dir holds
// js/news-embed.js, the glue and its snippets; the dist dir holds news_embed_bg.wasm.
//
// One JavaScript file, not loader -> glue -> shim: a host's browser learns of each import only
// after fetching the one before, and one file is what one `integrity` attribute can cover.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { minify } from 'terser';

const [bundleDir, distDir] = process.argv.slice(2);
if (!bundleDir || !distDir) throw new Error('usage: bundle.mjs <bundle dir> <dist dir>');

const wasmPath = join(distDir, 'news_embed_bg.wasm');
const wasm = readFileSync(wasmPath);
const digest = createHash('sha384').update(wasm).digest();
const wasmFile = `news_embed_bg.${digest.toString('hex').slice(0, 16)}.wasm`;

// The glue imports the snippet from a folder named by wasm-bindgen's own hash; the loader
// names it `news-embed:shim`, resolved here to that same file so that it is bundled once.
const snippets = join(bundleDir, 'snippets');
const shim = readdirSync(snippets)
  .map((folder) => join(snippets, folder, 'src/web/shim.js'))
  .find((path) => existsSync(path));
if (!shim) throw new Error(`no src/web/shim.js under ${snippets}`);

const bundled = await build({
  entryPoints: [join(bundleDir, 'news-embed.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  write: false,
  logLevel: 'error',
  define: {
    __NEWS_EMBED_WASM_FILE__: JSON.stringify(wasmFile),
    __NEWS_EMBED_WASM_INTEGRITY__: JSON.stringify(`sha384-${digest.toString('base64')}`),
  },
  plugins: [{
    name: 'news-embed-shim',
    setup(build) {
      build.onResolve({ filter: /^news-embed:shim$/ }, () => ({ path: resolve(shim) }));
    },
  }],
});
// Minified: comments and long names cost the host bytes.
const { code } = await minify(bundled.outputFiles[0].text, { module: true, compress: true, mangle: true });
writeFileSync(join(distDir, 'news-embed.js'), code);
renameSync(wasmPath, join(distDir, wasmFile));
