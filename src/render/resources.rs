//! Self-contained output: every page and stylesheet may load resources (scripts, styles,
//! images, fonts, frames, media) only from the site itself or from hosts the configuration
//! allows. Links readers follow (`<a href>`) and metadata (`rel=canonical`) are not loads.

/// Elements whose URL attributes make the browser fetch something.
const LOADING: &[(&str, &[&str])] = &[
    ("script", &["src"]),
    ("img", &["src", "srcset"]),
    ("iframe", &["src"]),
    ("frame", &["src"]),
    ("source", &["src", "srcset"]),
    ("audio", &["src"]),
    ("video", &["src", "poster"]),
    ("track", &["src"]),
    ("embed", &["src"]),
    ("object", &["data"]),
    ("input", &["src"]),
    ("image", &["href", "xlink:href"]),
    ("use", &["href", "xlink:href"]),
];

/// `<link rel=...>` values that load what they point at.
const LOADING_RELS: &[&str] = &[
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
];

/// URLs a page loads from other hosts than `own` (the site's origin) and `allowed`.
///
/// Every page is checked, so this looks only where a foreign URL can be: it finds each `//`
/// that starts an absolute URL to another host, and only then reads the tag around it (or
/// the stylesheet, inside `<style>`). Most pages have none.
pub(super) fn external_in_html(html: &str, own: &str, allowed: &[String]) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut tags_read = Vec::new();
    let mut from = 0;
    while let Some(offset) = html[from..].find("//") {
        let at = from + offset;
        from = at + 2;
        let Some(start) = url_start(html, at) else {
            continue;
        };
        let host_end = html[at + 2..]
            .find(['/', '?', '#', '"', '\'', '>', ' ', ')', '\n'])
            .map_or(html.len(), |e| at + 2 + e);
        if !is_external(&html[start..host_end], own, allowed) {
            continue;
        }
        let before = &html[..start];
        match (before.rfind('<'), before.rfind('>')) {
            (Some(open), close) if close.is_none_or(|c| c < open) => {
                if !tags_read.contains(&open) {
                    tags_read.push(open);
                    found.extend(
                        loads_in_tag(&html[open + 1..], own, allowed)
                            .into_iter()
                            .map(|u| (open, u)),
                    );
                }
            }
            _ => {
                // Text or a stylesheet: only `<style>` contents load anything.
                if let Some(style) = before
                    .rfind("<style")
                    .filter(|&s| !before[s..].contains("</style"))
                {
                    let css_end = html[style..]
                        .find("</style")
                        .map_or(html.len(), |e| style + e);
                    if !tags_read.contains(&style) {
                        tags_read.push(style);
                        found.extend(
                            external_in_css(&html[style..css_end], own, allowed)
                                .into_iter()
                                .map(|u| (style, u)),
                        );
                    }
                }
            }
        }
    }
    found.sort_by_key(|(position, _)| *position);
    found.into_iter().map(|(_, url)| url).collect()
}

/// Where the URL whose `//` is at `at` starts (its scheme, or the `//` itself when it is
/// protocol-relative); `None` when the `//` does not start a URL.
fn url_start(html: &str, at: usize) -> Option<usize> {
    let before = &html[..at];
    for scheme in ["https:", "http:", "HTTPS:", "HTTP:"] {
        if before.ends_with(scheme) {
            return Some(at - scheme.len());
        }
    }
    matches!(
        before.chars().next_back(),
        Some('"' | '\'' | '=' | ' ' | '(' | ',')
    )
    .then_some(at)
}

/// The loading URLs of the tag starting right after a `<`, from other hosts.
fn loads_in_tag(rest: &str, own: &str, allowed: &[String]) -> Vec<String> {
    let name_end = rest
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(rest.len());
    let name = rest[..name_end].to_ascii_lowercase();
    let Some(tag_end) = tag_end(rest) else {
        return Vec::new();
    };
    let attributes = parse_attributes(&rest[name_end..tag_end]);
    let urls: Vec<&str> = if name == "link" {
        let rel = attributes
            .iter()
            .find(|(k, _)| k == "rel")
            .map(|(_, v)| v.to_ascii_lowercase())
            .unwrap_or_default();
        if rel.split_whitespace().any(|r| LOADING_RELS.contains(&r)) {
            attributes
                .iter()
                .filter(|(k, _)| k == "href")
                .map(|(_, v)| v.as_str())
                .collect()
        } else {
            Vec::new()
        }
    } else if let Some((_, names)) = LOADING.iter().find(|(tag, _)| *tag == name) {
        attributes
            .iter()
            .filter(|(k, _)| names.contains(&k.as_str()))
            .flat_map(|(k, v)| split_srcset(k, v))
            .collect()
    } else {
        Vec::new()
    };
    urls.into_iter()
        .filter(|u| is_external(u, own, allowed))
        .map(str::to_string)
        .collect()
}

