//! Each folder under `tests/fixtures/invalid/` is laid over the base atlas; `check` must report
//! exactly the diagnostics in its `expected.txt` (file:line:col, code, message, suggestion),
//! exit with 1, and a `build` must leave the previous `public/` byte for byte as it was.
//! Run with `PORTOLAN_BLESS=1` to rewrite the expected files after an intended change.

use crate::harness::{Atlas, fixtures};

fn assert_case(case: &str) {
    let atlas = Atlas::base();
    let first = atlas.build();
    assert_eq!(first.code, 0, "base atlas must build: {}", first.stderr);
    let before = atlas.snapshot("public");

    let atlas = atlas.overlay(&format!("invalid/{case}"));
    let (code, diagnostics) = atlas.diagnostics();
    assert_eq!(code, 1, "check must fail with exit code 1 in {case}");
    let actual = diagnostics.join("\n") + "\n";
    let expected_path = fixtures().join("invalid").join(case).join("expected.txt");
    if std::env::var_os("PORTOLAN_BLESS").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run with PORTOLAN_BLESS=1",
            expected_path.display()
        )
    });
    assert_eq!(actual, expected, "diagnostics of {case} changed");

    let build = atlas.build();
    assert_eq!(
        build.code, 1,
        "build must fail with exit code 1 in {case}: {}",
        build.stderr
    );
    assert!(
        build
            .stderr
            .contains("the previous site was left unchanged"),
        "{}",
        build.stderr
    );
    assert_eq!(
        atlas.snapshot("public"),
        before,
        "public/ changed after a failed build in {case}"
    );
}

macro_rules! cases {
    ($($name:ident => $dir:literal,)*) => {
        $(
            #[test]
            fn $name() {
                assert_case($dir);
            }
        )*

        #[test]
        fn every_fixture_folder_has_a_test() {
            let mut listed = vec![$($dir),*];
            listed.sort();
            let mut found: Vec<String> = std::fs::read_dir(fixtures().join("invalid"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            found.sort();
            assert_eq!(found, listed);
        }
    };
}

cases! {
    reports_unknown_country_with_suggestion => "unknown-country",
    reports_unknown_field_with_nearest_name => "unknown-field",
    reports_wrong_type => "wrong-type",
    reports_reference_to_the_wrong_kind => "wrong-kind",
    reports_duplicate_ids_across_md_and_toml => "duplicate-id",
    reports_invalid_slug_with_valid_name => "invalid-slug",
    reports_impossible_date => "impossible-date",
    reports_end_before_start => "end-before-start",
    reports_percentage_over_100 => "percent-over-100",
    reports_broken_body_links_and_citations => "broken-body-link",
    reports_missing_front_matter_closer => "missing-closer",
    reports_empty_file => "empty-file",
    reports_toml_syntax_error_in_front_matter => "toml-syntax",
    reports_toml_syntax_error_in_toml_record => "toml-syntax-in-toml-record",
    reports_unknown_section_folder => "unknown-section",
    reports_unknown_enum_value => "unknown-variant",
    reports_missing_required_field => "missing-field",
    reports_unknown_config_key => "config-unknown-key",
    reports_template_error_with_file_and_line => "template-error",
    reports_body_key_in_markdown_record => "body-in-md-front-matter",
    reports_duplicate_task_numbers => "duplicate-task-number",
    reports_non_utf8_file => "non-utf8",
    reports_resources_from_other_hosts => "external-resource",
    reports_missing_template => "missing-template",
    reports_uppercase_slug => "uppercase-slug",
    reports_dotted_slug => "dotted-slug",
    reports_unreadable_file => "unreadable-file",
}

#[test]
fn accepts_byte_order_mark_and_crlf_line_ends() {
    let atlas = Atlas::base().overlay("valid/bom-crlf");
    let run = atlas.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        atlas
            .read("public/countries/china/index.html")
            .contains("countries/laos/")
    );
}

#[test]
fn human_output_shows_the_line_a_caret_and_the_fix() {
    let atlas = Atlas::base().overlay("invalid/unknown-country");
    let run = atlas.run(&["check"]);
    assert_eq!(run.code, 1);
    let expected = [
        "error[unknown-reference]: unknown country `loas`",
        "content/projects/laos-cloud-computing-center.md:5:14",
        "5 │ countries = [\"loas\"]",
        "^^^^^^",
        "= help: did you mean `laos`?",
    ];
    for line in expected {
        assert!(
            run.stderr.contains(line),
            "missing {line:?} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn warns_about_unsourced_and_orphan_records_and_denies_on_request() {
    let atlas = Atlas::base();
    atlas.write(
        "content/countries/vietnam.md",
        "+++\ntitle = \"Vietnam\"\niso_code = \"VN\"\n+++\n",
    );
    atlas.write(
        "content/sources/unused.md",
        "+++\ntitle = \"Unused\"\ncategory = \"article\"\n+++\n",
    );
    let (code, diagnostics) = atlas.diagnostics();
    assert_eq!(code, 0, "warnings alone do not fail a check");
    assert_eq!(
        diagnostics,
        [
            "content/countries/vietnam.md:2:1: warning[orphan]: no record links to this country (help: link it from a related record (a field or [text](@section/id) in a body), or remove it)",
            "content/countries/vietnam.md:2:1: warning[no-sources]: this country cites no source (help: add sources = [{ source = \"...\", locator = \"...\" }] naming where the facts come from)",
            "content/sources/unused.md:2:1: warning[uncited-source]: no record cites the source `unused` (help: cite it with sources = [{ source = \"unused\", locator = \"...\" }], or remove it)",
        ]
    );
    assert_eq!(atlas.run(&["check", "--deny-warnings"]).code, 1);
    // Linking the country from a project ends its orphanhood.
    let project = atlas.read("content/projects/laos-cloud-computing-center.md");
    atlas.write(
        "content/projects/laos-cloud-computing-center.md",
        &project.replace(
            "countries = [\"laos\"]",
            "countries = [\"laos\", \"vietnam\"]",
        ),
    );
    let (_, diagnostics) = atlas.diagnostics();
    assert!(
        !diagnostics.iter().any(|d| d.contains("orphan")),
        "{diagnostics:?}"
    );
}
