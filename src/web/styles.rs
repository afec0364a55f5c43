//! The widget's one stylesheet, constructed once and adopted by every shadow root: no
//! `<style>` element and no `style` attribute, so `style-src 'self'` pages accept it.

use std::cell::RefCell;

use js_sys::Array;
use web_sys::{CssStyleSheet, ShadowRoot};

const CSS: &str = include_str!("styles.css");

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Adopts the shared stylesheet into `root`. Without constructable stylesheets (very old
/// browsers) the widget still renders, unstyled.
pub fn adopt(root: &ShadowRoot) {
    let sheet = SHEET.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            if let Ok(sheet) = CssStyleSheet::new() {
                if sheet.replace_sync(CSS).is_ok() {
                    *cell = Some(sheet);
                }
            }
        }
        cell.clone()
    });
    if let Some(sheet) = sheet {
        root.set_adopted_style_sheets(&Array::of1(&sheet));
    }
}
