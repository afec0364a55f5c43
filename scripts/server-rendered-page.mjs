// `make demo`: www/server-rendered.html, the seed article rendered on the server by
// `news-embed render` (a declarative shadow root), for trying the page without JavaScript
// and seeing the widget take it over without a flash. Not committed: it is written for the
// demo server's own address (relative URLs in the JSON resolve against the JSON's URL).
//
//   node scripts/server-rendered-page.mjs http://127.0.0.1:8080

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const origin = process.argv[2] ?? 'http://127.0.0.1:8080';

const article = execFileSync(
  'cargo',
  ['run', '--quiet', '--bin', 'news-embed', '--', 'render', 'www/fixtures/article-vi.json',
    '--lang', 'vi', '--src', 'fixtures/article-vi.json', '--base', `${origin}/fixtures/article-vi.json`,
    '--stylesheet', 'dist/news-embed.css'],
  { cwd: root, encoding: 'utf8' },
);

writeFileSync(path.join(root, 'www', 'server-rendered.html'), `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>news-embed: bài viết dựng sẵn trên máy chủ</title>
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="demo.css">
  <script type="module" src="./dist/news-embed.js"></script>
</head>
<body>
  <header class="site">
    <p class="brand">Cổng thông tin Sở Khoa học và Công nghệ (trang thử news-embed)</p>
    <nav aria-label="Trang thử">
      <a href="./">Native</a>
      <a href="gallery.html">Tính năng</a>
      <a href="server-rendered.html" aria-current="page">Dựng trên máy chủ</a>
    </nav>
  </header>
  <main class="layout">
    <section class="main-column" aria-label="Bài viết">
      ${article.trim()}
    </section>
    <aside class="side-column" aria-label="Giải thích">
      <h2>Dựng trên máy chủ</h2>
      <p>This article was written into the page by <code>news-embed render</code>, as a
        declarative shadow root. Turn JavaScript off and reload: it is all still here. With
        JavaScript, the widget keeps these nodes instead of rendering them again.</p>
    </aside>
  </main>
</body>
</html>
`);
console.log(`wrote www/server-rendered.html for ${origin}`);
