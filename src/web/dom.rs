//! View tree → DOM. Builds the whole tree detached in a fragment and attaches it once, so a
//! render costs one layout however many nodes it has.

use wasm_bindgen::JsValue;
use web_sys::{Document, ShadowRoot};

use crate::view::Node;

/// Replaces everything in `root` with `nodes`.
pub fn mount(root: &ShadowRoot, nodes: &[Node]) -> Result<(), JsValue> {
    let document = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("shadow root without a document"))?;
    let fragment = document.create_document_fragment();
    for node in nodes {
        fragment.append_child(&build(&document, node)?)?;
    }
    root.replace_children_with_node_1(&fragment);
    Ok(())
}

/// One view node as a DOM node. Tags and attribute names come from the view's static
/// strings; data only ever reaches text nodes and attribute values.
fn build(document: &Document, node: &Node) -> Result<web_sys::Node, JsValue> {
    match node {
        Node::Text(text) => Ok(document.create_text_node(text).into()),
        Node::Element(element) => {
            let dom = document.create_element(element.tag)?;
            for (name, value) in &element.attrs {
                dom.set_attribute(name, value)?;
            }
            for child in &element.children {
                dom.append_child(&build(document, child)?)?;
            }
            Ok(dom.into())
        }
    }
}
