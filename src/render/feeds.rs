//! Files for machines and lost readers: `/atom.xml` (records by last update), `/sitemap.xml`,
//! `/robots.txt` and `/404.html`.

use std::fmt::Write as _;

use serde::Serialize;

use super::views::PageView;
use super::{RenderError, Renderer};
use crate::date::PartialDate;
use crate::markdown::html_escape;
use crate::model::Record;

/// An RFC 3339 timestamp for a date of any precision (the first day it covers).
fn timestamp(date: &PartialDate) -> String {
    let text = date.to_string();
    let full = match text.len() {
        4 => format!("{text}-01-01"),
        7 => format!("{text}-01"),
        _ => text,
    };
    format!("{full}T00:00:00Z")
}

/// Writes the feeds; `pages` are the site-relative paths of every page written so far.
pub(super) fn render(r: &Renderer<'_>, pages: &[String]) -> Result<(), RenderError> {
    r.emit_file("atom.xml", atom(r).as_bytes())?;
    r.emit_file("sitemap.xml", sitemap(r, pages).as_bytes())?;
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        r.site.config.base_url
    );
    r.emit_file("robots.txt", robots.as_bytes())?;
    not_found(r)
}

fn atom(r: &Renderer<'_>) -> String {
    let config = &r.site.config;
    let mut updated: Vec<(&PartialDate, &Record)> = r
        .site
        .records
        .iter()
        .filter_map(|rec| rec.meta.updated.as_ref().map(|u| (u, rec)))
        .collect();
    updated.sort_by(|a, b| b.0.cmp(a.0).then_with(|| a.1.id().cmp(&b.1.id())));
    let newest = updated
        .first()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |(d, _)| timestamp(d));
    let authors = if config.authors.is_empty() {
        vec![config.title.clone()]
    } else {
        config.authors.clone()
    };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(xml, "  <title>{}</title>", html_escape(&config.title));
    let _ = writeln!(
        xml,
        "  <subtitle>{}</subtitle>",
        html_escape(&config.description)
    );
    let _ = writeln!(xml, "  <id>{}</id>", html_escape(&config.base_url));
    let _ = writeln!(xml, "  <link href=\"{}\"/>", html_escape(&config.base_url));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" href=\"{}atom.xml\"/>",
        html_escape(&config.base_url)
    );
    let _ = writeln!(xml, "  <updated>{newest}</updated>");
    for author in &authors {
        let _ = writeln!(
            xml,
            "  <author><name>{}</name></author>",
            html_escape(author)
        );
    }
    let _ = writeln!(
        xml,
        "  <generator>{}</generator>",
        html_escape(&r.site_view.generator)
    );
    for (date, record) in updated {
        let url = format!("{}{}", config.base_url, record.url_path());
        let summary = record
            .meta
            .summary
            .clone()
            .unwrap_or_else(|| format!("{} in {}.", record.kind.label(), config.title));
        xml.push_str("  <entry>\n");
        let _ = writeln!(
            xml,
            "    <title>{}</title>",
            html_escape(&record.meta.title)
        );
        let _ = writeln!(xml, "    <id>{}</id>", html_escape(&url));
        let _ = writeln!(xml, "    <link href=\"{}\"/>", html_escape(&url));
        let _ = writeln!(xml, "    <updated>{}</updated>", timestamp(date));
        let _ = writeln!(
            xml,
            "    <category term=\"{}\" label=\"{}\"/>",
            record.kind.name(),
            record.kind.label()
        );
        let _ = writeln!(xml, "    <summary>{}</summary>", html_escape(&summary));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn sitemap(r: &Renderer<'_>, pages: &[String]) -> String {
    let base = &r.site.config.base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        let path = page.strip_suffix("index.html").unwrap_or(page);
        let lastmod = path
            .strip_suffix('/')
            .and_then(|p| p.split_once('/'))
            .and_then(|(section, slug)| {
                let kind = crate::kinds::Kind::from_section(section)?;
                let id = r.site.find(kind, slug)?;
                r.site.records[id].meta.updated
            });
        let _ = write!(
            xml,
            "  <url><loc>{}</loc>",
            html_escape(&format!("{base}{path}"))
        );
        if let Some(date) = lastmod {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[derive(Serialize)]
struct NotFound {}

/// The 404 page is served at any depth, so its links start from the site's base path.
fn not_found(r: &Renderer<'_>) -> Result<(), RenderError> {
    let mut page = PageView::new(
        r.site,
        "404.html".into(),
        "Page not found".into(),
        "This page does not exist.".into(),
        Vec::new(),
    );
    page.root = r.site.config.base_path.clone();
    page.noindex = true;
    let html = r.page("404.html", page, &NotFound {})?;
    r.emit_page("404.html", html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_start_at_the_first_day_covered() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(timestamp(&d("2026")), "2026-01-01T00:00:00Z");
        assert_eq!(timestamp(&d("2026-12")), "2026-12-01T00:00:00Z");
        assert_eq!(timestamp(&d("2026-12-01")), "2026-12-01T00:00:00Z");
    }
}
