// The baseline's calibration (issue #15): js-framework-benchmark's keyed `vanillajs`, the
// best-known hand-written DOM code, doing its "create 1,000 rows" in the Chromium `make bench`
// uses, measured as bench/run.mjs measures a render; and the baseline's list of 1,000 in the
// same browser, alternating with it, so that both stand side by side on one machine.
//
//   node bench/calibrate.mjs [--mirror <git dir>] [--samples=N] [--warmup=N] [--out=FILE]
//
// The implementation is read at run time from a local git mirror of
// github.com/krausest/js-framework-benchmark (default ../.mirror/krausest+js-framework-benchmark/repo
// beside this checkout, or $JFB_MIRROR) and written to target/calibration/ (git-ignored):
// the repository keeps none of its code, only these numbers and where they come from
// (bench/calibration.json, which bench/run.mjs reads). Without the mirror this says so, exits 2
// and writes nothing.
//
// What is measured, per sample, in the page (as bench/page.mjs's render()):
//   - #clear is clicked and a frame passes (bench/page.mjs: stage.replaceChildren(), a frame);
//   - t0; #run is clicked (element.click(): vanillajs's handler runs synchronously, generates
//     1,000 labels and builds and inserts the 1,000 rows); t1 — "script" is t1 - t0
//     (bench/page.mjs: `el.data = data`);
//   - the last row's getBoundingClientRect() forces style and layout; t2 — "total" is t2 - t0
//     (bench/page.mjs: the shadow root's last element's getBoundingClientRect()).
// Each sample is the median of 5 such operations (bench/page.mjs's render with a repeat), and
// the figures are medians of N samples after the warm-up (js-framework-benchmark's own is 5 for
// this operation), in a page served from 127.0.0.1 with the headers of bench/server.mjs (cross-origin
// isolated: the same timer resolution), in a browser launched with bench/run.mjs's flags and
// viewport. Nodes are counted as elements and text nodes under <tbody> (one row's, and all).
// Then vanillajs's technique is timed on the baseline's own items (their first, cloned whole
// and filled 1,000 times), checked to build the very nodes the baseline builds: what that code
// costs on this DOM, beside the baseline's DOM phase; and on the same items without their
// `part` attributes, which the widget's contract requires and vanillajs's rows do not have.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { start } from './server.mjs';
import { launchChromium } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO = 'https://github.com/krausest/js-framework-benchmark';
const IMPL = 'frameworks/keyed/vanillajs';
// What its index.html loads: the script beside it and /css/currentStyle.css, which imports
// Bootstrap 3's CSS (and its glyph font, for the rows' "remove" icon) and css/main.css.
const TREES = [IMPL, 'css/currentStyle.css', 'css/main.css', 'css/bootstrap/dist/css', 'css/bootstrap/dist/fonts'];

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
};
/** The baseline's list of 1,000 whose rows are the size of vanillajs's: no picture (its rows have none). */
const LIST = '/bench/list?count=1000&pictures=no';
const SAMPLES = Number(option('samples') ?? 15);
/** Operations per sample, its median the sample's value. */
const REPEAT = 5;
const WARMUP = Number(option('warmup') ?? 5);
const OUT = path.resolve(root, option('out') ?? 'bench/calibration.json');
const mirror = path.resolve(
  option('mirror') ?? process.env.JFB_MIRROR ?? path.join(root, '..', '.mirror', 'krausest+js-framework-benchmark', 'repo'),
);

function git(...argv) {
  const r = spawnSync('git', ['--git-dir', mirror, ...argv], { maxBuffer: 64 << 20 });
  return r.status === 0 ? r.stdout : null;
}

// The mirror, before anything is written.
const commit = existsSync(mirror) ? git('rev-parse', '--verify', 'HEAD^{commit}')?.toString().trim() : null;
const mainJs = commit ? git('cat-file', '-e', `${commit}:${IMPL}/src/Main.js`) : null;
if (!commit || mainJs === null) {
  console.error(
    `calibrate: no js-framework-benchmark mirror with ${IMPL} at ${mirror}.\n` +
      `  It needs a git clone (bare is fine) of ${REPO}: pass --mirror <git dir> or set JFB_MIRROR.\n` +
      `  Nothing was measured or written; bench/calibration.json keeps the committed calibration.`,
  );
  process.exit(2);
}
if (!(SAMPLES >= 1 && WARMUP >= 0)) {
  console.error('calibrate: --samples must be ≥ 1 and --warmup ≥ 0');
  process.exit(2);
}
const commitDate = git('show', '-s', '--format=%cI', commit).toString().trim();
// The last commit that changed the implementation itself.
const implCommit = git('log', '-1', '--format=%H', commit, '--', IMPL).toString().trim();

