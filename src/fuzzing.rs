//! Entry points shared by the fuzz targets (`fuzz/`) and the regression test that replays
//! their corpus: each takes arbitrary bytes and must never panic.

use crate::kinds::Kind;
use crate::load::{Body, normalize_text, split_front_matter};
use crate::markdown::{self, RawHtml, RenderOptions, Resolve};

/// Splits front matter and parses it as every kind of record, as `load` does for a file.
pub fn front_matter_and_records(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = normalize_text(text.to_string());
    let toml = match split_front_matter(&text) {
        Ok((front, _)) => &text[front],
        Err(_) => text.as_str(),
    };
    for &kind in Kind::ALL {
        if let Err(e) = kind.parse(toml) {
            // Diagnostics must be buildable from any error, spans included.
            let _ = crate::tomlfile::diagnostic(&e, 0, kind.name());
        }
    }
}

/// Accepts every record id and source key, so all link and citation paths are exercised.
struct Everything;

impl Resolve for Everything {
    fn record_path(&self, kind: Kind, slug: &str) -> Option<String> {
        Some(format!("{}/{slug}/", kind.section()))
    }

    fn cite_label(&self, key: &str) -> Option<String> {
        Some(format!("{key} 2021"))
    }
}

/// Scans a Markdown body for links and citations, then renders it in every raw-HTML mode.
pub fn markdown_body(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let body = Body::new(text, 7);
    let scan = markdown::scan(&body);
    for link in &scan.links {
        assert!(
            link.span.end <= text.len() + body.offset,
            "link span outside the text"
        );
    }
    for raw_html in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow] {
        let options = RenderOptions {
            root: "../",
            raw_html,
            sources_on_page: true,
        };
        let _ = markdown::render(text, &Everything, &options);
    }
}

/// Minifies arbitrary bytes as a page; UTF-8 in must stay UTF-8 out (the minifier cuts only
/// at ASCII bytes).
pub fn minify_page(data: &[u8]) {
    let out = crate::minify::minify(data);
    if std::str::from_utf8(data).is_ok() {
        assert!(std::str::from_utf8(&out).is_ok(), "minifying broke UTF-8");
    }
}
