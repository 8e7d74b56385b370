//! The records as CSV tables: one per kind, one per list of references (a link table, so
//! every relation can be joined), one per list of nested objects (shareholders, delegates,
//! observations), and `citations.csv`. Each table carries the Table Schema that
//! `datapackage.json` publishes for it.

use serde_json::{Map, Value};

use super::columns::{Column, FieldType, Shape, columns};
use crate::kinds::{CITES, Kind};
use crate::model::{Record, Site};

/// One field of a CSV table, as its Table Schema describes it.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) kind: FieldType,
    pub(crate) description: String,
    pub(crate) allowed: Vec<String>,
    pub(crate) required: bool,
    /// Holds a web address.
    pub(crate) uri: bool,
    /// The resource whose `id` this field's values are.
    pub(crate) references: Option<String>,
}

impl Field {
    fn new(name: impl Into<String>, kind: FieldType, description: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            kind,
            description: description.into(),
            allowed: Vec::new(),
            required: false,
            uri: false,
            references: None,
        }
    }

    fn referencing(mut self, kind: Kind) -> Self {
        self.references = Some(kind.section().to_string());
        self
    }

    fn required(mut self) -> Self {
        self.required = true;
        self
    }
}

/// A CSV file with its schema and rows.
#[derive(Debug, Clone)]
pub(crate) struct CsvTable {
    /// Resource name and file stem: `projects`, `projects-countries`.
    pub(crate) name: String,
    /// What one row is, for people.
    pub(crate) description: String,
    pub(crate) fields: Vec<Field>,
    /// True for the kind tables, keyed by `id`.
    pub(crate) keyed: bool,
    pub(crate) rows: Vec<Vec<String>>,
}

impl CsvTable {
    /// The file's bytes: a header row, then one line per row.
    pub(crate) fn to_csv(&self) -> Result<Vec<u8>, csv::Error> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(self.fields.iter().map(|f| f.name.as_str()))?;
        for row in &self.rows {
            writer.write_record(row)?;
        }
        writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
}

/// Every CSV table of the atlas, kind by kind, then the citations.
#[cfg(test)]
pub(crate) fn tables(site: &Site) -> Vec<CsvTable> {
    each_table(site, Ok::<_, ()>).unwrap_or_default()
}

/// Hands each CSV table of the atlas to `f` as soon as it is made, kind by kind, then the
/// citations, so only one kind's rows are ever held.
pub(crate) fn each_table<T, E>(
    site: &Site,
    mut f: impl FnMut(CsvTable) -> Result<T, E>,
) -> Result<Vec<T>, E> {
    let mut out = Vec::new();
    for &kind in Kind::ALL {
        for table in kind_tables(site, kind) {
            out.push(f(table)?);
        }
    }
    out.push(f(citations(site))?);
    Ok(out)
}

/// The table of one kind, followed by its link and nested tables.
///
/// One pass over the records: each record's fields are made into JSON once, cut into the
/// rows of every table, and dropped, so only the rows are ever held.
pub(crate) fn kind_tables(site: &Site, kind: Kind) -> Vec<CsvTable> {
    let columns = columns(kind);
    let records = site.of_kind(kind);
    let mut fields = vec![Field::new("id", FieldType::String, id_description(kind)).required()];
    let mut flat = Vec::new();
    let mut related: Vec<(CsvTable, &Column)> = Vec::new();
    for column in &columns {
        match &column.shape {
            Shape::Nested(nested) => related.push((nested_table(kind, column, nested), column)),
            shape => {
                if let Shape::RefList(target) = shape {
                    related.push((link_table(kind, column, *target), column));
                }
                fields.push(field(kind, column));
                flat.push(column);
            }
        }
    }
    fields.push(Field {
        uri: true,
        ..Field::new(
            "page_url",
            FieldType::String,
            "The record's page in this atlas.",
        )
    });
    let mut rows = Vec::with_capacity(records.len());
    for record in records {
        let map = values(record);
        let mut row = vec![record.id()];
        row.extend(flat.iter().map(|c| cell(map.get(&c.name), &c.shape)));
        row.push(format!("{}{}", site.config.base_url, record.url_path()));
        rows.push(row);
        for (table, column) in &mut related {
            let items = map
                .get(&column.name)
                .and_then(Value::as_array)
                .into_iter()
                .flatten();
            match &column.shape {
                Shape::Nested(nested) => table.rows.extend(items.map(|item| {
                    let mut row = vec![record.id()];
                    row.extend(nested.iter().map(|c| cell(item.get(&c.name), &c.shape)));
                    row
                })),
                Shape::RefList(target) => table.rows.extend(
                    items
                        .filter_map(Value::as_str)
                        .map(|slug| vec![record.id(), record_id(*target, slug)]),
                ),
                _ => {}
            }
        }
    }
    let mut out = vec![CsvTable {
        name: kind.section().to_string(),
        description: format!("One row per {}.", kind.label().to_lowercase()),
        fields,
        keyed: true,
        rows,
    }];
    out.extend(related.into_iter().map(|(table, _)| table));
    out
}

