//! The tables page and the data downloads, built from the base fixture: every table of
//! the report is rebuilt, every CSV parses, and every foreign key of the data package
//! resolves to a row of the table it points at.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::harness::{Atlas, find_attr, snapshot};

fn built() -> Atlas {
    let atlas = Atlas::base();
    let run = atlas.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    atlas
}

/// A CSV file as its header and rows, checking that every row has the header's width.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{path:?}: {e}"));
            assert_eq!(r.len(), header.len(), "{path:?}: ragged row {r:?}");
            r.iter().map(String::from).collect()
        })
        .collect();
    (header, rows)
}

/// The `<tbody>` rows of the table inside the element with id `id`.
fn body_rows<'a>(html: &'a str, id: &str) -> Vec<&'a str> {
    let start =
        find_attr(html, &format!("id={id}")).unwrap_or_else(|| panic!("no #{id} in {html}"));
    let section = &html[start..];
    let body = &section[section.find("<tbody>").unwrap()..section.find("</tbody>").unwrap()];
    body.split("<tr>").skip(1).collect()
}

#[test]
fn rebuilds_every_table_of_the_report_from_the_records() {
    let atlas = built();
    let html = atlas.read("public/tables/index.html");
    let expected = [
        (
            "table-2",
            "Table 2: Major Platforms and Mechanisms",
            "../mechanisms/caexpo/",
        ),
        (
            "table-3",
            "Table 3: Selected Important Documents",
            "../documents/construction-plan/",
        ),
        (
            "table-4",
            "Table 4: Shareholding Structure of",
            "../organizations/china-unicom/",
        ),
        (
            "table-5",
            "Table 5: Selected Projects of China-ASEAN Information Harbor, 2016-2018",
            "../projects/laos-cloud-computing-center/",
        ),
        (
            "table-6",
            "Table 6: China-ASEAN Information Harbor Forum",
            "../forums/first-caih-forum/",
        ),
        (
            "table-7",
            "Table 7: Five Business Fields of CAIH Co.",
            "../business-fields/digital-industry/",
        ),
        (
            "appendix-1",
            "Appendix 1: 62 Work Tasks",
            "../tasks/task-01/",
        ),
    ];
    for (id, title, link) in expected {
        assert!(
            html.contains(&format!("<h2 id={id}-title>{title}")),
            "{id} title"
        );
        let rows = body_rows(&html, id);
        assert_eq!(rows.len(), 1, "{id}: {rows:?}");
        assert!(
            rows[0].contains(&format!("href={link}")),
            "{id}: {}",
            rows[0]
        );
        assert!(
            html.contains(&format!("href=../tables/{id}.csv")),
            "{id} download"
        );
        let (header, csv_rows) = read_csv(&atlas.path().join(format!("public/tables/{id}.csv")));
        assert_eq!(header[0], "id");
        assert_eq!(csv_rows.len(), 1, "{id}.csv");
    }
    // Values as the report prints them, from the records' fields.
    let shares = body_rows(&html, "table-4")[0];
    assert!(shares.contains("<td>45</td><td>90</td>"), "{shares}");
    let forum = body_rows(&html, "table-6")[0];
    assert!(
        forum.contains("12th CAEXPO/CABIS") && forum.contains("<li>Others</li>"),
        "{forum}"
    );
    assert!(
        forum.contains("(Minister of Post and Telecommunications of Laos)"),
        "{forum}"
    );
    assert!(html.contains("Source: <a href=../sources/ngeow2021/>Ngeow 2021</a>, Table 5, p. 17."));
    // Every kind's index table is linked, and is sortable.
    assert!(html.contains("href=../tasks/>Work tasks</a>"));
    let sortable = html.match_indices("<table ").any(|(at, _)| {
        let tag = &html[at..at + html[at..].find('>').unwrap()];
        tag.contains(" aria-labelledby=table-5-title") && tag.contains(" data-sortable")
    });
    assert!(sortable, "{html}");
    let index = atlas.read("public/projects/index.html");
    assert!(
        index.contains("data-sortable") && index.contains("src=../tables.js"),
        "{index}"
    );
}

