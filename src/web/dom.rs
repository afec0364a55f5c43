//! View tree → DOM: the tree crosses to `shim.js` as one stream string, which builds it in a
//! detached fragment and attaches it once. One call per render instead of one per node,
//! attribute and text.

use wasm_bindgen::prelude::*;
use web_sys::ShadowRoot;

use crate::node::to_stream;
use crate::view::Node;

#[wasm_bindgen(module = "/src/web/shim.js")]
extern "C" {
    #[wasm_bindgen(js_name = mount)]
    fn mount_stream(root: &ShadowRoot, stream: &str);
}

/// Replaces everything in `root` with `nodes`.
pub fn mount(root: &ShadowRoot, nodes: &[Node]) {
    mount_stream(root, &to_stream(nodes));
}