fn id_description(kind: Kind) -> String {
    format!(
        "The record's id: `{}/` followed by its file name under content/{}/ without extension.",
        kind.section(),
        kind.section()
    )
}

/// The file of a related table: `projects-countries`.
fn related_name(kind: Kind, column: &Column) -> String {
    format!("{}-{}", kind.section(), column.name.replace('_', "-"))
}

/// The schema field of a flat column of `kind`'s table.
fn field(kind: Kind, column: &Column) -> Field {
    let (kind, description) = match &column.shape {
        Shape::Scalar(FieldType::Date) => (
            FieldType::Date,
            format!(
                "{} A year (2016), month (2016-06) or day (2016-04-29).",
                column.description
            ),
        ),
        Shape::Scalar(kind) => (*kind, column.description.clone()),
        Shape::Ref(_) => (FieldType::String, column.description.clone()),
        Shape::RefList(_) => (
            FieldType::String,
            format!(
                "{} Ids separated by \"; \"; one per row in {}.csv.",
                column.description,
                related_name(kind, column)
            ),
        ),
        Shape::List | Shape::Nested(_) => (
            FieldType::String,
            format!("{} Items separated by \"; \".", column.description),
        ),
    };
    let mut field = Field {
        allowed: column.allowed.clone(),
        required: column.required,
        uri: column.name == "website" || column.name == "url",
        ..Field::new(column.name.clone(), kind, description)
    };
    if let Shape::Ref(target) = column.shape {
        field = field.referencing(target);
    }
    field
}

/// A record's fields as JSON: its common fields and its kind's, merged.
fn values(record: &Record) -> Map<String, Value> {
    let mut map = match serde_json::to_value(&record.meta) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    if let Ok(Value::Object(data)) = serde_json::to_value(&record.data) {
        map.extend(data);
    }
    map
}

/// One value as CSV text.
pub(crate) fn cell(value: Option<&Value>, shape: &Shape) -> String {
    let Some(value) = value else {
        return String::new();
    };
    match (shape, value) {
        (Shape::Ref(kind), Value::String(slug)) => record_id(*kind, slug),
        (Shape::RefList(kind), Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|slug| record_id(*kind, slug))
            .collect::<Vec<_>>()
            .join("; "),
        _ => plain(value),
    }
}

fn record_id(kind: Kind, slug: &str) -> String {
    format!("{}/{slug}", kind.section())
}

/// Plain text of a JSON value: numbers without a trailing `.0`, lists joined with "; ".
pub(crate) fn plain(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) => f.to_string(),
            _ => n.to_string(),
        },
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join("; "),
        Value::Object(_) => value.to_string(),
    }
}

/// The column naming the record a row of a related table belongs to: `project`.
fn parent_field(kind: Kind, taken: &[&str]) -> Field {
    let name = kind.name().replace('-', "_");
    let name = if taken.contains(&name.as_str()) {
        format!("parent_{name}")
    } else {
        name
    };
    Field::new(
        name,
        FieldType::String,
        format!("The {} (an id in {}.csv).", kind.name(), kind.section()),
    )
    .referencing(kind)
    .required()
}

