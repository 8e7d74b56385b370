//! Step 4 of the pipeline: a pure function of `&Site` that produces every page and data
//! file and hands each to a [`Sink`]. Pages are rendered in parallel; nothing here writes
//! to disk itself.

mod data;
pub mod facts;
pub mod theme;
pub mod views;

use std::io;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diag::Diagnostic;
use crate::kinds::{CITES, Kind};
use crate::markdown::{self, RenderOptions, Resolve};
use crate::model::{Record, RecordId, Site};
use theme::Theme;
use views::*;

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes an HTML page at a site-relative path such as `countries/laos/index.html`.
    fn page(&self, path: &str, html: String) -> io::Result<()>;
    /// Writes any other file.
    fn file(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
}

/// What rendering produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    /// HTML pages written.
    pub pages: usize,
    /// Other files written.
    pub files: usize,
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
    let r = Renderer {
        site,
        theme,
        site_view: &site_view,
    };
    let mut summary = Summary::default();

    sink.page("index.html", r.home()?)?;
    summary.pages += 1;
    for &kind in Kind::ALL {
        if !site.of_kind(kind).is_empty() {
            sink.page(&format!("{}/index.html", kind.section()), r.section(kind)?)?;
            summary.pages += 1;
        }
    }
    let results: Vec<Result<(), RenderError>> = (0..site.records.len())
        .into_par_iter()
        .map(|id| {
            let html = r.record(id)?;
            sink.page(&format!("{}index.html", site.records[id].url_path()), html)?;
            Ok(())
        })
        .collect();
    let mut template_errors = Vec::new();
    for result in results {
        match result {
            Ok(()) => summary.pages += 1,
            Err(RenderError::Template(mut d)) => template_errors.append(&mut d),
            Err(e) => return Err(e),
        }
    }
    if !template_errors.is_empty() {
        template_errors.dedup();
        template_errors.truncate(20);
        return Err(RenderError::Template(template_errors));
    }
    sink.file("data/atlas.json", &data::atlas_json(site))?;
    summary.files += 1;
    Ok(summary)
}

struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    site_view: &'a SiteView<'a>,
}

#[derive(Serialize)]
struct HomeContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    intro: Option<String>,
}

#[derive(Serialize)]
struct SectionContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    kind: KindView,
    intro: Option<String>,
    columns: Vec<&'static str>,
    rows: Vec<RowView>,
}

#[derive(Serialize)]
struct RecordContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    kind: KindView,
    record: RecordView<'a>,
}

/// Everything a record page shows.
#[derive(Serialize)]
struct RecordView<'a> {
    id: String,
    slug: &'a str,
    title: &'a str,
    title_zh: Option<&'a str>,
    aliases: &'a [String],
    summary: Option<&'a str>,
    note: Option<&'a str>,
    updated: Option<String>,
    reviewed: Option<String>,
    body: Option<String>,
    facts: Vec<Fact>,
    citations: Vec<CitationView>,
    backlinks: Vec<BacklinkGroup>,
    source_file: String,
}

