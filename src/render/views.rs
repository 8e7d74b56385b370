//! Typed views handed to templates: a documented contract, built from `&Site` without
//! cloning the model more than a page needs.

use serde::Serialize;

use crate::kinds::Kind;
use crate::model::{Record, RecordId, Site};

/// What every page's template can use about the site.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// Site description.
    pub description: &'a str,
    /// Content language.
    pub language: &'a str,
    /// Absolute URL of the site root.
    pub base_url: &'a str,
    /// One entry per kind that has records.
    pub sections: Vec<SectionLink>,
    /// The site's main views, for the header navigation.
    pub nav: Vec<NavLink>,
    /// `Portolan x.y.z`.
    pub generator: String,
    /// The Content-Security-Policy of every page: its own origin, plus allowed hosts.
    pub csp: String,
}

/// The header navigation: the views, then the kinds readers start from.
const NAV: &[(&str, &str)] = &[
    ("Timeline", "timeline/"),
    ("Map", "map/"),
    ("Tables", "tables/"),
    ("Countries", "countries/"),
    ("Projects", "projects/"),
    ("Documents", "documents/"),
    ("Organizations", "organizations/"),
    ("Data", "data/"),
];

/// The views offered on the home page, with what each is for.
pub const VIEWS: &[(&str, &str, &str)] = &[
    (
        "Timeline",
        "timeline/",
        "Every dated record in order, with the phases; filter by kind, country or platform.",
    ),
    (
        "Map",
        "map/",
        "Countries shaded by how much involves them, and the places of the spatial layout.",
    ),
    (
        "Tables",
        "tables/",
        "The report's tables rebuilt from the records, sortable and downloadable.",
    ),
    (
        "Search",
        "search/",
        "Find any record by an English or Chinese name or word.",
    ),
    (
        "Data",
        "data/",
        "The whole atlas as JSON and CSV, with a data package and schemas.",
    ),
    (
        "Data quality",
        "about/data-quality/",
        "What the atlas is missing: sources, links, reviews, coverage.",
    ),
];

/// An entry of the header navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    /// Text.
    pub label: &'static str,
    /// Site-relative path.
    pub path: &'static str,
}

/// Scripts, styles, images and fonts from the site itself (and allowed hosts) only; no inline
/// scripts or styles, no plugins, no foreign forms.
fn content_security_policy(allowed: &[String]) -> String {
    let hosts: String = allowed
        .iter()
        .map(|h| format!(" {}", h.trim_end_matches('/')))
        .collect();
    format!(
        "default-src 'self'{hosts}; script-src 'self'{hosts}; style-src 'self'{hosts}; img-src 'self' data:{hosts}; \
         font-src 'self'{hosts}; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// A kind's index page in navigation.
#[derive(Debug, Clone, Serialize)]
pub struct SectionLink {
    /// Kind name: `business-field`.
    pub kind: &'static str,
    /// "Business fields".
    pub label: &'static str,
    /// `business-fields/`.
    pub path: String,
    /// Number of records.
    pub count: usize,
}

impl<'a> SiteView<'a> {
    /// The view of `site`.
    pub fn new(site: &'a Site) -> Self {
        let sections = Kind::ALL
            .iter()
            .filter(|k| !site.of_kind(**k).is_empty())
            .map(|&k| SectionLink {
                kind: k.name(),
                label: k.plural_label(),
                path: format!("{}/", k.section()),
                count: site.of_kind(k).len(),
            })
            .collect();
        Self {
            title: &site.config.title,
            description: &site.config.description,
            language: &site.config.language,
            base_url: &site.config.base_url,
            sections,
            nav: NAV
                .iter()
                .map(|&(label, path)| NavLink { label, path })
                .collect(),
            generator: format!("Portolan {}", env!("CARGO_PKG_VERSION")),
            csp: content_security_policy(&site.config.allowed_hosts),
        }
    }
}

/// What every page's template can use about the page itself.
#[derive(Debug, Serialize)]
pub struct PageView {
    /// Site-relative path of the page: `countries/laos/` (empty for the home page).
    pub path: String,
    /// Prefix leading from this page to the site root: `../../` (`./` on the home page).
    pub root: String,
    /// Absolute URL of this page.
    pub canonical: String,
    /// Title for `<title>` and the main heading.
    pub title: String,
    /// Description for metadata.
    pub description: String,
    /// Links from the home page down to this page's parent.
    pub breadcrumbs: Vec<Crumb>,
    /// `website` or `article`, for Open Graph.
    pub og_type: &'static str,
    /// Ask search engines not to index this page.
    pub noindex: bool,
}

/// A picture drawn at build time (chart or map) with its text alternative and its numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// Anchor id, unique on the page.
    pub id: String,
    /// Caption.
    pub title: String,
    /// The SVG markup, safe to embed as is.
    pub svg: String,
    /// What the picture shows, in words, for screen readers and when images are off.
    pub description: String,
    /// The numbers behind the picture.
    pub table: Option<DataTable>,
    /// Where the numbers come from.
    pub source: Option<String>,
}

/// A small table of plain values, with an optional link per row.
#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    /// Column headings.
    pub head: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

/// One step of the breadcrumb trail.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// Text.
    pub label: String,
    /// Site-relative path.
    pub path: String,
}

impl Crumb {
    /// The first step of every trail.
    pub fn home() -> Self {
        Self {
            label: "Home".into(),
            path: String::new(),
        }
    }
}

