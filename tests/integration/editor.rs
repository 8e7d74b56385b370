//! What editors use besides `build`: the data-quality page, `init`, `schema`, and the exact
//! text of `check` in both formats.

use crate::harness::{Atlas, find_attr, fixtures};

#[test]
fn data_quality_page_lists_gaps_and_coverage() {
    let atlas = Atlas::base();
    atlas.write(
        "content/countries/vietnam.md",
        "+++\ntitle = \"Vietnam\"\niso_code = \"VN\"\n+++\n",
    );
    atlas.write(
        "content/people/reviewed.md",
        "+++\ntitle = \"Reviewed Person\"\ncountry = \"laos\"\nreviewed = 2020-01-01\nupdated = 2026-12-01\nsources = [{ source = \"ngeow2021\", locator = \"p. 1\" }]\n+++\n",
    );
    assert_eq!(atlas.build().code, 0);
    let page = atlas.read("public/about/data-quality/index.html");
    let section = |id: &str| {
        page[find_attr(&page, &format!("id={id}")).unwrap()..]
            .split("</section>")
            .next()
            .unwrap()
            .to_string()
    };
    assert!(section("unsourced").contains("Vietnam"), "{page}");
    assert!(section("orphans").contains("Vietnam"), "{page}");
    assert!(
        section("uncited").contains("Every source is cited."),
        "{page}"
    );
    assert!(
        section("reviews").contains("Reviewed Person"),
        "stale review missing: {page}"
    );
    assert!(
        section("reviews").contains("reviewed 1 January 2020"),
        "{page}"
    );
    // In the base fixture Laos is named by one project, one organization, one mechanism and
    // (with the record added above) two people.
    let coverage = section("coverage");
    let laos_row = coverage
        .split("countries/laos/>Laos</a>")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap()
        .to_string();
    let numbers: Vec<String> = laos_row
        .split("<td class=")
        .skip(1)
        .map(|cell| {
            cell.split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(numbers.last().map(String::as_str), Some("5"), "{laos_row}");
}

#[test]
fn init_creates_an_atlas_that_builds_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let atlas_dir = dir.path().join("my-atlas");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_portolan"))
        .arg("init")
        .arg(&atlas_dir)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_portolan"))
        .arg("--root")
        .arg(&atlas_dir)
        .args(["check", "--deny-warnings"])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_portolan"))
        .arg("--root")
        .arg(&atlas_dir)
        .arg("build")
        .output()
        .unwrap();
    assert!(build.status.success());
    assert!(
        atlas_dir
            .join("public/projects/harbor-data-centre/index.html")
            .is_file()
    );
    assert!(atlas_dir.join("schemas/project.schema.json").is_file());
    // A second init into the same folder is refused.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_portolan"))
        .arg("init")
        .arg(&atlas_dir)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn the_shipped_schemas_are_up_to_date() {
    let atlas = Atlas::base();
    assert_eq!(atlas.run(&["schema"]).code, 0);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(atlas.path().join("schemas")).unwrap() {
        let entry = entry.unwrap();
        let shipped = std::fs::read_to_string(root.join("schemas").join(entry.file_name()))
            .unwrap_or_default();
        assert_eq!(
            shipped,
            std::fs::read_to_string(entry.path()).unwrap(),
            "run `portolan schema`: {:?} is stale",
            entry.file_name()
        );
    }
    assert_eq!(
        std::fs::read_to_string(root.join(".taplo.toml")).unwrap(),
        atlas.read(".taplo.toml")
    );
}

/// The whole human-readable report of one broken atlas, snapshot-tested: snippets, carets,
/// help and the summary line. `PORTOLAN_BLESS=1` rewrites the expected file.
#[test]
fn check_output_snapshots_in_both_formats() {
    let atlas = Atlas::base().overlay("invalid/broken-body-link");
    atlas.write(
        "content/countries/vietnam.md",
        "+++\ntitle = \"Vietnam\"\niso = \"VN\"\n+++\n",
    );
    for (format, file) in [("human", "check-human.txt"), ("json", "check-json.txt")] {
        let run = atlas.run(&["check", "--format", format]);
        assert_eq!(run.code, 1);
        let actual = if format == "human" {
            run.stderr
        } else {
            run.stdout
        };
        let expected_path = fixtures().join("snapshots").join(file);
        if std::env::var_os("PORTOLAN_BLESS").is_some() {
            std::fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
            std::fs::write(&expected_path, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert_eq!(
            actual, expected,
            "{format} output changed; run with PORTOLAN_BLESS=1 if intended"
        );
    }
}
