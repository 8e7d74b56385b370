//! Markdown: finding record links and citations before rendering (so the model can check
//! them), and rendering with those links resolved.
//!
//! Two short forms are added to CommonMark:
//! - `[CAIH Co.](@organizations/caih-co)` links to a record (`#fragment` allowed);
//! - `[@ngeow2021, Table 5]` cites a source, `[@a, p. 3; @b]` several.

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::diag::{Diagnostic, closest};
use crate::kinds::Kind;
use crate::load::Body;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A `(@section/slug)` link written in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkUse {
    /// Kind of the target, from its section.
    pub kind: Kind,
    /// Target's slug.
    pub slug: String,
    /// Byte range of the link in its file.
    pub span: Range<usize>,
}

/// One source cited inline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteUse {
    /// The source's id.
    pub key: String,
    /// Where in the source, if given.
    pub locator: Option<String>,
    /// Byte range of the whole bracket in its file.
    pub span: Range<usize>,
}

/// Links and citations found in a body, and the malformed ones.
#[derive(Debug, Default)]
pub struct Scan {
    /// Record links.
    pub links: Vec<LinkUse>,
    /// Citations.
    pub cites: Vec<CiteUse>,
    /// Links that are not of the form `@section/slug`.
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds every record link and citation in `body`, with file positions.
pub fn scan(body: &Body) -> Scan {
    let mut scan = Scan::default();
    let mut brackets: Vec<(String, Range<usize>)> = Vec::new();
    {
        let mut callback = |link: BrokenLink<'_>| {
            if link.reference.trim_start().starts_with('@') {
                brackets.push((link.reference.to_string(), link.span.clone()));
                Some((CowStr::Borrowed("@cite"), CowStr::Borrowed("")))
            } else {
                None
            }
        };
        let parser =
            Parser::new_with_broken_link_callback(body.text(), options(), Some(&mut callback));
        for (event, range) in parser.into_offset_iter() {
            if let Event::Start(Tag::Link { dest_url, .. }) = event
                && let Some(target) = dest_url.strip_prefix('@')
                && target != "cite"
            {
                let span = body.offset + range.start..body.offset + range.end;
                match parse_record_link(target) {
                    Ok((kind, slug)) => scan.links.push(LinkUse {
                        kind,
                        slug: slug.to_string(),
                        span,
                    }),
                    Err(d) => scan.diagnostics.push(d.at(span)),
                }
            }
        }
    }
    for (reference, range) in brackets {
        let span = body.offset + range.start..body.offset + range.end;
        match parse_citations(&reference) {
            Ok(list) => scan.cites.extend(list.into_iter().map(|(key, locator)| CiteUse {
                key: key.to_string(),
                locator: locator.map(str::to_string),
                span: span.clone(),
            })),
            Err(message) => scan.diagnostics.push(
                Diagnostic::error("broken-citation", message)
                    .at(span)
                    .with_help("write citations as [@source-id] or [@source-id, locator]; separate several with ;"),
            ),
        }
    }
    scan
}

/// Splits `section/slug#fragment` into a kind and a slug.
fn parse_record_link(target: &str) -> Result<(Kind, &str), Diagnostic> {
    let target = target.split_once('#').map_or(target, |(path, _)| path);
    let target = target.strip_suffix('/').unwrap_or(target);
    let Some((section, slug)) = target.split_once('/') else {
        return Err(Diagnostic::error(
            "broken-link",
            format!("`@{target}` does not name a record"),
        )
        .with_help("record links are written (@section/id), e.g. (@organizations/caih-co)"));
    };
    let kind = Kind::from_section(section).or_else(|| Kind::from_name(section));
    match kind {
        Some(kind) if kind.section() == section => Ok((kind, slug)),
        Some(kind) => Err(Diagnostic::error(
            "broken-link",
            format!("`{section}` is not a section"),
        )
        .with_help(format!("did you mean `@{}/{slug}`?", kind.section()))),
        None => {
            let sections = Kind::ALL.iter().map(|k| k.section());
            let help = match closest(section, sections) {
                Some(near) => format!("did you mean `@{near}/{slug}`?"),
                None => {
                    "the part before / is a section such as projects, countries or organizations"
                        .into()
                }
            };
            Err(
                Diagnostic::error("broken-link", format!("`{section}` is not a section"))
                    .with_help(help),
            )
        }
    }
}

