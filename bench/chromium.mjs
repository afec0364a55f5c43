// Chromium as this project runs it: Debian's, never a downloaded one. The e2e suite
// (e2e/helpers.mjs) and bench/trace.mjs launch it with `launchOptions`; the memory measures
// (bench/run.mjs, bench/calibrate.mjs, e2e/memory.test.mjs) with `launchChromium`, which adds
// precise memory figures and `gc()`.

import { chromium } from 'playwright-core';

export const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
};

export function launchChromium() {
  return chromium.launch({
    ...launchOptions,
    args: [...launchOptions.args, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
}
