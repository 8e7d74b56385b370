//! Files written for editors: `portolan new` (a record skeleton listing every field of its
//! kind, with what each means and an example, generated from the kind's JSON Schema),
//! `portolan init` (a starter atlas) and `portolan schema` (JSON Schemas for editors).

mod init;
pub mod schema;

pub use init::init;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::date::PartialDate;
use crate::kinds::{Kind, is_valid_slug, slugify};

/// Why a skeleton could not be written.
#[derive(Debug)]
pub enum NewError {
    /// Not a kind; carries the nearest kind name.
    UnknownKind(String, Option<&'static str>),
    /// Not a valid id; carries a valid one.
    InvalidSlug(String, String),
    /// A record with this id exists.
    Exists(PathBuf),
    /// Writing failed.
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownKind(kind, near) => {
                write!(f, "`{kind}` is not a kind of record")?;
                match near {
                    Some(near) => write!(f, "; did you mean `{near}`?"),
                    None => write!(f, "; run `portolan new --list` to see the kinds"),
                }
            }
            Self::InvalidSlug(slug, fixed) => write!(
                f,
                "`{slug}` is not a valid id: use lowercase letters, digits and single hyphens, e.g. `{fixed}`"
            ),
            Self::Exists(path) => write!(
                f,
                "{} already exists; choose another id or edit that file",
                path.display()
            ),
            Self::Io(path, e) => write!(f, "cannot write {}: {e}", path.display()),
        }
    }
}

/// Parses a kind given by name or section.
pub fn parse_kind(name: &str) -> Result<Kind, NewError> {
    Kind::from_name(name)
        .or_else(|| Kind::from_section(name))
        .ok_or_else(|| {
            let names = Kind::ALL.iter().map(|k| k.name());
            NewError::UnknownKind(name.to_string(), crate::diag::closest(name, names))
        })
}

/// Writes `content/<section>/<slug>.md` under `root`; returns its path.
pub fn write_new(root: &Path, kind: Kind, slug: &str) -> Result<PathBuf, NewError> {
    if !is_valid_slug(slug) {
        return Err(NewError::InvalidSlug(slug.to_string(), slugify(slug)));
    }
    let dir = root.join("content").join(kind.section());
    for ext in ["md", "toml"] {
        let existing = dir.join(format!("{slug}.{ext}"));
        if existing.exists() {
            return Err(NewError::Exists(existing));
        }
    }
    let path = dir.join(format!("{slug}.md"));
    std::fs::create_dir_all(&dir).map_err(|e| NewError::Io(dir.clone(), e))?;
    std::fs::write(&path, skeleton(kind, slug)).map_err(|e| NewError::Io(path.clone(), e))?;
    Ok(path)
}

/// One line per kind, for `portolan new --list`.
pub fn list_kinds() -> String {
    let mut out = String::new();
    for kind in Kind::ALL {
        let schema = kind.json_schema();
        let about = schema
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("")
            .lines()
            .next()
            .unwrap_or("");
        let _ = writeln!(
            out,
            "{:<16} content/{:<17} {about}",
            kind.name(),
            format!("{}/", kind.section())
        );
    }
    out
}

/// The text of a new record of `kind`.
pub fn skeleton(kind: Kind, slug: &str) -> String {
    let schema = kind.json_schema();
    let root = schema.as_object().cloned().unwrap_or_default();
    let required: Vec<&str> = root
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out = String::from("+++\n");
    let _ = writeln!(
        out,
        "# A new {}. Fields starting with # are optional: remove the # to use one.",
        kind.name()
    );
    let _ = writeln!(
        out,
        "# Check it with `portolan check`; the full list of fields is in `portolan schema`.\n"
    );
    let properties = root
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (name, property) in &properties {
        if name == "body" {
            continue;
        }
        let info = describe(property, &root);
        if let Some(description) = &info.description {
            for line in description.lines() {
                let _ = writeln!(out, "# {line}");
            }
        }
        if !info.allowed.is_empty() {
            let _ = writeln!(out, "# One of: {}.", info.allowed.join(", "));
        }
        let example = if name == "title" {
            Some(Value::String(title_from_slug(slug)))
        } else if name == "updated" {
            Some(Value::String(PartialDate::today().to_string()))
        } else {
            info.example
                .clone()
                .or_else(|| info.allowed.first().map(|a| Value::String(a.clone())))
                .or_else(|| placeholder(info.kind.as_deref()))
        };
        let line = format!(
            "{name} = {}",
            example.as_ref().map_or_else(|| "\"\"".into(), toml_inline)
        );
        if required.contains(&name.as_str()) || name == "updated" {
            let _ = writeln!(out, "{line}\n");
        } else {
            let _ = writeln!(out, "# {line}\n");
        }
    }
    out.push_str("+++\n\n");
    out.push_str(
        "Write what the source says about this record, in your own words.\n\n\
         Link other records with `[CAIH Co.](@organizations/caih-co)` and cite sources with `[@ngeow2021, Table 5]`.\n",
    );
    out
}

