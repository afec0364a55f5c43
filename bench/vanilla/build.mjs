// Builds bench/vanilla/dist/news-embed-vanilla.js: news-embed-vanilla.js with the widget's own
// stylesheet (src/web/styles.css) inlined, minified as build.rs minifies it for the wasm, and
// the whole minified with terser as `make dist` minifies news-embed's JavaScript: the
// baseline gets every saving news-embed gets. `node bench/vanilla/build.mjs`.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const source = readFileSync(path.join(here, 'news-embed-vanilla.js'), 'utf8');
const css = readFileSync(path.join(repo, 'src', 'web', 'styles.css'), 'utf8');

const PLACEHOLDER = "/* @CSS */ ''";
if (source.split(PLACEHOLDER).length !== 2) throw new Error(`expected one ${PLACEHOLDER} in the source`);

const code = (
  await minify(source.replace(PLACEHOLDER, () => JSON.stringify(minifyCss(css))), {
    module: true,
    compress: true,
    mangle: true,
  })
).code;

const outDir = path.join(here, 'dist');
const out = path.join(outDir, 'news-embed-vanilla.js');
mkdirSync(outDir, { recursive: true });
writeFileSync(out, `${code}\n`);

const built = readFileSync(out);
const size = (buf) => `${buf.length} B raw, ${gzipSync(buf, { level: 9 }).length} B gzip -9`;
console.log(`${path.relative(repo, out)}: ${size(built)}`);
console.log(`  of which the stylesheet: ${size(Buffer.from(JSON.stringify(minifyCss(css))))}`);

/**
 * build/minify_css.rs in JavaScript (the e2e tests compare the two widgets' adopted
 * stylesheets, so a difference shows): quoted strings kept, comments gone, white space runs
 * made one space, none around `{ } ; ,` or after a declaration's `:`, no `;` before `}`.
 */
function minifyCss(text) {
  let out = '';
  let pendingSpace = false;
  const pushSpace = () => {
    if (pendingSpace && out && !/[{};, ]$/.test(out)) out += ' ';
    pendingSpace = false;
  };
  const skipSpace = (i) => {
    while (i + 1 < text.length && /\s/.test(text[i + 1])) i++;
    return i;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      pendingSpace = true;
    } else if (/\s/.test(c)) {
      pendingSpace = true;
    } else if (c === '"' || c === "'") {
      pushSpace();
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if ('{};,'.includes(c)) {
      pendingSpace = false;
      if (c === '}' && out.endsWith(';')) out = out.slice(0, -1);
      out += c;
      i = skipSpace(i);
    } else if (c === ':') {
      pushSpace();
      out += c;
      const start = Math.max(out.lastIndexOf('{'), out.lastIndexOf(';')) + 1;
      if (/^[A-Za-z0-9_-]+$/.test(out.slice(start, -1).trimEnd())) i = skipSpace(i);
    } else {
      pushSpace();
      out += c;
    }
  }
  return out.trim();
}
