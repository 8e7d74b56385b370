//! `/timeline/`: every dated record in date order, the phases as bands, one pre-rendered
//! page per filter (`/timeline/kind/event/`, `/timeline/country/laos/`,
//! `/timeline/platform/infrastructure/`) and `/data/timeline.json` for TimelineJS.
//!
//! What goes on the timeline, one item per date:
//! - events, documents and forums at their `date`; mechanisms at their `year`, shown as
//!   the source prints it (`year_label`) when it says more than the year;
//! - the start and the end of each phase and, where given, of each project.
//!
//! Dates keep their precision, and a coarser date sorts before the finer dates inside it
//! ([`PartialDate`]'s order): "2016" heads the 2016 group, before "April 2016".
//!
//! How an item gets its countries and platforms: from the references in record fields,
//! never from slugs, within one step of the record:
//! - those it names itself (an event's `countries`, a project's `platform`);
//! - those named by the records it names (an event's projects' platforms and countries,
//!   its people's and organizations' countries; a forum's delegates' and enterprises'
//!   countries; a document's issuers' country; a phase's marking events' countries);
//! - those named by the records that name it (a plan's work tasks' platforms, a phase's
//!   projects' platforms and countries, a document's events' countries). Without this
//!   step no dated record of the CAIH atlas would reach a platform: platforms are named
//!   by projects and tasks, which carry no dates of their own.
//!
//! Citations and body links do not count: they say where a fact comes from or mention a
//! record in passing, not who took part or where.
//!
//! A filter page holds only the items it shows, so the output grows with the items times
//! the facet values of each item, not with the items times every facet value. Only the
//! full page can be filtered in place; on a filter page the script only makes Back work.

mod chart;
mod timelinejs;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use super::paginate::{self, Pager};
use super::views::{Crumb, Figure, LinkView, PageView};
use super::{RenderError, Renderer, collect_errors, facts};
use crate::date::PartialDate;
use crate::kinds::{CITES, Data, Kind, MENTIONS};
use crate::model::{Link, RecordId, Site};

/// Site-relative path of the TimelineJS file.
const JSON_PATH: &str = "data/timeline.json";

/// What a date on the timeline marks. Declared in the order items on the same date are
/// listed: what ends, then what starts, then what happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Milestone {
    /// The end of a phase or project.
    End,
    /// The start of a phase or project.
    Start,
    /// The date of an event, document, forum or mechanism.
    Dated,
}

/// One date of one record.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) date: PartialDate,
    pub(crate) milestone: Milestone,
    pub(crate) record: RecordId,
    pub(crate) kind: Kind,
    /// The date as the source prints it, when that says more: "Joining in 2005".
    pub(crate) label: Option<String>,
    /// Country records, in record order.
    pub(crate) countries: Vec<RecordId>,
    /// Platform records, in record order.
    pub(crate) platforms: Vec<RecordId>,
}

impl Item {
    /// The date as shown: "2016", "June 2016", "29 April 2016", or the printed label.
    pub(crate) fn date_text(&self) -> String {
        self.label
            .clone()
            .unwrap_or_else(|| self.date.display_long())
    }

    /// What the date marks, in a word, for milestones.
    fn note(&self) -> Option<&'static str> {
        match self.milestone {
            Milestone::Start => Some("begins"),
            Milestone::End => Some("ends"),
            Milestone::Dated => None,
        }
    }
}

/// The dates a record puts on the timeline, with what each marks and its printed form.
fn dates(data: &Data) -> Vec<(PartialDate, Milestone, Option<&str>)> {
    let bounds = |start: Option<PartialDate>, end: Option<PartialDate>| {
        let start = start.map(|d| (d, Milestone::Start, None));
        let end = end.map(|d| (d, Milestone::End, None));
        start.into_iter().chain(end).collect()
    };
    match data {
        Data::Event(e) => vec![(e.date, Milestone::Dated, None)],
        Data::Document(d) => d
            .date
            .map(|date| (date, Milestone::Dated, None))
            .into_iter()
            .collect(),
        Data::Forum(f) => vec![(f.date, Milestone::Dated, None)],
        Data::Mechanism(m) => vec![(m.year, Milestone::Dated, m.year_label.as_deref())],
        Data::Phase(p) => bounds(Some(p.start), p.end.as_ref().map(|e| e.value)),
        Data::Project(p) => bounds(p.start, p.end.as_ref().map(|e| e.value)),
        _ => Vec::new(),
    }
}

