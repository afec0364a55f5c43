// A minimal W3C WebDriver client for Firefox through geckodriver (Playwright drives only its
// own Firefox build, which cannot be downloaded here): start, open a page, run a script.

import { spawn } from 'node:child_process';
import net from 'node:net';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function call(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok || json.value?.error) {
    throw new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
  }
  return json.value;
}

/**
 * Starts headless Firefox under geckodriver. Returns `{ goto(url), run(fn, ...args), close() }`:
 * `run` executes an async function in the page (its source text, called with `args`) and
 * returns what it resolves to; a rejection becomes an Error here.
 */
export async function startFirefox() {
  const port = await freePort();
  const driver = spawn('geckodriver', ['--host', '127.0.0.1', '--port', String(port)], {
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const status = await call(base, 'GET', '/status');
      if (status.ready) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      driver.kill();
      throw new Error('geckodriver did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  let session;
  try {
    session = await call(base, 'POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'firefox',
          'moz:firefoxOptions': {
            binary: FIREFOX,
            args: ['-headless', '-width', '1280', '-height', '900'],
            prefs: {
              'app.update.enabled': false,
              'browser.shell.checkDefaultBrowser': false,
              'datareporting.policy.dataSubmissionEnabled': false,
              'network.captive-portal-service.enabled': false,
              'network.connectivity-service.enabled': false,
            },
          },
        },
      },
    });
  } catch (error) {
    driver.kill();
    throw error;
  }
  const id = session.sessionId;
  return {
    version: session.capabilities.browserVersion,
    goto: (url) => call(base, 'POST', `/session/${id}/url`, { url }),
    async run(fn, ...args) {
      const script = `
        const done = arguments[arguments.length - 1];
        const args = Array.prototype.slice.call(arguments, 0, -1);
        Promise.resolve((${fn})(...args)).then(
          (value) => done({ ok: true, value }),
          (error) => done({ ok: false, error: String(error && error.stack || error) }),
        );`;
      const result = await call(base, 'POST', `/session/${id}/execute/async`, { script, args });
      if (!result.ok) throw new Error(result.error);
      return result.value;
    },
    async close() {
      try {
        await call(base, 'DELETE', `/session/${id}`);
      } finally {
        driver.kill();
      }
    },
  };
}
