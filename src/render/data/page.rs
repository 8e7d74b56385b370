//! The `/data/` page: every download with what it holds and its size.

use serde::Serialize;

use crate::kinds::Kind;
use crate::model::Site;
use crate::render::views::{Crumb, PageView};

/// A file readers can download.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Download {
    /// Site-relative path.
    pub(crate) path: String,
    /// File name: `projects.csv`.
    pub(crate) name: String,
    /// What it holds, in a sentence.
    pub(crate) holds: String,
    /// Data rows, for tables.
    pub(crate) rows: Option<usize>,
    /// Size in bytes.
    pub(crate) bytes: usize,
    /// Size for people: "12.3 kB".
    pub(crate) size: String,
}

impl Download {
    pub(crate) fn new(path: &str, holds: String, rows: Option<usize>, bytes: usize) -> Self {
        Self {
            path: path.to_string(),
            name: path.rsplit('/').next().unwrap_or(path).to_string(),
            holds,
            rows,
            bytes,
            size: human_size(bytes),
        }
    }
}

/// A byte count in SI units, as download links usually show it: "830 bytes", "12.3 kB".
pub(crate) fn human_size(bytes: usize) -> String {
    const UNITS: [&str; 3] = ["kB", "MB", "GB"];
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// The CSV of one kind and the tables that hang off it.
#[derive(Debug, Serialize)]
pub(crate) struct KindFiles {
    /// "Projects".
    pub(crate) label: &'static str,
    /// `projects/`: the kind's index page, which only a kind with records has.
    pub(crate) index: Option<String>,
    /// Records of the kind.
    pub(crate) main: Download,
    /// Link and nested tables.
    pub(crate) related: Vec<Download>,
}

impl KindFiles {
    pub(crate) fn new(kind: Kind, main: Download, has_records: bool) -> Self {
        Self {
            label: kind.plural_label(),
            index: has_records.then(|| format!("{}/", kind.section())),
            main,
            related: Vec::new(),
        }
    }
}

/// The per-record JSON files, counted rather than listed.
#[derive(Debug, Serialize)]
pub(crate) struct RecordFiles {
    pub(crate) count: usize,
    pub(crate) size: String,
    /// One of them, to show where they are.
    pub(crate) example: Option<String>,
}

/// Everything the `/data/` page shows.
#[derive(Debug, Serialize)]
pub(crate) struct DataPage {
    /// The whole atlas in one file, and the package description.
    pub(crate) whole: Vec<Download>,
    pub(crate) records: RecordFiles,
    pub(crate) kinds: Vec<KindFiles>,
    pub(crate) citations: Download,
    /// The report tables' CSV files.
    pub(crate) tables: Vec<Download>,
    pub(crate) schemas: Vec<Download>,
}

impl DataPage {
    pub(crate) fn page_view(&self, site: &Site) -> PageView {
        PageView::new(
            site,
            "data/".into(),
            "Data".into(),
            format!(
                "Download {} as JSON and CSV, with a Frictionless data package and a JSON Schema per kind.",
                site.config.title
            ),
            vec![Crumb::home()],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_si_units() {
        assert_eq!(human_size(830), "830 bytes");
        assert_eq!(human_size(12_345), "12.3 kB");
        assert_eq!(human_size(999_999), "1.0 MB");
        assert_eq!(human_size(2_500_000), "2.5 MB");
        assert_eq!(
            Download::new("data/projects.csv", String::new(), None, 1).name,
            "projects.csv"
        );
    }
}
