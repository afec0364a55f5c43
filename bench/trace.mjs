// Where a render's time goes, from Chromium traces: `node bench/trace.mjs [article|list] [url]`
// (default: the 10,000-item list). For news-embed and the vanilla baseline in turn, it
// renders through `.data` after three warm-ups, traces five renders, and prints each
// render's script/total ms and the traced phases (layout, style, GC…) averaged per render.
// A diagnostic beside `make bench`, not a benchmark: tracing slows what it traces.
// It found that two-byte strings made the same DOM lay out 25% slower (see src/node.rs).

import { chromium } from 'playwright-core';
import { start } from './server.mjs';
import { launchOptions } from './chromium.mjs';

const RENDERS = 5;
const kind = process.argv[2] || 'list';
const url = process.argv[3] || '/bench/list?count=10000';
const PHASES = /^(Layout|UpdateLayoutTree|PrePaint|Paint|MinorGC|MajorGC|V8\.GC_MC_BACKGROUND_MARKING|V8\.GCScavenger|ParseHTML|FunctionCall)$/;

const server = await start();
const browser = await chromium.launch(launchOptions);
try {
  for (const impl of ['wasm', 'vanilla']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/bench/page.html?impl=${impl}`);
    await page.waitForFunction(() => window.benchReady === true);
    const render = () => page.evaluate(([k, u]) => window.bench.render(k, u), [kind, url]);
    for (let i = 0; i < 3; i++) await render();
    const phases = {};
    const renders = [];
    for (let i = 0; i < RENDERS; i++) {
      await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'blink'] });
      const r = await render();
      renders.push(`${r.script.toFixed(0)}/${r.total.toFixed(0)}`);
      const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
      for (const e of traceEvents) {
        if (e.ph === 'X' && e.dur > 0 && PHASES.test(e.name)) phases[e.name] = (phases[e.name] ?? 0) + e.dur / 1000 / RENDERS;
      }
    }
    const top = Object.entries(phases).sort((a, b) => b[1] - a[1]);
    console.log(`${impl}: script/total ms ${renders.join(' ')}`);
    console.log(`  per render: ${top.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ')}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
