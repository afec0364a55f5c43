// news-embed: importing this module is all a host page does. It loads the wasm (from beside
// this file, wherever the folder is served) and registers <news-article> and <news-list>.
import init, { render as renderInto } from './news_embed.js';

const wasm = await init();

/** Renders `data` (any supported format) into `element` without fetching. */
export function render(element, data) {
  return renderInto(element, data);
}

/** Bytes of WebAssembly memory the widgets of this page hold (it grows, never shrinks). */
export function memoryBytes() {
  return wasm.memory.buffer.byteLength;
}
