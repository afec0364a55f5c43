//! Everything that touches the browser: the custom elements' state, fetching (gloo-net),
//! the page's observers, the DOM renderer, dates through `Intl`, and the stylesheet.

mod dates;
mod dom;
mod error;
mod fetch;
pub(crate) mod html_body;
mod observers;
mod source;
mod styles;
mod urls;
mod widget;

pub use error::LoadError;
pub use widget::Widget;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use widget::Kind;

// The element classes (`shim.js`): JavaScript, because wasm-bindgen cannot extend HTMLElement.
#[wasm_bindgen(module = "/src/web/shim.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElements)]
    fn define_elements(create: &Closure<dyn Fn(HtmlElement, String) -> JsValue>);
}

/// Runs when the wasm starts: hands `shim.js` the function that gives an element its widget.
/// Elements the loader (`js/news-embed.js`) defined and kept waiting get theirs at once; where
/// no loader came first (wasm-pack's own output, the browser tests), this defines them.
#[wasm_bindgen(start)]
pub fn start() {
    let create = Closure::<dyn Fn(HtmlElement, String) -> JsValue>::new(
        |host: HtmlElement, kind: String| {
            let kind = if kind == "list" {
                Kind::List
            } else {
                Kind::Article
            };
            Widget::create(host, kind)
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL)
        },
    );
    define_elements(&create);
    // Lives as long as the page: the element classes call it for every new element.
    create.forget();
}

/// `render(element, data)`: renders `data` (any supported format) into `element`'s open
/// shadow root, without fetching. On a `<news-article>` or `<news-list>` it sets `.data`.
/// Returns whether the data could be shown (otherwise the element shows the error state).
#[wasm_bindgen]
pub fn render(element: &Element, data: JsValue) -> bool {
    let name = element.local_name();
    if name == "news-article" || name == "news-list" {
        if data.is_null() || data.is_undefined() {
            // Nothing to show now: the widget goes back to its `src`.
            let _ = js_sys::Reflect::set(element, &JsValue::from_str("data"), &data);
            return false;
        }
        let set = js_sys::Reflect::set(element, &JsValue::from_str("data"), &data).is_ok();
        return set && element.get_attribute("state").as_deref() != Some("error");
    }
    let Some(host) = element.dyn_ref::<HtmlElement>() else {
        return false;
    };
    match Widget::create(host.clone(), Kind::Any) {
        Ok(widget) => widget.render_data(data),
        Err(_) => false,
    }
}