/// Parses `@a, p. 3; @b` into `[("a", Some("p. 3")), ("b", None)]`.
fn parse_citations(reference: &str) -> Result<Vec<(&str, Option<&str>)>, String> {
    reference
        .split(';')
        .map(|part| {
            let part = part.trim();
            let rest = part
                .strip_prefix('@')
                .ok_or_else(|| format!("`{part}` in a citation does not start with @"))?;
            let (key, locator) = match rest.split_once(',') {
                Some((key, locator)) => {
                    (key.trim(), Some(locator.trim()).filter(|l| !l.is_empty()))
                }
                None => (rest.trim(), None),
            };
            if key.is_empty() || key.contains(char::is_whitespace) {
                return Err(format!(
                    "`{part}` is not a citation: put a comma between the source id and the locator"
                ));
            }
            Ok((key, locator))
        })
        .collect()
}

/// What rendering needs to know about the site.
pub trait Resolve {
    /// Site-relative path of a record page (`countries/laos/`), if the record exists.
    fn record_path(&self, kind: Kind, slug: &str) -> Option<String>;
    /// Short label of a source for inline citations (`Ngeow 2021`), if it exists.
    fn cite_label(&self, key: &str) -> Option<String>;
}

/// What to do with raw HTML written in Markdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep safe markup (`<sup>`, `<abbr>`, tables, ...), drop scripts, event handlers,
    /// styles and dangerous URLs (ammonia).
    #[default]
    Sanitize,
    /// Show it as text.
    Escape,
    /// Pass it through untouched: only for fully trusted content.
    Allow,
}

/// How to render one body.
pub struct RenderOptions<'a> {
    /// Prefix that leads from the page to the site root (`../../`).
    pub root: &'a str,
    /// What to do with raw HTML.
    pub raw_html: RawHtml,
    /// Citations link to the page's own source list (`#ref-key`) rather than the source's page.
    pub sources_on_page: bool,
}

/// Renders Markdown to HTML with record links, citations and heading anchors resolved.
pub fn render(text: &str, resolve: &dyn Resolve, opts: &RenderOptions<'_>) -> String {
    let mut callback = |link: BrokenLink<'_>| {
        link.reference.trim_start().starts_with('@').then(|| {
            (
                CowStr::from(format!("@cite:{}", link.reference)),
                CowStr::Borrowed(""),
            )
        })
    };
    let mut has_raw_html = false;
    let parser = Parser::new_with_broken_link_callback(text, options(), Some(&mut callback))
        .inspect(|e| has_raw_html |= matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let events = rewrite(parser, resolve, opts);
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    let out = without_inline_styles(out);
    if has_raw_html && opts.raw_html == RawHtml::Sanitize {
        sanitize(&out)
    } else {
        out
    }
}

/// Table alignment becomes classes: a strict Content-Security-Policy forbids `style=""`.
fn without_inline_styles(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    html.replace(" style=\"text-align: left\"", " class=\"align-left\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
        .replace(" style=\"text-align: right\"", " class=\"align-right\"")
}

/// Cleans a rendered body that contained raw HTML, keeping the markup Portolan itself writes
/// (heading ids and anchors, citation spans, footnotes, table classes).
fn sanitize(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "lang", "title", "aria-label"])
        .add_tag_attributes("th", ["scope", "colspan", "rowspan"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .link_rel(None);
    builder.clean(html).to_string()
}

fn rewrite<'a>(
    parser: impl Iterator<Item = Event<'a>>,
    resolve: &dyn Resolve,
    opts: &RenderOptions<'_>,
) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut skip_until_link_end = false;
    let mut drop_link_end = false;
    let mut heading: Option<PendingHeading<'a>> = None;
    let mut ids = Vec::<String>::new();
    for event in parser {
        if skip_until_link_end {
            if matches!(event, Event::End(TagEnd::Link)) {
                skip_until_link_end = false;
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(reference) = dest_url.strip_prefix("@cite:") {
                    out.push(Event::InlineHtml(
                        citation_html(reference, resolve, opts).into(),
                    ));
                    skip_until_link_end = true;
                    continue;
                }
                match link_href(&dest_url, resolve, opts.root) {
                    Some(href) => Event::Start(Tag::Link {
                        link_type,
                        dest_url: href.into(),
                        title,
                        id,
                    }),
                    None => {
                        drop_link_end = true;
                        continue;
                    }
                }
            }
            Event::End(TagEnd::Link) if drop_link_end => {
                drop_link_end = false;
                continue;
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let href = link_href(&dest_url, resolve, opts.root).unwrap_or_default();
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: href.into(),
                    title,
                    id,
                })
            }
            Event::Html(html) | Event::InlineHtml(html) if opts.raw_html == RawHtml::Escape => {
                Event::Text(html)
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some(PendingHeading {
                    level,
                    id,
                    classes,
                    attrs,
                    inner: Vec::new(),
                });
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(PendingHeading {
                    level,
                    id,
                    classes,
                    attrs,
                    inner,
                }) = heading.take()
                {
                    let text = plain_text(&inner);
                    let id = unique_id(
                        id.map(|i| i.to_string())
                            .unwrap_or_else(|| heading_slug(&text)),
                        &mut ids,
                    );
                    out.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(id.clone().into()),
                        classes,
                        attrs,
                    }));
                    out.extend(inner);
                    out.push(Event::InlineHtml(
                        format!(r##"<a class="anchor" href="#{id}" aria-label="Link to this section">#</a>"##).into(),
                    ));
                    out.push(Event::End(TagEnd::Heading(level)));
                }
                continue;
            }
            other => other,
        };
        match &mut heading {
            Some(pending) => pending.inner.push(event),
            None => out.push(event),
        }
    }
    out
}