/// Every dated item of the atlas, in date order.
pub(crate) fn items(site: &Site) -> Vec<Item> {
    let mut items = Vec::new();
    for (id, record) in site.records.iter().enumerate() {
        let dates = dates(&record.data);
        if dates.is_empty() {
            continue;
        }
        let (countries, platforms) = facets(site, id);
        for (date, milestone, label) in dates {
            items.push(Item {
                date,
                milestone,
                record: id,
                kind: record.kind,
                label: label.map(str::to_string),
                countries: countries.clone(),
                platforms: platforms.clone(),
            });
        }
    }
    items.sort_by_cached_key(|i| {
        let title = site.records[i.record].meta.title.to_lowercase();
        (i.date, i.milestone, i.kind, title, i.record)
    });
    items
}

/// Whether a link is a reference written in a field (not a citation or a body link).
fn in_field(link: &Link) -> bool {
    link.relation != &CITES && link.relation != &MENTIONS
}

/// The records `id` names in its fields.
fn named(site: &Site, id: RecordId) -> impl Iterator<Item = RecordId> + '_ {
    site.links_from(id)
        .iter()
        .filter(|l| in_field(l))
        .map(|l| l.to)
}

/// The countries and platforms of a record: see the module documentation.
fn facets(site: &Site, id: RecordId) -> (Vec<RecordId>, Vec<RecordId>) {
    let mut countries = BTreeSet::new();
    let mut platforms = BTreeSet::new();
    let mut note = |to: RecordId| match site.records[to].kind {
        Kind::Country => {
            countries.insert(to);
        }
        Kind::Platform => {
            platforms.insert(to);
        }
        _ => {}
    };
    for first in named(site, id) {
        note(first);
        named(site, first).for_each(&mut note);
    }
    for referrer in site.links_to(id).filter(|l| in_field(l)).map(|l| l.from) {
        named(site, referrer).for_each(&mut note);
    }
    (
        countries.into_iter().collect(),
        platforms.into_iter().collect(),
    )
}

/// One way to narrow the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Filter {
    /// Items of one kind.
    Kind(Kind),
    /// Items involving one country.
    Country(RecordId),
    /// Items concerning one platform.
    Platform(RecordId),
}

impl Filter {
    pub(crate) fn matches(self, item: &Item) -> bool {
        match self {
            Self::Kind(kind) => item.kind == kind,
            Self::Country(id) => item.countries.contains(&id),
            Self::Platform(id) => item.platforms.contains(&id),
        }
    }

    /// The facet's name, as in the URL and the items' `data-` attributes.
    fn facet(self) -> &'static str {
        match self {
            Self::Kind(_) => "kind",
            Self::Country(_) => "country",
            Self::Platform(_) => "platform",
        }
    }

    fn facet_label(self) -> &'static str {
        match self {
            Self::Kind(_) => "Kind",
            Self::Country(_) => "Country",
            Self::Platform(_) => "Platform",
        }
    }

    /// The value's slug: a kind's name or a record's slug.
    fn value(self, site: &Site) -> &str {
        match self {
            Self::Kind(kind) => kind.name(),
            Self::Country(id) | Self::Platform(id) => &site.records[id].slug,
        }
    }

    fn label(self, site: &Site) -> &str {
        match self {
            Self::Kind(kind) => kind.plural_label(),
            Self::Country(id) | Self::Platform(id) => &site.records[id].meta.title,
        }
    }

    /// Site-relative path of the filter's page.
    pub(crate) fn path(self, site: &Site) -> String {
        format!("timeline/{}/{}/", self.facet(), self.value(site))
    }
}

/// Every filter that keeps at least one item, by facet, each with its item count.
pub(crate) fn filters(site: &Site, items: &[Item]) -> Vec<Vec<(Filter, usize)>> {
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut countries: BTreeMap<RecordId, usize> = BTreeMap::new();
    let mut platforms: BTreeMap<RecordId, usize> = BTreeMap::new();
    for item in items {
        *kinds.entry(item.kind).or_default() += 1;
        for &c in &item.countries {
            *countries.entry(c).or_default() += 1;
        }
        for &p in &item.platforms {
            *platforms.entry(p).or_default() += 1;
        }
    }
    // Countries and platforms in their kind's own order (by title, by number).
    let by_record = |counts: BTreeMap<RecordId, usize>, make: fn(RecordId) -> Filter| {
        let mut list: Vec<(RecordId, usize)> = counts.into_iter().collect();
        list.sort_by_cached_key(|&(id, _)| facts::order_key(&site.records[id]));
        list.into_iter()
            .map(|(id, n)| (make(id), n))
            .collect::<Vec<_>>()
    };
    vec![
        kinds
            .into_iter()
            .map(|(k, n)| (Filter::Kind(k), n))
            .collect(),
        by_record(countries, Filter::Country),
        by_record(platforms, Filter::Platform),
    ]
}