impl PageView {
    /// The page at site-relative `path`.
    pub fn new(
        site: &Site,
        path: String,
        title: String,
        description: String,
        breadcrumbs: Vec<Crumb>,
    ) -> Self {
        let depth = path.split('/').filter(|s| !s.is_empty()).count();
        let root = if depth == 0 {
            "./".to_string()
        } else {
            "../".repeat(depth)
        };
        let canonical = format!("{}{path}", site.config.base_url);
        let og_type = if depth >= 2 { "article" } else { "website" };
        Self {
            path,
            root,
            canonical,
            title,
            description,
            breadcrumbs,
            og_type,
            noindex: false,
        }
    }
}

/// A link to a record, as lists and tables show it.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// The record's title.
    pub title: String,
    /// Chinese title, when it has one.
    pub title_zh: Option<String>,
    /// Site-relative path of its page.
    pub path: String,
    /// Its kind's label: "Project".
    pub kind: &'static str,
    /// A short annotation: a role, a share, a locator.
    pub note: Option<String>,
}

impl LinkView {
    /// A link to `record`.
    pub fn to(record: &Record) -> Self {
        Self {
            title: record.meta.title.clone(),
            title_zh: record.meta.title_zh.clone(),
            path: record.url_path(),
            kind: record.kind.label(),
            note: None,
        }
    }

    /// The same link with an annotation.
    pub fn with_note(mut self, note: Option<String>) -> Self {
        self.note = note;
        self
    }
}

/// One labelled fact about a record.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// "Platform".
    pub label: &'static str,
    /// The value.
    pub value: Value,
    /// Whether the kind's index table shows this fact as a column.
    #[serde(skip)]
    pub column: bool,
}

/// A fact's value, tagged by `type` for templates.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Value {
    /// Nothing known (an empty table cell).
    Empty,
    /// Plain text.
    Text {
        /// The text.
        text: String,
    },
    /// A date shown with its precision.
    Date {
        /// "29 April 2016".
        text: String,
        /// `2016-04-29`, for `<time datetime>`.
        iso: String,
    },
    /// Links to other records.
    Links {
        /// The links.
        items: Vec<LinkView>,
    },
    /// Several short texts.
    List {
        /// The texts.
        items: Vec<String>,
    },
    /// An external web address.
    Url {
        /// The address.
        href: String,
    },
    /// A small table.
    Table {
        /// Column headings.
        head: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
    },
}

/// Records pointing at a record, under one heading.
#[derive(Debug, Serialize)]
pub struct BacklinkGroup {
    /// "Projects", "Cited by".
    pub label: &'static str,
    /// Anchor id for the group.
    pub id: String,
    /// The records, in their kinds' order.
    #[serde(flatten)]
    pub records: Preview,
}

/// The start of a list that may be too long for the page it is on: its first
/// `[build] page_size` records, how many it has, and where all of them are listed when it
/// has more.
#[derive(Debug, Serialize)]
pub struct Preview {
    /// The records shown.
    pub items: Vec<LinkView>,
    /// How many records the list has.
    pub total: usize,
    /// The first of the list's own pages, when the page shows only the start.
    pub more: Option<String>,
}

/// One source cited by a record, with every locator it is cited at.
#[derive(Debug, Serialize)]
pub struct CitationView {
    /// Anchor for inline citations: `ref-ngeow2021`.
    pub anchor: String,
    /// The source.
    pub link: LinkView,
    /// Full reference.
    pub reference: String,
    /// "Table 5; endnote 15".
    pub locators: String,
}

/// A row in a kind's index table.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// The record.
    pub link: LinkView,
    /// The summary, if any.
    pub summary: Option<String>,
    /// One value per column.
    pub cells: Vec<Value>,
}

/// A kind, for headings and navigation.
#[derive(Debug, Serialize)]
pub struct KindView {
    /// `business-field`.
    pub name: &'static str,
    /// `business-fields`.
    pub section: &'static str,
    /// "Business field".
    pub label: &'static str,
    /// "Business fields".
    pub plural: &'static str,
}

impl From<Kind> for KindView {
    fn from(kind: Kind) -> Self {
        Self {
            name: kind.name(),
            section: kind.section(),
            label: kind.label(),
            plural: kind.plural_label(),
        }
    }
}

/// A source's short inline label, "Ngeow 2021".
pub fn cite_label(record: &Record) -> String {
    let crate::kinds::Data::Source(source) = &record.data else {
        return record.meta.title.clone();
    };
    let name = source
        .cite_as
        .clone()
        .or_else(|| {
            source
                .authors
                .first()
                .map(|a| a.split([',', ' ']).next().unwrap_or(a).to_string())
        })
        .unwrap_or_else(|| record.meta.title.clone());
    match source.date {
        Some(date) => format!("{name} {}", date.year_value()),
        None => name,
    }
}

/// A source's full reference, in a plain author-date style.
pub fn reference(record: &Record) -> String {
    let crate::kinds::Data::Source(source) = &record.data else {
        return record.meta.title.clone();
    };
    let mut parts = Vec::new();
    let authors = source.authors.join(", ");
    let year = source
        .date
        .map(|d| d.year_value().to_string())
        .unwrap_or_else(|| "n.d.".into());
    parts.push(if authors.is_empty() {
        format!("({year})")
    } else {
        format!("{authors} ({year})")
    });
    let mut title = record.meta.title.clone();
    if let Some(t) = &source.translated_title {
        title.push_str(&format!(" [{t}]"));
    }
    parts.push(title);
    for part in [
        &source.container,
        &source.volume,
        &source.publisher_place,
        &source.publisher,
    ]
    .into_iter()
    .flatten()
    {
        parts.push(part.clone());
    }
    let mut text = parts.join(". ");
    text.push('.');
    text
}

/// Resolves a link to a record id.
pub fn link(site: &Site, id: RecordId) -> LinkView {
    LinkView::to(&site.records[id])
}
