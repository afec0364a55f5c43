// scripts/test-summary.py, the count that closes `make test`, on made-up logs in the formats it
// reads (the lines are copied from real runs without ../shared beside the clone): a skipped
// test of each suite is counted as skipped, never as passed, and named with its reason; the
// `summary:` line gives the skipped ones too; a suite that printed nothing is "not run"; a
// cancelled node test counts as failed. No browser: python3 and the script only.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = path.join(repoRoot, 'scripts', 'test-summary.py');

/** Runs the script on `log` (an array of lines) and returns its output. */
function summarize(log) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'news-embed-summary-'));
  try {
    const file = path.join(dir, 'test.log');
    writeFileSync(file, `${log.join('\n')}\n`);
    const run = spawnSync('python3', [SCRIPT, file], { encoding: 'utf8' });
    assert.equal(run.status, 0, `test-summary.py failed: ${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The line of `output` for `suite`, spaces squeezed. */
function suiteLine(output, suite) {
  const line = output.split('\n').find((l) => l.trim().startsWith(suite));
  assert.ok(line, `no line for ${suite} in:\n${output}`);
  return line.replace(/\s+/g, ' ').trim();
}

const NATIVE = [
  'cargo test --all-targets',
  '   Compiling news-embed v0.1.0 (/tmp/honest/main)',
  'warning: news-embed@0.1.0: notice: /tmp/honest/main/../shared/seed/article-vi.txt is absent; ignored, by name: the seed comparison in tests/native.rs',
  '     Running tests/native.rs (target/debug/deps/native-a76d71adf07ea4c2)',
  '',
  'running 16 tests',
  'test seed_article_keeps_every_paragraph_and_caption_of_the_source_text ... ignored, ../shared/seed/article-vi.txt is absent',
  'test seed_article_decodes_to_the_model ... ok',
  '',
  'test result: ok. 15 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.02s',
  '',
  'cargo test --doc',
  '   Doc-tests news_embed',
  '',
  'test result: ok. 29 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 3.21s',
];

/** A wasm-bindgen-test run of tests/xss.rs in `browser`, its four corpus tests ignored. */
const browser = (name) => [
  `wasm-pack test --headless --${name} -- --all-targets`,
  '     Running tests/xss.rs (target/wasm32-unknown-unknown/debug/deps/xss-aa5aa2f570371419.wasm)',
  'running 10 tests',
  ...[
    'corpus_payloads_never_become_link_or_image_urls',
    'corpus_payloads_never_execute_as_article_bodies',
    'corpus_payloads_stay_text_in_image_captions',
    'corpus_payloads_stay_text_in_titles_and_summaries',
  ].map((t) => `test ${t} ... ignored, ../shared/corpora/xss-dompurify.json is absent`),
  'test the_harness_notices_a_payload_that_runs_and_markup_that_would ... ok',
  '',
  'test result: ok. 6 passed; 0 failed; 4 ignored; 0 filtered out; finished in 2.33s',
  '',
];

const E2E = [
  'node --test --test-concurrency=1 e2e/',
  'TAP version 13',
  '# Subtest: demo page renders the seed article and the listing completely',
  '    # Subtest: the seed article reads line for line like ../shared/seed/article-vi.txt',
  '    ok 1 - the seed article reads line for line like ../shared/seed/article-vi.txt # SKIP ../shared/seed/article-vi.txt is absent',
  '      ---',
  '      duration_ms: 0.31',
  '      ...',
  '    1..1',
  'ok 1 - demo page renders the seed article and the listing completely',
  '# Subtest: gallery.html \\#g-item-article, skipped by hand',
  'ok 2 - gallery.html \\#g-item-article, skipped by hand # SKIP no \\# sign lost',
  '# gallery.html \\#g-item-article image: no description in the source',
  '1..2',
  '# tests 3',
  '# suites 0',
  '# pass 1',
  '# fail 0',
  '# cancelled 0',
  '# skipped 2',
  '# todo 0',
  '# duration_ms 5000.1',
];

test('a skipped test of every suite is counted as skipped, not passed, and named with its reason', () => {
  const output = summarize([
    ...NATIVE,
    ...browser('chrome'),
    ...browser('firefox'),
    ...E2E,
    'fuzz: formats  Done 17435 runs in 11 second(s)',
  ]);
  assert.equal(suiteLine(output, 'native'), 'native (cargo test) 44 passed, 0 failed, 1 skipped');
  assert.equal(
    suiteLine(output, 'browser, Chromium'),
    'browser, Chromium (wasm-bindgen-test) 6 passed, 0 failed, 4 skipped',
  );
  assert.equal(
    suiteLine(output, 'browser, Firefox'),
    'browser, Firefox (wasm-bindgen-test) 6 passed, 0 failed, 4 skipped',
  );
  assert.equal(suiteLine(output, 'e2e'), 'e2e, Chromium + Firefox (node --test) 1 passed, 0 failed, 2 skipped');
  assert.match(output, /fuzz formats +17435 executions in 11 s, no crash/);

  const skipped = output.split('\n').filter((l) => /^ {2}\S.*: /.test(l) && !/ (passed|executions) /.test(l));
  assert.deepEqual(skipped, [
    '  native (cargo test): seed_article_keeps_every_paragraph_and_caption_of_the_source_text (../shared/seed/article-vi.txt is absent)',
    ...['Chromium', 'Firefox'].flatMap((b) =>
      [
        'corpus_payloads_never_become_link_or_image_urls',
        'corpus_payloads_never_execute_as_article_bodies',
        'corpus_payloads_stay_text_in_image_captions',
        'corpus_payloads_stay_text_in_titles_and_summaries',
      ].map(
        (t) =>
          `  browser, ${b} (wasm-bindgen-test): ${t} (../shared/corpora/xss-dompurify.json is absent)`,
      ),
    ),
    '  e2e, Chromium + Firefox (node --test): the seed article reads line for line like ../shared/seed/article-vi.txt (../shared/seed/article-vi.txt is absent)',
    '  e2e, Chromium + Firefox (node --test): gallery.html #g-item-article, skipped by hand (no # sign lost)',
  ]);
  assert.match(output, /^skipped, not passed \(11\):$/m);
  assert.match(output, /^summary: 57 passed, 0 failed, 11 skipped$/m);
});

test('nothing skipped: no list, and the summary says 0 skipped', () => {
  const output = summarize([
    'cargo test --all-targets',
    'test result: ok. 16 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s',
    'wasm-pack test --headless --chrome -- --all-targets',
    'test result: ok. 10 passed; 0 failed; 0 ignored; 0 filtered out; finished in 6.36s',
    'wasm-pack test --headless --firefox -- --all-targets',
    'test result: ok. 10 passed; 0 failed; 0 ignored; 0 filtered out; finished in 8.10s',
    'node --test --test-concurrency=1 e2e/',
    '# pass 3',
    '# fail 0',
    '# cancelled 0',
    '# skipped 0',
  ]);
  assert.doesNotMatch(output, /skipped, not passed/);
  assert.match(output, /^summary: 39 passed, 0 failed, 0 skipped$/m);
});

test('a suite that printed no result is "not run", and a cancelled node test counts as failed', () => {
  const output = summarize([
    'cargo test --all-targets',
    'test result: FAILED. 15 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.15s',
    'node --test --test-concurrency=1 e2e/',
    '# pass 98',
    '# fail 1',
    '# cancelled 1',
    '# skipped 0',
  ]);
  assert.equal(suiteLine(output, 'native'), 'native (cargo test) 15 passed, 1 failed, 0 skipped');
  assert.equal(suiteLine(output, 'browser, Chromium'), 'browser, Chromium (wasm-bindgen-test) not run');
  assert.equal(suiteLine(output, 'browser, Firefox'), 'browser, Firefox (wasm-bindgen-test) not run');
  assert.equal(suiteLine(output, 'e2e'), 'e2e, Chromium + Firefox (node --test) 98 passed, 2 failed, 0 skipped');
  assert.match(
    output,
    /^summary: 113 passed, 3 failed, 0 skipped; not run: browser, Chromium \(wasm-bindgen-test\), browser, Firefox \(wasm-bindgen-test\)$/m,
  );
});

test('a step that is no test runner (the size smoke, a build) and failed is named', () => {
  const output = summarize([
    ...NATIVE,
    'node bench/run.mjs --smoke',
    'size: all files a host downloads 100.73 KB gzip (budget 100 KB): OVER BUDGET',
    'make[1]: *** [Makefile:150: bench-smoke] Error 1',
  ]);
  assert.match(output, /^ {2}failed step: make bench-smoke$/m);
  assert.doesNotMatch(summarize(NATIVE), /failed step/);
});
