//! Step 3 of the pipeline: turn the records read from files into one immutable [`Site`].
//! Every reference is resolved (or reported with the nearest id), links and citations in
//! bodies are checked, each record's own checks run, and back-references are indexed, so
//! rendering is a pure function of `&Site`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::PathBuf;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use crate::config::Config;
use crate::diag::{Diagnostic, closest};
use crate::kinds::{At, CITES, Checker, Data, Kind, MENTIONS, Meta, RefVisitor, Relation};
use crate::load::{Body, Intro, Loaded, RawRecord};
use crate::markdown;

mod gaps;

pub use gaps::Gaps;

/// Index of a record in [`Site::records`].
pub type RecordId = usize;

/// A record that passed every check.
#[derive(Debug)]
pub struct Record {
    /// Its kind.
    pub kind: Kind,
    /// Its id within the kind.
    pub slug: String,
    /// Its file, relative to the atlas root.
    pub path: PathBuf,
    /// Common fields.
    pub meta: Meta,
    /// Kind-specific fields.
    pub data: Data,
    /// Markdown body.
    pub body: Option<Body>,
    /// Byte offset of the record's TOML in its file, to place diagnostics.
    toml_offset: usize,
}

impl Record {
    /// Site-relative path of the record's page: `countries/laos/`.
    pub fn url_path(&self) -> String {
        format!("{}/{}/", self.kind.section(), self.slug)
    }

    /// `countries/laos`: the id used in data downloads.
    pub fn id(&self) -> String {
        format!("{}/{}", self.kind.section(), self.slug)
    }
}

/// A resolved reference from one record to another.
#[derive(Debug, Clone)]
pub struct Link {
    /// The record holding the reference.
    pub from: RecordId,
    /// The record referenced.
    pub to: RecordId,
    /// How they are related.
    pub relation: &'static Relation,
    /// For citations: where in the source.
    pub locator: Option<String>,
}

/// The whole atlas, checked and cross-linked.
#[derive(Debug)]
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// Every record, sorted by kind, then slug.
    pub records: Vec<Record>,
    /// Home and section introductions.
    pub intros: Vec<Intro>,
    /// Every link, grouped by `from` in record order, in the order written.
    pub links: Vec<Link>,
    /// What the atlas is missing, for editors.
    pub gaps: Gaps,
    kind_ranges: Vec<Range<usize>>,
    slugs: SlugIndex,
    out_ranges: Vec<Range<usize>>,
    back: Vec<Vec<usize>>,
}

impl Site {
    /// The records of one kind, sorted by slug.
    pub fn of_kind(&self, kind: Kind) -> &[Record] {
        &self.records[self.kind_ranges[kind as usize].clone()]
    }

    /// The ids of the records of one kind.
    pub fn ids_of_kind(&self, kind: Kind) -> std::ops::Range<RecordId> {
        self.kind_ranges[kind as usize].clone()
    }

    /// The id of the record with this kind and slug.
    pub fn find(&self, kind: Kind, slug: &str) -> Option<RecordId> {
        self.slugs.get(kind, slug)
    }

    /// Links written in record `id`.
    pub fn links_from(&self, id: RecordId) -> &[Link] {
        &self.links[self.out_ranges[id].clone()]
    }

    /// Links pointing at record `id`, in record order.
    pub fn links_to(&self, id: RecordId) -> impl Iterator<Item = &Link> {
        self.back[id].iter().map(|&i| &self.links[i])
    }

    /// The introduction of a section, or of the home page for `None`.
    pub fn intro(&self, kind: Option<Kind>) -> Option<&Intro> {
        self.intros.iter().find(|i| i.kind == kind)
    }
}

/// Record ids by kind and slug. Every link, citation and facet is looked up here, so this
/// is a hash map: a binary search over the records touches a record far away in memory at
/// each step, which made lookups the top cost of the model at 100,000 records.
#[derive(Debug, Default)]
struct SlugIndex(Vec<HashMap<String, RecordId, Xxh3DefaultBuilder>>);

