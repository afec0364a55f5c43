// The README's size-and-speed table, written from bench/results.json (`make bench` writes it):
// `node bench/table.mjs [results.json]` prints it as Markdown, so the table in the README is
// the last full run's, figure for figure, and never a ratio against an older baseline.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = JSON.parse(readFileSync(process.argv[2] ?? path.join(root, 'bench', 'results.json'), 'utf8'));

const ms = (n) => (n >= 100 ? Math.round(n).toLocaleString('en') : n >= 10 ? n.toFixed(1) : n.toFixed(2)) + ' ms';
const kb = (bytes) => (bytes / 1024).toFixed(2) + ' KB';
const mb = (bytes) => (bytes / 2 ** 20).toFixed(2) + ' MB';
const x = (a, b) => (a / b).toFixed(2) + '×';
/** "met", or "**not met**" with the failing values, for the budgets named. */
const verdict = (...names) => {
  const found = names.map((name) => results.budgets.find((b) => b.name === name));
  if (found.some((b) => !b)) throw new Error(`no budget named ${names.find((_, i) => !found[i])}`);
  return found.every((b) => b.ok) ? 'met' : `**not met** (${found.filter((b) => !b.ok).map((b) => b.value).join(', ')})`;
};

const rows = [];
const row = (...cells) => rows.push(`| ${cells.join(' | ')} |`);
const size = results.size;
row(
  'all files a host downloads, gzip (brotli)',
  `${kb(size.wasm.total.gzip)} (${kb(size.wasm.total.brotli)})`,
  `${kb(size.vanilla.total.gzip)} (${kb(size.vanilla.total.brotli)})`,
  x(size.wasm.total.gzip, size.vanilla.total.gzip),
  `≤ 100 KB: ${verdict('all files ≤ 100 KB gzip')}`,
);
row(
  'bytes downloaded before any widget is needed (all below the fold), gzip',
  `${kb(results.beforeNeeded.wasm.total.gzip)} (the loader)`,
  `${kb(results.beforeNeeded.vanilla.total.gzip)} (all of it)`,
  x(results.beforeNeeded.wasm.total.gzip, results.beforeNeeded.vanilla.total.gzip),
  `< 8 KB: ${verdict('before any widget is needed < 8 KB gzip')}`,
);

