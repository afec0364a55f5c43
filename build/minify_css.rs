//! Minifies the widget's stylesheet at build time: the wasm carries it as a string, and its
//! comments and indentation are bytes every host downloads. Quoted strings are copied as
//! they are; elsewhere comments go, white space runs become one space, and the spaces
//! around `{`, `}`, `;`, `,` and after a declaration's `:` go. Spaces before `:` stay
//! (`a :hover` is not `a:hover`).

pub fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                pending_space = true;
            }
            c if c.is_whitespace() => pending_space = true,
            '"' | '\'' => {
                push_space(&mut out, &mut pending_space);
                out.push(c);
                while let Some(s) = chars.next() {
                    out.push(s);
                    if s == '\\' {
                        if let Some(escaped) = chars.next() {
                            out.push(escaped);
                        }
                    } else if s == c {
                        break;
                    }
                }
            }
            '{' | '}' | ';' | ',' => {
                pending_space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                skip_space(&mut chars);
            }
            ':' => {
                push_space(&mut out, &mut pending_space);
                out.push(c);
                if out_is_declaration(&out) {
                    skip_space(&mut chars);
                }
            }
            _ => {
                push_space(&mut out, &mut pending_space);
                out.push(c);
            }
        }
    }
    out.trim().to_owned()
}

/// One space where white space (or a comment) separated two tokens, none at a boundary.
fn push_space(out: &mut String, pending: &mut bool) {
    if std::mem::take(pending) && !out.is_empty() && !out.ends_with(['{', '}', ';', ',', ' ']) {
        out.push(' ');
    }
}

fn skip_space(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars.peek().is_some_and(|c| c.is_whitespace()) {
        chars.next();
    }
}

/// Whether the `:` just written ends a property name (`color:`), not a pseudo-class: the text
/// since the last `{` or `;` is a plain name.
fn out_is_declaration(out: &str) -> bool {
    let start = out.rfind(['{', ';']).map_or(0, |i| i + 1);
    let name = out[start..out.len() - 1].trim_end();
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
