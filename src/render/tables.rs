//! `/tables/`: the report's tables rebuilt from the records, each row linking to its
//! record and each table downloadable as CSV (`tables/table-5.csv`), plus links to the
//! index table of every kind. Rows are chosen by what records hold (a `table_row`, a list
//! of shareholders, a forum edition), never by slug, so an edited record moves with them.

mod report;

use serde::Serialize;

use super::data::{Download, human_size};
use super::views::{Crumb, LinkView, PageView, cite_label};
use super::{RenderError, Renderer};
use crate::kinds::Kind;
use crate::model::{Record, Site};

/// One table of the report.
#[derive(Debug, Serialize)]
pub(crate) struct Table {
    /// Anchor and CSV file stem: `table-5`.
    id: String,
    /// "Table 5".
    label: &'static str,
    /// The title as the report prints it.
    title: String,
    /// Column headings.
    columns: Vec<&'static str>,
    rows: Vec<Row>,
    /// Where the report prints it, from the rows' own citations.
    source: Option<SourceLine>,
    /// Site-relative path of the CSV download.
    csv: String,
    /// Size of the CSV download.
    csv_size: String,
}

/// A row: the record it comes from, and its cells (the first is the row's heading).
#[derive(Debug, Serialize)]
pub(crate) struct Row {
    /// Id of the record, first column of the CSV.
    #[serde(skip)]
    record: String,
    cells: Vec<Cell>,
}

/// A table cell: texts and links, inline or as a list, with a key to sort it by when its
/// text would sort wrongly ("Joining in 2005", "2000 plus").
#[derive(Debug, Default, Clone, Serialize)]
pub(crate) struct Cell {
    items: Vec<Item>,
    list: bool,
    sort: Option<String>,
}

/// One text or link in a cell.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Item {
    text: String,
    /// Site-relative path when the item is a record.
    path: Option<String>,
    /// A role, a country, shown in brackets.
    note: Option<String>,
    /// The text is Chinese.
    zh: bool,
}

impl Item {
    fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            path: None,
            note: None,
            zh: false,
        }
    }

    fn link(record: &Record) -> Self {
        Self {
            path: Some(record.url_path()),
            ..Self::text(record.meta.title.clone())
        }
    }

    fn with_note(mut self, note: Option<String>) -> Self {
        self.note = note;
        self
    }

    /// CSV form: "Lu Wei (Director of CAC)".
    fn plain(&self) -> String {
        match &self.note {
            Some(note) => format!("{} ({note})", self.text),
            None => self.text.clone(),
        }
    }
}

impl Cell {
    fn text(text: impl Into<String>) -> Self {
        Self::items(vec![Item::text(text)])
    }

    fn maybe(text: Option<impl Into<String>>) -> Self {
        text.map_or_else(Self::default, Self::text)
    }

    fn link(record: &Record) -> Self {
        Self::items(vec![Item::link(record)])
    }

    fn items(items: Vec<Item>) -> Self {
        Self {
            items,
            list: false,
            sort: None,
        }
    }

    /// The same items shown as a bulleted list, as the report does in crowded cells
    /// (a single item stays inline).
    fn bulleted(mut self) -> Self {
        self.list = self.items.len() > 1;
        self
    }

    fn sorted_by(mut self, key: impl ToString) -> Self {
        self.sort = Some(key.to_string());
        self
    }

    /// CSV form: items separated by "; ".
    fn plain(&self) -> String {
        self.items
            .iter()
            .map(Item::plain)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// "Source: Ngeow 2021, Table 5, p. 17", linking the source record.
#[derive(Debug, Serialize)]
struct SourceLine {
    source: LinkView,
    label: String,
    locator: String,
}

/// The index page of a kind, for the list under the report's tables.
#[derive(Debug, Serialize)]
struct IndexLink {
    label: &'static str,
    path: String,
    count: usize,
    csv: String,
}

#[derive(Debug, Serialize)]
struct TablesPage {
    tables: Vec<Table>,
    indexes: Vec<IndexLink>,
}

impl Table {
    /// A table whose rows come from records; empty tables are not shown.
    fn new(
        site: &Site,
        id: String,
        label: &'static str,
        title: String,
        columns: Vec<&'static str>,
        rows: Vec<Row>,
        cited: &[&Record],
    ) -> Option<Self> {
        if rows.is_empty() {
            return None;
        }
        Some(Self {
            csv: format!("tables/{id}.csv"),
            source: source_line(site, cited, label),
            id,
            label,
            title,
            columns,
            rows,
            csv_size: String::new(),
        })
    }

    /// The table as CSV: the record's id, then the columns as shown.
    fn to_csv(&self) -> Result<Vec<u8>, csv::Error> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(std::iter::once("id").chain(self.columns.iter().copied()))?;
        for row in &self.rows {
            writer.write_record(
                std::iter::once(row.record.clone()).chain(row.cells.iter().map(Cell::plain)),
            )?;
        }
        writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
}

/// The locator under which most of `records` cite the table (`Table 5, p. 17`).
fn source_line(site: &Site, records: &[&Record], label: &str) -> Option<SourceLine> {
    let mut counts: Vec<((&str, &str), usize)> = Vec::new();
    for source in records.iter().flat_map(|r| &r.meta.sources) {
        let locator = source.locator.as_str();
        let names_table = locator
            .strip_prefix(label)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()));
        if !names_table {
            continue;
        }
        let key = (source.source.slug(), locator);
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    // The most cited; the first written wins a tie, so the choice is stable.
    let best = counts.iter().rev().max_by_key(|(_, n)| *n)?.0;
    let id = site.find(Kind::Source, best.0)?;
    let source = &site.records[id];
    Some(SourceLine {
        source: LinkView::to(source),
        label: cite_label(source),
        locator: best.1.to_string(),
    })
}

/// Renders `/tables/` and the CSV of each table; returns the CSV files for the data page.
pub(super) fn render(r: &Renderer<'_>) -> Result<Vec<Download>, RenderError> {
    let mut tables = report::tables(r.site);
    let mut downloads = Vec::with_capacity(tables.len());
    for table in &mut tables {
        let bytes = table.to_csv().map_err(std::io::Error::other)?;
        r.emit_file(&table.csv, &bytes)?;
        table.csv_size = human_size(bytes.len());
        downloads.push(Download::new(
            &table.csv,
            format!("{}: {}", table.label, table.title),
            Some(table.rows.len()),
            bytes.len(),
        ));
    }
    let indexes = Kind::ALL
        .iter()
        .filter(|&&k| !r.site.of_kind(k).is_empty())
        .map(|&k| IndexLink {
            label: k.plural_label(),
            path: format!("{}/", k.section()),
            count: r.site.of_kind(k).len(),
            csv: format!("data/{}.csv", k.section()),
        })
        .collect();
    let page = PageView::new(
        r.site,
        "tables/".into(),
        "Tables".into(),
        format!(
            "The report's tables rebuilt from the records of {}, each sortable and downloadable as CSV.",
            r.site.config.title
        ),
        vec![Crumb::home()],
    );
    let html = r.page("tables.html", page, &TablesPage { tables, indexes })?;
    r.emit_page("tables/", html)?;
    Ok(downloads)
}
