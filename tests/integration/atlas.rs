//! The shipped CAIH atlas: guards its integrity against the report's tables, so an edit that
//! drops a row, a task or a source fails here.

use std::path::Path;

use portolan::config::{Config, Overrides};
use portolan::kinds::{Data, Kind, ProjectStatus};
use portolan::model::{self, Site};

fn atlas() -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config::load(root, &Overrides::default()).unwrap_or_else(|_| panic!("book.toml"));
    let loaded = portolan::load::load(root);
    let (site, diagnostics) = model::build(config, loaded);
    assert!(
        diagnostics.is_empty(),
        "the atlas has problems: {diagnostics:#?}"
    );
    site.unwrap()
}

fn title<'a>(site: &'a Site, kind: Kind, slug: &str) -> &'a str {
    let id = site
        .find(kind, slug)
        .unwrap_or_else(|| panic!("{} {slug} is missing", kind.name()));
    &site.records[id].meta.title
}

#[test]
fn holds_every_record_kind_in_the_expected_numbers() {
    let site = atlas();
    let exact = [
        (Kind::Phase, 3),
        (Kind::Platform, 5),
        (Kind::Task, 62),
        (Kind::Country, 11),
        (Kind::Forum, 4),
        (Kind::BusinessField, 5),
        (Kind::Mechanism, 9),
    ];
    for (kind, count) in exact {
        assert_eq!(site.of_kind(kind).len(), count, "{}", kind.plural_label());
    }
    let at_least = [
        (Kind::Document, 17),
        (Kind::Project, 30),
        (Kind::Organization, 60),
        (Kind::Place, 12),
        (Kind::Person, 30),
        (Kind::Event, 40),
        (Kind::Indicator, 8),
        (Kind::Source, 21),
    ];
    for (kind, count) in at_least {
        assert!(
            site.of_kind(kind).len() >= count,
            "{}: {}",
            kind.plural_label(),
            site.of_kind(kind).len()
        );
    }
}

#[test]
fn every_record_cites_a_source_with_a_locator() {
    let site = atlas();
    for record in &site.records {
        assert!(
            !record.meta.sources.is_empty(),
            "{} has no sources",
            record.id()
        );
        for source in &record.meta.sources {
            assert!(
                !source.locator.trim().is_empty(),
                "{} cites {} without a locator",
                record.id(),
                source.source.slug()
            );
        }
    }
}

#[test]
fn table_5_is_complete() {
    let site = atlas();
    use ProjectStatus::*;
    let rows = [
        (
            "China-Myanmar Cross-Border Optical Cable System",
            "infrastructure",
            Completed,
        ),
        (
            "Asia-Pacific-Gateway Submarine Cable System",
            "infrastructure",
            Completed,
        ),
        (
            "Beidou Application Demonstration Project",
            "infrastructure",
            InProgress,
        ),
        (
            "China Mobile Data Center (Guangxi)",
            "information-sharing",
            Completed,
        ),
        (
            "China-ASEAN Industrial Base for Cybersecurity",
            "information-sharing",
            InProgress,
        ),
        ("CAIH Town", "information-sharing", EarlyDevelopment),
        (
            "China-ASEAN Smart City Technology Innovation Center",
            "technology-cooperation",
            Completed,
        ),
        (
            "China-ASEAN High-Tech Service Cluster for Inspection and Certification",
            "technology-cooperation",
            InProgress,
        ),
        (
            "China-ASEAN Smart City Water Resources Service Platform",
            "technology-cooperation",
            EarlyDevelopment,
        ),
        (
            "Nanning Cross-Border E-Business Service Platform",
            "economic-and-trade-services",
            Completed,
        ),
        (
            "Beibu Gulf Commodity Exchange Center",
            "economic-and-trade-services",
            Completed,
        ),
        (
            "China-ASEAN Logistics Information Service Platform",
            "economic-and-trade-services",
            InProgress,
        ),
        (
            "China-ASEAN University Think Tank Alliance",
            "people-to-people",
            Completed,
        ),
        (
            "China-ASEAN Audio-Visual Industry Base",
            "people-to-people",
            InProgress,
        ),
        (
            "China-ASEAN Digital Publishing Base",
            "people-to-people",
            EarlyDevelopment,
        ),
    ];
    for (row, (title, platform, status)) in rows.iter().enumerate() {
        let found = site
            .of_kind(Kind::Project)
            .iter()
            .find_map(|r| match &r.data {
                Data::Project(p) if p.table_row == Some(row as u32 + 1) => Some((r, p)),
                _ => None,
            });
        let (record, project) =
            found.unwrap_or_else(|| panic!("Table 5 row {} is missing", row + 1));
        assert_eq!(record.meta.title, *title);
        assert_eq!(
            project.platform.as_ref().map(|p| p.slug()),
            Some(*platform),
            "{title}"
        );
        assert_eq!(project.status, Some(*status), "{title}");
        assert!(
            !project.implementers.is_empty() || project.implementer_label.is_some(),
            "{title}"
        );
    }
}

