//! Step 4 of the pipeline: a pure function of `&Site` that produces every page and data
//! file and hands each to a [`Sink`]. Pages are rendered in parallel; nothing here writes
//! to disk itself. Each view lives in its own module and adds its files through the
//! shared [`Renderer`].

mod charts;
mod data;
pub mod facts;
mod feeds;
mod figures;
mod map_page;
mod maps;
mod pages;
mod paginate;
mod quality;
mod resources;
mod search;
mod svg;
mod tables;
pub mod theme;
mod timeline;
pub mod views;

use std::io;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diag::Diagnostic;
use crate::kinds::Kind;
use crate::markdown::{self, RenderOptions, Resolve};
use crate::model::Site;
use theme::Theme;
use views::*;

/// The most records one rayon task renders or indexes in a row. Without a bound rayon cuts
/// a range into as few runs as there are cores, a couple of times over, and the last run
/// leaves one core working alone for seconds at 100,000 records.
pub(crate) const RUN: usize = 32;

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes an HTML page at a site-relative path such as `countries/laos/index.html`.
    fn page(&self, path: &str, html: String) -> io::Result<()>;
    /// Writes any other file.
    fn file(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
    /// Writes a file that `fill` produces piece by piece, which a sink writing to disk
    /// streams without ever holding it whole: the large downloads (`data/atlas.json`).
    /// Never a stylesheet: the bytes are written as they come.
    fn file_stream(&self, path: &str, fill: &mut Fill<'_>) -> io::Result<()> {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        self.file(path, &bytes)
    }
}

/// Writes a streamed file's bytes into the writer it is given.
pub type Fill<'a> = dyn FnMut(&mut dyn io::Write) -> io::Result<()> + 'a;

/// What rendering produced.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// HTML pages written.
    pub pages: usize,
    /// Other files written.
    pub files: usize,
    /// Time spent in each view (they run side by side, so these add up to more than the
    /// render step).
    pub steps: Vec<(&'static str, std::time::Duration)>,
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// A template failed; the theme's fault or the atlas's templates'.
    Template(Vec<Diagnostic>),
    /// Writing failed.
    Io(io::Error),
}

impl From<io::Error> for RenderError {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// Renders the whole site into `sink`.
pub fn render(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<Summary, RenderError> {
    let site_view = SiteView::new(site);
    // Every page's `site`, converted for Tera once: its maps are shared, not copied.
    let site_value = tera::Value::try_from_serializable(&site_view)
        .map_err(|e| RenderError::Template(theme.diagnostics(&e)))?;
    let counted = Counted {
        sink,
        pages: Mutex::new(Vec::new()),
        files: AtomicUsize::new(0),
    };
    let r = Renderer {
        site,
        theme,
        site_view: &site_view,
        site_value,
        sink: &counted,
    };

    // Every view is a task of its own, parallel inside, so no core waits for another's
    // view to end. Memory stays bounded because no view holds more than its own index or
    // table, and no page more than `[build] page_size` items. Each is timed for
    // `--timings`.
    let timings = Mutex::new(Vec::new());
    let timed = |name: &'static str, work: &View<'_>| {
        let started = std::time::Instant::now();
        let result = work();
        if let Ok(mut t) = timings.lock() {
            t.push((name, started.elapsed()));
        }
        result
    };
    let records: &View<'_> = &|| {
        collect_errors(
            (0..site.records.len())
                .into_par_iter()
                .with_max_len(RUN)
                .map(|id| {
                    let html = r.record(id)?;
                    r.emit_page(&site.records[id].url_path(), html)
                }),
        )
    };
    let views: [(&'static str, &View<'_>); 7] = [
        ("search", &|| search::render(&r)),
        ("tables and data", &|| {
            let table_csvs = tables::render(&r)?;
            data::render(&r, table_csvs)
        }),
        ("timeline", &|| timeline::render(&r)),
        ("home and indexes", &|| {
            r.emit_page("", r.home()?)?;
            let kinds: Vec<Kind> = Kind::ALL
                .iter()
                .copied()
                .filter(|&k| !site.of_kind(k).is_empty())
                .collect();
            collect_errors(kinds.into_par_iter().map(|kind| r.sections(kind)))
        }),
        ("quality", &|| quality::render(&r)),
        ("map", &|| map_page::render(&r)),
        ("static files", &|| copy_statics(&r)),
    ];
    // The record pages, the largest, go first.
    let tasks: Vec<(&'static str, &View<'_>)> =
        std::iter::once(("records", records)).chain(views).collect();
    collect_errors(
        tasks
            .into_par_iter()
            .with_max_len(1)
            .map(|(name, work)| timed(name, work)),
    )?;
    let mut pages = counted.pages.lock().map(|p| p.clone()).unwrap_or_default();
    pages.sort();
    timed("feeds", &|| feeds::render(&r, &pages))?;
    let mut steps = timings.into_inner().unwrap_or_default();
    steps.sort_by_key(|(name, _)| *name);
    Ok(Summary {
        pages: pages.len() + 1,
        files: counted.files.into_inner(),
        steps,
    })
}

/// Copies the theme's and the atlas's static files (the atlas's own win).
fn copy_statics(r: &Renderer<'_>) -> Result<(), RenderError> {
    for (path, source) in &r.theme.statics {
        match source {
            theme::StaticSource::Builtin(bytes) => r.emit_file(path, bytes)?,
            theme::StaticSource::Disk(file) => {
                let bytes = std::fs::read(file)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", file.display())))?;
                if path.ends_with(".css") {
                    let config = &r.site.config;
                    let css = String::from_utf8_lossy(&bytes);
                    let external =
                        resources::external_in_css(&css, &config.base_url, &config.allowed_hosts);
                    if !external.is_empty() {
                        let errors = external
                            .iter()
                            .map(|url| r.external_resource(path, url).in_file(file.clone()));
                        return Err(RenderError::Template(errors.collect()));
                    }
                }
                r.emit_file(path, &bytes)?;
            }
        }
    }
    Ok(())
}

/// One view's rendering, run side by side with the others.
type View<'a> = dyn Fn() -> Result<(), RenderError> + Sync + 'a;

/// Runs fallible page renders, gathering template errors from all of them.
fn collect_errors(
    results: impl ParallelIterator<Item = Result<(), RenderError>>,
) -> Result<(), RenderError> {
    let results: Vec<Result<(), RenderError>> = results.collect();
    let mut template_errors = Vec::new();
    for result in results {
        match result {
            Ok(()) => {}
            Err(RenderError::Template(mut d)) => template_errors.append(&mut d),
            Err(e) => return Err(e),
        }
    }
    if template_errors.is_empty() {
        return Ok(());
    }
    template_errors.dedup();
    template_errors.truncate(20);
    Err(RenderError::Template(template_errors))
}

/// Counts what passes through to the real sink, and remembers the pages for the sitemap.
struct Counted<'a> {
    sink: &'a dyn Sink,
    pages: Mutex<Vec<String>>,
    files: AtomicUsize,
}