function licenseOf(text) {
  if (/Apache License/.test(text) && /Version 2\.0/.test(text)) return 'Apache-2.0';
  if (/Permission is hereby granted, free of charge/.test(text)) return 'MIT';
  return 'unknown (see the file)';
}
const repoLicense = licenseOf(git('show', `${commit}:LICENSE`)?.toString() ?? '');
const implPackage = JSON.parse(git('show', `${commit}:${IMPL}/package.json`)?.toString() ?? '{}');
const bootstrapLicense = licenseOf(git('show', `${commit}:css/bootstrap/LICENSE`)?.toString() ?? '');

// Its files, at run time, into target/ (git-ignored), under their paths in that repository:
// index.html's /css/... then resolve as on js-framework-benchmark's own server.
const site = path.join(root, 'target', 'calibration', `js-framework-benchmark-${commit.slice(0, 12)}`);
rmSync(site, { recursive: true, force: true });
const tree = git('ls-tree', '-r', '-z', commit, '--', ...TREES).toString().split('\0').filter(Boolean);
const extracted = [];
for (const entry of tree) {
  const [meta, file] = entry.split('\t');
  const [, type, sha] = meta.split(' ');
  if (type !== 'blob') continue;
  const dest = path.join(site, file);
  mkdirSync(path.dirname(dest), { recursive: true });
  writeFileSync(dest, git('cat-file', 'blob', sha));
  extracted.push(file);
}
const sha256 = (file) => createHash('sha256').update(readFileSync(path.join(site, file))).digest('hex');

