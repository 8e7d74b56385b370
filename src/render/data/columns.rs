//! The columns of a kind's CSV, read from its JSON Schema so that a field added to a kind
//! appears in the downloads with its type and description without further code.

use serde_json::{Map, Value};

use crate::kinds::Kind;

/// A column's value type, as Frictionless Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldType {
    String,
    Integer,
    Number,
    Boolean,
    /// A year, month or day in ISO 8601 form; a plain `string` in the package, since
    /// Table Schema's `date` cannot hold mixed precision.
    Date,
}

impl FieldType {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::String | Self::Date => "string",
            Self::Integer => "integer",
            Self::Number => "number",
            Self::Boolean => "boolean",
        }
    }
}

/// How a field of the schema becomes CSV.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// One value per cell.
    Scalar(FieldType),
    /// The id of one record: `countries/laos`.
    Ref(Kind),
    /// Ids of several records, joined with "; " (and listed one per row in a link table).
    RefList(Kind),
    /// Several texts joined with "; ".
    List,
    /// A list of objects (shareholders, delegates): a table of its own.
    Nested(Vec<Column>),
}

/// One field of a kind (or of a nested object) as a CSV column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    /// Field name as written in record files.
    pub(crate) name: String,
    /// What the field holds, from the kind's documentation.
    pub(crate) description: String,
    pub(crate) shape: Shape,
    /// The allowed values of an enumeration.
    pub(crate) allowed: Vec<String>,
    /// The field must be given in every record.
    pub(crate) required: bool,
}

/// Fields that are not columns of a kind's CSV: `sources` go to `citations.csv`, bodies
/// stay in the JSON downloads, drafts are never published.
const LEFT_OUT: &[&str] = &["sources", "body", "draft"];
/// Common fields placed after the kind's own, so each CSV starts with what it is about.
const TRAILING: &[&str] = &["note", "updated", "reviewed"];

/// The columns of `kind`, in the order of its schema (common fields first, editorial ones
/// last). Does not include `id`, which every table starts with.
pub(crate) fn columns(kind: Kind) -> Vec<Column> {
    let schema = kind.json_schema();
    let root = schema.as_object().cloned().unwrap_or_default();
    let mut all = object_columns(&root, &root);
    all.retain(|c| !LEFT_OUT.contains(&c.name.as_str()));
    let (mut head, tail): (Vec<Column>, Vec<Column>) = all
        .into_iter()
        .partition(|c| !TRAILING.contains(&c.name.as_str()));
    head.extend(tail);
    head
}

/// The columns of an object schema's properties.
fn object_columns(object: &Map<String, Value>, root: &Map<String, Value>) -> Vec<Column> {
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = object.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(name, property)| {
            let (shape, allowed) = shape(property, root);
            Column {
                name: name.clone(),
                description: text(property, "description")
                    .or_else(|| resolve(property, root).and_then(|d| text(d, "description")))
                    .unwrap_or_default(),
                shape,
                allowed,
                required: required.contains(&name.as_str()),
            }
        })
        .collect()
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_string)
}

/// The definition a `$ref` points at.
fn resolve<'a>(node: &Value, root: &'a Map<String, Value>) -> Option<&'a Value> {
    let name = def_name(node)?;
    root.get("$defs")?.get(name)
}

fn def_name(node: &Value) -> Option<&str> {
    node.get("$ref")?.as_str()?.rsplit('/').next()
}

/// Drops the `null` alternative of an optional field.
fn non_null(node: &Value) -> &Value {
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = node.get(key).and_then(Value::as_array)
            && options.len() == 2
            && let Some(other) = options
                .iter()
                .find(|o| o.get("type") != Some(&"null".into()))
        {
            return other;
        }
    }
    node
}

