// news-embed: importing this module is all a host page does. It defines <news-article> and
// <news-list> at once and fetches the wasm (from beside this file, wherever the folder is
// served) only when a widget first needs it. The wasm's name carries its content hash and it
// is fetched with its sha384 integrity, so the script tag's one `integrity` attribute covers
// all the code a page runs: `make dist` writes both names in place of these two.
import init, { render as renderInto } from './news_embed.js';
import { defineLazily } from 'news-embed:shim';

const WASM_FILE = __NEWS_EMBED_WASM_FILE__;
const WASM_INTEGRITY = __NEWS_EMBED_WASM_INTEGRITY__;

let wasm;
let started;

/** Fetches, checks and starts the wasm now, if no widget has yet (a page that knows it will
 * need it soon, or wants `.data` to render synchronously); resolves when it runs, rejects if
 * it cannot. Widgets call it themselves when they first need it; a failed attempt may be
 * retried (`reload()`). */
export function load() {
  // A Request, not a fetch of our own: wasm-bindgen's glue fetches it as it fetches any wasm,
  // and the browser refuses the body unless it matches the integrity.
  started ??= init({
    module_or_path: new Request(new URL(WASM_FILE, import.meta.url), { integrity: WASM_INTEGRITY }),
  }).then(
    (exports) => (wasm = exports),
    (error) => {
      started = undefined;
      throw error;
    },
  );
  return started;
}

defineLazily(load);

/** Renders `data` (any supported format) into `element` without fetching; resolves to whether
 * the data could be shown. */
export async function render(element, data) {
  try {
    await load();
  } catch {
    return false;
  }
  return renderInto(element, data);
}

/** Bytes of WebAssembly memory the widgets of this page hold (it grows, never shrinks); 0
 * before any widget needed the wasm. */
export function memoryBytes() {
  return wasm ? wasm.memory.buffer.byteLength : 0;
}