#[test]
fn appendix_1_has_all_62_tasks_in_english_and_chinese() {
    let site = atlas();
    let mut numbers: Vec<u32> = site
        .of_kind(Kind::Task)
        .iter()
        .map(|r| {
            let Data::Task(t) = &r.data else {
                unreachable!()
            };
            let zh = r.meta.title_zh.as_deref().unwrap_or("");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "task {} lacks its Chinese title",
                t.number.value
            );
            let expected_platform = match t.number.value {
                1..=12 => "infrastructure",
                13..=23 => "information-sharing",
                24..=40 => "technology-cooperation",
                41..=52 => "economic-and-trade-services",
                _ => "people-to-people",
            };
            assert_eq!(
                t.platform.slug(),
                expected_platform,
                "task {}",
                t.number.value
            );
            t.number.value
        })
        .collect();
    numbers.sort();
    assert_eq!(numbers, (1..=62).collect::<Vec<_>>());
    let first = site
        .find(Kind::Task, "task-01")
        .map(|id| &site.records[id])
        .unwrap();
    assert_eq!(
        first.meta.title_zh.as_deref(),
        Some("全面优化国际互联网数据专用通道")
    );
}

#[test]
fn figures_match_the_report() {
    let site = atlas();
    // Table 4: CAIH Co.'s shareholders.
    let caih = &site.records[site.find(Kind::Organization, "caih-co").unwrap()];
    let Data::Organization(org) = &caih.data else {
        unreachable!()
    };
    let table4: Vec<(&str, f64, Option<f64>)> = org
        .shareholders
        .iter()
        .map(|s| {
            (
                s.holder.slug(),
                s.percent.value.0,
                s.capital_million_yuan.map(|c| c.0),
            )
        })
        .collect();
    assert_eq!(table4.len(), 6);
    assert_eq!(table4[0], ("china-unicom", 45.0, Some(90.0)));
    assert_eq!(table4.iter().map(|s| s.1).sum::<f64>(), 100.0);
    assert_eq!(table4.iter().filter_map(|s| s.2).sum::<f64>(), 200.0);
    // Endnote 15: projects by platform.
    let counts: Vec<u32> = [
        "infrastructure",
        "information-sharing",
        "technology-cooperation",
        "economic-and-trade-services",
        "people-to-people",
    ]
    .iter()
    .map(
        |slug| match &site.records[site.find(Kind::Platform, slug).unwrap()].data {
            Data::Platform(p) => p.project_count.unwrap(),
            _ => unreachable!(),
        },
    )
    .collect();
    assert_eq!(counts, [14, 45, 58, 24, 24]);
    assert_eq!(counts.iter().sum::<u32>(), 165);
    // Phases.
    for (slug, start) in [
        ("preparation", "2014-09"),
        ("foundation", "2016-04"),
        ("comprehensive-development", "2019-02"),
    ] {
        let Data::Phase(p) = &site.records[site.find(Kind::Phase, slug).unwrap()].data else {
            unreachable!()
        };
        assert_eq!(p.start.to_string(), start);
    }
    assert_eq!(
        title(&site, Kind::Document, "construction-plan"),
        "Construction Plan for China-ASEAN Information Harbor"
    );
}

#[test]
fn country_pages_say_what_the_report_says() {
    let site = atlas();
    let brunei = &site.records[site.find(Kind::Country, "brunei").unwrap()];
    let body = &brunei.body.as_ref().unwrap().text();
    assert!(
        body.contains("without a cooperation project") || body.contains("without a CAIH Co."),
        "{body}"
    );
    // Every ASEAN member is linked from something besides its own sources.
    for country in site.of_kind(Kind::Country) {
        let id = site.find(Kind::Country, &country.slug).unwrap();
        assert!(
            site.links_to(id).count() >= 2,
            "{} is barely linked",
            country.slug
        );
    }
}