impl SlugIndex {
    fn new(records: &[Record]) -> Self {
        let mut maps: Vec<HashMap<String, RecordId, Xxh3DefaultBuilder>> =
            Kind::ALL.iter().map(|_| HashMap::default()).collect();
        for (id, record) in records.iter().enumerate() {
            if let Some(map) = maps.get_mut(record.kind as usize) {
                map.insert(record.slug.clone(), id);
            }
        }
        Self(maps)
    }

    fn get(&self, kind: Kind, slug: &str) -> Option<RecordId> {
        self.0.get(kind as usize)?.get(slug).copied()
    }
}

/// Checks and cross-links everything loaded. Returns the site when there are no errors,
/// and every diagnostic (errors and warnings) found on the way.
pub fn build(config: Config, loaded: Loaded) -> (Option<Site>, Vec<Diagnostic>) {
    let Loaded {
        records: raw,
        intros,
        files: _,
        mut diagnostics,
        broken,
    } = loaded;
    let (records, drafts, mut duplicate_errors) = collect(raw, config.drafts);
    diagnostics.append(&mut duplicate_errors);
    let kind_ranges = kind_ranges(&records);
    let slugs = SlugIndex::new(&records);
    let lookup = Lookup {
        records: &records,
        ranges: &kind_ranges,
        slugs: &slugs,
        drafts: &drafts,
        broken: &broken,
    };

    let per_record: Vec<(Vec<Link>, Vec<Diagnostic>)> = records
        .par_iter()
        .enumerate()
        .map(|(id, record)| lookup.resolve(id, record))
        .collect();
    let mut links = Vec::new();
    let mut out_ranges = Vec::with_capacity(records.len());
    for (record_links, mut record_diags) in per_record {
        let start = links.len();
        links.extend(record_links);
        out_ranges.push(start..links.len());
        diagnostics.append(&mut record_diags);
    }
    let mut introduced = BTreeSet::new();
    for intro in &intros {
        let (mut intro_diags, targets) = lookup.check_intro(intro);
        diagnostics.append(&mut intro_diags);
        introduced.extend(targets);
    }
    diagnostics.extend(unique_numbers(&records));

    if diagnostics
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error)
    {
        return (None, diagnostics);
    }
    let mut back = vec![Vec::new(); records.len()];
    for (i, link) in links.iter().enumerate() {
        back[link.to].push(i);
    }
    let gaps = Gaps::find(&records, &links, &out_ranges, &back, &introduced);
    diagnostics.extend(gaps.warnings(&records));
    let site = Site {
        config,
        records,
        intros,
        links,
        gaps,
        kind_ranges,
        slugs,
        out_ranges,
        back,
    };
    (Some(site), diagnostics)
}

/// Drops drafts (unless wanted), sorts, and reports duplicate ids.
fn collect(
    raw: Vec<RawRecord>,
    keep_drafts: bool,
) -> (Vec<Record>, BTreeSet<(Kind, String)>, Vec<Diagnostic>) {
    let mut drafts = BTreeSet::new();
    let mut records = Vec::with_capacity(raw.len());
    for r in raw {
        let RawRecord {
            kind,
            slug,
            path,
            meta,
            data,
            toml_offset,
            body,
        } = r;
        if meta.draft && !keep_drafts {
            drafts.insert((kind, slug));
        } else {
            records.push(Record {
                kind,
                slug,
                path,
                meta,
                data,
                body,
                toml_offset,
            });
        }
    }
    records.sort_by(|a, b| (a.kind, &a.slug, &a.path).cmp(&(b.kind, &b.slug, &b.path)));
    let mut errors = Vec::new();
    let mut kept: Vec<Record> = Vec::with_capacity(records.len());
    for record in records {
        match kept.last() {
            Some(prev) if prev.kind == record.kind && prev.slug == record.slug => errors.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!(
                        "two {} records have the id `{}`",
                        record.kind.name(),
                        record.slug
                    ),
                )
                .in_file(&record.path)
                .at(0..0)
                .with_note(format!(
                    "the other is {}",
                    crate::diag::display_path(&prev.path)
                ))
                .with_help("rename or remove one of the two files"),
            ),
            _ => kept.push(record),
        }
    }
    (kept, drafts, errors)
}

