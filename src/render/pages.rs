//! The home page, one index page per kind and one page per record.

use serde::Serialize;

use super::paginate::{self, Listing, Pager};
use super::views::*;
use super::{RenderError, Renderer, facts, figures};
use crate::kinds::{CITES, Kind};
use crate::model::{Record, RecordId};

#[derive(Serialize)]
struct HomeContext {
    intro: Option<String>,
    more: Option<String>,
    views: Vec<ViewCard>,
    figures: Vec<Figure>,
}

/// A view offered on the home page.
#[derive(Serialize)]
struct ViewCard {
    label: &'static str,
    path: &'static str,
    about: &'static str,
}

#[derive(Serialize)]
struct SectionContext<'a> {
    kind: KindView,
    intro: Option<String>,
    figures: Vec<Figure>,
    columns: &'a [&'static str],
    /// Records of the kind, on every page.
    total: usize,
    rows: Vec<RowView>,
    pager: Option<Pager>,
}

#[derive(Serialize)]
struct RecordContext<'a> {
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
    figures: Vec<Figure>,
    source_file: String,
    /// Site-relative path of the record's JSON download.
    json: String,
    cite: CiteView,
}

/// How to cite a record page, and the `citation_*` metadata for reference managers.
#[derive(Serialize)]
struct CiteView {
    authors: Vec<String>,
    /// `2026/12/01`, the format Highwire Press tags use.
    date: Option<String>,
    year: Option<i32>,
    /// A ready-to-paste reference.
    text: String,
    bibtex: String,
}