/// A heading whose id is computed once its text is known.
struct PendingHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    inner: Vec<Event<'a>>,
}

/// The href for a link destination, or `None` to drop the link (unsafe scheme).
fn link_href(dest: &str, resolve: &dyn Resolve, root: &str) -> Option<String> {
    if let Some(target) = dest.strip_prefix('@') {
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        let (kind, slug) = parse_record_link(path).ok()?;
        let page = resolve.record_path(kind, slug)?;
        return Some(match fragment {
            Some(f) => format!("{root}{page}#{f}"),
            None => format!("{root}{page}"),
        });
    }
    let scheme = dest.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("javascript" | "vbscript" | "data" | "file") => None,
        _ if dest.starts_with('/') && !dest.starts_with("//") => {
            Some(format!("{root}{}", &dest[1..]))
        }
        _ => Some(dest.to_string()),
    }
}

fn citation_html(reference: &str, resolve: &dyn Resolve, opts: &RenderOptions<'_>) -> String {
    let Ok(list) = parse_citations(reference) else {
        return html_escape(reference);
    };
    let parts: Vec<String> = list
        .into_iter()
        .map(|(key, locator)| {
            let label = resolve.cite_label(key).unwrap_or_else(|| key.to_string());
            let label = html_escape(&label);
            let locator = locator
                .map(|l| format!(", {}", html_escape(l)))
                .unwrap_or_default();
            let href = match resolve.record_path(Kind::Source, key) {
                Some(page) if !opts.sources_on_page => format!("{}{page}", opts.root),
                _ => format!("#ref-{key}"),
            };
            format!(r#"<a href="{}">{label}</a>{locator}"#, html_escape(&href))
        })
        .collect();
    format!(r#"<span class="citation">({})</span>"#, parts.join("; "))
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text
}

fn heading_slug(text: &str) -> String {
    let slug = crate::kinds::slugify(text);
    if slug.is_empty() {
        "section".into()
    } else {
        slug
    }
}

fn unique_id(base: String, taken: &mut Vec<String>) -> String {
    let mut id = base.clone();
    let mut n = 1;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

/// Escapes text for HTML content and attribute values.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;

    impl Resolve for Fake {
        fn record_path(&self, kind: Kind, slug: &str) -> Option<String> {
            (slug != "missing").then(|| format!("{}/{slug}/", kind.section()))
        }

        fn cite_label(&self, key: &str) -> Option<String> {
            (key == "ngeow2021").then(|| "Ngeow 2021".into())
        }
    }

    fn body(text: &str) -> Body {
        Body::new(text, 10)
    }

    fn html(text: &str) -> String {
        render(
            text,
            &Fake,
            &RenderOptions {
                root: "../../",
                raw_html: RawHtml::Escape,
                sources_on_page: true,
            },
        )
    }

    #[test]
    fn scans_record_links_with_file_offsets() {
        let s = scan(&body("See [CAIH Co.](@organizations/caih-co) now."));
        assert_eq!(
            s.links,
            vec![LinkUse {
                kind: Kind::Organization,
                slug: "caih-co".into(),
                span: 14..48
            }]
        );
        assert!(s.diagnostics.is_empty());
    }

    #[test]
    fn scans_citations_with_locators() {
        let s = scan(&body(
            "Fact [@ngeow2021, Table 5; @zhou2020] and [plain text].",
        ));
        let keys: Vec<_> = s
            .cites
            .iter()
            .map(|c| (c.key.as_str(), c.locator.as_deref()))
            .collect();
        assert_eq!(keys, [("ngeow2021", Some("Table 5")), ("zhou2020", None)]);
        assert_eq!(s.cites[0].span, 15..47);
    }

    #[test]
    fn reports_malformed_links_with_suggestions() {
        let s = scan(&body("[x](@organisations/caih-co) [y](@laos)"));
        assert_eq!(s.diagnostics.len(), 2);
        assert_eq!(
            s.diagnostics[0].help.as_deref(),
            Some("did you mean `@organizations/caih-co`?")
        );
        let s = scan(&body("[x](@country/laos)"));
        assert_eq!(
            s.diagnostics[0].help.as_deref(),
            Some("did you mean `@countries/laos`?")
        );
    }

    #[test]
    fn renders_links_relative_to_the_page() {
        let out = html("[Laos](@countries/laos#projects) and [home](/about/)");
        assert!(
            out.contains(r#"href="../../countries/laos/#projects""#),
            "{out}"
        );
        assert!(out.contains(r#"href="../../about/""#), "{out}");
    }

    #[test]
    fn renders_citations_as_links_to_the_bibliography() {
        let out = html("Fact [@ngeow2021, Table 5].");
        assert!(
            out.contains(r##"(<a href="#ref-ngeow2021">Ngeow 2021</a>, Table 5)"##),
            "{out}"
        );
    }

    #[test]
    fn citations_without_a_source_list_link_to_the_source() {
        let opts = RenderOptions {
            root: "./",
            raw_html: RawHtml::Escape,
            sources_on_page: false,
        };
        let out = render("[@ngeow2021]", &Fake, &opts);
        assert!(
            out.contains(r#"<a href="./sources/ngeow2021/">Ngeow 2021</a>"#),
            "{out}"
        );
    }

    #[test]
    fn gives_headings_unique_anchors() {
        let out = html("## Projects\n\n## Projects\n\n## 项目 {#xiangmu}");
        assert!(out.contains(r#"<h2 id="projects">"#), "{out}");
        assert!(out.contains(r#"<h2 id="projects-1">"#), "{out}");
        assert!(out.contains(r#"<h2 id="xiangmu">"#), "{out}");
    }

    #[test]
    fn escapes_raw_html_and_drops_script_links() {
        let out = html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>b</b>");
        assert!(!out.contains("<script>"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("&lt;b&gt;"), "{out}");
    }

    #[test]
    fn sanitizes_raw_html_by_default_keeping_safe_markup() {
        let opts = RenderOptions {
            root: "../../",
            raw_html: RawHtml::Sanitize,
            sources_on_page: true,
        };
        let text = "<script>alert(1)</script>\n\nA <b onclick=\"steal()\">bold</b> claim<sup>2</sup> \
                    <a href=\"javascript:alert(1)\">x</a> <img src=x onerror=alert(1)> [@ngeow2021, p. 3]\n\n## Heading";
        let out = render(text, &Fake, &opts);
        for bad in [
            "<script",
            "onclick",
            "javascript:",
            "onerror",
            "alert(1)</script",
        ] {
            assert!(!out.contains(bad), "{bad} survived: {out}");
        }
        for good in [
            "<b>bold</b>",
            "<sup>2</sup>",
            r##"<a href="#ref-ngeow2021">"##,
            r#"<span class="citation">"#,
            r#"<h2 id="heading">"#,
        ] {
            assert!(out.contains(good), "{good} was lost: {out}");
        }
        let trusted = render(
            "<b onclick=\"x\">b</b>",
            &Fake,
            &RenderOptions {
                raw_html: RawHtml::Allow,
                ..opts
            },
        );
        assert!(trusted.contains("onclick"), "{trusted}");
    }

    #[test]
    fn table_alignment_uses_classes_not_inline_styles() {
        let out = html("| a | b |\n|:--|--:|\n| 1 | 2 |");
        assert!(!out.contains("style="), "{out}");
        assert!(out.contains(r#"<td class="align-right">2</td>"#), "{out}");
    }

    #[test]
    fn renders_tables_and_footnotes() {
        let out = html("| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1].\n\n[^1]: The note.");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("footnote"), "{out}");
    }
}
