//! The data downloads and the `/data/` page that lists them: the whole atlas as JSON
//! (`data/atlas.json`), one JSON per record beside its page, one CSV per kind with its
//! link and nested tables ([`tabular`]), a Frictionless `datapackage.json` describing them
//! ([`package`]), and the JSON Schema of each kind's record files.

mod columns;
mod package;
mod page;
mod tabular;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::{RenderError, Renderer};
use crate::kinds::{Data, Kind, Meta};
use crate::model::Site;
pub(crate) use page::{Download, human_size};

/// `data/atlas.json` without its records, which follow as `"records": [...]`.
#[derive(Serialize)]
struct AtlasHead<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    generator: String,
    counts: BTreeMap<&'static str, usize>,
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

/// Writes every data download, then the `/data/` page listing them with the report
/// tables' CSV files (`tables`, written by the tables view).
pub(super) fn render(r: &Renderer<'_>, tables: Vec<Download>) -> Result<(), RenderError> {
    // Each record's JSON is made once: it is both its own download and a part of the
    // atlas, which is streamed a chunk of records at a time, never held whole.
    let mut record_bytes: Vec<usize> = Vec::with_capacity(r.site.records.len());
    let mut atlas_size = 0;
    let (atlas, (csv, schemas)) = rayon::join(
        || {
            r.sink.file_stream("data/atlas.json", &mut |out| {
                atlas_size = write_atlas(r, out, &mut record_bytes)?;
                Ok(())
            })
        },
        || rayon::join(|| csv_files(r), || schema_files(r)),
    );
    let (csv, schemas) = (csv?, schemas?);
    atlas?;
    let page = page::DataPage {
        whole: vec![
            Download::new(
                "data/atlas.json",
                format!(
                    "Every record ({}) with all its fields, its text and its links both ways.",
                    r.site.records.len()
                ),
                None,
                atlas_size,
            ),
            csv.package,
        ],
        records: page::RecordFiles {
            count: record_bytes.len(),
            size: human_size(record_bytes.iter().sum()),
            example: r.site.records.first().map(record_json_path),
        },
        kinds: csv.kinds,
        citations: csv.citations,
        tables,
        schemas,
    };
    r.emit_page("data/", r.page("data.html", page.page_view(r.site), &page)?)
}

/// The CSV files and the data package, as the page lists them.
struct CsvFiles {
    package: Download,
    kinds: Vec<page::KindFiles>,
    citations: Download,
}

/// Writes every CSV table and `data/datapackage.json`.
fn csv_files(r: &Renderer<'_>) -> Result<CsvFiles, RenderError> {
    let mut sizes = Vec::new();
    let mut kinds: Vec<page::KindFiles> = Vec::new();
    let mut citations = None;
    let tables = tabular::each_table(r.site, |mut table| {
        let bytes = table.to_csv().map_err(std::io::Error::other)?;
        let path = format!("data/{}.csv", table.name);
        r.emit_file(&path, &bytes)?;
        sizes.push(bytes.len());
        let download = Download::new(
            &path,
            table.description.clone(),
            Some(table.rows.len()),
            bytes.len(),
        );
        match Kind::from_section(&table.name) {
            Some(kind) => kinds.push(page::KindFiles::new(
                kind,
                download,
                !r.site.of_kind(kind).is_empty(),
            )),
            None if table.name == "citations" => citations = Some(download),
            None => {
                if let Some(last) = kinds.last_mut() {
                    last.related.push(download);
                }
            }
        }
        // The data package describes the table; its rows are in the file now.
        table.rows = Vec::new();
        Ok::<_, RenderError>(table)
    })?;
    let package = package::package(r.site, &tables, &sizes);
    // Serializing plain data structs into memory cannot fail.
    let json = serde_json::to_vec_pretty(&package).unwrap_or_default();
    r.emit_file("data/datapackage.json", &json)?;
    Ok(CsvFiles {
        package: Download::new(
            "data/datapackage.json",
            "A Frictionless Data Package describing every CSV file: fields, types, descriptions, keys and foreign keys.".into(),
            None,
            json.len(),
        ),
        kinds,
        citations: citations.unwrap_or_else(|| Download::new("data/citations.csv", String::new(), Some(0), 0)),
    })
}

/// Writes `data/schema/<kind>.json`, the JSON Schema of each kind's record files.
fn schema_files(r: &Renderer<'_>) -> Result<Vec<Download>, RenderError> {
    Kind::ALL
        .iter()
        .map(|&kind| {
            let json = serde_json::to_vec_pretty(&kind.json_schema()).unwrap_or_default();
            let path = format!("data/schema/{}.json", kind.name());
            r.emit_file(&path, &json)?;
            Ok(Download::new(
                &path,
                format!(
                    "What a {} record file may hold: every field, its type and meaning.",
                    kind.name()
                ),
                None,
                json.len(),
            ))
        })
        .collect()
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
        body: record.body.as_ref().map(|b| b.text()),
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

/// Writes `data/atlas.json` into `out`, and each record's own JSON beside its page;
/// returns the atlas's size and adds each record file's size to `sizes`.
fn write_atlas(
    r: &Renderer<'_>,
    out: &mut dyn std::io::Write,
    sizes: &mut Vec<usize>,
) -> std::io::Result<usize> {
    const CHUNK: usize = 2048;
    let head = atlas_head(r.site);
    out.write_all(&head)?;
    let mut size = head.len();
    let count = r.site.records.len();
    for start in (0..count).step_by(CHUNK) {
        let chunk = (start..(start + CHUNK).min(count))
            .into_par_iter()
            .with_max_len(super::RUN)
            .map(|id| {
                let json = record_json_bytes(r.site, id);
                r.sink
                    .file(&record_json_path(&r.site.records[id]), &json)
                    .map(|()| json)
            })
            .collect::<std::io::Result<Vec<Vec<u8>>>>()?;
        for (n, json) in chunk.iter().enumerate() {
            if start + n > 0 {
                out.write_all(b",")?;
                size += 1;
            }
            out.write_all(json)?;
            size += json.len();
            sizes.push(json.len());
        }
    }
    out.write_all(b"]}")?;
    Ok(size + 2)
}

/// One record's JSON, compact: its own download and a part of `data/atlas.json`.
fn record_json_bytes(site: &Site, id: usize) -> Vec<u8> {
    // Serializing plain data structs into memory cannot fail.
    serde_json::to_vec(&record_json(site, id)).unwrap_or_default()
}

/// The start of `data/atlas.json`, up to the opening of its `records` array.
fn atlas_head(site: &Site) -> Vec<u8> {
    let counts = Kind::ALL
        .iter()
        .map(|&k| (k.section(), site.of_kind(k).len()))
        .collect();
    let head = AtlasHead {
        title: &site.config.title,
        description: &site.config.description,
        base_url: &site.config.base_url,
        generator: format!("Portolan {}", env!("CARGO_PKG_VERSION")),
        counts,
    };
    let mut bytes = serde_json::to_vec(&head).unwrap_or_default();
    // `{...}` becomes `{...,"records":[`.
    bytes.pop();
    bytes.extend_from_slice(b",\"records\":[");
    bytes
}

/// The base fixture atlas, for unit tests of the views.
#[cfg(test)]
pub(crate) fn fixture_site() -> Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    let config = crate::config::Config::load(&root, &crate::config::Overrides::default())
        .unwrap_or_else(|_| panic!("the base fixture has a book.toml"));
    let (site, diagnostics) = crate::model::build(config, crate::load::load(&root));
    site.unwrap_or_else(|| panic!("the base fixture builds: {diagnostics:?}"))
}
