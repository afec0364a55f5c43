// scripts/setup.sh, set-up by need (issue #14): `setup.sh build` (what `make dist` and `make
// demo` run) installs the build tools and never a browser, a driver or the fuzzer; `setup.sh
// test` (and no argument: what `make test` runs) installs everything; every `cargo install`
// names its pinned version; apt-get runs through sudo when not root; without apt-get the
// browsers and drivers are named for installing by hand.
//
// Each case runs a copy of the script (with package.json and package-lock.json) on a made-up
// machine: PATH is one folder of stubs and nothing else. rustup, cargo, npm, apt-get, sudo
// and dpkg-query only write their arguments to a log (and answer the queries the script
// makes); wasm-pack, wasm-bindgen, geckodriver and cargo-fuzz exist only where a case installs
// them, at the version it says. So the log is what setup would ask to install on that machine,
// whatever this machine has.
//
// The last test runs `make demo` itself where no browser is installed (and apt-get fails if
// called), and reads the demo page from its server.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const setupScript = readFileSync(path.join(repoRoot, 'scripts', 'setup.sh'), 'utf8');

/** The pinned versions at the top of setup.sh: `{ WASM_PACK: '0.15.1', … }`. */
const pins = Object.fromEntries(
  [...setupScript.matchAll(/^([A-Z_]+)_VERSION=(\S+)/gm)].map(([, name, version]) => [name, version]),
);
const APT_PACKAGES = ['chromium', 'chromium-driver', 'firefox-esr'];
const HOST_TARGET = 'x86_64-unknown-linux-gnu';

/** An executable on this machine's PATH, resolved (the stub machine links to it). */
function real(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      if (statSync(file).isFile()) return realpathSync(file);
    } catch {
      // not in this folder
    }
  }
  throw new Error(`${name} is not on PATH`);
}
const bash = real('bash');

