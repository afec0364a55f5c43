// Builds bench/vanilla/dist/news-embed-vanilla.js: news-embed-vanilla.js with the widget's own
// stylesheet (src/web/styles.css, the text news-embed embeds with include_str!) inlined, and
// its comment lines and indentation left out. No dependencies: `node bench/vanilla/build.mjs`.
//
// The stripping is line-based and only safe for this source's style: a line whose first
// non-blank characters are `//`, `/*` or `*` is a comment line; no template literal spans lines.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const source = readFileSync(path.join(here, 'news-embed-vanilla.js'), 'utf8');
const css = readFileSync(path.join(repo, 'src', 'web', 'styles.css'), 'utf8');

const PLACEHOLDER = "/* @CSS */ ''";
if (source.split(PLACEHOLDER).length !== 2) throw new Error(`expected one ${PLACEHOLDER} in the source`);

const code = source
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !/^(\/\/|\/\*|\*)/.test(line))
  .join('\n')
  .replace(PLACEHOLDER, () => JSON.stringify(css));

const outDir = path.join(here, 'dist');
const out = path.join(outDir, 'news-embed-vanilla.js');
mkdirSync(outDir, { recursive: true });
writeFileSync(out, `// news-embed-vanilla (built by bench/vanilla/build.mjs; source: bench/vanilla/news-embed-vanilla.js)\n${code}\n`);

const built = readFileSync(out);
const size = (buf) => `${buf.length} B raw, ${gzipSync(buf, { level: 9 }).length} B gzip -9`;
console.log(`${path.relative(repo, out)}: ${size(built)}`);
console.log(`  of which the stylesheet: ${size(Buffer.from(JSON.stringify(css)))}`);
