//! `/about/data-quality/`: the atlas's gaps, for editors and for readers who want to know how
//! far to trust it: records without sources, records cut off from the rest, sources nobody
//! cites, stale or missing reviews, and how many records of each kind involve each country.

use serde::Serialize;

use super::paginate::{LinkFn, Listing};
use super::views::{Crumb, LinkView, PageView, Preview};
use super::{RenderError, Renderer};
use crate::kinds::Kind;
use crate::model::{RecordId, Site};

/// Where the page lives.
pub(super) const PATH: &str = "about/data-quality/";

#[derive(Serialize)]
struct QualityView {
    records: usize,
    unsourced: Preview,
    orphans: Preview,
    uncited: Preview,
    review_after_days: u32,
    /// The atlas's latest `updated` date: reviews are aged against it, not against the clock,
    /// so the page is the same on every build of the same input.
    reference: Option<String>,
    stale: Preview,
    unreviewed: Preview,
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
    let reference = site.records.iter().filter_map(|rec| rec.meta.updated).max();
    let limit = i64::from(site.config.review_after_days);
    let mut stale = Vec::new();
    let mut unreviewed = Vec::new();
    for (id, record) in site.records.iter().enumerate() {
        match (record.meta.reviewed, reference) {
            (None, _) => unreviewed.push(id),
            (Some(reviewed), Some(reference))
                if reference.days_since_epoch() - reviewed.days_since_epoch() > limit =>
            {
                stale.push(id);
            }
            _ => {}
        }
    }
    let plain = |id: RecordId| LinkView::to(&site.records[id]);
    let with_review = |id: RecordId| {
        let record = &site.records[id];
        LinkView::to(record).with_note(
            record
                .meta
                .reviewed
                .map(|d| format!("reviewed {}", d.display_long())),
        )
    };
    // Each list with a gap, its first `[build] page_size` records here and all of them on
    // pages of their own when there are more.
    let gaps = |slug: &str, title: &str, ids: &[RecordId], link: &LinkFn<'_>| {
        r.preview(ids, link, || Listing {
            base: format!("{PATH}{slug}/"),
            title: title.to_string(),
            lead: format!(
                "{title}: {} of the atlas's {} records.",
                ids.len(),
                site.records.len()
            ),
            back: Crumb {
                label: "Data quality".into(),
                path: PATH.into(),
            },
            crumbs: vec![Crumb::home()],
        })
    };
    let view = QualityView {
        records: site.records.len(),
        unsourced: gaps(
            "unsourced",
            "Records without sources",
            &site.gaps.unsourced,
            &plain,
        )?,
        orphans: gaps(
            "orphans",
            "Records cut off from the rest",
            &site.gaps.orphans,
            &plain,
        )?,
        uncited: gaps(
            "uncited",
            "Sources nobody cites",
            &site.gaps.uncited,
            &plain,
        )?,
        review_after_days: site.config.review_after_days,
        reference: reference.map(|d| d.display_long()),
        stale: gaps("stale", "Stale reviews", &stale, &with_review)?,
        unreviewed: gaps("unreviewed", "Records never reviewed", &unreviewed, &plain)?,
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
        vec![Crumb::home()],
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
