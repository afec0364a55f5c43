// The benchmark's HTTP server: the repository's files (or another folder's), cross-origin isolated (COOP/COEP) for
// fine timers and performance.measureUserAgentSpecificMemory, and generated listings.

import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
};

/** A native listing of `count` items (`next` pages of `nextCount` more when asked). Each item
 *  has its own picture, as a real listing's items do: with one URL for all, every image after
 *  the first is a memory-cache hit, a path on which Chromium sets `src` 2.5× more slowly than
 *  for distinct URLs, in both widgets alike. */
export function listing(count, nextCount = 0, pictures = true) {
  const items = [];
  for (let i = 0; i < count; i++) {
    items.push({
      id: `tin-${i}`,
      url: `https://skhcn.haugiang.example/tin/${i}`,
      title: `Tin số ${i}: Sở Khoa học và Công nghệ tỉnh Hậu Giang triển khai nhiệm vụ mới`,
      published: `2020-05-${String(1 + (i % 28)).padStart(2, '0')}T08:${String(i % 60).padStart(2, '0')}:00+07:00`,
      summary: 'Hội đồng khoa học và công nghệ tỉnh đã nghiệm thu đề tài ứng dụng kỹ thuật mới.',
      ...(pictures && { image: { src: `/bench/image/${i}.svg`, alt: '', width: 400, height: 267 } }),
    });
  }
  return { items, next: nextCount ? `/bench/list?count=${nextCount}` : null };
}

/** Serves `root` (the repository unless told: the calibration serves its extracted site). */
export async function start({ root = repository } = {}) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (url.pathname === '/bench/list') {
      const count = Math.min(Number(url.searchParams.get('count')) || 0, 20000);
      const next = Math.min(Number(url.searchParams.get('next')) || 0, 20000);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.json'] });
      return res.end(JSON.stringify(listing(count, next, url.searchParams.get('pictures') !== 'no')));
    }
    if (url.pathname.startsWith('/bench/image/')) {
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.svg'] });
      return res.end(await readFile(path.join(repository, 'www', 'images', 'tin-iso.svg')));
    }
    const file = path.join(root, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root)) {
      res.writeHead(403, headers);
      return res.end();
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, headers);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