#[derive(Serialize)]
struct TimelineContext {
    /// Items on the whole timeline.
    total: usize,
    /// Items on this page.
    shown: usize,
    first_year: Option<i32>,
    last_year: Option<i32>,
    /// "Showing 12 of 84 dated records (Country: Laos)."
    status: String,
    active: Option<FilterView>,
    facets: Vec<FacetView>,
    years: Vec<YearView>,
    chart: Option<Figure>,
    json: &'static str,
    /// Whether the page loads the filter script: when it has items.
    scripted: bool,
    /// Whether this page holds every item, so the script can filter it in place.
    complete: bool,
    pager: Option<Pager>,
}

#[derive(Serialize)]
struct FacetView {
    name: &'static str,
    label: &'static str,
    values: Vec<FilterView>,
}

#[derive(Serialize)]
struct FilterView {
    facet: &'static str,
    facet_label: &'static str,
    value: String,
    label: String,
    count: usize,
    path: String,
    active: bool,
}

#[derive(Serialize)]
struct YearView {
    year: i32,
    items: Vec<ItemView>,
}

#[derive(Serialize)]
struct ItemView {
    /// `2016-04-29`, for `<time datetime>`.
    iso: String,
    /// "29 April 2016".
    date: String,
    kind: &'static str,
    link: LinkView,
    note: Option<&'static str>,
    /// Space-separated slugs, for the script's `data-` attributes.
    countries: String,
    platforms: String,
}

/// Writes the timeline, its filter pages and its TimelineJS file.
pub(super) fn render(r: &Renderer<'_>) -> Result<(), RenderError> {
    let items = items(r.site);
    let filters = filters(r.site, &items);
    let each: Vec<Option<Filter>> = std::iter::once(None)
        .chain(filters.iter().flatten().map(|(f, _)| Some(*f)))
        .collect();
    collect_errors(
        each.into_par_iter()
            .map(|filter| pages(r, &items, &filters, filter)),
    )?;
    r.emit_file(JSON_PATH, &timelinejs::json(r.site, &items))
}

fn filter_view(site: &Site, filter: Filter, count: usize, active: Option<Filter>) -> FilterView {
    FilterView {
        facet: filter.facet(),
        facet_label: filter.facet_label(),
        value: filter.value(site).to_string(),
        label: filter.label(site).to_string(),
        count,
        path: filter.path(site),
        active: active == Some(filter),
    }
}

/// Writes the pages of the timeline, whole (`active` is `None`) or narrowed by one filter:
/// `[build] page_size` dates a page, the picture on the first.
fn pages(
    r: &Renderer<'_>,
    items: &[Item],
    filters: &[Vec<(Filter, usize)>],
    active: Option<Filter>,
) -> Result<(), RenderError> {
    let site = r.site;
    let shown: Vec<&Item> = items
        .iter()
        .filter(|i| active.is_none_or(|f| f.matches(i)))
        .collect();
    let base = active.map_or_else(|| "timeline/".to_string(), |f| f.path(site));
    for (number, on_page, pager) in paginate::pages(&shown, &base, r.site.config.page_size) {
        let active_view = active.map(|f| filter_view(site, f, shown.len(), active));
        let chart = if number == 1 {
            chart::figure(&chart::bands(site), items, &shown)
        } else {
            None
        };
        let context = TimelineContext {
            total: items.len(),
            shown: shown.len(),
            first_year: items.first().map(|i| i.date.year_value()),
            last_year: items.last().map(|i| i.date.year_value()),
            status: status(items.len(), shown.len(), active_view.as_ref()),
            active: active_view,
            facets: facet_views(site, filters, active),
            years: years(site, on_page),
            chart,
            json: JSON_PATH,
            scripted: !items.is_empty(),
            // The script filters in place only a page that holds every item.
            complete: active.is_none() && pager.is_none(),
            pager,
        };
        let page = page_view(site, active, context.pager.as_ref());
        let path = page.path.clone();
        let html = r.page("timeline.html", page, &context)?;
        r.emit_page(&path, html)?;
    }
    Ok(())
}