struct FieldInfo {
    description: Option<String>,
    example: Option<Value>,
    allowed: Vec<String>,
    /// The JSON type of the value, when it has one.
    kind: Option<String>,
}

/// A neutral value for a field without an example.
fn placeholder(kind: Option<&str>) -> Option<Value> {
    match kind? {
        "boolean" => Some(Value::Bool(false)),
        "integer" | "number" => Some(Value::from(0)),
        "array" => Some(Value::Array(Vec::new())),
        _ => Some(Value::String(String::new())),
    }
}

/// Reads a property's description, first example and allowed values, following `$ref`s.
fn describe(property: &Value, root: &Map<String, Value>) -> FieldInfo {
    let mut info = FieldInfo {
        description: property
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        example: property
            .get("examples")
            .and_then(Value::as_array)
            .and_then(|e| e.first().cloned()),
        allowed: Vec::new(),
        kind: None,
    };
    let mut stack = vec![property.clone()];
    while let Some(node) = stack.pop() {
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            let name = reference.rsplit('/').next().unwrap_or("");
            if let Some(def) = root.get("$defs").and_then(|d| d.get(name)) {
                stack.push(def.clone());
            }
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(options) = node.get(key).and_then(Value::as_array) {
                stack.extend(options.iter().cloned());
            }
        }
        if let Some(items) = node.get("items") {
            stack.push(items.clone());
        }
        if let Some(kind) = node.get("type") {
            let kind = kind.as_str().or_else(|| {
                kind.as_array()
                    .and_then(|k| k.first())
                    .and_then(Value::as_str)
            });
            if info.kind.is_none() && kind != Some("null") {
                info.kind = kind.map(str::to_string);
            }
        }
        if let Some(value) = node.get("const").and_then(Value::as_str) {
            info.allowed.push(value.to_string());
        }
        if let Some(values) = node.get("enum").and_then(Value::as_array) {
            info.allowed
                .extend(values.iter().filter_map(Value::as_str).map(str::to_string));
        }
    }
    info.allowed.sort();
    info.allowed.dedup();
    info
}

fn title_from_slug(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A JSON value written as an inline TOML value.
fn toml_inline(value: &Value) -> String {
    match value {
        Value::Null => "\"\"".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => Value::String(s.clone()).to_string(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(toml_inline).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{ {} }}",
            map.iter()
                .map(|(k, v)| format!("{k} = {}", toml_inline(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_lists_every_field_and_parses() {
        for &kind in Kind::ALL {
            let text = skeleton(kind, "new-record");
            let schema = kind.json_schema();
            for field in schema
                .get("properties")
                .and_then(Value::as_object)
                .unwrap()
                .keys()
                .filter(|k| *k != "body")
            {
                assert!(
                    text.contains(&format!("{field} = ")),
                    "{} lacks {field}:\n{text}",
                    kind.name()
                );
            }
            let (front, _) = crate::load::split_front_matter(&text).unwrap();
            let parsed = kind.parse(&text[front]);
            assert!(
                parsed.is_ok(),
                "{} skeleton does not parse: {:?}\n{text}",
                kind.name(),
                parsed.err()
            );
        }
    }

    #[test]
    fn skeleton_explains_fields_and_lists_allowed_values() {
        let text = skeleton(Kind::Project, "caih-town");
        assert!(text.contains("title = \"Caih Town\""), "{text}");
        assert!(
            text.contains("# Organizations carrying out the project."),
            "{text}"
        );
        assert!(text.contains("# One of: completed, early-development, in-progress, in-talks, operational, planned."), "{text}");
        assert!(
            text.contains("# sources = [{ source = \"ngeow2021\", locator = \"Table 5\" }]"),
            "{text}"
        );
    }

    #[test]
    fn refuses_bad_ids_and_suggests_kinds() {
        assert!(matches!(
            parse_kind("contry"),
            Err(NewError::UnknownKind(_, Some("country")))
        ));
        assert_eq!(parse_kind("countries").unwrap(), Kind::Country);
        let err = write_new(Path::new("/nonexistent"), Kind::Country, "Viet Nam").unwrap_err();
        assert!(err.to_string().contains("`viet-nam`"), "{err}");
    }
}