/// The shape of a property, and its allowed values when it is an enumeration.
fn shape(property: &Value, root: &Map<String, Value>) -> (Shape, Vec<String>) {
    let node = non_null(property);
    if let Some(name) = def_name(node) {
        if let Some(kind) = Kind::ALL
            .iter()
            .find(|k| name == format!("{}Id", k.type_name()))
        {
            return (Shape::Ref(*kind), Vec::new());
        }
        if name == "PartialDate" {
            return (Shape::Scalar(FieldType::Date), Vec::new());
        }
        return match resolve(node, root) {
            Some(Value::Object(def)) if def.contains_key("properties") => {
                (Shape::Nested(object_columns(def, root)), Vec::new())
            }
            Some(def) => shape(def, root),
            None => (Shape::Scalar(FieldType::String), Vec::new()),
        };
    }
    if let Some(values) = enum_values(node) {
        return (Shape::Scalar(FieldType::String), values);
    }
    match type_name(node) {
        Some("array") => {
            let items = node.get("items").cloned().unwrap_or(Value::Null);
            match shape(&items, root).0 {
                Shape::Ref(kind) => (Shape::RefList(kind), Vec::new()),
                nested @ Shape::Nested(_) => (nested, Vec::new()),
                _ => (Shape::List, Vec::new()),
            }
        }
        Some("integer") => (Shape::Scalar(FieldType::Integer), Vec::new()),
        Some("number") => (Shape::Scalar(FieldType::Number), Vec::new()),
        Some("boolean") => (Shape::Scalar(FieldType::Boolean), Vec::new()),
        _ => (Shape::Scalar(FieldType::String), Vec::new()),
    }
}

/// `"type": "integer"` or `"type": ["integer", "null"]`.
fn type_name(node: &Value) -> Option<&str> {
    match node.get("type")? {
        Value::String(t) => Some(t),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null"),
        _ => None,
    }
}

/// The `const`s of a `oneOf` enumeration, or its `enum` list.
fn enum_values(node: &Value) -> Option<Vec<String>> {
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        return Some(
            values
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
        );
    }
    let options = node.get("oneOf")?.as_array()?;
    options
        .iter()
        .map(|o| o.get("const").and_then(Value::as_str).map(str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(kind: Kind, name: &str) -> Column {
        columns(kind)
            .into_iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{} has no column {name}", kind.name()))
    }

    #[test]
    fn reads_references_lists_and_scalars_from_the_schema() {
        assert_eq!(
            column(Kind::Project, "platform").shape,
            Shape::Ref(Kind::Platform)
        );
        assert_eq!(
            column(Kind::Project, "countries").shape,
            Shape::RefList(Kind::Country)
        );
        assert_eq!(
            column(Kind::Project, "table_row").shape,
            Shape::Scalar(FieldType::Integer)
        );
        assert_eq!(
            column(Kind::Project, "start").shape,
            Shape::Scalar(FieldType::Date)
        );
        assert_eq!(column(Kind::Project, "aliases").shape, Shape::List);
        assert_eq!(column(Kind::Place, "layout_roles").shape, Shape::List);
        assert_eq!(
            column(Kind::Place, "lat").shape,
            Shape::Scalar(FieldType::Number)
        );
        assert_eq!(
            column(Kind::Country, "asean_member").shape,
            Shape::Scalar(FieldType::Boolean)
        );
        let status = column(Kind::Project, "status");
        assert!(status.allowed.contains(&"in-progress".to_string()));
        assert!(column(Kind::Project, "title").required);
        assert!(!column(Kind::Project, "title_zh").required);
    }

    #[test]
    fn nested_objects_become_tables_of_their_own() {
        let Shape::Nested(fields) = column(Kind::Organization, "shareholders").shape else {
            panic!("shareholders are not nested");
        };
        let names: Vec<&str> = fields.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["holder", "percent", "capital_million_yuan"]);
        assert_eq!(fields[0].shape, Shape::Ref(Kind::Organization));
        assert_eq!(fields[1].shape, Shape::Scalar(FieldType::Number));
    }

    #[test]
    fn leaves_out_sources_and_bodies_and_puts_editorial_fields_last() {
        let names: Vec<String> = columns(Kind::Country).into_iter().map(|c| c.name).collect();
        assert_eq!(
            names,
            [
                "title",
                "title_zh",
                "aliases",
                "summary",
                "iso_code",
                "asean_member",
                "note",
                "updated",
                "reviewed"
            ]
        );
    }
}
