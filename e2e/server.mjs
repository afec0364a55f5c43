// A small static server for the end-to-end suite: no dependencies, bound to 127.0.0.1 on a
// random free port.
//
//   /            → www/ (the demo site; www/dist is followed to ../dist)
//   /e2e/        → e2e/pages/ (the suite's own host pages)
//   /fault/status/:code          answers that status with a small body
//   /fault/slow                  never answers; held until the client goes away
//   /fault/invalid-json          200 application/json, truncated JSON
//   /fault/wrong-shape           200 application/json, JSON that is no article or listing
//   /fault/flaky?key=K           503 until /fault/flaky/heal?key=K, then the seed article
//   /fault/flaky/heal?key=K      heals K (/fault/flaky/break?key=K breaks it again)
//   /wp-json/wp/v2/posts[?page=N]  a WordPress REST API posts collection of 15 posts in two
//                                pages (www/fixtures/wordpress/posts.json, posts-page-2.json)
//                                with X-WP-Total / X-WP-TotalPages; any other page is
//                                WordPress' own 400 rest_post_invalid_page_number
//
// Every response says `Cache-Control: no-store` so that a refetch always reaches the server
// and the request log (`requests`) tells what the browser really asked for.

import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const WWW = path.join(root, 'www');
const PAGES = path.join(here, 'pages');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Maps a URL path inside `base` to a file; null when it escapes `base`. */
function resolveInside(base, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(base, '.' + path.posix.normalize('/' + decoded));
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

function send(res, status, type, body, extra = {}) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

/** WordPress' JSON type, as its REST API sends it. */
const WP_JSON = 'application/json; charset=UTF-8';

/**
 * One page of a WordPress posts collection (`pages[n - 1]` for `page=n`, default 1), with the
 * paging headers a browser script may read only when they are exposed.
 */
function sendWordPressPosts(res, url, pages) {
  const raw = url.searchParams.get('page');
  const page = raw === null ? 1 : /^[0-9]+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  const paging = {
    'X-WP-Total': '15',
    'X-WP-TotalPages': String(pages.length),
    'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages',
  };
  if (!(page >= 1 && page <= pages.length)) {
    const body = JSON.stringify({
      code: 'rest_post_invalid_page_number',
      message: 'The page number requested is larger than the number of pages available.',
      data: { status: 400 },
    });
    return send(res, 400, WP_JSON, body, paging);
  }
  return send(res, 200, WP_JSON, pages[page - 1], paging);
}

async function serveFile(req, res, base, urlPath) {
  let file = resolveInside(base, urlPath);
  if (!file) return send(res, 404, TYPES['.txt'], 'not found\n');
  try {
    let info = await stat(file); // follows symlinks (www/dist → ../dist)
    if (info.isDirectory()) {
      if (!urlPath.endsWith('/')) {
        res.writeHead(301, { Location: urlPath + '/', 'Cache-Control': 'no-store' });
        return res.end();
      }
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) throw new Error('not a file');
    const body = await readFile(file);
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    send(res, 404, TYPES['.txt'], 'not found\n');
  }
}

/**
 * Starts the server. Resolves to
 * `{ url, port, close(), requests, clearRequests(), countRequests(path), slowOpen() }`:
 * `requests` is the log of `{ method, path, url, time }` in arrival order, `countRequests`
 * counts the requests for one path (query ignored), `slowOpen` how many `/fault/slow`
 * requests are still held open.
 */
export async function start() {
  const sockets = new Set();
  const slow = new Set();
  const healed = new Set();
  const requests = [];
  const seed = await readFile(path.join(WWW, 'fixtures', 'article-vi.json'));
  const wpPages = [
    await readFile(path.join(WWW, 'fixtures', 'wordpress', 'posts.json')),
    await readFile(path.join(WWW, 'fixtures', 'wordpress', 'posts-page-2.json')),
  ];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const p = url.pathname;
    requests.push({ method: req.method, path: p, url: req.url, time: Date.now() });

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, TYPES['.txt'], 'method not allowed\n', { Allow: 'GET, HEAD' });
    }

    let m;
    if ((m = /^\/fault\/status\/(\d{3})$/.exec(p))) {
      const code = Number(m[1]);
      if (code < 200 || code > 599) return send(res, 400, TYPES['.txt'], 'bad status\n');
      return send(res, code, TYPES['.txt'], `fault: status ${code}\n`);
    }
    if (p === '/fault/slow') {
      // Headers never go out; the request stays open until the client aborts it or the
      // server closes.
      slow.add(res);
      const drop = () => slow.delete(res);
      req.on('close', drop);
      res.on('close', drop);
      return;
    }
    if (p === '/fault/invalid-json') return send(res, 200, TYPES['.json'], '{"title": ');
    if (p === '/fault/wrong-shape') return send(res, 200, TYPES['.json'], '{"foo": 1}');
    if (p === '/fault/flaky') {
      const key = url.searchParams.get('key') ?? '';
      if (!healed.has(key)) return send(res, 503, TYPES['.txt'], 'fault: flaky, not healed\n');
      return send(res, 200, TYPES['.json'], seed);
    }
    if (p === '/fault/flaky/heal' || p === '/fault/flaky/break') {
      const key = url.searchParams.get('key') ?? '';
      if (p.endsWith('heal')) healed.add(key);
      else healed.delete(key);
      return send(res, 204, TYPES['.txt'], '');
    }
    if (p === '/wp-json/wp/v2/posts' || p === '/wp-json/wp/v2/posts/') {
      return sendWordPressPosts(res, url, wpPages);
    }
    if (p === '/e2e') {
      res.writeHead(301, { Location: '/e2e/', 'Cache-Control': 'no-store' });
      return res.end();
    }
    if (p.startsWith('/e2e/')) return serveFile(req, res, PAGES, p.slice('/e2e'.length));
    return serveFile(req, res, WWW, p);
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address();
  let closing = null;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    clearRequests() {
      requests.length = 0;
    },
    countRequests(pathname) {
      return requests.filter((r) => r.path === pathname).length;
    },
    slowOpen() {
      return slow.size;
    },
    /** Stops listening and destroys every open connection (held slow requests included). */
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        for (const res of slow) res.destroy();
        slow.clear();
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
      return closing;
    },
  };
}

// `node e2e/server.mjs` serves until interrupted, for looking at the pages by hand.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await start();
  console.log(`news-embed e2e server: ${server.url}/ and ${server.url}/e2e/`);
  process.on('SIGINT', () => server.close().then(() => process.exit(0)));
}
