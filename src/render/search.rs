//! Full-text search: the `/search/` page and its index, built from the records (titles in
//! English and Chinese, aliases, summaries, kind-specific text, body text), never by
//! crawling the rendered pages.
//!
//! The index is cut into small files ([`shards`]) that `search.js` fetches only when a
//! reader starts typing, and only the pieces a query needs. Without JavaScript the page
//! lists every record A-Z by kind, so the browser's find-in-page still works.

mod index;
#[cfg(test)]
mod rank;
mod shards;
mod tokens;

use serde::Serialize;

use super::paginate::Listing;
use super::views::{Crumb, KindView, LinkView, PageView, Preview};
use super::{RenderError, Renderer};
use crate::kinds::Kind;
use crate::model::RecordId;

/// Where the index lives, site-relative.
const INDEX_DIR: &str = "search/";

#[derive(Serialize)]
struct SearchContext {
    /// The manifest, site-relative: `search/index.json`.
    index: String,
    /// Number of records searched.
    total: usize,
    /// Every record, A-Z within each kind, for readers without JavaScript.
    groups: Vec<KindGroup>,
}

/// The records of one kind, A-Z.
#[derive(Serialize)]
struct KindGroup {
    kind: KindView,
    /// Anchor of the group's heading.
    id: String,
    /// The records A-Z, all of them on pages of their own when there are more than a
    /// page holds.
    #[serde(flatten)]
    records: Preview,
}

/// Writes the index files and the search page.
pub(super) fn render(r: &Renderer<'_>) -> Result<(), RenderError> {
    let index = index::Index::build(r.site);
    let files = shards::split(&index, shards::Layout::default());
    r.emit_file(&format!("{INDEX_DIR}index.json"), &files.manifest)?;
    for (path, bytes) in &files.files {
        r.emit_file(&format!("{INDEX_DIR}{path}"), bytes)?;
    }
    let html = page(r)?;
    r.emit_page(INDEX_DIR, html)
}

fn page(r: &Renderer<'_>) -> Result<String, RenderError> {
    let page = PageView::new(
        r.site,
        INDEX_DIR.to_string(),
        "Search".into(),
        format!(
            "Search every record of {} by English or Chinese name, or by any word.",
            r.site.config.title
        ),
        vec![Crumb::home()],
    );
    let mut groups = Vec::new();
    for &kind in Kind::ALL.iter().filter(|k| !r.site.of_kind(**k).is_empty()) {
        let mut ids: Vec<RecordId> = r.site.ids_of_kind(kind).collect();
        ids.sort_by_cached_key(|&id| {
            let rec = &r.site.records[id];
            (rec.meta.title.to_lowercase(), rec.slug.clone())
        });
        let link = |id: RecordId| LinkView::to(&r.site.records[id]);
        let records = r.preview(&ids, &link, || Listing {
            base: format!("{INDEX_DIR}all/{}/", kind.section()),
            title: format!("All {}, A to Z", kind.plural_label().to_lowercase()),
            lead: format!(
                "The atlas's {} {}, by title.",
                ids.len(),
                kind.plural_label().to_lowercase()
            ),
            back: Crumb {
                label: "Search".into(),
                path: INDEX_DIR.into(),
            },
            crumbs: vec![Crumb::home()],
        })?;
        groups.push(KindGroup {
            kind: kind.into(),
            id: format!("all-{}", kind.section()),
            records,
        });
    }
    r.page(
        "search.html",
        page,
        &SearchContext {
            index: format!("{INDEX_DIR}index.json"),
            total: r.site.records.len(),
            groups,
        },
    )
}