/// URLs a stylesheet loads (`url(...)`, `@import`) from hosts that are not allowed.
pub(super) fn external_in_css(css: &str, own: &str, allowed: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for marker in ["url(", "@import"] {
        let mut rest = css;
        while let Some(at) = rest.find(marker) {
            rest = &rest[at + marker.len()..];
            let value = rest.trim_start();
            if marker == "@import" && value.starts_with("url(") {
                continue; // found by the url( pass
            }
            let value = value.trim_start_matches("url(").trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            let end = value
                .find(['"', '\'', ')', ';', ' ', '\n'])
                .unwrap_or(value.len());
            let url = &value[..end];
            if is_external(url, own, allowed) {
                found.push(url.to_string());
            }
        }
    }
    found
}

fn tag_end(rest: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// `name="value"` pairs of a tag, names lowercased; unquoted values allowed.
fn parse_attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.trim_end_matches(['>', '/']).char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() || c == '/' {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let name = text[start..end].to_ascii_lowercase();
        let mut value = String::new();
        if let Some(&(_, '=')) = chars.peek() {
            chars.next();
            let quote = chars
                .peek()
                .map(|&(_, c)| c)
                .filter(|c| *c == '"' || *c == '\'');
            if quote.is_some() {
                chars.next();
            }
            for (_, c) in chars.by_ref() {
                if Some(c) == quote || (quote.is_none() && c.is_whitespace()) {
                    break;
                }
                value.push(c);
            }
        }
        out.push((name, value));
    }
    out
}

fn split_srcset<'a>(name: &str, value: &'a str) -> Vec<&'a str> {
    if name == "srcset" {
        value
            .split(',')
            .filter_map(|candidate| candidate.split_whitespace().next())
            .collect()
    } else {
        vec![value]
    }
}

/// True for absolute or protocol-relative URLs whose origin is neither ours nor allowed.
fn is_external(url: &str, own: &str, allowed: &[String]) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let absolute =
        lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//");
    if !absolute {
        return false;
    }
    let origin = |u: &str| -> String {
        let without_scheme = u.split_once("//").map_or(u, |(_, rest)| rest);
        without_scheme
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let host = origin(&lower);
    host != origin(own) && !allowed.iter().any(|a| origin(a) == host)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "https://atlas.example.org/";

    fn html(text: &str) -> Vec<String> {
        external_in_html(text, OWN, &["https://cdn.allowed.org".to_string()])
    }

    #[test]
    fn finds_scripts_styles_images_frames_and_fonts_from_other_hosts() {
        let page = r#"<link rel="stylesheet" href="https://fonts.googleapis.com/css"><script src=https://evil.example/x.js></script>
            <img srcset="a.png 1x, //img.example/b.png 2x"><iframe src='https://maps.example/embed'></iframe>
            <style>@font-face { src: url("https://fonts.example/f.woff2") }</style><svg><use href="https://sprites.example/s.svg#a"/></svg>"#;
        assert_eq!(
            html(page),
            [
                "https://fonts.googleapis.com/css",
                "https://evil.example/x.js",
                "//img.example/b.png",
                "https://maps.example/embed",
                "https://fonts.example/f.woff2",
                "https://sprites.example/s.svg#a",
            ]
        );
    }

    #[test]
    fn ignores_links_metadata_own_and_allowed_hosts() {
        let page = r#"<a href="https://other.example/">read</a><link rel=canonical href=https://atlas.example.org/x/>
            <link rel="alternate" href="https://other.example/feed"><img src="../../map.svg" alt="">
            <script src="https://atlas.example.org/app.js"></script><script src="https://cdn.allowed.org/lib.js"></script>
            <p title="a > b">x</p>"#;
        assert!(html(page).is_empty(), "{:?}", html(page));
    }

    #[test]
    fn checks_stylesheets() {
        let css = "@import url('https://x.example/a.css'); body { background: url(img/b.png) } @import \"//y.example/c.css\";";
        assert_eq!(
            external_in_css(css, OWN, &[]),
            ["https://x.example/a.css", "//y.example/c.css"]
        );
    }
}