impl Renderer<'_> {
    pub(super) fn home(&self) -> Result<String, RenderError> {
        let intro = self.site.intro(None);
        let title = intro
            .and_then(|i| i.title.clone())
            .unwrap_or_else(|| self.site.config.title.clone());
        // Search engines and link previews want a description; an atlas without one in
        // book.toml still gets a sentence.
        let description = match self.site.config.description.trim() {
            "" => format!(
                "{}: an atlas of {} linked, sourced records.",
                self.site.config.title,
                self.site.records.len()
            ),
            given => given.to_string(),
        };
        let page = PageView::new(self.site, String::new(), title, description, Vec::new());
        // `<!-- more -->` splits the introduction: the lead above the views, the rest below.
        let (lead, more) = match intro.map(|i| i.body.text()) {
            Some(text) => match text.split_once("\n<!-- more -->\n") {
                Some((lead, more)) => (Some(lead), Some(more)),
                None => (Some(text), None),
            },
            None => (None, None),
        };
        let intro = lead.map(|t| self.markdown(t, &page.root, false));
        let more = more.map(|t| self.markdown(t, &page.root, false));
        let figures =
            figures::home(self.site, &page.root).map_err(|d| RenderError::Template(vec![d]))?;
        let views = VIEWS
            .iter()
            .map(|&(label, path, about)| ViewCard { label, path, about })
            .collect();
        self.page(
            "index.html",
            page,
            &HomeContext {
                intro,
                more,
                views,
                figures,
            },
        )
    }

    /// Writes a kind's index: its records in a table, cut into pages of
    /// `[build] page_size` rows. The introduction and the figures are on the
    /// first page.
    pub(super) fn sections(&self, kind: Kind) -> Result<(), RenderError> {
        let intro = self.site.intro(Some(kind));
        let title = intro
            .and_then(|i| i.title.clone())
            .unwrap_or_else(|| kind.plural_label().to_string());
        let description = format!(
            "All {} in {}.",
            kind.plural_label().to_lowercase(),
            self.site.config.title
        );
        let base = format!("{}/", kind.section());
        let mut records: Vec<&Record> = self.site.of_kind(kind).iter().collect();
        records.sort_by_cached_key(|r| facts::order_key(r));
        let columns: Vec<&'static str> = records
            .first()
            .map(|r| {
                facts::facts(self.site, r)
                    .into_iter()
                    .filter(|f| f.column)
                    .map(|f| f.label)
                    .collect()
            })
            .unwrap_or_default();
        for (number, records, pager) in paginate::pages(&records, &base, self.site.config.page_size)
        {
            let page = PageView::new(
                self.site,
                paginate::page_path(&base, number),
                paginate::title(&title, pager.as_ref()),
                description.clone(),
                vec![Crumb::home()],
            );
            let first = number == 1;
            let intro = intro
                .filter(|_| first)
                .map(|i| self.markdown(i.body.text(), &page.root, false));
            let figures = if first {
                figures::section(self.site, kind)
            } else {
                Vec::new()
            };
            let rows = records
                .iter()
                .map(|record| RowView {
                    link: LinkView::to(record),
                    summary: record.meta.summary.clone(),
                    cells: facts::facts(self.site, record)
                        .into_iter()
                        .filter(|f| f.column)
                        .map(|f| f.value)
                        .collect(),
                })
                .collect();
            let path = page.path.clone();
            let html = self.page(
                "section.html",
                page,
                &SectionContext {
                    kind: kind.into(),
                    intro,
                    figures,
                    columns: &columns,
                    total: self.site.of_kind(kind).len(),
                    rows,
                    pager,
                },
            )?;
            self.emit_page(&path, html)?;
        }
        Ok(())
    }

    pub(super) fn record(&self, id: RecordId) -> Result<String, RenderError> {
        let record = &self.site.records[id];
        let crumbs = kind_crumbs(record.kind);
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
            .map(|b| self.markdown(b.text(), &page.root, true));
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
            backlinks: self.backlinks(id)?,
            figures: figures::record(self.site, id, &page.root),
            source_file: crate::diag::display_path(&record.path),
            json: super::data::record_json_path(record),
            cite: self.cite(record, &page.canonical),
        };
        let template = format!("{}.html", record.kind.name());
        let template = if self.theme.tera.contains_template(&template) {
            template.as_str()
        } else {
            "record.html"
        };
        self.page(
            template,
            page,
            &RecordContext {
                kind: record.kind.into(),
                record: view,
            },
        )
    }

    fn cite(&self, record: &Record, url: &str) -> CiteView {
        let config = &self.site.config;
        let authors = if config.authors.is_empty() {
            vec![config.title.clone()]
        } else {
            config.authors.clone()
        };
        let updated = record.meta.updated;
        let mut text = format!(
            "{}. \u{201c}{}.\u{201d} In {}",
            authors.join(", "),
            record.meta.title,
            config.title
        );
        if let Some(date) = updated {
            text.push_str(&format!(", updated {}", date.display_long()));
        }
        text.push_str(&format!(". {url}"));
        let key = format!(
            "{}-{}",
            crate::kinds::slugify(&config.title),
            record.id().replace('/', "-")
        );
        let year = updated
            .map(|d| format!("  year = {{{}}},\n", d.year_value()))
            .unwrap_or_default();
        let bibtex = format!(
            "@misc{{{key},\n  title = {{{}}},\n  author = {{{}}},\n  howpublished = {{{}}},\n{year}  url = {{{url}}},\n  note = {{Record {}}}\n}}",
            record.meta.title,
            authors
                .iter()
                .map(|a| format!("{{{a}}}"))
                .collect::<Vec<_>>()
                .join(" and "),
            config.title,
            record.id(),
        );
        CiteView {
            authors,
            date: updated.map(|d| d.to_string().replace('-', "/")),
            year: updated.map(|d| d.year_value()),
            text,
            bibtex,
        }
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

    /// Records pointing at this one, grouped by relation, each group in its kinds' order;
    /// citations and mentions last.
    fn backlink_groups(&self, id: RecordId) -> Vec<(&'static str, Vec<RecordId>)> {
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
        for (_, ids) in &mut groups {
            ids.sort_by_cached_key(|&i| {
                (
                    self.site.records[i].kind,
                    facts::order_key(&self.site.records[i]),
                    i,
                )
            });
            ids.dedup();
        }
        groups
    }

    /// The record page's back-links: each group's first `[build] page_size` records, and
    /// the group's own pages, written here, when it has more.
    fn backlinks(&self, id: RecordId) -> Result<Vec<BacklinkGroup>, RenderError> {
        let record = &self.site.records[id];
        let link = |i: RecordId| link(self.site, i);
        self.backlink_groups(id)
            .into_iter()
            .map(|(label, ids)| {
                let slug = crate::kinds::slugify(label);
                let records = self.preview(&ids, &link, || Listing {
                    base: format!("{}linked/{slug}/", record.url_path()),
                    title: format!("{}: {label}", record.meta.title),
                    lead: format!(
                        "The {} records linked to {} {} ({label}), in their kinds' order.",
                        ids.len(),
                        record.kind.label().to_lowercase(),
                        record.meta.title
                    ),
                    back: Crumb {
                        label: record.meta.title.clone(),
                        path: record.url_path(),
                    },
                    crumbs: kind_crumbs(record.kind),
                })?;
                Ok(BacklinkGroup {
                    label,
                    id: format!("linked-{slug}"),
                    records,
                })
            })
            .collect()
    }
}

/// The breadcrumbs above a record of `kind`: the home page, the kind's index.
fn kind_crumbs(kind: Kind) -> Vec<Crumb> {
    vec![
        Crumb::home(),
        Crumb {
            label: kind.plural_label().into(),
            path: format!("{}/", kind.section()),
        },
    ]
}
