// A small static server for the end-to-end suite: no dependencies, bound to 127.0.0.1 on a
// random free port.
//
//   /            → www/ (the demo site; www/dist is followed to ../dist)
//   /e2e/        → e2e/pages/ (the suite's own host pages)
//   /corpus/…                    → tests/corpus/ (the real-world corpus)
//   /tampered/dist/              → dist/, each .wasm with a custom section appended (valid,
//                                not the bytes the loader's integrity names)
//   /builds/plain/, /builds/fallback/  → target/plain/, target/fallback/ (`make plain`,
//                                `make dist-fallback`: the builds without the size flags)
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
// The fault matrix of faults.test.mjs:
//
//   /fault/retry-after           503 with `Retry-After: 120`
//   /fault/truncated             200 application/json whose Content-Length promises the whole
//                                seed, but half of it is sent and then the socket is destroyed
//   /fault/delay?ms=N&file=F     the fixture F (a path under www/) after N ms
//   /fault/empty-object, /fault/null, /fault/empty-array   200 `{}`, `null`, `[]`
//   /fault/text-plain            the seed article as `text/plain`
//   /fault/html-200              an HTML error page with status 200 and `text/html`
//   /fault/redirect/:n           302 to /fault/redirect/:n-1, the last to /fixtures/article-vi.json
//   /fault/paragraphs?count=N&size=S  the seed with N generated paragraphs of S characters
//                                each instead of its body (`X-Paragraphs` says N)
//   /fault/items?count=N         a native listing of N generated items
//   /fault/deep?depth=N          `{"title": "x", "a": [[[…]]]}` nested N levels deep, as text
//   /fault/surrogates            an article whose title and a paragraph hold lone surrogates
//                                (`\ud800`, `\udc00` escapes in the JSON text)
//   /fault/rtl                   an article with emoji, Arabic and Hebrew text
//   /fault/toggle/:name          503 until /fault/toggle/:name/heal, then the seed article
//                                (/fault/toggle/:name/break breaks it again)
//
// `start({ pageHeaders })` sends extra headers with some files, by URL path:
// `{ '/e2e/hostile-csp.html': { 'Content-Security-Policy': '…' } }`; `setPageHeaders(path,
// headers)` changes them on a running server (null removes them).
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

/** The article of /fault/rtl: emoji, Arabic and Hebrew. */
export const RTL_ARTICLE = {
  id: 'rtl',
  title: 'Tin 📰🇻🇳 مرحبا',
  body: [
    { type: 'paragraph', text: 'مرحبا بالعالم! هذه فقرة باللغة العربية، مع أرقام ١٢٣ و 456.' },
    { type: 'paragraph', text: 'שלום עולם! זוהי פסקה בעברית (עם סוגריים) ו־emoji 👩‍👩‍👧.' },
    { type: 'paragraph', text: 'Mixed: English ثم عربي ثم עברית 🇻🇳.' },
  ],
};

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

/** Filler text for generated paragraphs: Vietnamese, so multi-byte, as real articles are. */
const FILLER = 'Đại hội Đảng bộ Sở Khoa học và Công nghệ lần thứ IV diễn ra trong thời điểm quyết tâm thi đua. ';

/** Paragraph `i` of a generated body: about `size` characters (never less than its number). */
function generatedParagraph(i, size) {
  let text = `Đoạn ${i + 1}: `;
  while (text.length < size) text += FILLER;
  return text.slice(0, Math.max(size, `Đoạn ${i + 1}:`.length)).trimEnd();
}

/** The seed article with `count` generated paragraphs of `size` characters as its body. */
export function generatedArticle(seedArticle, count, size) {
  const body = [];
  for (let i = 0; i < count; i++) body.push({ type: 'paragraph', text: generatedParagraph(i, size) });
  return { ...seedArticle, other_news: [], body };
}

/** A native listing of `count` generated items. */
export function generatedListing(count) {
  const items = [];
  for (let i = 0; i < count; i++) {
    items.push({
      id: `tin-${i + 1}`,
      title: `Tin số ${i + 1}`,
      url: `https://example.org/tin/${i + 1}`,
      published: '2020-05-22T10:21:00+07:00',
    });
  }
  return { items };
}

