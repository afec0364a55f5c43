// The benchmark page: loads the implementation named by ?impl= (wasm or vanilla), or both
// (?impl=both: the renders of the two alternate in one page, as make bench measures them), and
// exposes window.bench, whose measurements the runner (bench/run.mjs) calls in turn.

const impl = new URLSearchParams(location.search).get('impl') || 'wasm';
const TAGS = { wasm: ['news-article', 'news-list'], vanilla: ['vanilla-article', 'vanilla-list'] };
const URLS = { wasm: '/dist/news-embed.js', vanilla: '/bench/vanilla/dist/news-embed-vanilla.js' };
const modules = {};
for (const name of impl === 'both' ? ['wasm', 'vanilla'] : [impl]) {
  modules[name] = await import(URLS[name]);
  // The renders measure rendering: news-embed's wasm runs before the first (cold start
  // measures fetching and starting it, on its own page).
  await modules[name].load?.();
}
// What update, append and memory measure: the page's one implementation.
const module = modules[impl];
const [articleTag, listTag] = TAGS[impl] ?? [];
const stage = document.getElementById('stage');
const cache = new Map();

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const loaded = (el) =>
  new Promise((resolve, reject) => {
    el.addEventListener('news-embed:load', resolve, { once: true });
    el.addEventListener('news-embed:error', (e) => reject(new Error(e.detail.message)), { once: true });
  });

async function json(url) {
  if (!cache.has(url)) cache.set(url, await (await fetch(url)).json());
  return cache.get(url);
}

window.bench = {
  impl,
  /** `.data` to a laid-out shadow root: script time (the render call) and total (+ style,
   *  layout). With `repeat`, the medians of that many renders, each after a frame: a render
   *  of a few milliseconds is too short for one timing to say much on a busy machine. */
  async render(kind, url, repeat = 1, which = impl) {
    if (!modules[which]) throw new Error(`${which}: not loaded on this page (?impl=${impl})`);
    const data = await json(url);
    const script = [];
    const total = [];
    // The baseline's DOM phase, where it measures it (bench/vanilla: view and attach).
    const dom = [];
    for (let i = 0; i < repeat; i++) {
      performance.clearMeasures('news-embed-vanilla:dom');
      stage.replaceChildren();
      await nextFrame();
      const el = document.createElement(TAGS[which][kind === 'article' ? 0 : 1]);
      stage.append(el);
      const t0 = performance.now();
      el.data = data;
      const t1 = performance.now();
      el.shadowRoot.lastElementChild.getBoundingClientRect();
      const t2 = performance.now();
      if (el.getAttribute('state') !== 'ready') throw new Error(`${which}: state ${el.getAttribute('state')}`);
      script.push(t1 - t0);
      total.push(t2 - t0);
      const measured = performance.getEntriesByName('news-embed-vanilla:dom');
      if (measured.length === 1) dom.push(measured[0].duration);
    }
    performance.clearMeasures('news-embed-vanilla:dom');
    const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
    const result = { script: median(script), total: median(total) };
    if (dom.length === repeat) result.dom = median(dom);
    return result;
  },
  /** Changing `src` to another article, until it is shown. */
  async update(fromUrl, toUrl) {
    stage.replaceChildren();
    const el = document.createElement(articleTag);
    el.setAttribute('loading', 'eager');
    el.setAttribute('src', fromUrl);
    const first = loaded(el);
    stage.append(el);
    await first;
    await nextFrame();
    const t0 = performance.now();
    const next = loaded(el);
    el.setAttribute('src', toUrl);
    await next;
    el.shadowRoot.lastElementChild.getBoundingClientRect();
    return { total: performance.now() - t0 };
  },
  /** A list of `count` items with a next page of `more`: clicking "more" until it is shown. */
  async append(count, more) {
    stage.replaceChildren();
    const el = document.createElement(listTag);
    el.setAttribute('loading', 'eager');
    el.setAttribute('src', `/bench/list?count=${count}&next=${more}`);
    const first = loaded(el);
    stage.append(el);
    await first;
    await nextFrame();
    const t0 = performance.now();
    const next = loaded(el);
    el.shadowRoot.querySelector('[part~=more]').click();
    await next;
    el.shadowRoot.lastElementChild.getBoundingClientRect();
    return { total: performance.now() - t0 };
  },
  /** Memory after rendering a list of `count` items, and after removing it (after GC). */
  async memory(url) {
    const measure = async () => {
      for (let i = 0; i < 3; i++) {
        window.gc?.();
        await new Promise((r) => setTimeout(r, 30));
      }
      const heap = performance.memory ? performance.memory.usedJSHeapSize : 0;
      const wasm = module?.memoryBytes ? module.memoryBytes() : 0;
      return { heap, wasm };
    };
    stage.replaceChildren();
    const data = await json(url);
    const before = await measure();
    // In its own scope, so that nothing here keeps the removed element alive.
    const rendered = await (async () => {
      const el = document.createElement(listTag);
      stage.append(el);
      el.data = data;
      const m = await measure();
      el.remove();
      return m;
    })();
    const removed = await measure();
    return { before, rendered, removed };
  },
};
window.benchReady = true;