impl Renderer<'_> {
    fn render(&self, template: &str, context: &impl Serialize) -> Result<String, RenderError> {
        let context = Context::from_serialize(context)
            .map_err(|e| RenderError::Template(vec![self.theme.diagnostic(&e)]))?;
        self.theme
            .tera
            .render(template, &context)
            .map_err(|e| RenderError::Template(vec![self.theme.diagnostic(&e)]))
    }

    /// Renders Markdown for a page; `sources_on_page` when the page lists its sources.
    fn markdown(&self, text: &str, root: &str, sources_on_page: bool) -> String {
        let options = RenderOptions {
            root,
            allow_html: self.site.config.allow_html,
            sources_on_page,
        };
        markdown::render(text, &SiteResolver(self.site), &options)
    }

    fn home(&self) -> Result<String, RenderError> {
        let intro = self.site.intro(None);
        let title = intro
            .and_then(|i| i.title.clone())
            .unwrap_or_else(|| self.site.config.title.clone());
        let page = PageView::new(
            self.site,
            String::new(),
            title,
            self.site.config.description.clone(),
            Vec::new(),
        );
        let intro = intro.map(|i| self.markdown(&i.body.text, &page.root, false));
        self.render(
            "index.html",
            &HomeContext {
                site: self.site_view,
                page,
                intro,
            },
        )
    }

    fn section(&self, kind: Kind) -> Result<String, RenderError> {
        let intro = self.site.intro(Some(kind));
        let title = intro
            .and_then(|i| i.title.clone())
            .unwrap_or_else(|| kind.plural_label().to_string());
        let description = format!(
            "All {} in {}.",
            kind.plural_label().to_lowercase(),
            self.site.config.title
        );
        let crumbs = vec![Crumb {
            label: "Home".into(),
            path: String::new(),
        }];
        let page = PageView::new(
            self.site,
            format!("{}/", kind.section()),
            title,
            description,
            crumbs,
        );
        let intro = intro.map(|i| self.markdown(&i.body.text, &page.root, false));
        let mut records: Vec<&Record> = self.site.of_kind(kind).iter().collect();
        records.sort_by_cached_key(|r| facts::order_key(r));
        let mut columns = Vec::new();
        let rows = records
            .iter()
            .map(|record| {
                let all = facts::facts(self.site, record);
                let cells: Vec<Fact> = all.into_iter().filter(|f| f.column).collect();
                if columns.is_empty() {
                    columns = cells.iter().map(|f| f.label).collect();
                }
                RowView {
                    link: LinkView::to(record),
                    summary: record.meta.summary.clone(),
                    cells: cells.into_iter().map(|f| f.value).collect(),
                }
            })
            .collect();
        self.render(
            "section.html",
            &SectionContext {
                site: self.site_view,
                page,
                kind: kind.into(),
                intro,
                columns,
                rows,
            },
        )
    }

    fn record(&self, id: RecordId) -> Result<String, RenderError> {
        let record = &self.site.records[id];
        let crumbs = vec![
            Crumb {
                label: "Home".into(),
                path: String::new(),
            },
            Crumb {
                label: record.kind.plural_label().into(),
                path: format!("{}/", record.kind.section()),
            },
        ];
        let description =
            record.meta.summary.clone().unwrap_or_else(|| {
                format!("{} in {}.", record.kind.label(), self.site.config.title)
            });
        let page = PageView::new(
            self.site,
            record.url_path(),
            record.meta.title.clone(),
            description,
            crumbs,
        );
        let body = record
            .body
            .as_ref()
            .map(|b| self.markdown(&b.text, &page.root, true));
        let meta = &record.meta;
        let view = RecordView {
            id: record.id(),
            slug: &record.slug,
            title: &meta.title,
            title_zh: meta.title_zh.as_deref(),
            aliases: &meta.aliases,
            summary: meta.summary.as_deref(),
            note: meta.note.as_deref(),
            updated: meta.updated.map(|d| d.display_long()),
            reviewed: meta.reviewed.map(|d| d.display_long()),
            body,
            facts: facts::facts(self.site, record),
            citations: self.citations(id),
            backlinks: self.backlinks(id),
            source_file: crate::diag::display_path(&record.path),
        };
        let template = format!("{}.html", record.kind.name());
        let template = if self.theme.tera.contains_template(&template) {
            template.as_str()
        } else {
            "record.html"
        };
        self.render(
            template,
            &RecordContext {
                site: self.site_view,
                page,
                kind: record.kind.into(),
                record: view,
            },
        )
    }

    /// The sources a record cites, one entry per source with all its locators.
    fn citations(&self, id: RecordId) -> Vec<CitationView> {
        let mut out: Vec<(RecordId, Vec<String>)> = Vec::new();
        for link in self
            .site
            .links_from(id)
            .iter()
            .filter(|l| l.relation == &CITES)
        {
            let index = match out.iter().position(|(to, _)| *to == link.to) {
                Some(index) => index,
                None => {
                    out.push((link.to, Vec::new()));
                    out.len() - 1
                }
            };
            let locators = &mut out[index].1;
            if let Some(l) = &link.locator
                && !locators.contains(l)
            {
                locators.push(l.clone());
            }
        }
        out.into_iter()
            .map(|(to, locators)| {
                let source = &self.site.records[to];
                CitationView {
                    anchor: format!("ref-{}", source.slug),
                    link: LinkView::to(source),
                    reference: reference(source),
                    locators: locators.join("; "),
                }
            })
            .collect()
    }

    /// Records pointing at this one, grouped by relation; citations and mentions last.
    fn backlinks(&self, id: RecordId) -> Vec<BacklinkGroup> {
        let mut groups: Vec<(&'static str, Vec<RecordId>)> = Vec::new();
        for link in self.site.links_to(id) {
            let label = link.relation.inverse;
            match groups.iter_mut().find(|(l, _)| *l == label) {
                Some((_, ids)) => ids.push(link.from),
                None => groups.push((label, vec![link.from])),
            }
        }
        let last = |label: &str| label == "Cited by" || label == "Mentioned in";
        groups.sort_by_key(|(label, _)| last(label));
        groups
            .into_iter()
            .map(|(label, mut ids)| {
                ids.sort_by_cached_key(|&i| {
                    (
                        self.site.records[i].kind,
                        facts::order_key(&self.site.records[i]),
                    )
                });
                ids.dedup();
                BacklinkGroup {
                    label,
                    id: format!("linked-{}", crate::kinds::slugify(label)),
                    items: ids.into_iter().map(|i| link(self.site, i)).collect(),
                }
            })
            .collect()
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
