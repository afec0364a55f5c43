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

/// The stream format (`crate::node`) through `shim.js`, both ways, in a real browser.
#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use wasm_bindgen_test::wasm_bindgen_test;
    use web_sys::{ShadowRootInit, ShadowRootMode};

    use super::mount;
    use crate::node::{read_stream, to_stream, Token};
    use crate::view::{Element, Node};
    use crate::web::html_body::walk_html;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    /// Every token kind: an opening token with constants and without, attributes plain
    /// (`=`), escaped (`+`) and wide (`*`, plain and escaped), texts plain (`#`), escaped
    /// (`!`) and wide (`%`, plain and escaped), and closings (`>`).
    fn every_token_kind() -> Vec<Node> {
        vec![
            Element::new("article")
                .part("article")
                .attr("lang", "vi")
                .attr("title", "plain".to_owned())
                .attr("data-escaped", "a\0b\u{1}c".to_owned())
                .attr("aria-label", "Các tin khác".to_owned())
                .attr("data-wide-escaped", "ă\0\u{1}".to_owned())
                .text("22/5/2020, 10:21 (GMT+7)")
                .text("x\0y")
                .child(Element::new("p").text("Đại hội").text("ơ\0"))
                .child(Element::new("br"))
                .into(),
            Node::Text("after".into()),
        ]
    }

    fn shadow_root() -> web_sys::ShadowRoot {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .expect("a document");
        let host = document.create_element("div").expect("a div");
        host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .expect("a shadow root")
    }

    #[wasm_bindgen_test]
    fn the_builder_makes_every_token_kind_into_the_nodes_it_describes() {
        let nodes = every_token_kind();
        let stream = to_stream(&nodes);
        for kind in [
            "<article\u{1}part\u{1}article\u{1}lang\u{1}vi\0",
            "=title\0",
            "+data-escaped\0",
        ] {
            assert!(stream.main.contains(kind), "{kind:?} in {:?}", stream.main);
        }
        for kind in ["*aria-label\0", "\0#22/5", "\0!x", "\0%\0", "<p\0", ">\0"] {
            assert!(stream.main.contains(kind), "{kind:?} in {:?}", stream.main);
        }
        assert!(
            stream.wide.contains("!ă") && stream.wide.contains("#Các"),
            "{:?}",
            stream.wide
        );

        let root = shadow_root();
        mount(&root, &nodes);
        let article = root.first_element_child().expect("the article");
        let attr = |name: &str| article.get_attribute(name);
        assert_eq!(attr("part").as_deref(), Some("article"));
        assert_eq!(attr("lang").as_deref(), Some("vi"));
        assert_eq!(attr("title").as_deref(), Some("plain"));
        assert_eq!(attr("data-escaped").as_deref(), Some("a\0b\u{1}c"));
        assert_eq!(attr("aria-label").as_deref(), Some("Các tin khác"));
        assert_eq!(attr("data-wide-escaped").as_deref(), Some("ă\0\u{1}"));
        let names: Vec<String> = (0..article.attributes().length())
            .filter_map(|i| article.attributes().item(i))
            .map(|a| a.name())
            .collect();
        assert_eq!(
            names,
            [
                "part",
                "lang",
                "title",
                "data-escaped",
                "aria-label",
                "data-wide-escaped"
            ],
            "attributes in the view's order"
        );
        let texts: Vec<String> = (0..article.child_nodes().length())
            .filter_map(|i| article.child_nodes().item(i))
            .map(|n| n.text_content().unwrap_or_default())
            .collect();
        assert_eq!(
            texts,
            ["22/5/2020, 10:21 (GMT+7)", "x\0y", "Đại hộiơ\0", ""]
        );
        assert_eq!(
            root.last_child().and_then(|n| n.text_content()).as_deref(),
            Some("after"),
            "the closing tokens end the article before the last text"
        );
    }

    #[wasm_bindgen_test]
    fn the_html_walk_reads_back_what_the_builder_made() {
        // U+0000 aside (the HTML parser replaces it), what the builder made and the browser
        // serialized reads back as the same tokens.
        let nodes = vec![Element::new("p")
            .attr("title", "plain".to_owned())
            .attr("aria-label", "Các tin khác".to_owned())
            .text("x < y & z")
            .child(Element::new("em").text("Đại hội"))
            .child(Element::new("br"))
            .into()];
        let stream = to_stream(&nodes);
        let root = shadow_root();
        mount(&root, &nodes);
        let walked = walk_html(&root.inner_html()).expect("a walk");
        let built: Vec<Token> = read_stream(&stream.main, &stream.wide).collect();
        let read: Vec<Token> = read_stream(&walked, "").collect();
        assert_eq!(read, built);
        assert_eq!(
            read[2],
            Token::Attribute("aria-label", Cow::Borrowed("Các tin khác"))
        );
    }
}