/// Address, title and breadcrumbs of the whole timeline or of one filter's page.
fn page_view(site: &Site, active: Option<Filter>, pager: Option<&Pager>) -> PageView {
    let mut crumbs = vec![Crumb::home()];
    let (path, title, description) = match active {
        None => (
            "timeline/".to_string(),
            "Timeline".to_string(),
            format!("Every dated record of {} in date order.", site.config.title),
        ),
        Some(f) => {
            crumbs.push(Crumb {
                label: "Timeline".into(),
                path: "timeline/".into(),
            });
            let label = f.label(site);
            (
                f.path(site),
                format!("Timeline: {label}"),
                format!(
                    "Dated records of {} ({}: {label}) in date order.",
                    site.config.title,
                    f.facet_label()
                ),
            )
        }
    };
    let path = paginate::page_path(&path, pager.map_or(1, |p| p.current));
    PageView::new(
        site,
        path,
        paginate::title(&title, pager),
        description,
        crumbs,
    )
}

/// The filter links, by facet, with the active one marked.
fn facet_views(
    site: &Site,
    filters: &[Vec<(Filter, usize)>],
    active: Option<Filter>,
) -> Vec<FacetView> {
    filters
        .iter()
        .filter_map(|values| {
            let (first, _) = values.first()?;
            Some(FacetView {
                name: first.facet(),
                label: first.facet_label(),
                values: values
                    .iter()
                    .map(|&(f, n)| filter_view(site, f, n, active))
                    .collect(),
            })
        })
        .collect()
}

/// The sentence the live region holds; `timeline.js` writes the same one.
fn status(total: usize, shown: usize, active: Option<&FilterView>) -> String {
    match active {
        None => format!("Showing {shown} of {total} dated records."),
        Some(f) => format!(
            "Showing {shown} of {total} dated records ({}: {}).",
            f.facet_label, f.label
        ),
    }
}