fn kind_ranges(records: &[Record]) -> Vec<Range<usize>> {
    Kind::ALL
        .iter()
        .map(|&kind| {
            let start = records.partition_point(|r| r.kind < kind);
            let end = records.partition_point(|r| r.kind <= kind);
            start..end
        })
        .collect()
}

/// Resolves references against the sorted records.
struct Lookup<'a> {
    records: &'a [Record],
    ranges: &'a [Range<usize>],
    slugs: &'a SlugIndex,
    drafts: &'a BTreeSet<(Kind, String)>,
    broken: &'a BTreeSet<(Kind, String)>,
}

impl Lookup<'_> {
    fn find(&self, kind: Kind, slug: &str) -> Option<RecordId> {
        self.slugs.get(kind, slug)
    }

    /// Resolves every reference of one record and runs its own checks.
    fn resolve(&self, id: RecordId, record: &Record) -> (Vec<Link>, Vec<Diagnostic>) {
        let mut links = Vec::new();
        let mut diags = Vec::new();
        let mut visitor = RefVisitor::default();
        visitor.sources(&record.meta.sources);
        record.data.visit_refs(&mut visitor);
        for use_ in visitor.uses {
            let span = shift(&use_.slug.span, record.toml_offset);
            match self.target(use_.target, &use_.slug.value, use_.relation.field) {
                Ok(to) => links.push(Link {
                    from: id,
                    to,
                    relation: use_.relation,
                    locator: use_.locator.map(str::to_string),
                }),
                Err(Some(d)) => diags.push(d.in_file(&record.path).at(span)),
                Err(None) => {}
            }
        }
        if let Some(body) = &record.body {
            self.resolve_body(id, record, body, &mut links, &mut diags);
        }
        let mut checker = Checker::default();
        record.data.check(&mut checker);
        for f in checker.findings {
            let d = Diagnostic::error(f.code, f.message)
                .in_file(&record.path)
                .at(shift(&f.span, record.toml_offset));
            diags.push(d.with_help_opt(f.help));
        }
        (links, diags)
    }

    fn resolve_body(
        &self,
        id: RecordId,
        record: &Record,
        body: &Body,
        links: &mut Vec<Link>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let scan = markdown::scan(body);
        diags.extend(
            scan.diagnostics
                .into_iter()
                .map(|d| d.in_file(&record.path)),
        );
        let mut seen = BTreeMap::new();
        for link in scan.links {
            match self.target(link.kind, &link.slug, "body") {
                Ok(to) => {
                    seen.entry((to, "mention")).or_insert_with(|| Link {
                        from: id,
                        to,
                        relation: &MENTIONS,
                        locator: None,
                    });
                }
                Err(Some(d)) => diags.push(
                    d.with_code("broken-link")
                        .in_file(&record.path)
                        .at(link.span),
                ),
                Err(None) => {}
            }
        }
        for cite in scan.cites {
            match self.target(Kind::Source, &cite.key, "citation") {
                Ok(to) => {
                    seen.entry((to, "cite")).or_insert_with(|| Link {
                        from: id,
                        to,
                        relation: &CITES,
                        locator: cite.locator.clone(),
                    });
                }
                Err(Some(d)) => diags.push(
                    d.with_code("unknown-citation")
                        .in_file(&record.path)
                        .at(cite.span),
                ),
                Err(None) => {}
            }
        }
        links.extend(seen.into_values());
    }

    /// Body links on introduction pages are checked too; they make no back-references but
    /// keep their targets from counting as orphans.
    fn check_intro(&self, intro: &Intro) -> (Vec<Diagnostic>, Vec<RecordId>) {
        let scan = markdown::scan(&intro.body);
        let mut diags: Vec<Diagnostic> = scan
            .diagnostics
            .into_iter()
            .map(|d| d.in_file(&intro.path))
            .collect();
        let mut targets = Vec::new();
        let links = scan
            .links
            .iter()
            .map(|l| (l.kind, l.slug.as_str(), "body", "broken-link", &l.span));
        let cites = scan.cites.iter().map(|c| {
            (
                Kind::Source,
                c.key.as_str(),
                "citation",
                "unknown-citation",
                &c.span,
            )
        });
        for (kind, slug, field, code, span) in links.chain(cites) {
            match self.target(kind, slug, field) {
                Ok(id) => targets.push(id),
                Err(Some(d)) => diags.push(d.with_code(code).in_file(&intro.path).at(span.clone())),
                Err(None) => {}
            }
        }
        (diags, targets)
    }

    /// Finds the record `slug` of `kind`, or explains why it is not there. `Err(None)` when
    /// its file exists but has errors of its own, already reported.
    fn target(&self, kind: Kind, slug: &str, field: &str) -> Result<RecordId, Option<Diagnostic>> {
        if let Some(id) = self.find(kind, slug) {
            return Ok(id);
        }
        if self.broken.contains(&(kind, slug.to_string())) {
            return Err(None);
        }
        self.explain_missing(kind, slug, field).map_err(Some)
    }

    fn explain_missing(&self, kind: Kind, slug: &str, field: &str) -> Result<RecordId, Diagnostic> {
        let message = format!("unknown {} `{slug}`", kind.name());
        let d = Diagnostic::error("unknown-reference", message);
        if self.drafts.contains(&(kind, slug.to_string())) {
            return Err(d.with_help(format!(
                "`{slug}` is a draft: publish it (draft = false) or build with --drafts"
            )));
        }
        let slugs = self.records[self.ranges[kind as usize].clone()]
            .iter()
            .map(|r| r.slug.as_str());
        if let Some(near) = closest(slug, slugs) {
            return Err(d.with_help(format!("did you mean `{near}`?")));
        }
        if let Some(other) = Kind::ALL
            .iter()
            .find(|&&k| k != kind && self.find(k, slug).is_some())
        {
            return Err(d.with_help(format!(
                "`{slug}` is a {}, but `{field}` needs a {}",
                other.name(),
                kind.name()
            )));
        }
        Err(d.with_help(format!(
            "create content/{}/{slug}.md, or fix the id",
            kind.section()
        )))
    }
}

fn shift(span: &Range<usize>, offset: usize) -> Range<usize> {
    span.start + offset..span.end + offset
}

/// Numbers that identify a record inside its kind (task 7, the second phase) must be unique.
fn unique_numbers(records: &[Record]) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<(Kind, u32), &Record> = BTreeMap::new();
    let mut diags = Vec::new();
    for record in records {
        let number: Option<&At<u32>> = match &record.data {
            Data::Task(t) => Some(&t.number),
            Data::Phase(p) => Some(&p.number),
            Data::Platform(p) => Some(&p.number),
            Data::Forum(f) => Some(&f.edition),
            _ => None,
        };
        let Some(number) = number else { continue };
        if let Some(first) = seen.get(&(record.kind, number.value)) {
            diags.push(
                Diagnostic::error(
                    "duplicate-number",
                    format!(
                        "{} number {} is used twice",
                        record.kind.name(),
                        number.value
                    ),
                )
                .in_file(&record.path)
                .at(shift(&number.span, record.toml_offset))
                .with_note(format!(
                    "also used by {}",
                    crate::diag::display_path(&first.path)
                ))
                .with_help("give each one its own number"),
            );
        } else {
            seen.insert((record.kind, number.value), record);
        }
    }
    diags
}
