// The script tag for a dist/ folder served at <url>: its `integrity` covers the loader, and
// the loader checks the wasm's own, so the one attribute covers all the code.
// `node scripts/snippet.mjs <dist dir> [url of news-embed.js]` prints it; `make package`
// prints it for npm and its CDN mirror with `scriptTag`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function scriptTag(distDir, url) {
  const loader = readFileSync(join(distDir, 'news-embed.js'));
  const integrity = `sha384-${createHash('sha384').update(loader).digest('base64')}`;
  return `<script type="module" src="${url}" integrity="${integrity}" crossorigin="anonymous"></script>`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [distDir, url = '/dist/news-embed.js'] = process.argv.slice(2);
  console.log(scriptTag(distDir, url));
}
