// Cold start: from navigation to the seed article's `news-embed:load` (state ready), with the
// implementation named by ?impl= loaded by a plain script tag's worth of work.
(function () {
  var impl = new URLSearchParams(location.search).get('impl') || 'wasm';
  // Told through the console: the runner waits for the message without evaluating anything
  // in the page, which would take the main thread while the widget loads.
  document.addEventListener('news-embed:load', function () {
    window.coldReady = performance.now();
    console.log('cold ready ' + window.coldReady);
  }, { once: true });
  var script = document.createElement('script');
  script.type = 'module';
  script.src = impl === 'wasm' ? '/dist/news-embed.js' : '/bench/vanilla/dist/news-embed-vanilla.js';
  document.head.appendChild(script);
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.createElement(impl === 'wasm' ? 'news-article' : 'vanilla-article');
    el.setAttribute('src', '/www/fixtures/article-vi.json');
    el.setAttribute('loading', 'eager');
    document.getElementById('stage').appendChild(el);
  });
})();