/** `{"title": "x", "a": [[[…]]]}` with the array nested `depth` levels (the object is one more). */
export function deepJson(depth) {
  return `{"title": "x", "a": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/** A whole number query parameter within [min, max], else `fallback`. */
function intParam(url, name, fallback, min, max) {
  const raw = url.searchParams.get(name);
  if (raw === null || !/^[0-9]+$/.test(raw)) return fallback;
  return Math.min(max, Math.max(min, Number(raw)));
}

async function serveFile(req, res, base, urlPath, extraHeaders = {}) {
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
      ...extraHeaders,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    send(res, 404, TYPES['.txt'], 'not found\n');
  }
}

/**
 * dist/ as a compromised mirror would serve it: the loader as built, every .wasm still valid
 * WebAssembly but changed (a custom section appended), so that only its integrity tells.
 */
async function serveTampered(req, res, urlPath) {
  const file = resolveInside(path.join(WWW, 'dist'), urlPath);
  if (!file || !file.endsWith('.wasm')) return serveFile(req, res, path.join(WWW, 'dist'), urlPath, {});
  try {
    const body = Buffer.concat([await readFile(file), tamperSection()]);
    res.writeHead(200, { 'Content-Type': TYPES['.wasm'], 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    send(res, 404, TYPES['.txt'], 'not found\n');
  }
}

/** A custom section (id 0) named `tampered`: any engine skips it, any hash sees it. */
export function tamperSection() {
  const name = Buffer.from('tampered');
  const payload = Buffer.from('not what the loader was built with');
  const content = Buffer.concat([Buffer.from([name.length]), name, payload]);
  return Buffer.concat([Buffer.from([0, content.length]), content]);
}

/**
 * Starts the server. Resolves to
 * `{ url, port, close(), requests, clearRequests(), countRequests(path), slowOpen() }`:
 * `requests` is the log of `{ method, path, url, time }` in arrival order, `countRequests`
 * counts the requests for one path (query ignored), `slowOpen` how many `/fault/slow`
 * requests are still held open, `setPageHeaders(path, headers)` what extra headers a file
 * is sent with. `pageHeaders` gives those extra headers from the start, by URL path.
 */
export async function start({ pageHeaders = {} } = {}) {
  const sockets = new Set();
  const slow = new Set();
  const healed = new Set();
  const extraHeaders = new Map(Object.entries(pageHeaders));
  const toggles = new Set();
  const requests = [];
  const seed = await readFile(path.join(WWW, 'fixtures', 'article-vi.json'));
  const seedArticle = JSON.parse(seed.toString('utf8'));
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
    if (p.startsWith('/fault/')) {
      if (serveFault(req, res, url, p)) return;
    }
    if (p === '/wp-json/wp/v2/posts' || p === '/wp-json/wp/v2/posts/') {
      return sendWordPressPosts(res, url, wpPages);
    }
    if (p === '/e2e') {
      res.writeHead(301, { Location: '/e2e/', 'Cache-Control': 'no-store' });
      return res.end();
    }
    if (p.startsWith('/e2e/')) {
      return serveFile(req, res, PAGES, p.slice('/e2e'.length), extraHeaders.get(p) ?? {});
    }
    if (p.startsWith('/corpus/')) {
      // The real-world corpus (tests/corpus), as its publishers served it.
      return serveFile(req, res, path.join(root, 'tests', 'corpus'), p.slice('/corpus'.length), {});
    }
    if (p.startsWith('/tampered/dist/')) {
      return serveTampered(req, res, p.slice('/tampered/dist'.length));
    }
    if (p.startsWith('/builds/plain/') || p.startsWith('/builds/fallback/')) {
      return serveFile(req, res, path.join(root, 'target'), p.slice('/builds'.length), {});
    }
    return serveFile(req, res, WWW, p, extraHeaders.get(p) ?? {});
  });

  /** The fault matrix's routes (see the top of this file): whether `p` was one. */
  function serveFault(req, res, url, p) {
    const JSON_TYPE = TYPES['.json'];
    const done = (...args) => {
      send(...args);
      return true;
    };
    let m;
    if (p === '/fault/retry-after') {
      return done(res, 503, TYPES['.txt'], 'fault: come back later\n', { 'Retry-After': '120' });
    }
    if (p === '/fault/truncated') {
      const half = seed.subarray(0, Math.floor(seed.length / 2));
      res.writeHead(200, {
        'Content-Type': JSON_TYPE,
        'Content-Length': seed.length,
        'Cache-Control': 'no-store',
      });
      res.write(half);
      // Let the half reach the client, then cut the connection.
      setTimeout(() => res.destroy(), 50);
      return true;
    }
    if (p === '/fault/delay') {
      // /fault/delay?ms=N&file=/fixtures/…: that fixture, after N milliseconds.
      const ms = Math.min(Number(url.searchParams.get('ms')) || 0, 5000);
      const file = path.join(WWW, path.normalize(url.searchParams.get('file') || '/').replace(/^(\.\.[/\\])+/, ''));
      setTimeout(() => {
        readFile(file).then(
          (body) => done(res, 200, JSON_TYPE, body),
          () => done(res, 404, TYPES['.txt'], 'no such fixture\n'),
        );
      }, ms);
      return true;
    }
    if (p === '/fault/empty-object') return done(res, 200, JSON_TYPE, '{}');
    if (p === '/fault/null') return done(res, 200, JSON_TYPE, 'null');
    if (p === '/fault/empty-array') return done(res, 200, JSON_TYPE, '[]');
    if (p === '/fault/text-plain') return done(res, 200, TYPES['.txt'], seed);
    if (p === '/fault/html-200') {
      return done(res, 200, TYPES['.html'], '<!doctype html><html><body>Error</body></html>');
    }
    if ((m = /^\/fault\/redirect\/(\d{1,2})$/.exec(p))) {
      const n = Number(m[1]);
      const next = n > 1 ? `/fault/redirect/${n - 1}` : '/fixtures/article-vi.json';
      res.writeHead(302, { Location: next, 'Cache-Control': 'no-store', 'Content-Length': 0 });
      res.end();
      return true;
    }
    if (p === '/fault/paragraphs') {
      const count = intParam(url, 'count', 100, 0, 100_000);
      const size = intParam(url, 'size', 100, 1, 100_000);
      const body = JSON.stringify(generatedArticle(seedArticle, count, size));
      return done(res, 200, JSON_TYPE, body, { 'X-Paragraphs': String(count) });
    }
    if (p === '/fault/items') {
      const count = intParam(url, 'count', 100, 0, 100_000);
      return done(res, 200, JSON_TYPE, JSON.stringify(generatedListing(count)));
    }
    if (p === '/fault/deep') {
      return done(res, 200, JSON_TYPE, deepJson(intParam(url, 'depth', 10_000, 1, 1_000_000)));
    }
    if (p === '/fault/surrogates') {
      // Written by hand: JSON.stringify would never produce these escapes.
      const body =
        '{"title": "Tin \\ud800 lỗi", "published": "2020-05-22T10:21:00+07:00", "body": [' +
        '{"type": "paragraph", "text": "Đoạn \\udc00 có \\ud800\\ud800 lỗi"},' +
        '{"type": "paragraph", "text": "Đoạn lành: \\ud83d\\udcf0"}]}';
      return done(res, 200, JSON_TYPE, body);
    }
    if (p === '/fault/rtl') return done(res, 200, JSON_TYPE, JSON.stringify(RTL_ARTICLE));
    if ((m = /^\/fault\/toggle\/([A-Za-z0-9_-]+)(?:\/(heal|break))?$/.exec(p))) {
      const [, name, action] = m;
      if (action === 'heal') toggles.add(name);
      if (action === 'break') toggles.delete(name);
      if (action) return done(res, 204, TYPES['.txt'], '');
      if (!toggles.has(name)) return done(res, 503, TYPES['.txt'], `fault: ${name} is broken\n`);
      return done(res, 200, JSON_TYPE, seed);
    }
    return false;
  }

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
    /** Sends `headers` with the file at URL path `pathname` from now on (null: no more). */
    setPageHeaders(pathname, headers) {
      if (headers) extraHeaders.set(pathname, headers);
      else extraHeaders.delete(pathname);
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
