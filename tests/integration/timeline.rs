//! The timeline: every dated record in date order, one page per filter, TimelineJS data.

use crate::harness::{Atlas, find_attr, tag_with};

fn built() -> Atlas {
    let atlas = Atlas::base();
    let run = atlas.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    atlas
}

/// The list part of a timeline page (after the picture and the filters).
fn list(page: &str) -> &str {
    let start = find_attr(page, "id=tl-list").expect("the list");
    &page[start..]
}

#[test]
fn lists_every_dated_record_in_order_at_its_precision() {
    let atlas = built();
    let page = atlas.read("public/timeline/index.html");
    let list = list(&page);
    let mut at = 0;
    for path in [
        "mechanisms/caexpo/",
        "forums/first-caih-forum/",
        "phases/foundation/",
        "documents/construction-plan/",
        "events/2016-04-29-construction-plan-approved/",
        "projects/laos-cloud-computing-center/",
        "phases/foundation/",
    ] {
        let link = format!("href=../{path}>");
        let found = list[at..]
            .find(&link)
            .unwrap_or_else(|| panic!("{path} missing or out of order in {list}"));
        at += found + link.len();
    }
    for time in [
        "<time datetime=2004>2004</time>",
        "<time datetime=2016-04>April 2016</time>",
        "<time datetime=2016-04-29>29 April 2016</time>",
        "<time datetime=2017-05>May 2017</time>",
    ] {
        assert!(list.contains(time), "{time} in {list}");
    }
    // Each item shows its kind and carries its facets for the script.
    let project = tag_with(list, "data-kind=project");
    for attribute in [
        r#"data-country="china laos""#,
        "data-platform=infrastructure",
    ] {
        assert!(project.contains(attribute), "{project}");
    }
    assert!(list.contains("<span class=kind-tag>Forum</span>"), "{list}");
    assert!(
        tag_with(&page, "src=../timeline.js").contains("defer"),
        "{page}"
    );
    assert!(page.contains("role=img"), "{page}");
    assert!(page.contains("href=../data/timeline.json"), "{page}");
    assert!(
        tag_with(&page, "id=tl-list").contains("data-complete"),
        "{page}"
    );
}

#[test]
fn every_filter_value_has_a_page_that_shows_it_and_offers_to_clear_it() {
    let atlas = built();
    let cases: [(&str, &str, &[&str], &[&str]); 3] = [
        (
            "kind/event",
            "Showing 1 of 7 dated records (Kind: Events).",
            &["events/2016-04-29-construction-plan-approved/"],
            &["documents/construction-plan/", "phases/foundation/"],
        ),
        (
            "country/laos",
            "Showing 5 of 7 dated records (Country: Laos).",
            &[
                "mechanisms/caexpo/",
                "forums/first-caih-forum/",
                "projects/laos-cloud-computing-center/",
                "phases/foundation/",
            ],
            &[
                "documents/construction-plan/",
                "events/2016-04-29-construction-plan-approved/",
            ],
        ),
        (
            "platform/infrastructure",
            "Showing 4 of 7 dated records (Platform: Infrastructure).",
            &[
                "projects/laos-cloud-computing-center/",
                "phases/foundation/",
                "documents/construction-plan/",
            ],
            &[
                "mechanisms/caexpo/",
                "events/2016-04-29-construction-plan-approved/",
            ],
        ),
    ];
    for (filter, status, shows, hides) in cases {
        let page = atlas.read(&format!("public/timeline/{filter}/index.html"));
        assert!(page.contains(status), "{filter}: {page}");
        let active = tag_with(&page, &format!("href=../../../timeline/{filter}/"));
        assert!(active.contains("aria-current=page"), "{filter}: {active}");
        let clear = tag_with(&page, "id=tl-clear");
        assert!(
            clear.contains("href=../../../timeline/"),
            "{filter}: {clear}"
        );
        assert!(!clear.contains("hidden"), "{filter}: {clear}");
        // Only the full page can be filtered in place.
        assert!(
            !tag_with(&page, "id=tl-list").contains("data-complete"),
            "{filter}"
        );
        let list = list(&page);
        for path in shows {
            assert!(
                find_attr(list, &format!("href=../../../{path}")).is_some(),
                "{filter} shows {path}"
            );
        }
        for path in hides {
            assert!(
                find_attr(list, &format!("href=../../../{path}")).is_none(),
                "{filter} hides {path}"
            );
        }
    }
    for filter in [
        "kind/document",
        "kind/phase",
        "kind/project",
        "kind/forum",
        "kind/mechanism",
        "country/china",
    ] {
        assert!(
            atlas
                .path()
                .join(format!("public/timeline/{filter}/index.html"))
                .is_file(),
            "{filter}"
        );
    }
    // No page for a value without items.
    assert!(!atlas.path().join("public/timeline/kind/person").exists());
}

#[test]
fn the_timeline_is_first_in_the_header_navigation() {
    let atlas = built();
    let home = atlas.read("public/index.html");
    let nav = &home[home.find("class=site-nav").unwrap()..];
    let first = nav.find("<a href=").unwrap();
    assert!(
        nav[first..].starts_with("<a href=./timeline/>Timeline</a>"),
        "{nav}"
    );
}

#[test]
fn timeline_json_is_timelinejs_with_the_phases_as_eras() {
    let atlas = built();
    let json: serde_json::Value =
        serde_json::from_str(&atlas.read("public/data/timeline.json")).unwrap();
    assert!(json["title"]["text"]["headline"].is_string());
    let events = json["events"].as_array().unwrap();
    // One slide per dated record; the phase is an era, not a slide.
    let ids: Vec<&str> = events
        .iter()
        .map(|e| e["unique_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "mechanisms-caexpo",
            "forums-first-caih-forum",
            "documents-construction-plan",
            "events-2016-04-29-construction-plan-approved",
            "projects-laos-cloud-computing-center",
        ]
    );
    let event = &events[3];
    assert_eq!(event["start_date"]["year"], 2016);
    assert_eq!(event["start_date"]["month"], 4);
    assert_eq!(event["start_date"]["day"], 29);
    assert_eq!(event["group"], "Events");
    assert!(event["text"]["headline"].is_string());
    assert!(
        event["text"]["text"]
            .as_str()
            .unwrap()
            .contains("/events/2016-04-29-construction-plan-approved/")
    );
    // Precision kept: a forum known to the year has no month.
    assert_eq!(events[1]["start_date"]["year"], 2015);
    assert!(events[1]["start_date"].get("month").is_none());
    let eras = json["eras"].as_array().unwrap();
    assert_eq!(eras.len(), 1);
    assert_eq!(eras[0]["start_date"]["year"], 2016);
    assert_eq!(eras[0]["start_date"]["month"], 4);
    assert_eq!(eras[0]["end_date"]["year"], 2019);
    assert_eq!(eras[0]["end_date"]["month"], 2);
    assert_eq!(eras[0]["text"]["headline"], "Foundation phase");
}
