//! Which figures each page shows, built from the records: this module fills the typed
//! inputs of [`charts`] and [`maps`] from `&Site`, so no number is ever written by hand.
//!
//! - indicator pages: a chart of the indicator's own observations (two or more);
//! - organizations with shareholders: their shareholding;
//! - platform pages and the platforms index: projects by platform;
//! - country pages: the region with the country highlighted and its places;
//! - place pages: a locator map, on the closest view that shows the place;
//! - the home page: see [`home`].

use super::charts::{self, Bar, BarChart, Series, Share, ShareChart};
use super::facts;
use super::maps::{self, Canvas, Caption, Dot, Marker};
use super::views::{DataTable, Figure, cite_label};
use crate::diag::{Diagnostic, closest};
use crate::kinds::{Country, Data, Indicator, Kind, LayoutRole, Organization, Place};
use crate::model::{Record, RecordId, Site};

/// The figures of a record's page, for a page whose way to the site root is `root`.
pub(super) fn record(site: &Site, id: RecordId, root: &str) -> Vec<Figure> {
    let record = &site.records[id];
    let figure = match &record.data {
        Data::Indicator(i) => indicator_chart(site, record, i),
        Data::Organization(o) => shareholding_chart(site, record, o),
        Data::Platform(_) => platform_chart(site, Some(record)),
        Data::Country(c) => country_map(site, record, c, root),
        Data::Place(p) => place_map(site, record, p, root),
        _ => None,
    };
    figure.into_iter().collect()
}

