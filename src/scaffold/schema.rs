//! JSON Schemas of the record kinds, for editors: completion and checks while typing.
//!
//! `portolan schema` writes one `<kind>.schema.json` per kind into `schemas/` and a
//! `.taplo.toml` that tells Taplo (the engine of VS Code's Even Better TOML) which schema
//! applies to which `content/<section>/*.toml` file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::kinds::Kind;

/// Folder the schemas are written to, inside the atlas.
pub const SCHEMA_DIR: &str = "schemas";

/// The schema of one kind, pretty-printed.
pub fn schema_text(kind: Kind) -> String {
    let mut text = serde_json::to_string_pretty(&kind.json_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// The Taplo configuration associating each section's `.toml` records with their schema.
pub fn taplo_config() -> String {
    let mut out = String::from(
        "# Written by `portolan schema`: editors using Taplo (VS Code: Even Better TOML) check\n\
         # and complete record files against the JSON Schema of their kind.\n",
    );
    for kind in Kind::ALL {
        let _ = write!(
            out,
            "\n[[rule]]\ninclude = [\"content/{}/*.toml\"]\n[rule.schema]\npath = \"./{SCHEMA_DIR}/{}.schema.json\"\n",
            kind.section(),
            kind.name()
        );
    }
    out
}

/// Writes every schema and `.taplo.toml` under `root`; returns the files written.
pub fn write_schemas(root: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = root.join(SCHEMA_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for &kind in Kind::ALL {
        let path = dir.join(format!("{}.schema.json", kind.name()));
        std::fs::write(&path, schema_text(kind))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    let taplo = root.join(".taplo.toml");
    std::fs::write(&taplo, taplo_config())
        .map_err(|e| format!("cannot write {}: {e}", taplo.display()))?;
    written.push(taplo);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_forbid_unknown_fields_and_describe_fields() {
        let schema: serde_json::Value = serde_json::from_str(&schema_text(Kind::Project)).unwrap();
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(schema["required"], serde_json::json!(["title"]));
        assert!(
            schema["properties"]["implementers"]["description"]
                .as_str()
                .unwrap()
                .contains("carrying out")
        );
    }

    #[test]
    fn taplo_rules_cover_every_section() {
        let config = taplo_config();
        for kind in Kind::ALL {
            assert!(config.contains(&format!("content/{}/*.toml", kind.section())));
        }
        let parsed: toml::Table = toml::from_str(&config).unwrap();
        assert_eq!(parsed["rule"].as_array().unwrap().len(), 15);
    }
}
