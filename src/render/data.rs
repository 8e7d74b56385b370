//! `/data/atlas.json`: every record with its fields and resolved links, for reuse.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::{RenderError, Renderer};
use crate::kinds::{Data, Kind, Meta};
use crate::model::Site;

#[derive(Serialize)]
struct Atlas<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    generator: String,
    counts: BTreeMap<&'static str, usize>,
    records: Vec<RecordJson<'a>>,
}

#[derive(Serialize)]
struct RecordJson<'a> {
    id: String,
    kind: Kind,
    slug: &'a str,
    url: String,
    #[serde(flatten)]
    meta: &'a Meta,
    #[serde(flatten)]
    data: &'a Data,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    links: Vec<LinkJson>,
    backlinks: Vec<LinkJson>,
}

#[derive(Serialize)]
struct LinkJson {
    relation: &'static str,
    record: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    locator: Option<String>,
}

/// Writes the data downloads: the whole atlas, and one file per record beside its page
/// (`countries/laos.json` for `countries/laos/`).
pub(super) fn render(r: &Renderer<'_>) -> Result<(), RenderError> {
    r.emit_file("data/atlas.json", &atlas_json(r.site))?;
    (0..r.site.records.len())
        .into_par_iter()
        .try_for_each(|id| {
            let record = &r.site.records[id];
            let json = serde_json::to_vec_pretty(&record_json(r.site, id)).unwrap_or_default();
            r.emit_file(&record_json_path(record), &json)
        })
}

/// Site-relative path of a record's JSON download.
pub(super) fn record_json_path(record: &crate::model::Record) -> String {
    format!("{}/{}.json", record.kind.section(), record.slug)
}

fn record_json(site: &Site, id: usize) -> RecordJson<'_> {
    let record = &site.records[id];
    RecordJson {
        id: record.id(),
        kind: record.kind,
        slug: &record.slug,
        url: format!("{}{}", site.config.base_url, record.url_path()),
        meta: &record.meta,
        data: &record.data,
        body: record.body.as_ref().map(|b| b.text.as_str()),
        links: site
            .links_from(id)
            .iter()
            .map(|l| LinkJson {
                relation: l.relation.field,
                record: site.records[l.to].id(),
                locator: l.locator.clone(),
            })
            .collect(),
        backlinks: site
            .links_to(id)
            .map(|l| LinkJson {
                relation: l.relation.field,
                record: site.records[l.from].id(),
                locator: None,
            })
            .collect(),
    }
}

/// The whole atlas as JSON bytes.
fn atlas_json(site: &Site) -> Vec<u8> {
    let records = (0..site.records.len())
        .map(|id| record_json(site, id))
        .collect();
    let counts = Kind::ALL
        .iter()
        .map(|&k| (k.section(), site.of_kind(k).len()))
        .collect();
    let atlas = Atlas {
        title: &site.config.title,
        description: &site.config.description,
        base_url: &site.config.base_url,
        generator: format!("Portolan {}", env!("CARGO_PKG_VERSION")),
        counts,
        records,
    };
    // Serializing plain data structs into memory cannot fail.
    serde_json::to_vec_pretty(&atlas).unwrap_or_default()
}