/// The items grouped by year, in order.
fn years(site: &Site, shown: &[&Item]) -> Vec<YearView> {
    let mut years: Vec<YearView> = Vec::new();
    for item in shown {
        let year = item.date.year_value();
        if years.last().is_none_or(|y| y.year != year) {
            years.push(YearView {
                year,
                items: Vec::new(),
            });
        }
        let slugs = |ids: &[RecordId]| {
            ids.iter()
                .map(|&id| site.records[id].slug.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let view = ItemView {
            iso: item.date.to_string(),
            date: item.date_text(),
            kind: item.kind.name(),
            link: LinkView::to(&site.records[item.record]),
            note: item.note(),
            countries: slugs(&item.countries),
            platforms: slugs(&item.platforms),
        };
        if let Some(y) = years.last_mut() {
            y.items.push(view);
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    fn item(d: &str, milestone: Milestone, kind: Kind, record: RecordId) -> Item {
        Item {
            date: date(d),
            milestone,
            record,
            kind,
            label: None,
            countries: vec![7],
            platforms: Vec::new(),
        }
    }

    #[test]
    fn items_sort_by_date_then_what_ends_before_what_starts() {
        let mut items = [
            item("2016-04-29", Milestone::Dated, Kind::Event, 1),
            item("2016-04", Milestone::Start, Kind::Phase, 2),
            item("2016", Milestone::Dated, Kind::Document, 3),
            item("2016-04", Milestone::End, Kind::Phase, 4),
            item("2015-12", Milestone::Dated, Kind::Event, 5),
        ];
        items.sort_by_key(|i| (i.date, i.milestone, i.kind, i.record));
        let order: Vec<RecordId> = items.iter().map(|i| i.record).collect();
        assert_eq!(order, [5, 3, 4, 2, 1]);
    }

    #[test]
    fn dates_show_their_precision_or_the_printed_label() {
        let mut i = item("2016", Milestone::Dated, Kind::Mechanism, 0);
        assert_eq!(i.date_text(), "2016");
        i.date = date("2016-06");
        assert_eq!(i.date_text(), "June 2016");
        i.date = date("2016-04-29");
        assert_eq!(i.date_text(), "29 April 2016");
        i.label = Some("Joining in 2005".into());
        assert_eq!(i.date_text(), "Joining in 2005");
        assert_eq!(
            item("2016", Milestone::End, Kind::Phase, 0).note(),
            Some("ends")
        );
    }

    #[test]
    fn filters_match_on_kind_and_on_derived_facets() {
        let i = item("2016", Milestone::Dated, Kind::Event, 0);
        assert!(Filter::Kind(Kind::Event).matches(&i));
        assert!(!Filter::Kind(Kind::Document).matches(&i));
        assert!(Filter::Country(7).matches(&i));
        assert!(!Filter::Country(8).matches(&i));
        assert!(!Filter::Platform(7).matches(&i));
    }

    /// The base fixture, checked and cross-linked.
    fn base_site() -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        let config =
            crate::config::Config::load(&root, &crate::config::Overrides::default()).unwrap();
        let (site, diagnostics) = crate::model::build(config, crate::load::load(&root));
        site.unwrap_or_else(|| panic!("{diagnostics:?}"))
    }

    #[test]
    fn every_dated_record_is_on_the_timeline_in_order() {
        let site = base_site();
        let shown: Vec<(&str, Option<&str>)> = items(&site)
            .iter()
            .map(|i| (site.records[i.record].slug.as_str(), i.note()))
            .collect();
        assert_eq!(
            shown,
            [
                ("caexpo", None),
                ("first-caih-forum", None),
                ("foundation", Some("begins")),
                ("construction-plan", None),
                ("2016-04-29-construction-plan-approved", None),
                ("laos-cloud-computing-center", Some("begins")),
                ("foundation", Some("ends")),
            ]
        );
    }

    #[test]
    fn facets_come_from_fields_and_the_records_they_name() {
        let site = base_site();
        let items = items(&site);
        let of = |slug: &str| {
            items
                .iter()
                .find(|i| site.records[i.record].slug == slug)
                .unwrap()
        };
        let slugs = |ids: &[RecordId]| -> Vec<&str> {
            ids.iter()
                .map(|&id| site.records[id].slug.as_str())
                .collect()
        };
        // Its own platform and country, and its implementer's and partner's countries.
        let project = of("laos-cloud-computing-center");
        assert_eq!(slugs(&project.platforms), ["infrastructure"]);
        assert_eq!(slugs(&project.countries), ["china", "laos"]);
        // A forum's delegates' and enterprises' countries.
        assert_eq!(slugs(&of("first-caih-forum").countries), ["china", "laos"]);
        // A document: its issuer's country, and its work task's platform.
        let document = of("construction-plan");
        assert_eq!(slugs(&document.countries), ["china"]);
        assert_eq!(slugs(&document.platforms), ["infrastructure"]);
        // An event: only what it names, and nothing reaches a platform.
        let event = of("2016-04-29-construction-plan-approved");
        assert_eq!(slugs(&event.countries), ["china"]);
        assert!(event.platforms.is_empty());
        // A phase: its marking event's countries, and its project's platform and countries.
        let phase = of("foundation");
        assert_eq!(slugs(&phase.countries), ["china", "laos"]);
        assert_eq!(slugs(&phase.platforms), ["infrastructure"]);

        let filters = filters(&site, &items);
        let paths: Vec<Vec<String>> = filters
            .iter()
            .map(|f| {
                f.iter()
                    .map(|(f, n)| format!("{} {n}", f.path(&site)))
                    .collect()
            })
            .collect();
        let expected: [&[&str]; 3] = [
            &[
                "timeline/kind/document/ 1",
                "timeline/kind/phase/ 2",
                "timeline/kind/project/ 1",
                "timeline/kind/forum/ 1",
                "timeline/kind/mechanism/ 1",
                "timeline/kind/event/ 1",
            ],
            &["timeline/country/china/ 6", "timeline/country/laos/ 5"],
            &["timeline/platform/infrastructure/ 4"],
        ];
        assert_eq!(paths, expected);
    }

    #[test]
    fn status_names_the_active_filter() {
        assert_eq!(status(84, 84, None), "Showing 84 of 84 dated records.");
        let laos = FilterView {
            facet: "country",
            facet_label: "Country",
            value: "laos".into(),
            label: "Laos".into(),
            count: 12,
            path: "timeline/country/laos/".into(),
            active: true,
        };
        assert_eq!(
            status(84, 12, Some(&laos)),
            "Showing 12 of 84 dated records (Country: Laos)."
        );
    }
}