impl Sink for Counted<'_> {
    fn page(&self, path: &str, html: String) -> io::Result<()> {
        if let Ok(mut pages) = self.pages.lock() {
            pages.push(path.to_string());
        }
        self.sink.page(path, html)
    }

    fn file(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.sink.file(path, bytes)
    }

    fn file_stream(&self, path: &str, fill: &mut Fill<'_>) -> io::Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.sink.file_stream(path, fill)
    }
}

/// What every view module renders with.
pub(crate) struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    site_view: &'a SiteView<'a>,
    site_value: tera::Value,
    sink: &'a dyn Sink,
}

/// The context every page template gets beside `site`: `page`, and the view's own fields.
#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    page: PageView,
    #[serde(flatten)]
    view: &'a T,
}

impl Renderer<'_> {
    /// Renders `template` for `page` with the view's own fields beside `site` and `page`.
    fn page<T: Serialize>(
        &self,
        template: &str,
        page: PageView,
        view: &T,
    ) -> Result<String, RenderError> {
        let context = PageContext { page, view };
        let mut context = Context::from_serialize(&context)
            .map_err(|e| RenderError::Template(self.theme.diagnostics(&e)))?;
        context.insert_value("site", self.site_value.clone());
        self.theme
            .tera
            .render(template, &context)
            .map_err(|e| RenderError::Template(self.theme.diagnostics(&e)))
    }

    /// Writes a page at a site-relative directory path (`countries/laos/`) or file path,
    /// refusing pages that load resources from other hosts.
    fn emit_page(&self, path: &str, html: String) -> Result<(), RenderError> {
        let config = &self.site.config;
        let external = resources::external_in_html(&html, &config.base_url, &config.allowed_hosts);
        if !external.is_empty() {
            return Err(RenderError::Template(
                external
                    .iter()
                    .map(|url| self.external_resource(path, url))
                    .collect(),
            ));
        }
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        Ok(self.sink.page(&file, html)?)
    }

    /// The error for a page or stylesheet that loads `url` from another host, placed in the
    /// record file when the page is a record's.
    fn external_resource(&self, path: &str, url: &str) -> Diagnostic {
        let host = url
            .split("//")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or(url);
        let d = Diagnostic::error("external-resource", format!("`{path}` loads {url} from another host"))
            .with_help(format!(
                "copy the file into assets/ and link it from there, or allow the host in book.toml: [build] allowed_hosts = [\"https://{host}\"]"
            ));
        let record = path
            .trim_end_matches('/')
            .split_once('/')
            .and_then(|(section, slug)| {
                Kind::from_section(section).and_then(|kind| self.site.find(kind, slug))
            });
        let Some(record) = record.map(|id| &self.site.records[id]) else {
            return d;
        };
        // Point at the URL in the record's body when it was written there.
        let span = record.body.as_ref().and_then(|b| {
            b.text()
                .find(url)
                .map(|at| b.offset + at..b.offset + at + url.len())
        });
        match span {
            Some(span) => d.in_file(&record.path).at(span),
            None => d.in_file(&record.path),
        }
    }

    /// Writes a data or static file at a site-relative path.
    fn emit_file(&self, path: &str, bytes: &[u8]) -> Result<(), RenderError> {
        Ok(self.sink.file(path, bytes)?)
    }

    /// Renders Markdown for a page; `sources_on_page` when the page lists its sources.
    fn markdown(&self, text: &str, root: &str, sources_on_page: bool) -> String {
        let options = RenderOptions {
            root,
            raw_html: self.site.config.raw_html,
            sources_on_page,
        };
        markdown::render(text, &SiteResolver(self.site), &options)
    }
}

/// Lets Markdown rendering look records up.
struct SiteResolver<'a>(&'a Site);

impl Resolve for SiteResolver<'_> {
    fn record_path(&self, kind: Kind, slug: &str) -> Option<String> {
        self.0
            .find(kind, slug)
            .map(|id| self.0.records[id].url_path())
    }

    fn cite_label(&self, key: &str) -> Option<String> {
        self.0
            .find(Kind::Source, key)
            .map(|id| cite_label(&self.0.records[id]))
    }
}
