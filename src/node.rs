//! A small tree of nodes: tag, attributes, children, text. It is the shape of every view and
//! of sanitized HTML bodies. Tags and attribute names are `&'static str`, so data can only
//! ever become text or attribute values, never a tag or an attribute of its choosing.

/// One node of the view tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn new(tag: &'static str) -> Element {
        Element {
            tag,
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Element {
        self.attrs.push((name, value.into()));
        self
    }

    pub fn part(self, name: &'static str) -> Element {
        self.attr("part", name)
    }

    pub fn child(mut self, node: impl Into<Node>) -> Element {
        self.children.push(node.into());
        self
    }

    pub fn text(self, text: impl Into<String>) -> Element {
        self.child(Node::Text(text.into()))
    }

    pub fn children(mut self, nodes: impl IntoIterator<Item = Node>) -> Element {
        self.children.extend(nodes);
        self
    }

    /// The value of an attribute, for tests and renderers.
    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl From<Element> for Node {
    fn from(element: Element) -> Node {
        Node::Element(element)
    }
}

impl Node {
    /// All text below this node, in document order.
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        match self {
            Node::Text(text) => out.push_str(text),
            Node::Element(element) => {
                for child in &element.children {
                    child.collect_text(out);
                }
            }
        }
    }

    /// Every element below and including this node whose `part` list contains `part`.
    pub fn find_parts<'a>(&'a self, part: &str) -> Vec<&'a Element> {
        let mut found = Vec::new();
        self.walk(&mut |element| {
            let in_part = element
                .get_attr("part")
                .is_some_and(|parts| parts.split_ascii_whitespace().any(|p| p == part));
            if in_part {
                found.push(element);
            }
        });
        found
    }

    fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Element)) {
        if let Node::Element(element) = self {
            f(element);
            for child in &element.children {
                child.walk(f);
            }
        }
    }
}
