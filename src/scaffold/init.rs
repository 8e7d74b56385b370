//! `portolan init`: a new, minimal atlas that builds and serves at once, with a few linked,
//! cited records to start from and JSON Schemas wired for editors.

use std::path::{Path, PathBuf};

use crate::date::PartialDate;

/// The starter atlas: (path inside the new folder, text). `__TODAY__` becomes today's date.
const STARTER: &[(&str, &str)] = &[
    ("book.toml", include_str!("starter/book.toml")),
    ("content/_index.md", include_str!("starter/_index.md")),
    (
        "content/sources/example-report.md",
        include_str!("starter/source.md"),
    ),
    (
        "content/countries/laos.md",
        include_str!("starter/country-a.md"),
    ),
    (
        "content/countries/china.md",
        include_str!("starter/country-b.md"),
    ),
    (
        "content/organizations/example-harbor-company.md",
        include_str!("starter/organization.md"),
    ),
    (
        "content/projects/harbor-data-centre.md",
        include_str!("starter/project.md"),
    ),
    ("assets/.gitkeep", ""),
    (".gitignore", "public/\n.public.portolan-staging/\n"),
];

/// Creates a new atlas in `dir`, which must not exist or be empty. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "{} is not empty; give a new folder, or an empty one",
                dir.display()
            ));
        }
    }
    let today = PartialDate::today().to_string();
    let mut written = Vec::new();
    for (rel, text) in STARTER {
        let path = dir.join(rel);
        write(&path, &text.replace("__TODAY__", &today))?;
        written.push(path);
    }
    written.extend(super::schema::write_schemas(dir)?);
    Ok(written)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_folder_with_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        assert!(init(dir.path()).unwrap_err().contains("not empty"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
            "mine"
        );
    }
}
