//! The development server: serves the last good build from memory under the site's base path,
//! never anything else, and pushes reload and error events to open pages (server-sent events).

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio_stream::{Stream, StreamExt, wrappers::BroadcastStream};

use super::{Shared, Status};

/// The live-reload script and overlay styles, served only by `serve`.
const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
/// Where the dev server's own files live, under the base path.
pub(crate) const PREFIX: &str = "__portolan/";

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

async fn handle(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let Some(path) = uri
        .path()
        .strip_prefix(shared.base_path.as_str())
        .or_else(|| {
            // "/atlas" without its slash still means the home page.
            (format!("{}/", uri.path()) == shared.base_path).then_some("")
        })
    else {
        return redirect(&shared.base_path);
    };
    match path {
        "__portolan/events" => return events(shared).into_response(),
        "__portolan/live.js" => return asset(LIVE_JS, "text/javascript"),
        "__portolan/live.css" => return asset(LIVE_CSS, "text/css"),
        _ => {}
    }
    let Some(path) = safe_path(path) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    let snapshot = shared.snapshot();
    let lookup = |p: &str| snapshot.files.get(p).map(|f| f.bytes.clone());
    if path.is_empty() || path.ends_with('/') {
        if let Some(bytes) = lookup(&format!("{path}index.html")) {
            return file(&shared, "index.html", bytes, StatusCode::OK);
        }
    } else if let Some(bytes) = lookup(&path) {
        return file(&shared, &path, bytes, StatusCode::OK);
    } else if lookup(&format!("{path}/index.html")).is_some() {
        return redirect(&format!("{}{path}/", shared.base_path));
    }
    match lookup("404.html") {
        Some(bytes) => file(&shared, "404.html", bytes, StatusCode::NOT_FOUND),
        None => file(
            &shared,
            "404.html",
            Arc::from(&b"<!DOCTYPE html><title>Not found</title><h1>Not found</h1>"[..]),
            StatusCode::NOT_FOUND,
        ),
    }
}

/// Decodes a request path and refuses anything that could leave the site: `..` or `.`
/// segments (also percent-encoded), backslashes, NUL bytes, empty segments.
pub(crate) fn safe_path(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(decoded).ok()?;
    let trimmed = path.strip_suffix('/').unwrap_or(&path);
    let bad = |s: &str| s.is_empty() || s == "." || s == ".." || s.contains(['\\', '\0']);
    if !trimmed.is_empty() && trimmed.split('/').any(bad) {
        return None;
    }
    Some(path)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("csv") => "text/csv; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn file(shared: &Shared, path: &str, bytes: Arc<[u8]>, status: StatusCode) -> Response {
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        Body::from(inject(&bytes, &shared.base_path))
    } else {
        Body::from(bytes.to_vec())
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Adds the live-reload script to a page; only the server does this, never the files on disk.
pub(crate) fn inject(html: &[u8], base_path: &str) -> Vec<u8> {
    let tags = format!(
        "<link rel=\"stylesheet\" href=\"{base_path}{PREFIX}live.css\"><script defer src=\"{base_path}{PREFIX}live.js\" data-base=\"{base_path}\"></script>"
    );
    let text = String::from_utf8_lossy(html);
    match text.find("</head>") {
        Some(at) => format!("{}{tags}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{tags}{text}").into_bytes(),
    }
}

fn asset(text: &'static str, kind: &'static str) -> Response {
    let mut response = text.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response
}

fn redirect(to: &str) -> Response {
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// The current status first, then every change.
fn events(shared: Arc<Shared>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = status_event(&shared.snapshot().status);
    let updates = BroadcastStream::new(shared.events.subscribe())
        .filter_map(|status| status.ok().map(|s| status_event(&s)));
    let stream = tokio_stream::once(first).chain(updates).map(Ok);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn status_event(status: &Status) -> Event {
    match status {
        Status::Ok => Event::default().event("ok").data(""),
        Status::Reload => Event::default().event("reload").data(""),
        Status::Errors(json) => Event::default().event("errors").data(&**json),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_site() {
        for bad in [
            "..",
            "../etc/passwd",
            "a/../../b",
            "%2e%2e/x",
            "a/%2E%2E/b",
            "a/./b",
            "a//b",
            "a\\b",
            "%00",
            "%2",
            "%zz",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
        assert_eq!(
            safe_path("countries/laos/").as_deref(),
            Some("countries/laos/")
        );
        assert_eq!(safe_path("search/%E4%BF%A1").as_deref(), Some("search/信"));
        assert_eq!(safe_path("").as_deref(), Some(""));
    }

    #[test]
    fn injects_the_reload_script_before_the_head_closes() {
        let out = String::from_utf8(inject(
            b"<html><head><title>x</title></head><body></body></html>",
            "/atlas/",
        ))
        .unwrap();
        assert!(out.contains("<script defer src=\"/atlas/__portolan/live.js\" data-base=\"/atlas/\"></script></head>"), "{out}");
    }
}