/// The table of one row per reference in a list field: `projects-countries.csv` (project,
/// countries), its rows still to come.
fn link_table(kind: Kind, column: &Column, target: Kind) -> CsvTable {
    let parent = parent_field(kind, &[column.name.as_str()]);
    let linked = Field::new(
        column.name.clone(),
        FieldType::String,
        column.description.clone(),
    )
    .referencing(target)
    .required();
    CsvTable {
        name: related_name(kind, column),
        description: format!(
            "The {} of each {}: one row per {} named.",
            column.name.replace('_', " "),
            kind.name(),
            target.name()
        ),
        fields: vec![parent, linked],
        keyed: false,
        rows: Vec::new(),
    }
}

/// The table of one row per nested object: `organizations-shareholders.csv`, its rows still
/// to come.
fn nested_table(kind: Kind, column: &Column, nested: &[Column]) -> CsvTable {
    let names: Vec<&str> = nested.iter().map(|c| c.name.as_str()).collect();
    let mut fields = vec![parent_field(kind, &names)];
    fields.extend(nested.iter().map(|c| field(kind, c)));
    CsvTable {
        name: related_name(kind, column),
        description: format!("{} One row per entry.", column.description),
        fields,
        keyed: false,
        rows: Vec::new(),
    }
}

/// Every citation of a source, from `sources` fields and from inline citations in bodies.
fn citations(site: &Site) -> CsvTable {
    let rows = site
        .links
        .iter()
        .filter(|l| l.relation == &CITES)
        .map(|l| {
            vec![
                site.records[l.from].id(),
                site.records[l.to].id(),
                l.locator.clone().unwrap_or_default(),
            ]
        })
        .collect();
    CsvTable {
        name: "citations".into(),
        description: "Where each record's facts come from: one row per source cited, with the place in it.".into(),
        fields: vec![
            Field::new(
                "record",
                FieldType::String,
                "The citing record's id, in the CSV of its kind (`projects/caih-town` is in projects.csv).",
            )
            .required(),
            Field::new("source", FieldType::String, "The source cited (an id in sources.csv).")
                .referencing(Kind::Source)
                .required(),
            Field::new(
                "locator",
                FieldType::String,
                "Where in the source: \"Table 5\", \"p. 17\", \"endnote 15\".",
            ),
        ],
        keyed: false,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn flattens_references_lists_and_numbers() {
        assert_eq!(
            cell(Some(&json!("laos")), &Shape::Ref(Kind::Country)),
            "countries/laos"
        );
        assert_eq!(
            cell(
                Some(&json!(["laos", "vietnam"])),
                &Shape::RefList(Kind::Country)
            ),
            "countries/laos; countries/vietnam"
        );
        assert_eq!(
            cell(Some(&json!(["Smart city", "Smart office"])), &Shape::List),
            "Smart city; Smart office"
        );
        assert_eq!(plain(&json!(45.0)), "45");
        assert_eq!(plain(&json!(409.9)), "409.9");
        assert_eq!(plain(&json!(true)), "true");
        assert_eq!(cell(None, &Shape::List), "");
        assert_eq!(cell(Some(&Value::Null), &Shape::Ref(Kind::Country)), "");
    }

    #[test]
    fn every_table_has_unique_field_names_and_rows_as_wide_as_its_header() {
        let site = super::super::fixture_site();
        for table in tables(&site) {
            let mut names: Vec<&str> = table.fields.iter().map(|f| f.name.as_str()).collect();
            names.sort_unstable();
            let count = names.len();
            names.dedup();
            assert_eq!(
                names.len(),
                count,
                "{}: a field name is used twice",
                table.name
            );
            for row in &table.rows {
                assert_eq!(row.len(), count, "{}: {row:?}", table.name);
            }
        }
    }

    #[test]
    fn writes_quoted_csv_with_a_header() {
        let table = CsvTable {
            name: "t".into(),
            description: String::new(),
            fields: vec![
                Field::new("id", FieldType::String, ""),
                Field::new("title", FieldType::String, ""),
            ],
            keyed: true,
            rows: vec![vec!["a/b".into(), "Say \"hi\", 你好".into()]],
        };
        let text = String::from_utf8(table.to_csv().unwrap()).unwrap();
        assert_eq!(text, "id,title\na/b,\"Say \"\"hi\"\", 你好\"\n");
    }
}
