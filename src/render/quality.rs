//! `/about/data-quality/`: the atlas's gaps, for editors and for readers who want to know how
//! far to trust it: records without sources, records cut off from the rest, sources nobody
//! cites, stale or missing reviews, and how many records of each kind involve each country.

use serde::Serialize;

use super::views::{Crumb, LinkView, PageView};
use super::{RenderError, Renderer};
use crate::kinds::Kind;
use crate::model::{RecordId, Site};

/// Where the page lives.
pub(super) const PATH: &str = "about/data-quality/";

#[derive(Serialize)]
struct QualityView {
    records: usize,
    unsourced: Vec<LinkView>,
    orphans: Vec<LinkView>,
    uncited: Vec<LinkView>,
    review_after_days: u32,
    /// The atlas's latest `updated` date: reviews are aged against it, not against the clock,
    /// so the page is the same on every build of the same input.
    reference: Option<String>,
    stale: Vec<LinkView>,
    unreviewed: Vec<LinkView>,
    coverage: Coverage,
}

/// Records of each kind that name each country.
#[derive(Serialize)]
struct Coverage {
    kinds: Vec<&'static str>,
    rows: Vec<CoverageRow>,
}

#[derive(Serialize)]
struct CoverageRow {
    country: LinkView,
    counts: Vec<usize>,
    total: usize,
}

pub(super) fn render(r: &Renderer<'_>) -> Result<(), RenderError> {
    let site = r.site;
    let links = |ids: &[RecordId]| {
        ids.iter()
            .map(|&id| LinkView::to(&site.records[id]))
            .collect()
    };
    let reference = site.records.iter().filter_map(|rec| rec.meta.updated).max();
    let limit = i64::from(site.config.review_after_days);
    let mut stale = Vec::new();
    let mut unreviewed = Vec::new();
    for record in &site.records {
        match (record.meta.reviewed, reference) {
            (None, _) => unreviewed.push(LinkView::to(record)),
            (Some(reviewed), Some(reference))
                if reference.days_since_epoch() - reviewed.days_since_epoch() > limit =>
            {
                stale.push(
                    LinkView::to(record)
                        .with_note(Some(format!("reviewed {}", reviewed.display_long()))),
                );
            }
            _ => {}
        }
    }
    let view = QualityView {
        records: site.records.len(),
        unsourced: links(&site.gaps.unsourced),
        orphans: links(&site.gaps.orphans),
        uncited: links(&site.gaps.uncited),
        review_after_days: site.config.review_after_days,
        reference: reference.map(|d| d.display_long()),
        stale,
        unreviewed,
        coverage: coverage(site),
    };
    let page = PageView::new(
        site,
        PATH.into(),
        "Data quality".into(),
        format!(
            "Gaps in {}: unsourced, unlinked and unreviewed records, and coverage by country.",
            site.config.title
        ),
        vec![Crumb {
            label: "Home".into(),
            path: String::new(),
        }],
    );
    let html = r.page("quality.html", page, &view)?;
    r.emit_page(PATH, html)
}

fn coverage(site: &Site) -> Coverage {
    let kinds: Vec<Kind> = Kind::ALL
        .iter()
        .copied()
        .filter(|&k| k != Kind::Country && !site.of_kind(k).is_empty())
        .collect();
    let rows = site
        .of_kind(Kind::Country)
        .iter()
        .filter_map(|country| {
            let id = site.find(Kind::Country, &country.slug)?;
            let mut from: Vec<RecordId> = site.links_to(id).map(|l| l.from).collect();
            from.sort_unstable();
            from.dedup();
            let counts: Vec<usize> = kinds
                .iter()
                .map(|&k| from.iter().filter(|&&f| site.records[f].kind == k).count())
                .collect();
            Some(CoverageRow {
                country: LinkView::to(country),
                total: counts.iter().sum(),
                counts,
            })
        })
        .collect();
    Coverage {
        kinds: kinds.iter().map(|k| k.plural_label()).collect(),
        rows,
    }
}
