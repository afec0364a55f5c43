// What a page pays before any widget is needed: the implementation named by ?impl= loaded by
// its script tag, and an article and a list far below the fold (lazy, the default). The
// benchmark counts what the browser downloads until the reader scrolls.
(function () {
  var impl = new URLSearchParams(location.search).get('impl') || 'wasm';
  var script = document.createElement('script');
  script.type = 'module';
  script.src = impl === 'wasm' ? '/dist/news-embed.js' : '/bench/vanilla/dist/news-embed-vanilla.js';
  document.head.appendChild(script);
  document.addEventListener('DOMContentLoaded', function () {
    var names = impl === 'wasm' ? ['news-article', 'news-list'] : ['vanilla-article', 'vanilla-list'];
    var sources = ['/www/fixtures/article-vi.json', '/www/fixtures/articles.json'];
    for (var i = 0; i < 2; i++) {
      var el = document.createElement(names[i]);
      el.setAttribute('src', sources[i]);
      document.getElementById('stage').appendChild(el);
    }
  });
})();