// Served as bench/server.mjs serves the repository, for the same (cross-origin isolated) timers.
const jfb = await start({ root: site });
const jfbUrl = jfb.url;
const ours = await start();

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const browser = await launchChromium();
let result;
try {
  const open = async (url, ready) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`${url} page error: ${e.message}`));
    await page.goto(url);
    await page.waitForFunction(ready, null, { timeout: 20_000 });
    return page;
  };
  const vanillajs = await open(`${jfbUrl}/${IMPL}/index.html`, () => document.getElementById('run') && document.fonts.status === 'loaded');
  const baseline = await open(`${ours.url}/bench/page.html?impl=vanilla`, () => window.benchReady === true);
  const isolated = await vanillajs.evaluate(() => self.crossOriginIsolated);

  // "Create 1,000 rows", measured as bench/page.mjs measures a render; like it, a sample is
  // the median of REPEAT of them: a 5 ms operation timed once says little on a busy machine.
  const createRows = () =>
    vanillajs.evaluate(async (repeat) => {
      const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const script = [];
      const total = [];
      for (let i = 0; i < repeat; i++) {
        document.getElementById('clear').click();
        await nextFrame();
        const t0 = performance.now();
        document.getElementById('run').click();
        const t1 = performance.now();
        const tbody = document.getElementById('tbody');
        tbody.lastElementChild.getBoundingClientRect();
        const t2 = performance.now();
        if (tbody.children.length !== 1000) throw new Error(`vanillajs: ${tbody.children.length} rows`);
        script.push(t1 - t0);
        total.push(t2 - t0);
      }
      const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
      return { script: median(script), total: median(total) };
    }, REPEAT);
  // The baseline's list of 1,000 without pictures, as bench/run.mjs asks for it.
  const baselineList = () => baseline.evaluate(([list, repeat]) => window.bench.render('list', list, repeat), [LIST, REPEAT]);

  const samples = { vanillajs: [], baseline: [] };
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const order = i % 2 ? [['baseline', baselineList], ['vanillajs', createRows]] : [['vanillajs', createRows], ['baseline', baselineList]];
    for (const [name, fn] of order) {
      const r = await fn();
      if (i >= WARMUP) samples[name].push(r);
    }
  }
  const medians = (list) => ({
    script: median(list.map((r) => r.script)),
    total: median(list.map((r) => r.total)),
    // The baseline's DOM phase (bench/page.mjs reads its User Timing measure), where it has one.
    ...(list.every((r) => r.dom !== undefined) && { dom: median(list.map((r) => r.dom)) }),
  });

  // The part of vanillajs's script that is no DOM work: generating the 1,000 random labels
  // (its Store is a global of its classic script).
  const dataBuild = await vanillajs.evaluate((n) => {
    const times = [];
    for (let i = 0; i < n; i++) {
      const store = new Store();
      const t0 = performance.now();
      store.buildData(1000);
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[times.length >> 1];
  }, SAMPLES);

  // vanillajs's technique on the baseline's own items: the first item as rendered, cloned whole
  // 1,000 times with each item's texts and attributes written (as vanillajs writes its rows'
  // labels), then attached where the baseline attaches its list. No JSON, no URLs, no date
  // formatting: what the same code costs on this DOM (its `part` names, its attributes).
  const sameTechnique = await baseline.evaluate(async ([list, warmup, samples]) => {
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    await window.bench.render('list', list, 1);
    const root = document.getElementById('stage').firstElementChild.shadowRoot;
    const rendered = root.querySelector('[part~=list]');
    const data = [...rendered.children].map((li) => ({
      href: li.querySelector('a').getAttribute('href'),
      title: li.querySelector('a').textContent,
      datetime: li.querySelector('time').getAttribute('datetime'),
      date: li.querySelector('time').textContent,
      summary: li.querySelector('p').textContent,
    }));
    // The same, on items without their `part` attributes (the styling API the widget's
    // contract gives every element; vanillajs's rows carry a `class` on some cells instead):
    // what those attributes cost this technique. Alternating with the items as rendered.
    const withParts = { list: rendered.cloneNode(false), item: rendered.firstElementChild.cloneNode(true), expected: rendered.outerHTML };
    const bare = rendered.cloneNode(true);
    for (const el of [bare, ...bare.querySelectorAll('[part]')]) el.removeAttribute('part');
    const withoutParts = { list: bare.cloneNode(false), item: bare.firstElementChild.cloneNode(true), expected: bare.outerHTML };
    const build = ({ list, item }) => {
      const ul = list.cloneNode(false);
      for (const d of data) {
        const li = item.cloneNode(true);
        const h = li.firstChild;
        const a = h.firstChild;
        a.setAttribute('href', d.href);
        a.firstChild.nodeValue = d.title;
        const time = h.nextSibling;
        time.setAttribute('datetime', d.datetime);
        time.firstChild.nodeValue = d.date;
        time.nextSibling.firstChild.nodeValue = d.summary;
        ul.appendChild(li);
      }
      root.replaceChildren(ul);
    };
    const times = { withParts: [], withoutParts: [] };
    for (let r = 0; r < warmup + samples; r++) {
      for (const name of r % 2 ? ['withoutParts', 'withParts'] : ['withParts', 'withoutParts']) {
        const items = name === 'withParts' ? withParts : withoutParts;
        root.replaceChildren();
        await nextFrame();
        const t0 = performance.now();
        build(items);
        const t = performance.now() - t0;
        if (root.innerHTML !== items.expected) throw new Error(`calibrate: the same technique (${name}) built other nodes than the baseline`);
        if (r >= warmup) times[name].push(t);
      }
    }
    const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
    return { withParts: median(times.withParts), withoutParts: median(times.withoutParts) };
  }, [LIST, WARMUP, SAMPLES]);

  // Nodes, counted the same way on both: elements and text nodes under the list's container.
  const count = (container) => {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    const n = { elements: 0, text: 0 };
    while (walker.nextNode()) walker.currentNode.nodeType === Node.TEXT_NODE ? n.text++ : n.elements++;
    return n;
  };
  const countSource = `(${count})`;
  const rows = await vanillajs.evaluate((src) => {
    const count = (0, eval)(src);
    const tbody = document.getElementById('tbody');
    return { rows: tbody.children.length, all: count(tbody), first: count(tbody.firstElementChild), firstSelf: 1 };
  }, countSource);
  const items = await baseline.evaluate(async ([src, list]) => {
    const count = (0, eval)(src);
    await window.bench.render('list', list, 1);
    const el = document.getElementById('stage').firstElementChild;
    const ul = el.shadowRoot.querySelector('[part~=list]');
    const li = ul.firstElementChild;
    return { items: ul.children.length, all: count(ul), first: count(li), container: ul.localName };
  }, [countSource, LIST]);
  // A TreeWalker does not count its root: the row (<tr>, <li>) is one more element.
  const perRow = { elements: rows.first.elements + 1, text: rows.first.text };
  const perItem = { elements: items.first.elements + 1, text: items.first.text };
  const calibration = medians(samples.vanillajs);
  const base = medians(samples.baseline);
  const nodes = (n) => n.elements + n.text;
  const round = (x) => Math.round(x * 100) / 100;
  const scale = nodes(items.all) / nodes(rows.all);

  const vanillaDist = path.join(root, 'bench', 'vanilla', 'dist', 'news-embed-vanilla.js');
  result = {
    about:
      'js-framework-benchmark keyed vanillajs, "create 1,000 rows" (click #run), measured by bench/calibrate.mjs as bench/page.mjs measures a render: ' +
      'script = the synchronous click (labels generated, rows built and inserted); total = script + style and layout forced by the last row\'s getBoundingClientRect(). ' +
      'Medians of `samples` after `warmup` (each sample the median of `repeat` operations), alternating with the baseline\'s list of 1,000 in the same browser. Nodes = elements + text nodes.',
    source: {
      repo: REPO,
      path: IMPL,
      files: [`${IMPL}/index.html`, `${IMPL}/src/Main.js`].map((file) => ({ file, sha256: sha256(file) })),
      css: 'css/currentStyle.css (Bootstrap 3 dist CSS and fonts, css/main.css), as index.html links it',
      commit,
      commitDate,
      lastChangeToImpl: implCommit,
      license: repoLicense,
      implLicense: implPackage.license ?? null,
      cssLicense: `Bootstrap: ${bootstrapLicense}`,
    },
    browser: `Chromium ${browser.version()}`,
    machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
    crossOriginIsolated: isolated,
    samples: SAMPLES,
    warmup: WARMUP,
    repeat: REPEAT,
    createRows1000: { script: round(calibration.script), total: round(calibration.total), ofWhichLabels: round(dataBuild) },
    nodesPerRow: nodes(perRow),
    nodesPerRowKinds: perRow,
    nodes1000: nodes(rows.all),
    nodes1000Kinds: rows.all,
    baselineList1000: {
      what: `bench/vanilla <vanilla-list> of ${LIST} via bench/page.mjs render(), in the same run: rows of the size of vanillajs's (no picture, which its rows do not have)`,
      vanillaDistSha256: existsSync(vanillaDist) ? createHash('sha256').update(readFileSync(vanillaDist)).digest('hex') : null,
      script: round(base.script),
      total: round(base.total),
      dom: base.dom === undefined ? null : round(base.dom),
      sameTechnique: round(sameTechnique.withParts),
      // The same technique on the same items without their `part` attributes, and its ratio
      // to vanillajs per 1,000 rows: what is left of the gap once the contract's attributes
      // are set aside.
      sameTechniqueWithoutParts: round(sameTechnique.withoutParts),
      withoutPartsRatioPerRow: round(sameTechnique.withoutParts / calibration.script),
      nodesPerItem: nodes(perItem),
      nodesPerItemKinds: perItem,
      nodes1000: nodes(items.all),
      nodes1000Kinds: items.all,
      // The baseline's script over the calibration's, the latter scaled to the baseline's
      // node count (issue #15's budget: ≤ 1.3).
      scriptRatioPerNode: round(base.script / (calibration.script * scale)),
      totalRatioPerNode: round(base.total / (calibration.total * scale)),
      // Its DOM phase (data in hand to items in the DOM, as vanillajs's click goes from its
      // labels to rows in the DOM) per 1,000 rows and per node.
      domRatioPerRow: base.dom === undefined ? null : round(base.dom / calibration.script),
      domRatioPerNode: base.dom === undefined ? null : round(base.dom / (calibration.script * scale)),
    },
  };
  if (rows.rows !== 1000 || items.items !== 1000) throw new Error(`counted ${rows.rows} rows, ${items.items} items`);
} finally {
  await browser.close();
  await ours.close();
  await jfb.close();
}

writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
const b = result.baselineList1000;
console.log(
  `calibration (${result.browser}, ${result.machine}, median of ${SAMPLES} after ${WARMUP}):\n` +
    `  js-framework-benchmark vanillajs @ ${commit.slice(0, 12)} create 1,000 rows: script ${result.createRows1000.script} ms ` +
    `(labels ${result.createRows1000.ofWhichLabels}), total ${result.createRows1000.total} ms; ` +
    `${result.nodesPerRow} nodes a row (${result.nodesPerRowKinds.elements} elements, ${result.nodesPerRowKinds.text} text), ${result.nodes1000} in all\n` +
    `  baseline list of 1,000: script ${b.script} ms, total ${b.total} ms; ${b.nodesPerItem} nodes an item ` +
    `(${b.nodesPerItemKinds.elements} elements, ${b.nodesPerItemKinds.text} text), ${b.nodes1000} in all\n` +
    `  baseline / calibration scaled to its nodes: script ${b.scriptRatioPerNode}×, total ${b.totalRatioPerNode}×\n` +
    `  the baseline's DOM phase ${b.dom} ms: ${b.domRatioPerRow}× per 1,000 rows, ${b.domRatioPerNode}× per node; ` +
    `vanillajs's technique on the same items ${b.sameTechnique} ms, without their part attributes ${b.sameTechniqueWithoutParts} ms (${b.withoutPartsRatioPerRow}× per 1,000 rows)\n` +
    `wrote ${path.relative(root, OUT)}`,
);
