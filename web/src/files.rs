//! Files in and out of the page: downloads made in memory (a Blob and a
//! temporary link), chart images, and reading a file the user picked or dropped.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};

fn js_text(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| super::lang::t("file-browser-refused"))
}

fn click_link(file_name: &str, href: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| super::lang::t("file-no-page"))?;
    let a: HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_text)?
        .unchecked_into();
    a.set_href(href);
    a.set_download(file_name);
    a.style().set_property("display", "none").map_err(js_text)?;
    let body = document
        .body()
        .ok_or_else(|| super::lang::t("file-no-page"))?;
    body.append_child(&a).map_err(js_text)?;
    a.click();
    a.remove();
    Ok(())
}

/// Offers `text` as a file called `file_name` of type `mime`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_text)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(js_text)?;
    let result = click_link(file_name, &url);
    // The download has started (it holds its own reference to the blob).
    let _ = Url::revoke_object_url(&url);
    result
}

/// Offers a canvas's picture as a PNG file.
pub fn download_png(canvas: &HtmlCanvasElement, file_name: &str) -> Result<(), String> {
    let url = canvas.to_data_url_with_type("image/png").map_err(js_text)?;
    click_link(file_name, &url)
}

/// The text of a file the user picked or dropped.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text()).await.map_err(js_text)?;
    text.as_string()
        .ok_or_else(|| super::lang::t("file-not-text"))
}
