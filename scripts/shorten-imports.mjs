// Shortens the names the wasm and wasm-bindgen's glue know each other by, in the .wasm and
// in the glue alike: `node scripts/shorten-imports.mjs <file.wasm> <glue.js>` (both
// rewritten).
//
// wasm-bindgen names each import `__wbg_<method>_<16 hex digits>`; the name is written once
// in the wasm's import section and once in the glue's import object, and the hashes do not
// compress. Renamed `a`, `b`, … in both, the host downloads 3 KB less (see the Makefile).
// Only imports of the glue's own module (`./<name>_bg.js`) are renamed: the snippet's
// imports are the export names of `shim.js`. Exports (`widget_fetched`, a closure's
// 200-character invoke shim) are renamed too, where the glue calls them as `wasm.<name>`;
// `memory` and the public `render` and `start` keep their names.

import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) throw new Error('usage: shorten-imports.mjs <file.wasm> <glue.js>');

const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

const utf8 = new TextDecoder();
const name = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([leb(bytes.length), bytes]);
};

/** `a` … `z`, then `ba`, `bb` …: short, distinct and valid JavaScript property names. */
function shortName(index) {
  let out = '';
  do {
    out = String.fromCharCode(97 + (index % 26)) + out;
    index = Math.floor(index / 26);
  } while (index > 0);
  return out;
}

/** Skips an import's description (function, table, memory, global or tag). */
function skipDescription(bytes, at) {
  const kind = bytes[at++];
  const skipLimits = (p) => {
    const flags = bytes[p++];
    [, p] = readLeb(bytes, p);
    if (flags & 1) [, p] = readLeb(bytes, p);
    return p;
  };
  const skipValueType = (p) => {
    const type = bytes[p++];
    // (ref null? heaptype): a heap type follows.
    if (type === 0x63 || type === 0x64) [, p] = readLeb(bytes, p);
    return p;
  };
  switch (kind) {
    case 0: return readLeb(bytes, at)[1];
    case 1: return skipLimits(skipValueType(at));
    case 2: return skipLimits(at);
    case 3: return skipValueType(at) + 1;
    case 4: return readLeb(bytes, at + 1)[1];
    default: throw new Error(`unknown import kind ${kind}`);
  }
}

if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not wasm`);
const sections = [wasm.subarray(0, 8)];
const renames = new Map();
const exportRenames = new Map();
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, start] = readLeb(wasm, at + 1);
  const end = start + size;
  if (id === 7) {
    sections.push(renameExports(start, end));
    at = end;
    continue;
  }
  if (id !== 2) {
    sections.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  let [count, p] = readLeb(wasm, start);
  const entries = [leb(count)];
  for (let i = 0; i < count; i++) {
    const [moduleLength, m] = readLeb(wasm, p);
    const module = utf8.decode(wasm.subarray(m, m + moduleLength));
    const [fieldLength, f] = readLeb(wasm, m + moduleLength);
    let field = utf8.decode(wasm.subarray(f, f + fieldLength));
    const descriptionStart = f + fieldLength;
    p = skipDescription(wasm, descriptionStart);
    if (module.endsWith('_bg.js') && /^__wb(g|indgen)_/.test(field)) {
      if (!glue.includes(field)) throw new Error(`${field} is not in ${gluePath}`);
      const short = shortName(renames.size);
      renames.set(field, short);
      field = short;
    }
    entries.push(name(module), name(field), wasm.subarray(descriptionStart, p));
  }
  const content = Buffer.concat(entries);
  sections.push(Buffer.from([2]), leb(content.length), content);
  at = end;
}

/** The export section, its names shortened but for those the page or wasm-bindgen knows. */
function renameExports(start, end) {
  const kept = new Set(['memory', 'render', 'start']);
  let [count, p] = readLeb(wasm, start);
  const entries = [leb(count)];
  for (let i = 0; i < count; i++) {
    const [length, n] = readLeb(wasm, p);
    let field = utf8.decode(wasm.subarray(n, n + length));
    const descriptionStart = n + length;
    p = readLeb(wasm, descriptionStart + 1)[1];
    if (!kept.has(field)) {
      const short = shortName(exportRenames.size);
      exportRenames.set(field, short);
      field = short;
    }
    entries.push(name(field), wasm.subarray(descriptionStart, p));
  }
  if (p !== end) throw new Error('the export section did not read to its end');
  const content = Buffer.concat(entries);
  return Buffer.concat([Buffer.from([7]), leb(content.length), content]);
}

for (const [long, short] of exportRenames) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${long}\\b`, 'g'), `wasm.${short}`);
}
if (/\bwasm\.(?!memory\b|render\b|start\b)[a-zA-Z_$][\w$]{2,}/.test(glue)) {
  throw new Error(`${gluePath} calls an export by a name this script did not rename`);
}

// Longest first, so that no name is replaced inside a longer one.
for (const [long, short] of [...renames].sort((a, b) => b[0].length - a[0].length)) {
  glue = glue.replace(new RegExp(`\\b${long}\\b`, 'g'), short);
}
writeFileSync(wasmPath, Buffer.concat(sections));
writeFileSync(gluePath, glue);
console.log(`shortened ${renames.size} import and ${exportRenames.size} export names`);