/// The figures of a kind's index page.
pub(super) fn section(site: &Site, kind: Kind) -> Vec<Figure> {
    match kind {
        Kind::Platform => platform_chart(site, None).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// The home page's figures. An atlas names them in `book.toml`:
///
/// ```toml
/// [home]
/// figures = ["platforms", "indicators/first-batch-progress", "organizations/caih-co"]
/// ```
///
/// each entry a section (its index page's figures) or a record id (its page's figures), so
/// the editor decides what counts as a key figure and no record is singled out in code.
/// Without the list, the home page shows every section figure and the chart of every
/// indicator with at least two observations: the series that have a shape to show.
pub(super) fn home(site: &Site, root: &str) -> Result<Vec<Figure>, Diagnostic> {
    let Some(entries) = &site.config.home_figures else {
        let mut figures: Vec<Figure> = Kind::ALL.iter().flat_map(|&k| section(site, k)).collect();
        for record in site.of_kind(Kind::Indicator) {
            if let Data::Indicator(i) = &record.data {
                figures.extend(indicator_chart(site, record, i));
            }
        }
        return Ok(figures);
    };
    let mut figures = Vec::new();
    for entry in entries {
        let found = home_entry(site, entry, root).ok_or_else(|| unknown_home_entry(site, entry))?;
        if found.is_empty() {
            return Err(Diagnostic::error(
                "no-figure",
                format!("[home] figures lists `{entry}`, which has no chart or map to show"),
            )
            .in_file(crate::config::CONFIG_FILE)
            .with_help("list indicators with two or more observations, organizations with shareholders, platforms, countries or places"));
        }
        figures.extend(found);
    }
    Ok(figures)
}

/// The figures of one `[home] figures` entry; `None` when it names nothing.
fn home_entry(site: &Site, entry: &str, root: &str) -> Option<Vec<Figure>> {
    let kind_of = |section: &str| Kind::ALL.iter().copied().find(|k| k.section() == section);
    match entry.split_once('/') {
        Some((section, slug)) => {
            let id = site.find(kind_of(section)?, slug)?;
            Some(record(site, id, root))
        }
        None => Some(section(site, kind_of(entry)?)),
    }
}

fn unknown_home_entry(site: &Site, entry: &str) -> Diagnostic {
    let mut names: Vec<String> = Kind::ALL.iter().map(|k| k.section().to_string()).collect();
    names.extend(site.records.iter().map(Record::id));
    let d = Diagnostic::error(
        "unknown-reference",
        format!("[home] figures lists `{entry}`, which is neither a section nor a record"),
    )
    .in_file(crate::config::CONFIG_FILE);
    match closest(entry, names.iter().map(String::as_str)) {
        Some(near) => d.with_help(format!("did you mean `{near}`?")),
        None => {
            d.with_help("write a section (\"platforms\") or a record id (\"indicators/some-slug\")")
        }
    }
}

fn figure_id(record: &Record) -> String {
    format!("fig-{}-{}", record.kind.name(), record.slug)
}

/// The record's citations in a short line, or `None` when there are too many to be a
/// useful caption (the page lists them all under Sources).
fn sources_line(site: &Site, record: &Record) -> Option<String> {
    let cites: Vec<String> = record
        .meta
        .sources
        .iter()
        .filter_map(|s| {
            let source = &site.records[site.find(Kind::Source, s.source.slug())?];
            Some(format!("{}, {}", cite_label(source), s.locator))
        })
        .collect();
    (!cites.is_empty() && cites.len() <= 4).then(|| cites.join("; "))
}

/// A chart of an indicator's observations, one panel per unit. A single value is left to
/// the facts table: one bar has no shape, and a lone rank or percentage drawn as a bar
/// against itself would mislead.
fn indicator_chart(site: &Site, record: &Record, i: &Indicator) -> Option<Figure> {
    let observations: Vec<_> = i
        .observations
        .iter()
        .filter(|o| o.value.is_finite())
        .collect();
    if observations.len() < 2 {
        return None;
    }
    let label = |o: &crate::kinds::Observation, n: usize| {
        let base = match (&o.date, &o.label) {
            (Some(d), Some(l)) => format!("{}: {l}", d.display_long()),
            (Some(d), None) => d.display_long(),
            (None, Some(l)) => l.clone(),
            (None, None) => format!("Value {}", n + 1),
        };
        match &o.as_printed {
            Some(printed) => format!("{base} (as printed: \u{201c}{printed}\u{201d})"),
            None => base,
        }
    };
    let bar = |n: usize, o: &&crate::kinds::Observation, value: f64| Bar {
        label: label(o, n),
        value,
        current: false,
    };
    let mut series = vec![Series {
        unit: i.unit.clone(),
        bars: observations
            .iter()
            .enumerate()
            .map(|(n, o)| bar(n, o, o.value))
            .collect(),
    }];
    if let Some(alt) = &i.alt_unit {
        series.push(Series {
            unit: alt.clone(),
            bars: observations
                .iter()
                .enumerate()
                .filter_map(|(n, o)| Some(bar(n, o, o.alt_value?)))
                .collect(),
        });
    }
    let dated = observations
        .iter()
        .all(|o| o.date.is_some() && o.label.is_none());
    charts::bar_chart(&BarChart {
        id: figure_id(record),
        title: record.meta.title.clone(),
        label_heading: if dated { "Date" } else { "Observation" }.into(),
        series,
        summary: change(&observations, &i.unit),
        source: sources_line(site, record),
    })
}

/// For a dated series: how the first value compares with the last.
fn change(observations: &[&crate::kinds::Observation], unit: &str) -> Option<String> {
    let mut dated: Vec<_> = observations
        .iter()
        .filter_map(|o| Some((o.date?, o.value)))
        .collect();
    if dated.len() != observations.len() || dated.len() < 2 {
        return None;
    }
    dated.sort_by_key(|(d, _)| *d);
    let ((d0, v0), (d1, v1)) = (dated[0], dated[dated.len() - 1]);
    let mut text = format!(
        "From {} to {} the value went from {} to {} {unit}",
        d0.display_long(),
        d1.display_long(),
        super::svg::number(v0),
        super::svg::number(v1)
    );
    if v0 > 0.0 {
        let pct = (v1 - v0) / v0 * 100.0;
        text.push_str(&format!(
            " ({}{}%)",
            if pct >= 0.0 { "+" } else { "" },
            super::svg::number(pct.round())
        ));
    }
    text.push('.');
    Some(text)
}

/// A stacked bar of an organization's shareholders, in the order the record lists them.
fn shareholding_chart(site: &Site, record: &Record, o: &Organization) -> Option<Figure> {
    let shares = o
        .shareholders
        .iter()
        .filter_map(|s| {
            let holder = &site.records[site.find(Kind::Organization, s.holder.slug())?];
            Some(Share {
                label: holder.meta.title.clone(),
                percent: s.percent.value.0,
                note: s
                    .capital_million_yuan
                    .map(|c| format!("{} million yuan", super::svg::number(c.0))),
            })
        })
        .collect();
    charts::share_chart(&ShareChart {
        id: format!("{}-shareholders", figure_id(record)),
        title: format!("{}: shareholders", record.meta.title),
        label_heading: "Shareholder".into(),
        note_heading: Some("Capital subscribed".into()),
        shares,
        source: sources_line(site, record),
    })
}

/// Projects by platform, from each platform's project count; `current` is drawn stronger.
fn platform_chart(site: &Site, current: Option<&Record>) -> Option<Figure> {
    let mut platforms: Vec<&Record> = site.of_kind(Kind::Platform).iter().collect();
    platforms.sort_by_cached_key(|r| facts::order_key(r));
    let bars: Vec<Bar> = platforms
        .iter()
        .filter_map(|r| match &r.data {
            Data::Platform(p) => Some(Bar {
                label: r.meta.title.clone(),
                value: f64::from(p.project_count?),
                current: current.is_some_and(|c| c.slug == r.slug),
            }),
            _ => None,
        })
        .collect();
    let total: f64 = bars.iter().map(|b| b.value).sum();
    let summary = format!(
        "{} projects in all, from the project counts of {} platform records.",
        super::svg::number(total),
        bars.len()
    );
    charts::bar_chart(&BarChart {
        id: "fig-platforms".into(),
        title: "Projects by platform".into(),
        label_heading: "Platform".into(),
        series: vec![Series {
            unit: "projects".into(),
            bars,
        }],
        summary: Some(summary),
        source: None,
    })
}

fn marker(roles: &[LayoutRole]) -> Marker {
    match roles.first() {
        Some(LayoutRole::Base) => Marker::Base,
        Some(LayoutRole::Center) => Marker::Center,
        Some(LayoutRole::Axis) => Marker::Axis,
        _ => Marker::Place,
    }
}

/// "22.82° N, 108.37° E".
pub(super) fn coordinates(p: &Place) -> String {
    let (lat, lon) = (p.lat.0, p.lon.0);
    format!(
        "{:.2}° {}, {:.2}° {}",
        lat.abs(),
        if lat >= 0.0 { "N" } else { "S" },
        lon.abs(),
        if lon >= 0.0 { "E" } else { "W" }
    )
}

/// The region with the country highlighted and the places of the atlas in it as dots.
fn country_map(site: &Site, record: &Record, c: &Country, root: &str) -> Option<Figure> {
    let view = maps::region()?;
    if !view.has_country(&c.iso_code.0) {
        return None;
    }
    let places: Vec<(&Record, &Place)> = site
        .of_kind(Kind::Place)
        .iter()
        .filter_map(|r| match &r.data {
            Data::Place(p) if p.country.slug() == record.slug => Some((r, p)),
            _ => None,
        })
        .collect();
    let dots: Vec<Dot> = places
        .iter()
        .filter(|(_, p)| view.contains(p.lat.0, p.lon.0))
        .map(|(r, p)| Dot {
            label: r.meta.title.clone(),
            lat: p.lat.0,
            lon: p.lon.0,
            marker: Marker::Place,
            href: None,
        })
        .collect();
    let caption = Caption {
        id: figure_id(record),
        title: format!("{} on the map", record.meta.title),
        description: country_map_description(&view, record, &places),
    };
    let canvas = Canvas::whole(view, root);
    let mut figure = maps::locator(&caption, &canvas, Some(&c.iso_code.0), &dots, false);
    figure.table = (!places.is_empty()).then(|| DataTable {
        head: vec!["Place".into(), "Coordinates".into(), "On the map".into()],
        rows: places
            .iter()
            .map(|(r, p)| {
                let on = if view.contains(p.lat.0, p.lon.0) {
                    "yes"
                } else {
                    "no, outside it"
                };
                vec![r.meta.title.clone(), coordinates(p), on.into()]
            })
            .collect(),
    });
    Some(figure)
}

/// "Map of ... with Laos highlighted. Places ... marked as dots: ... Outside the map: ..."
fn country_map_description(
    view: &maps::View,
    record: &Record,
    places: &[(&Record, &Place)],
) -> String {
    let (shown, outside): (Vec<_>, Vec<_>) = places
        .iter()
        .partition(|(_, p)| view.contains(p.lat.0, p.lon.0));
    let names = |list: &[&(&Record, &Place)]| {
        list.iter()
            .map(|(r, _)| r.meta.title.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = format!(
        "Map of {} with {} highlighted.",
        view.label(),
        record.meta.title
    );
    if !shown.is_empty() {
        text.push_str(&format!(
            " Places of this atlas marked as dots: {}.",
            names(&shown)
        ));
    }
    if !outside.is_empty() {
        text.push_str(&format!(" Outside the map: {}.", names(&outside)));
    }
    text
}

/// A locator map for a place, on the most detailed view that shows it.
fn place_map(site: &Site, record: &Record, p: &Place, root: &str) -> Option<Figure> {
    let (lat, lon) = (p.lat.0, p.lon.0);
    let view = [maps::guangxi(), maps::region()]
        .into_iter()
        .flatten()
        .find(|v| v.contains(lat, lon))?;
    // The country is highlighted on the region view only: on the Guangxi view it would
    // paint most of the map.
    let iso = site
        .find(Kind::Country, p.country.slug())
        .and_then(|id| match &site.records[id].data {
            Data::Country(c) => Some(c.iso_code.0.as_str()),
            _ => None,
        })
        .filter(|_| view.name == "region");
    let caption = Caption {
        id: figure_id(record),
        title: format!("Where {} is", record.meta.title),
        description: format!(
            "Map of {}: {} is marked at {}.",
            view.label(),
            record.meta.title,
            coordinates(p)
        ),
    };
    let dot = Dot {
        label: record.meta.title.clone(),
        lat,
        lon,
        marker: marker(&p.layout_roles),
        href: None,
    };
    Some(maps::locator(
        &caption,
        &Canvas::whole(view, root),
        iso,
        &[dot],
        true,
    ))
}

/// Dots for places, with their symbols, linked from a page at `root`.
pub(super) fn place_dot(record: &Record, p: &Place, root: &str) -> Dot {
    Dot {
        label: record.meta.title.clone(),
        lat: p.lat.0,
        lon: p.lon.0,
        marker: marker(&p.layout_roles),
        href: Some(format!("{root}{}", record.url_path())),
    }
}
