//! View tree → DOM: the tree crosses to `shim.js` as a stream string, which builds it in a
//! detached fragment and attaches it once. One call per render (or per slice of a long
//! list) instead of one per node, attribute and text.

use wasm_bindgen::prelude::*;
use web_sys::{Node as DomNode, ShadowRoot};

use crate::node::{to_stream, write_close, write_open, write_stream, Stream};
use crate::view::{Element, Node};

/// How much stream a [`DomWriter`] holds before handing it over: long lists then cost wasm
/// memory for one slice, not for the whole list.
const FLUSH_BYTES: usize = 32 * 1024;

#[wasm_bindgen(module = "/src/web/shim.js")]
extern "C" {
    #[wasm_bindgen(js_name = mount)]
    fn mount_stream(root: &ShadowRoot, main: &str, wide: &str);

    type Builder;
    fn begin(root: &DomNode) -> Builder;
    fn add(builder: &Builder, main: &str, wide: &str);
    fn finish(builder: &Builder);
    #[wasm_bindgen(js_name = finishAppend)]
    fn finish_append(builder: &Builder);
    /// Whether `root` came with content (a server rendering); if so, its first render
    /// keeps the nodes there when it would build equal ones.
    #[wasm_bindgen(js_name = adoptServerRendering)]
    pub fn adopt_server_rendering(root: &ShadowRoot) -> bool;
}

/// Replaces everything in `root` with `nodes`.
pub fn mount(root: &ShadowRoot, nodes: &[Node]) {
    let stream = to_stream(nodes);
    mount_stream(root, &stream.main, &stream.wide);
}

/// Writes a view in pieces into a detached fragment; [`DomWriter::finish`] puts it in place
/// of the root's children, [`DomWriter::append`] after them. Dropped unfinished, it changes
/// nothing on the page.
pub struct DomWriter {
    builder: Builder,
    stream: Stream,
}

impl DomWriter {
    pub fn new(root: &DomNode) -> DomWriter {
        DomWriter {
            builder: begin(root),
            stream: Stream::default(),
        }
    }

    pub fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            write_stream(node, &mut self.stream);
            if self.stream.len() >= FLUSH_BYTES {
                self.flush();
            }
        }
    }

    /// Starts `element` (without its children): what follows goes inside it until
    /// [`DomWriter::close`].
    pub fn open(&mut self, element: &Element) {
        write_open(element, &mut self.stream);
    }

    pub fn close(&mut self) {
        write_close(&mut self.stream);
    }

    fn flush(&mut self) {
        add(&self.builder, &self.stream.main, &self.stream.wide);
        self.stream.clear();
        self.stream.main.shrink_to(FLUSH_BYTES * 2);
        self.stream.wide.shrink_to(FLUSH_BYTES * 2);
    }

    pub fn finish(mut self) {
        self.flush();
        finish(&self.builder);
    }

    pub fn append(mut self) {
        self.flush();
        finish_append(&self.builder);
    }
}
