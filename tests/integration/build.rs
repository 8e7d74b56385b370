//! What `build`, `check` and `new` do on a valid atlas.

use crate::harness::{Atlas, snapshot, tag_with};

#[test]
fn builds_every_page_type_and_prints_a_summary() {
    let atlas = Atlas::base();
    let run = atlas.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = run.stderr.lines().last().unwrap();
    // "Built 18 records into N pages and M files in T ms -> DIR", N and M as written.
    let words: Vec<&str> = summary.split_whitespace().collect();
    assert_eq!(
        &words[..5],
        ["Built", "18", "records", "into", words[4]],
        "{summary}"
    );
    assert_eq!(
        (words[5], words[6], words[8], words[11]),
        ("pages", "and", "files", "ms"),
        "{summary}"
    );
    let written = atlas.snapshot("public");
    let html = written
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert_eq!(words[4].parse::<usize>().unwrap(), html, "{summary}");
    // Everything else but the ownership marker is a file.
    assert_eq!(
        words[7].parse::<usize>().unwrap(),
        written.len() - html - 1,
        "{summary}"
    );
    for page in [
        "public/index.html",
        "public/countries/index.html",
        "public/countries/laos/index.html",
        "public/business-fields/digital-industry/index.html",
        "public/tasks/task-01/index.html",
        "public/data/atlas.json",
        "public/harbor.css",
    ] {
        assert!(atlas.path().join(page).is_file(), "{page} missing");
    }
}

