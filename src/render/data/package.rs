//! `data/datapackage.json`: a Frictionless (Tabular) Data Package describing every CSV,
//! with field types, descriptions, primary keys and foreign keys between the tables.

use serde::Serialize;

use super::tabular::{CsvTable, Field};
use crate::model::Site;

#[derive(Debug, Serialize)]
pub(crate) struct Package<'a> {
    profile: &'static str,
    name: String,
    title: &'a str,
    description: String,
    homepage: &'a str,
    resources: Vec<Resource<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Resource<'a> {
    pub(crate) name: &'a str,
    pub(crate) path: String,
    profile: &'static str,
    description: &'a str,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    bytes: usize,
    pub(crate) schema: Schema<'a>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Schema<'a> {
    pub(crate) fields: Vec<FieldJson<'a>>,
    #[serde(rename = "primaryKey", skip_serializing_if = "Option::is_none")]
    primary_key: Option<&'static str>,
    #[serde(rename = "foreignKeys", skip_serializing_if = "Vec::is_empty")]
    pub(crate) foreign_keys: Vec<ForeignKey<'a>>,
    #[serde(rename = "missingValues")]
    missing_values: [&'static str; 1],
}

#[derive(Debug, Serialize)]
pub(crate) struct FieldJson<'a> {
    pub(crate) name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    description: &'a str,
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    constraints: Constraints<'a>,
}

#[derive(Debug, Default, Serialize)]
struct Constraints<'a> {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    required: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unique: bool,
    #[serde(rename = "enum", skip_serializing_if = "<[String]>::is_empty")]
    allowed: &'a [String],
}

impl Constraints<'_> {
    fn is_empty(&self) -> bool {
        !self.required && !self.unique && self.allowed.is_empty()
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct ForeignKey<'a> {
    pub(crate) fields: &'a str,
    pub(crate) reference: Reference,
}

#[derive(Debug, Serialize)]
pub(crate) struct Reference {
    /// The referenced resource; empty for the resource itself, as the spec asks.
    pub(crate) resource: String,
    pub(crate) fields: &'static str,
}

/// The package for `tables`, whose CSV files are `sizes[i]` bytes long.
pub(crate) fn package<'a>(site: &'a Site, tables: &'a [CsvTable], sizes: &[usize]) -> Package<'a> {
    let config = &site.config;
    Package {
        profile: "tabular-data-package",
        name: crate::kinds::slugify(&config.title),
        title: &config.title,
        description: format!(
            "{} One CSV per kind of record, keyed by id; link tables for fields that name several records; tables for nested lists; and every citation. The same records with their resolved links are in atlas.json.",
            config.description
        ),
        homepage: &config.base_url,
        resources: tables
            .iter()
            .zip(sizes)
            .map(|(table, &bytes)| resource(table, bytes))
            .collect(),
    }
}

fn resource(table: &CsvTable, bytes: usize) -> Resource<'_> {
    Resource {
        name: &table.name,
        path: format!("{}.csv", table.name),
        profile: "tabular-data-resource",
        description: &table.description,
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        bytes,
        schema: Schema {
            fields: table
                .fields
                .iter()
                .map(|f| field_json(f, table.keyed && f.name == "id"))
                .collect(),
            primary_key: table.keyed.then_some("id"),
            foreign_keys: table
                .fields
                .iter()
                .filter_map(|f| {
                    let target = f.references.as_ref()?;
                    Some(ForeignKey {
                        fields: &f.name,
                        reference: Reference {
                            resource: if *target == table.name {
                                String::new()
                            } else {
                                target.clone()
                            },
                            fields: "id",
                        },
                    })
                })
                .collect(),
            missing_values: [""],
        },
    }
}

fn field_json(field: &Field, key: bool) -> FieldJson<'_> {
    FieldJson {
        name: &field.name,
        kind: field.kind.name(),
        format: field.uri.then_some("uri"),
        description: &field.description,
        constraints: Constraints {
            required: field.required,
            unique: key,
            allowed: &field.allowed,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::{fixture_site, tabular};
    use super::*;

    #[test]
    fn every_foreign_key_names_a_resource_and_its_id_field() {
        let site = fixture_site();
        let tables = tabular::tables(&site);
        let sizes = vec![0; tables.len()];
        let package = package(&site, &tables, &sizes);
        let json = serde_json::to_value(&package).unwrap();
        assert_eq!(json["profile"], "tabular-data-package");
        let mut keys = 0;
        for resource in &package.resources {
            for fk in &resource.schema.foreign_keys {
                keys += 1;
                assert!(resource.schema.fields.iter().any(|f| f.name == fk.fields));
                let target = if fk.reference.resource.is_empty() {
                    resource
                } else {
                    package
                        .resources
                        .iter()
                        .find(|r| r.name == fk.reference.resource)
                        .unwrap_or_else(|| panic!("{} -> {}", resource.name, fk.reference.resource))
                };
                assert!(target.schema.fields.iter().any(|f| f.name == "id"));
                assert_eq!(target.path, format!("{}.csv", target.name));
            }
        }
        assert!(keys > 40, "{keys} foreign keys");
        let projects = &json["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "projects")
            .unwrap()["schema"];
        assert_eq!(projects["primaryKey"], "id");
        assert!(
            projects["foreignKeys"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["fields"] == "platform" && k["reference"]["resource"] == "platforms")
        );
        let organizations = package
            .resources
            .iter()
            .find(|r| r.name == "organizations")
            .unwrap();
        let parent = organizations
            .schema
            .foreign_keys
            .iter()
            .find(|k| k.fields == "parent")
            .unwrap();
        assert_eq!(parent.reference.resource, "", "a self-reference");
    }
}