#[test]
fn a_record_without_a_table_row_leaves_its_table() {
    let atlas = Atlas::base();
    let path = "content/mechanisms/caexpo.md";
    let text = atlas.read(path).replace("table_row = 1\n", "");
    atlas.write(path, &text);
    assert_eq!(atlas.build().code, 0);
    let html = atlas.read("public/tables/index.html");
    assert!(!html.contains("id=table-2"), "{html}");
    assert!(!atlas.path().join("public/tables/table-2.csv").exists());
    assert!(html.contains("id=table-3"));
}

#[test]
fn every_csv_parses_and_every_foreign_key_resolves() {
    let atlas = built();
    let data = atlas.path().join("public/data");
    let files = snapshot(&atlas.path().join("public"));
    let csvs: Vec<_> = files
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    assert!(csvs.len() >= 15 + 7, "{csvs:?}");
    let mut tables = BTreeMap::new();
    for path in csvs {
        let table = read_csv(&atlas.path().join("public").join(path));
        tables.insert(path.to_string_lossy().into_owned(), table);
    }

    let package: serde_json::Value =
        serde_json::from_str(&atlas.read("public/data/datapackage.json")).unwrap();
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(
        resources.len(),
        tables.keys().filter(|p| p.starts_with("data/")).count(),
        "every CSV under data/ is described"
    );
    let ids = |name: &str| -> BTreeSet<String> {
        let (header, rows) = &tables[&format!("data/{name}.csv")];
        let column = header.iter().position(|h| h == "id").unwrap();
        rows.iter().map(|r| r[column].clone()).collect()
    };
    let mut checked = 0;
    for resource in resources {
        let name = resource["name"].as_str().unwrap();
        let (header, rows) = &tables[&format!("data/{}", resource["path"].as_str().unwrap())];
        let fields: Vec<&str> = resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(header, &fields, "{name}: header and schema agree");
        assert!(
            std::fs::metadata(data.join(resource["path"].as_str().unwrap()))
                .unwrap()
                .len()
                == resource["bytes"].as_u64().unwrap()
        );
        for key in resource["schema"]["foreignKeys"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let field = key["fields"].as_str().unwrap();
            let target = match key["reference"]["resource"].as_str().unwrap() {
                "" => name,
                other => other,
            };
            assert_eq!(key["reference"]["fields"], "id");
            let known = ids(target);
            let column = header.iter().position(|h| h == field).unwrap();
            for row in rows.iter().filter(|r| !r[column].is_empty()) {
                assert!(
                    known.contains(&row[column]),
                    "{name}.{field} = {} is not an id in {target}",
                    row[column]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "only {checked} references checked");
    let (_, projects) = &tables["data/projects.csv"];
    assert!(projects[0].contains(&"platforms/infrastructure".to_string()));
}

#[test]
fn the_data_page_lists_every_download_with_its_size() {
    let atlas = built();
    let html = atlas.read("public/data/index.html");
    let package: serde_json::Value =
        serde_json::from_str(&atlas.read("public/data/datapackage.json")).unwrap();
    for resource in package["resources"].as_array().unwrap() {
        let path = resource["path"].as_str().unwrap();
        assert!(
            html.contains(&format!("href=../data/{path}")),
            "{path} not listed"
        );
    }
    for file in [
        "data/atlas.json",
        "data/datapackage.json",
        "data/schema/project.json",
        "tables/table-5.csv",
    ] {
        assert!(
            html.contains(&format!("href=../{file}")),
            "{file} not listed"
        );
    }
    assert!(html.contains(" kB<") || html.contains(" bytes<"), "{html}");
    let schema: serde_json::Value =
        serde_json::from_str(&atlas.read("public/data/schema/project.json")).unwrap();
    assert_eq!(schema["title"], "Project");
    let nav = atlas.read("public/index.html");
    assert!(
        nav.contains("<a href=./tables/>Tables</a>") && nav.contains("<a href=./data/>Data</a>")
    );
}