#[test]
fn record_pages_show_facts_body_sources_and_back_references() {
    let atlas = Atlas::base();
    assert_eq!(atlas.build().code, 0);
    let laos = atlas.read("public/countries/laos/index.html");
    // Projects located in Laos, organizations based there, delegates from there.
    assert!(laos.contains("Projects"), "{laos}");
    assert!(
        laos.contains(r#"href=../../projects/laos-cloud-computing-center/"#),
        "{laos}"
    );
    assert!(
        laos.contains("Lao Asia Pacific Satellite Co., Ltd."),
        "{laos}"
    );
    assert!(laos.contains("Hiem Phommachanh"), "{laos}");
    assert!(laos.contains("Also known as Lao PDR"), "{laos}");

    let project = atlas.read("public/projects/laos-cloud-computing-center/index.html");
    assert!(
        project.contains(r#"<h2 id=aims>Aims"#),
        "heading anchor: {project}"
    );
    assert!(
        project.contains(r##"(<a href=#ref-ngeow2021>Ngeow 2021</a>, p. 25)"##),
        "citation: {project}"
    );
    assert!(
        project.contains("p. 25; endnote 22"),
        "locators grouped: {project}"
    );

    let caih = atlas.read("public/organizations/caih-co/index.html");
    assert!(caih.contains("45%, 90 million yuan"), "{caih}");
    assert!(caih.contains("Implements"), "{caih}");

    let unicom = atlas.read("public/organizations/china-unicom/index.html");
    assert!(unicom.contains("Owns shares in"), "{unicom}");
    assert!(unicom.contains("Forums attended"), "{unicom}");

    let source = atlas.read("public/sources/ngeow2021/index.html");
    assert!(source.contains("Cited by"), "{source}");
}

#[test]
fn index_pages_list_every_record_in_a_table() {
    let atlas = Atlas::base();
    assert_eq!(atlas.build().code, 0);
    let index = atlas.read("public/organizations/index.html");
    assert_eq!(index.matches("<tr><th scope=row>").count(), 3, "{index}");
    assert!(index.contains("<th scope=col>Category"), "{index}");
}

#[test]
fn atlas_json_holds_every_record_with_resolved_links() {
    let atlas = Atlas::base();
    assert_eq!(atlas.build().code, 0);
    let json: serde_json::Value =
        serde_json::from_str(&atlas.read("public/data/atlas.json")).unwrap();
    let records = json["records"].as_array().unwrap();
    assert_eq!(records.len(), 18);
    let project = records
        .iter()
        .find(|r| r["id"] == "projects/laos-cloud-computing-center")
        .unwrap();
    assert_eq!(project["platform"], "infrastructure");
    assert_eq!(project["status"], "completed");
    assert!(
        project["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["relation"] == "countries" && l["record"] == "countries/laos")
    );
    let laos = records
        .iter()
        .find(|r| r["id"] == "countries/laos")
        .unwrap();
    assert!(
        laos["backlinks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["record"] == "projects/laos-cloud-computing-center")
    );
    assert_eq!(json["counts"]["tasks"], 1);
}

#[test]
fn two_builds_are_byte_identical() {
    let a = Atlas::base();
    let b = Atlas::base();
    assert_eq!(a.build().code, 0);
    assert_eq!(b.build().code, 0);
    let first = a.snapshot("public");
    assert_eq!(first, b.snapshot("public"));
    assert_eq!(a.build().code, 0);
    assert_eq!(
        first,
        a.snapshot("public"),
        "a rebuild in place changed the output"
    );
}

#[test]
fn serves_from_a_sub_path() {
    let atlas = Atlas::base();
    let run = atlas.run(&["build", "--base-url", "https://example.org/atlas"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = atlas.read("public/countries/laos/index.html");
    assert!(
        tag_with(&page, "rel=canonical")
            .contains(" href=https://example.org/atlas/countries/laos/"),
        "{page}"
    );
    // Internal links are relative, so they work under any prefix.
    assert!(page.contains("href=../../harbor.css"), "{page}");
    assert!(!page.contains("href=/"), "root-absolute link in {page}");
}

#[test]
fn check_writes_nothing() {
    let atlas = Atlas::base();
    let run = atlas.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Checked 18 records: no errors"),
        "{}",
        run.stderr
    );
    assert!(!atlas.path().join("public").exists());
}

#[test]
fn draft_records_are_left_out_unless_asked_for() {
    let atlas = Atlas::base();
    atlas.write(
        "content/countries/vietnam.md",
        "+++\ntitle = \"Vietnam\"\niso_code = \"VN\"\ndraft = true\nsources = [{ source = \"ngeow2021\", locator = \"p. 11\" }]\n+++\n",
    );
    assert_eq!(atlas.build().code, 0);
    assert!(!atlas.path().join("public/countries/vietnam").exists());
    assert_eq!(atlas.run(&["build", "--drafts"]).code, 0);
    assert!(
        atlas
            .path()
            .join("public/countries/vietnam/index.html")
            .exists()
    );
}

#[test]
fn missing_config_is_a_usage_error() {
    let atlas = Atlas::base();
    std::fs::remove_file(atlas.path().join("book.toml")).unwrap();
    let run = atlas.build();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no book.toml"), "{}", run.stderr);
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let atlas = Atlas::base();
    atlas.write("site/notes.txt", "mine");
    let run = atlas.run(&[
        "build",
        "--output",
        &atlas.path().join("site").to_string_lossy(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("was not written by Portolan"),
        "{}",
        run.stderr
    );
    assert_eq!(atlas.read("site/notes.txt"), "mine");
    let run = atlas.run(&[
        "build",
        "--output",
        &atlas.path().join("content").to_string_lossy(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = atlas.run(&["build", "--output", &atlas.path().to_string_lossy()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn atlas_templates_and_assets_override_the_theme() {
    let atlas = Atlas::base();
    atlas.write("templates/country.html", "{% extends \"record.html\" %}{% block title %}Country: {{ record.title }}{% endblock title %}");
    atlas.write("assets/harbor.css", "body { color: red }");
    atlas.write("assets/images/map.svg", "<svg></svg>");
    assert_eq!(atlas.build().code, 0);
    assert!(
        atlas
            .read("public/countries/laos/index.html")
            .contains("<title>Country: Laos</title>")
    );
    // The atlas's stylesheet replaces the theme's (minified like every stylesheet).
    assert_eq!(atlas.read("public/harbor.css"), "body{color:red}");
    assert!(atlas.path().join("public/images/map.svg").is_file());
    assert!(
        !atlas
            .read("public/organizations/caih-co/index.html")
            .contains("Country:")
    );
}

#[test]
fn new_writes_a_skeleton_that_checks() {
    let atlas = Atlas::base();
    let run = atlas.run(&["new", "country", "vietnam"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = atlas.read("content/countries/vietnam.md");
    assert!(text.contains("iso_code = \"LA\""), "{text}");
    assert!(text.contains("# asean_member = false"), "{text}");
    let (code, diagnostics) = atlas.diagnostics();
    assert_eq!(code, 0, "{diagnostics:?}");
    assert_eq!(
        atlas.run(&["new", "country", "vietnam"]).code,
        2,
        "refuses an existing id"
    );
    assert_eq!(
        atlas.run(&["new", "country", "Viet Nam"]).code,
        2,
        "refuses an invalid id"
    );
    let list = atlas.run(&["new", "--list"]);
    assert!(
        list.stdout.contains("business-field") && list.stdout.lines().count() == 15,
        "{}",
        list.stdout
    );
}

#[test]
fn every_command_has_help() {
    let atlas = Atlas::base();
    for command in ["build", "check", "new"] {
        let run = atlas.run(&[command, "--help"]);
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains("Usage: portolan"), "{}", run.stdout);
    }
}

#[test]
fn failed_build_reports_every_error_at_once() {
    let atlas = Atlas::base();
    atlas.write(
        "content/countries/vietnam.md",
        "+++\ntitle = \"Vietnam\"\niso_code = \"vn\"\n+++\n",
    );
    atlas.write(
        "content/countries/cambodia.md",
        "+++\ntitle = \"Cambodia\"\niso = \"KH\"\n+++\n",
    );
    let (code, diagnostics) = atlas.diagnostics();
    assert_eq!(code, 1);
    assert_eq!(
        diagnostics.iter().filter(|d| d.contains("error[")).count(),
        2,
        "{diagnostics:?}"
    );
    let _ = snapshot;
}