const renders = (render, browser, prefix) => {
  for (const [name, r] of Object.entries(render)) {
    if (name === 'list of 100') continue;
    let budget = 'reported';
    if (name === 'seed article') {
      budget = `≤ 1.2× / baseline + 1 ms: ${verdict(`${prefix}render ${name}: total ≤ 1.2× vanilla`, `${prefix}render ${name}: script ≤ vanilla + 1 ms`)}`;
    } else if (name === 'list of 1,000' || name === 'list of 10,000') {
      budget = `≤ 1.2× / 2×: ${verdict(`${prefix}render ${name}: total ≤ 1.2× vanilla`, `${prefix}render ${name}: script ≤ 2× vanilla`)}`;
    }
    row(
      `${browser}: render ${name.replace(/^list of ([\d,]+)/, '$1 items')}, total / script`,
      `${ms(r.wasm.total)} / ${ms(r.wasm.script)}`,
      `${ms(r.vanilla.total)} / ${ms(r.vanilla.script)}`,
      `${x(r.wasm.total, r.vanilla.total)} / ${x(r.wasm.script, r.vanilla.script)}`,
      budget,
    );
  }
};
const chromium = results.browser.replace(/\.\d+\.\d+\.\d+$/, '');
renders(results.render, chromium, '');
for (const [name, r] of Object.entries(results.update)) {
  row(`${chromium}: update, ${name}`, ms(r.wasm.total), ms(r.vanilla.total), x(r.wasm.total, r.vanilla.total), 'reported');
}
const cold = results.cold['navigation to ready'];
row(`${chromium}: cold start (navigation to \`ready\`, the wasm fetched when the widget needs it)`, ms(cold.wasm.total), ms(cold.vanilla.total), x(cold.wasm.total, cold.vanilla.total), `≤ 1.3×: ${verdict('cold start ≤ 1.3× vanilla')}`);
const mem = results.memory['list of 10,000'];
row(
  `${chromium}: memory (JS heap + wasm) after rendering and removing 10,000 items${mem.wasm.oneTime === undefined ? '' : ', after a first list of 100'}`,
  `${mb(mem.wasm.afterRemoval)} (${mb(mem.wasm.before)} before)`,
  `${mb(mem.vanilla.afterRemoval)} (${mb(mem.vanilla.before)} before)`,
  '—',
  `within 10%: ${verdict('memory after removal within 10% of before')}`,
);
if (mem.wasm.oneTime !== undefined) {
  row(`${chromium}: memory the page pays once (the first list of 100, removed)`, mb(mem.wasm.oneTime), mb(mem.vanilla.oneTime), '—', 'reported');
}
if (results.firefox) renders(results.firefox.render, results.firefox.browser.replace(/\.\d+\.\d+$/, ''), 'Firefox: ');
if (results.calibration) {
  const c = results.calibration;
  const b = c.baselineList1000;
  const where = c.fresh ? chromium : `${c.browser.replace(/^Chromium (\d+).*/, 'Chromium $1')}, ${c.date.slice(0, 10)} (not this run)`;
  row(
    `calibration, ${where}: js-framework-benchmark vanillajs's "create 1,000 rows" (${c.nodes1000.toLocaleString('en')} nodes) against the baseline's DOM phase for 1,000 items without pictures (${b.nodes1000.toLocaleString('en')} nodes: the JSON already read, to items in the DOM), per 1,000 rows (per node)`,
    '—',
    `${ms(b.dom)} against ${ms(c.createRows1000.script)}`,
    `${b.domRatioPerRow.toFixed(2)}× (${b.domRatioPerNode.toFixed(2)}×)`,
    c.fresh ? `≤ 1.3× per 1,000 rows: ${verdict("calibration: baseline's DOM phase ≤ 1.3× vanillajs per 1,000 rows")}` : 'reported',
  );
  row(
    `calibration: vanillajs's technique (one template cloned whole, data written to its texts and attributes) on the baseline's own items, against the baseline's DOM phase`,
    '—',
    `${ms(b.dom)} against ${ms(b.sameTechnique)}`,
    `${(b.dom / b.sameTechnique).toFixed(2)}×`,
    'reported',
  );
  if (b.sameTechniqueWithoutParts != null) {
    row(
      `calibration: the same technique on the same items without their \`part\` attributes (the styling API the widget's contract gives every element; vanillajs's rows have none), against vanillajs per 1,000 rows`,
      '—',
      `${ms(b.sameTechniqueWithoutParts)} against ${ms(c.createRows1000.script)}`,
      `${b.withoutPartsRatioPerRow.toFixed(2)}×`,
      'reported',
    );
  }
  row(
    `calibration: the baseline's whole script for those 1,000 items (reading and checking the JSON, resolving URLs, formatting dates), per node against vanillajs's`,
    '—',
    `${ms(b.script)} against ${ms(c.createRows1000.script)}`,
    `${b.scriptRatioPerNode.toFixed(2)}×`,
    'reported',
  );
}

const when = results.date.slice(0, 16).replace('T', ' ') + 'Z';
// "Intel(R) Xeon(R) Processor, 2 cores, 24 GiB, …" as "2-core Xeon, 24 GiB, …": machines of
// this kind come with different CPUs, and the table says which one measured it.
const machine = results.machine.replace(/^([^,]+), (\d+) cores?,/, (_, cpu, cores) =>
  `${cores}-core ${cpu.replace(/\((R|TM)\)| Processor/g, '').replace(/^Intel /, '').trim()},`);
console.log(`| measure (median of ${results.samples}, ${machine}, ${when}) | news-embed | vanilla | ratio | budget |`);
console.log('|---|---|---|---|---|');
console.log(rows.join('\n'));