const scratch = mkdtempSync(path.join(tmpdir(), 'news-embed-setup-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let machines = 0;

function writeExecutable(file, text) {
  writeFileSync(file, text);
  chmodSync(file, 0o755);
}

/** A stub that logs `name args…` and then runs `body` (bash). */
function stub(bin, log, name, body = 'exit 0') {
  writeExecutable(
    path.join(bin, name),
    `#!${bash}\nprintf '%s\\n' "\${0##*/} $*" >>'${log}'\n${body}\n`,
  );
}

/** A tool that reports `name version` to `--version`, as the real ones do. */
function versioned(bin, log, name, version) {
  stub(bin, log, name, `[ "$1" = --version ] && printf '%s %s\\n\\nmore text\\n' ${name} ${version}\nexit 0`);
}

/**
 * A made-up machine: a copy of scripts/setup.sh, package.json and package-lock.json with
 * node_modules as `npm` says ('none', 'build': package.json's dependencies, 'full': and its
 * devDependencies; `staleLock`: package-lock.json newer than node_modules' copy), and a PATH
 * of stubs only. `uid` is what `id -u` says; `sudo`, `apt` (apt-get and dpkg-query) whether
 * those exist; `dpkg` the Debian packages installed; `targets`, `components` what rustup
 * lists; `tools` the cargo-installed binaries present, `{ binary: version }`; `extra` other
 * commands present (chromedriver, firefox). Returns `run(...args)`.
 */
function machine({
  uid = 0,
  sudo = true,
  apt = true,
  dpkg = [],
  targets = [HOST_TARGET],
  components = [`rustc-${HOST_TARGET}`],
  tools = {},
  extra = [],
  npm = 'none',
  staleLock = false,
  env = {},
} = {}) {
  const dir = path.join(scratch, `machine-${++machines}`);
  const root = path.join(dir, 'repo');
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'calls.log');
  mkdirSync(path.join(root, 'scripts'), { recursive: true });
  mkdirSync(bin);
  writeFileSync(log, '');
  copyFileSync(path.join(repoRoot, 'scripts', 'setup.sh'), path.join(root, 'scripts', 'setup.sh'));
  for (const file of ['package.json', 'package-lock.json']) {
    copyFileSync(path.join(repoRoot, file), path.join(root, file));
  }

  if (npm !== 'none') {
    const modules = path.join(root, 'node_modules');
    mkdirSync(path.join(modules, '.bin'), { recursive: true });
    for (const name of ['wasm-opt', 'esbuild', 'terser']) {
      writeExecutable(path.join(modules, '.bin', name), '#!/bin/sh\n');
    }
    if (npm === 'full') {
      for (const name of ['playwright-core', 'axe-core']) {
        mkdirSync(path.join(modules, name));
        writeFileSync(path.join(modules, name, 'package.json'), '{}');
      }
    }
    writeFileSync(path.join(modules, '.package-lock.json'), '{}');
    const now = Date.now() / 1000;
    const [lock, copy] = staleLock ? [now, now - 100] : [now - 100, now];
    utimesSync(path.join(root, 'package-lock.json'), lock, lock);
    utimesSync(path.join(modules, '.package-lock.json'), copy, copy);
  }

  // The few real commands the script uses; everything else is a stub or absent.
  for (const name of ['grep', 'awk', 'env']) {
    writeExecutable(path.join(bin, name), `#!${bash}\nexec '${real(name)}' "$@"\n`);
  }
  stub(bin, log, 'id', `[ "$1" = -u ] && echo ${uid} || echo uid=${uid}`);
  for (const name of ['cargo', 'npm', 'node', 'python3', ...extra]) stub(bin, log, name);
  stub(
    bin,
    log,
    'rustup',
    `case "$1 $2 $3" in
  'target list --installed') printf '%s\\n' ${targets.join(' ')} ;;
  'component list --installed') printf '%s\\n' ${components.join(' ')} ;;
esac`,
  );
  if (sudo) stub(bin, log, 'sudo', 'exec "$@"');
  if (apt) {
    stub(bin, log, 'apt-get');
    stub(
      bin,
      log,
      'dpkg-query',
      `case " ${dpkg.join(' ')} " in
  *" \${@: -1} "*) printf 'install ok installed' ;;
  *) echo "dpkg-query: no packages found matching \${@: -1}" >&2; exit 1 ;;
esac`,
    );
  }
  for (const [name, version] of Object.entries(tools)) versioned(bin, log, name, version);

  return (...args) => {
    const result = spawnSync(bash, [path.join(root, 'scripts', 'setup.sh'), ...args], {
      cwd: dir,
      env: { PATH: bin, HOME: dir, LANG: 'C', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls, installs: installs(calls) };
  };
}

/** The calls that install something (not the queries). */
function installs(calls) {
  return calls.filter((call) =>
    /^(sudo |apt-get |cargo install |rustup (target|component) add |npm ci)/.test(call));
}

/** `cargo install` calls as `{ crate: { version, locked } }`. */
function cargoInstalls(calls) {
  const crates = {};
  for (const call of calls.filter((c) => c.startsWith('cargo install '))) {
    const args = call.split(' ').slice(2);
    const at = args.indexOf('--version');
    const crate = args.filter((a, i) => !a.startsWith('-') && i !== at + 1).join(' ');
    crates[crate] = { version: at < 0 ? null : args[at + 1], locked: args.includes('--locked') };
  }
  return crates;
}

/** A machine where setup has run in test mode. */
const prepared = {
  dpkg: APT_PACKAGES,
  targets: [HOST_TARGET, 'wasm32-unknown-unknown'],
  components: [`rustc-${HOST_TARGET}`, 'rust-src', `rust-std-${HOST_TARGET}`],
  tools: {
    'wasm-pack': pins.WASM_PACK,
    'wasm-bindgen': pins.WASM_BINDGEN,
    geckodriver: pins.GECKODRIVER,
    'cargo-fuzz': pins.CARGO_FUZZ,
  },
  npm: 'full',
};

const buildCrates = {
  'wasm-pack': { version: pins.WASM_PACK, locked: true },
  // Not --locked: the registry mirror lacks one of its locked dependencies.
  'wasm-bindgen-cli': { version: pins.WASM_BINDGEN, locked: false },
};
const testCrates = {
  ...buildCrates,
  geckodriver: { version: pins.GECKODRIVER, locked: true },
  'cargo-fuzz': { version: pins.CARGO_FUZZ, locked: true },
};

test('the pinned versions: one for each cargo install, wasm-bindgen-cli the crate\'s own', () => {
  assert.deepEqual(Object.keys(pins).sort(), ['CARGO_FUZZ', 'GECKODRIVER', 'WASM_BINDGEN', 'WASM_PACK']);
  for (const [name, version] of Object.entries(pins)) {
    assert.match(version, /^\d+\.\d+\.\d+$/, `${name}_VERSION is one exact version`);
  }
  const cargoToml = readFileSync(path.join(repoRoot, 'Cargo.toml'), 'utf8');
  assert.equal(/^wasm-bindgen = "=([^"]+)"/m.exec(cargoToml)?.[1], pins.WASM_BINDGEN);
  // package.json: the build tools alone under "dependencies" (npm ci --omit=dev).
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['binaryen', 'esbuild', 'terser']);
  assert.deepEqual(Object.keys(pkg.devDependencies).sort(), ['axe-core', 'playwright-core']);
});

test('setup.sh build on a machine without anything installs the build tools, and no browser, driver or fuzzer', () => {
  const { status, stdout, calls, installs } = machine()('build');
  assert.equal(status, 0, stdout);
  assert.deepEqual(
    calls.filter((c) => /^(apt-get|dpkg-query|sudo) /.test(c)),
    [],
    'build mode neither asks dpkg about browsers nor runs apt-get',
  );
  assert.deepEqual(cargoInstalls(calls), buildCrates);
  assert.deepEqual(installs.filter((c) => !c.startsWith('cargo install ')), [
    'rustup target add wasm32-unknown-unknown',
    'rustup component add rust-src',
    'npm ci --omit=dev --no-audit --no-fund --loglevel=error',
  ]);
  assert.match(stdout, /^setup: ready \(build\)$/m);
});

for (const args of [['test'], []]) {
  test(`setup.sh ${args.join(' ') || '(no argument)'} on a machine without anything installs everything, pinned`, () => {
    const { status, stdout, calls, installs } = machine()(...args);
    assert.equal(status, 0, stdout);
    assert.deepEqual(installs.filter((c) => c.startsWith('apt-get ')), [
      'apt-get update -qq',
      `apt-get install -y -qq --no-install-recommends ${APT_PACKAGES.join(' ')}`,
    ]);
    assert.ok(!installs.some((c) => c.startsWith('sudo ')), 'root needs no sudo');
    assert.deepEqual(cargoInstalls(calls), testCrates);
    assert.ok(installs.includes('rustup target add wasm32-unknown-unknown'));
    assert.ok(installs.includes('rustup component add rust-src'));
    assert.deepEqual(installs.filter((c) => c.startsWith('npm ')), ['npm ci --no-audit --no-fund --loglevel=error']);
    assert.match(stdout, /^setup: ready \(test\)$/m);
  });
}

test('a prepared machine: neither mode installs anything', () => {
  for (const mode of ['build', 'test']) {
    const { status, stdout, installs } = machine(prepared)(mode);
    assert.equal(status, 0, stdout);
    assert.deepEqual(installs, [], mode);
  }
});

test('a cargo-installed tool at another version is replaced by the pinned one', () => {
  const run = machine({
    ...prepared,
    tools: { ...prepared.tools, 'wasm-bindgen': '0.2.100', geckodriver: '0.36.0' },
  });
  let { status, calls } = run('build');
  assert.equal(status, 0);
  assert.deepEqual(cargoInstalls(calls), { 'wasm-bindgen-cli': buildCrates['wasm-bindgen-cli'] });
  ({ status, calls } = run('test'));
  assert.equal(status, 0);
  assert.deepEqual(cargoInstalls(calls), {
    'wasm-bindgen-cli': buildCrates['wasm-bindgen-cli'],
    geckodriver: testCrates.geckodriver,
  });
  assert.ok(calls.filter((c) => c.startsWith('cargo install ')).every((c) => c.includes(' --force ')),
    'a binary from elsewhere is replaced, too');
});

test('npm: build mode takes the build tools or the whole set; test mode adds the test tools', () => {
  const npmCalls = (options, mode) => {
    const { status, installs } = machine({ ...prepared, ...options })(mode);
    assert.equal(status, 0);
    return installs.filter((c) => c.startsWith('npm '));
  };
  const omitDev = 'npm ci --omit=dev --no-audit --no-fund --loglevel=error';
  const all = 'npm ci --no-audit --no-fund --loglevel=error';
  assert.deepEqual(npmCalls({ npm: 'build' }, 'build'), [], 'the build set is enough for build');
  assert.deepEqual(npmCalls({ npm: 'full' }, 'build'), [], 'the whole set is enough for build');
  assert.deepEqual(npmCalls({ npm: 'build' }, 'test'), [all], 'test mode installs the test tools');
  assert.deepEqual(npmCalls({ npm: 'none' }, 'build'), [omitDev]);
  assert.deepEqual(npmCalls({ npm: 'build', staleLock: true }, 'build'), [omitDev], 'a newer lock');
  assert.deepEqual(npmCalls({ npm: 'full', staleLock: true }, 'build'), [all],
    'a newer lock: build mode keeps the test tools that were there');
  assert.deepEqual(npmCalls({ npm: 'full', staleLock: true }, 'test'), [all]);
});

test('not root: apt-get runs through sudo, and nothing else does', () => {
  const { status, stdout, calls } = machine({ uid: 1000 })('test');
  assert.equal(status, 0, stdout);
  const sudo = calls.filter((c) => c.startsWith('sudo '));
  assert.deepEqual(sudo, [
    'sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq',
    `sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${APT_PACKAGES.join(' ')}`,
  ]);
  assert.equal(calls.filter((c) => c.startsWith('apt-get ')).length, sudo.length, 'every apt-get through sudo');
  assert.deepEqual(cargoInstalls(calls), testCrates, 'cargo as the user');

  const build = machine({ uid: 1000 })('build');
  assert.equal(build.status, 0);
  assert.deepEqual(build.calls.filter((c) => /^(sudo|apt-get) /.test(c)), [], 'build mode needs no root');
});

test('not root and no sudo: says what to run as root, installs the rest, exits non-zero', () => {
  const { status, stdout, calls } = machine({ uid: 1000, sudo: false })('test');
  assert.equal(status, 1, stdout);
  assert.match(stdout, new RegExp(`^setup: {3}- as root .*: apt-get install ${APT_PACKAGES.join(' ')}$`, 'm'));
  assert.deepEqual(calls.filter((c) => c.startsWith('apt-get ')), []);
  assert.deepEqual(cargoInstalls(calls), testCrates);
  assert.doesNotMatch(stdout, /ready/);
});

test('no apt-get: names the browsers and drivers to install by hand and exits non-zero', () => {
  const nowhere = path.join(scratch, 'nowhere');
  const env = { CHROMIUM_PATH: path.join(nowhere, 'chromium'), FIREFOX_PATH: path.join(nowhere, 'firefox-esr') };
  const { status, stdout, calls } = machine({ apt: false, env })('test');
  assert.equal(status, 1, stdout);
  const listed = stdout.split('\n').filter((line) => line.startsWith('setup:   - '));
  assert.equal(listed.length, 4, stdout);
  assert.match(listed[0], /Chromium, at .*nowhere\/chromium or anywhere with CHROMIUM_PATH/);
  assert.match(listed[1], /chromedriver/);
  assert.match(listed[2], /Firefox ESR, at .*nowhere\/firefox-esr or anywhere with FIREFOX_PATH/);
  assert.match(listed[3], /firefox on PATH/);
  assert.deepEqual(calls.filter((c) => /^(sudo|apt-get|dpkg-query) /.test(c)), []);
  assert.deepEqual(cargoInstalls(calls), testCrates, 'the rest is installed all the same');

  // Browsers and drivers installed by hand: nothing missing, exit 0.
  const browsers = path.join(scratch, 'browsers');
  mkdirSync(browsers, { recursive: true });
  for (const name of ['chromium', 'firefox-esr']) writeExecutable(path.join(browsers, name), '#!/bin/sh\n');
  const ok = machine({
    ...prepared,
    apt: false,
    extra: ['chromedriver', 'firefox'],
    env: { CHROMIUM_PATH: path.join(browsers, 'chromium'), FIREFOX_PATH: path.join(browsers, 'firefox-esr') },
  })('test');
  assert.equal(ok.status, 0, ok.stdout);
  assert.deepEqual(ok.installs, []);

  // Build mode needs no browser at all.
  const build = machine({ apt: false, env })('build');
  assert.equal(build.status, 0, build.stdout);
  assert.doesNotMatch(build.stdout, /by hand/);
});

test('an unknown mode is refused', () => {
  const { status, stderr, calls } = machine()('everything');
  assert.equal(status, 2);
  assert.match(stderr, /usage: bash scripts\/setup\.sh \[build\|test\]/);
  assert.deepEqual(calls, []);
});

// ---- The Makefile ------------------------------------------------------------------------

/** The Makefile's rules: target → { prereqs, recipe } (continuation lines joined). */
function makeRules() {
  const rules = new Map();
  let current = null;
  const text = readFileSync(path.join(repoRoot, 'Makefile'), 'utf8').replace(/\\\n/g, ' ');
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      current?.recipe.push(line.slice(1));
      continue;
    }
    if (/^\s*(#|$)/.test(line)) continue;
    const rule = /^([^:=#]+?)\s*:(?![:=])(.*)$/.exec(line);
    current = null;
    if (!rule) continue;
    for (const target of rule[1].trim().split(/\s+/)) {
      if (!rules.has(target)) rules.set(target, { prereqs: [], recipe: [] });
      const entry = rules.get(target);
      entry.prereqs.push(...rule[2].split(/\s+/).filter(Boolean));
      current = entry; // several targets on one rule: the last one's (enough here)
    }
  }
  return rules;
}

/** The recipe lines `make target` runs: its own and its prerequisites', transitively. */
function recipeOf(target) {
  const rules = makeRules();
  const seen = new Set();
  const lines = [];
  const visit = (name) => {
    if (seen.has(name) || !rules.has(name)) return;
    seen.add(name);
    for (const prereq of rules.get(name).prereqs) visit(prereq);
    lines.push(...rules.get(name).recipe);
  };
  visit(target);
  return lines;
}

/** How `make target` runs setup.sh: the modes ('' for none) of its setup.sh calls. */
function setupModes(target) {
  return recipeOf(target)
    .map((line) => /\bsetup\.sh\b\s*([^\s;&|]*)/.exec(line))
    .filter(Boolean)
    .map((m) => m[1]);
}

test('make test runs setup.sh in test mode (everything)', () => {
  const modes = setupModes('test');
  assert.ok(modes.length > 0, 'make test runs scripts/setup.sh');
  for (const mode of modes) assert.ok(mode === '' || mode === 'test', `setup.sh ${mode}`);
});

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// `make demo` rebuilds dist/ (a minute or more) before it serves: no tight limit.
test('make demo serves the demo on a machine without browsers', { timeout: 30 * 60_000 }, async (t) => {
  const modes = setupModes('demo');
  if (!(modes.length > 0 && modes.every((mode) => mode === 'build'))) {
    t.skip(`the Makefile's demo runs setup.sh ${modes.map((m) => m || '(no argument)').join(', ') || 'never'}, not \`setup.sh build\``);
    return;
  }

  // dpkg-query: no package is installed; apt-get and sudo fail loudly if anyone calls them.
  const bin = path.join(scratch, 'demo-bin');
  const log = path.join(scratch, 'demo-calls.log');
  mkdirSync(bin, { recursive: true });
  writeFileSync(log, '');
  stub(bin, log, 'dpkg-query', 'echo "dpkg-query: no packages found matching ${@: -1}" >&2; exit 1');
  for (const name of ['apt-get', 'sudo']) {
    stub(bin, log, name, `echo "${name} $*: make demo must not install anything from apt" >&2; exit 100`);
  }

  const port = await freePort();
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
  // Not a child of this make (if make test runs this) nor a test child of node --test.
  for (const name of ['MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'MAKEOVERRIDES', 'NODE_TEST_CONTEXT']) delete env[name];
  env.CHROMIUM_PATH = path.join(scratch, 'no-chromium');
  env.FIREFOX_PATH = path.join(scratch, 'no-firefox');

  const child = spawn('make', ['--no-print-directory', 'demo', `PORT=${port}`], {
    cwd: repoRoot,
    env,
    detached: true, // its own process group: make, python3's server, all of it stops together
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
    child.on('error', (error) => {
      exited = { error: error.message };
      resolve();
    });
  });
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  const stop = async () => {
    if (child.pid === undefined || !signal('SIGTERM')) return;
    const timer = setTimeout(() => signal('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
    signal('SIGKILL'); // anything of the group still there
  };
  t.after(stop);

  try {
    const origin = `http://127.0.0.1:${port}`;
    let page = null;
    while (!exited && page === null) {
      try {
        const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(5_000) });
        if (response.ok) page = await response.text();
        else await response.arrayBuffer();
      } catch {
        // still building
      }
      if (page === null) await sleep(1_000);
    }
    assert.ok(page !== null, `make demo stopped before it served (${JSON.stringify(exited)}):\n${output}`);
    assert.equal(page, readFileSync(path.join(repoRoot, 'www', 'index.html'), 'utf8'), 'the demo page');
    const widget = await fetch(`${origin}/dist/news-embed.js`);
    assert.equal(widget.status, 200, 'the built widget beside it');
    await widget.arrayBuffer();
    assert.match(output, /^setup: ready \(build\)$/m);
    assert.deepEqual(readFileSync(log, 'utf8').split('\n').filter(Boolean), [],
      'no apt-get, no sudo, and no browser even looked for');
  } finally {
    await stop();
  }
});
