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

// Paths of wasm-bindgen's glue the loader never takes: it always calls init() with one object
// holding a Request, so the warning for the older positional form and the default wasm URL
// beside the glue only cost the host bytes (about 100 B gzip). Each must be found exactly once:
// a wasm-bindgen whose glue reads otherwise stops the build here rather than ship it unchecked.
const glue = join(bundleDir, 'news_embed.js');
const UNUSED_GLUE = [
  [
    /\n {4}if \(module_or_path !== undefined\) \{\n {8}if \(Object\.getPrototypeOf\(module_or_path\) === Object\.prototype\) \{\n {12}\(\{module_or_path\} = module_or_path\)\n {8}\} else \{\n {12}console\.warn\('using deprecated parameters for the initialization function; pass a single object instead'\)\n {8}\}\n {4}\}\n/g,
    '\n    ({module_or_path} = module_or_path);\n',
  ],
  [/\n {4}if \(module_or_path === undefined\) \{\n {8}module_or_path = new URL\('news_embed_bg\.wasm', import\.meta\.url\);\n {4}\}\n/g, '\n'],
];
function withoutUnusedGlue(text) {
  for (const [pattern, replacement] of UNUSED_GLUE) {
    const found = text.match(pattern)?.length ?? 0;
    if (found !== 1) throw new Error(`bundle.mjs: ${pattern} found ${found} times in wasm-bindgen's glue, not once`);
    text = text.replace(pattern, replacement);
  }
  return text;
}

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
      build.onLoad({ filter: /[\\/]news_embed\.js$/ }, (args) =>
        resolve(args.path) === resolve(glue) ? { contents: withoutUnusedGlue(readFileSync(glue, 'utf8')), loader: 'js' } : undefined,
      );
    },
  }],
});
// Minified: comments and long names cost the host bytes.
const { code } = await minify(bundled.outputFiles[0].text, { module: true, compress: true, mangle: true });
writeFileSync(join(distDir, 'news-embed.js'), code);
renameSync(wasmPath, join(distDir, wasmFile));
