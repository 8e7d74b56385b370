//! `/data/timeline.json` in the TimelineJS3 JSON format, so others can embed the timeline
//! (<https://timeline.knightlab.com/docs/json-format.html>).
//!
//! One slide per record, not per date: a project with a start and an end is one slide
//! spanning both. Phases are the eras, not slides; a phase that continues ends at the
//! latest date on the timeline, the atlas's present. Dates carry only the parts the
//! record knows (a year, a month, a day), and `display_date` says them in words.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Item, Milestone};
use crate::date::PartialDate;
use crate::kinds::{Data, Kind};
use crate::markdown::html_escape;
use crate::model::{RecordId, Site};

#[derive(Serialize)]
struct TimelineJs {
    title: Slide,
    events: Vec<Slide>,
    eras: Vec<Era>,
    scale: &'static str,
}

#[derive(Serialize)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<TlDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TlDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
}

#[derive(Debug, PartialEq, Serialize)]
struct TlDate {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
    display_date: String,
}

impl From<&PartialDate> for TlDate {
    fn from(date: &PartialDate) -> Self {
        Self {
            year: date.year_value(),
            month: date.month(),
            day: date.day(),
            display_date: date.display_long(),
        }
    }
}

/// TimelineJS reads both fields as HTML: they are escaped here.
#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct Era {
    start_date: TlDate,
    end_date: TlDate,
    text: Text,
}

/// The TimelineJS file for `items` (the whole timeline, in date order).
pub(super) fn json(site: &Site, items: &[Item]) -> Vec<u8> {
    let present = items.iter().map(|i| i.date).max();
    let first = items.first().map(|i| i.date.year_value());
    let span = match (first, present) {
        (Some(a), Some(b)) => format!(
            " {} dated records from {a} to {}.",
            items.len(),
            b.year_value()
        ),
        _ => String::new(),
    };
    let timeline = TimelineJs {
        title: Slide {
            start_date: None,
            end_date: None,
            display_date: None,
            text: Text {
                headline: html_escape(&format!("{}: timeline", site.config.title)),
                text: format!(
                    "<p>{}{}</p><p><a href=\"{}timeline/\">The timeline in the atlas</a></p>",
                    html_escape(&site.config.description),
                    span,
                    html_escape(&site.config.base_url)
                ),
            },
            group: None,
            unique_id: None,
        },
        events: slides(site, items),
        eras: present.map(|p| eras(site, p)).unwrap_or_default(),
        scale: "human",
    };
    // Serializing plain data structs into memory cannot fail.
    serde_json::to_vec_pretty(&timeline).unwrap_or_default()
}

/// One slide per record, in the order its first date appears; phases are eras instead.
fn slides(site: &Site, items: &[Item]) -> Vec<Slide> {
    // Per record: its first position, its start or date, its end.
    type Dates<'a> = (usize, Option<&'a Item>, Option<&'a Item>);
    let mut by_record: BTreeMap<RecordId, Dates<'_>> = BTreeMap::new();
    for (position, item) in items.iter().enumerate() {
        if item.kind == Kind::Phase {
            continue;
        }
        let entry = by_record
            .entry(item.record)
            .or_insert((position, None, None));
        match item.milestone {
            Milestone::End => entry.2 = entry.2.or(Some(item)),
            _ => entry.1 = entry.1.or(Some(item)),
        }
    }
    let mut records: Vec<Dates<'_>> = by_record.into_values().collect();
    records.sort_by_key(|(position, _, _)| *position);
    records
        .into_iter()
        .filter_map(|(_, start, end)| match (start, end) {
            (Some(s), e) => Some(slide(site, s, e)),
            (None, Some(e)) => Some(slide(site, e, None)),
            (None, None) => None,
        })
        .collect()
}

fn slide(site: &Site, start: &Item, end: Option<&Item>) -> Slide {
    let record = &site.records[start.record];
    let display = match (end, start.milestone) {
        (Some(e), _) => format!("{} – {}", start.date_text(), e.date_text()),
        (None, Milestone::End) => format!("Ended {}", start.date_text()),
        (None, Milestone::Start) => format!("From {}", start.date_text()),
        (None, Milestone::Dated) => start.date_text(),
    };
    let url = format!("{}{}", site.config.base_url, record.url_path());
    let summary = record
        .meta
        .summary
        .as_deref()
        .map(|s| format!("<p>{}</p>", html_escape(s)))
        .unwrap_or_default();
    Slide {
        start_date: Some(TlDate::from(&start.date)),
        end_date: end.map(|e| TlDate::from(&e.date)),
        display_date: Some(display),
        text: Text {
            headline: html_escape(&record.meta.title),
            text: format!(
                "{summary}<p><a href=\"{}\">{} in the atlas</a></p>",
                html_escape(&url),
                record.kind.label()
            ),
        },
        group: Some(record.kind.plural_label()),
        unique_id: Some(record.id().replace('/', "-")),
    }
}

/// The phases; one that continues ends at `present`.
fn eras(site: &Site, present: PartialDate) -> Vec<Era> {
    let mut phases: Vec<_> = site.of_kind(Kind::Phase).iter().collect();
    phases.sort_by_cached_key(|r| crate::render::facts::order_key(r));
    phases
        .into_iter()
        .filter_map(|r| {
            let Data::Phase(p) = &r.data else { return None };
            let end = p.end.as_ref().map_or(present.max(p.start), |e| e.value);
            let mut end_date = TlDate::from(&end);
            if p.end.is_none() {
                end_date.display_date = "continuing".into();
            }
            Some(Era {
                start_date: TlDate::from(&p.start),
                end_date,
                text: Text {
                    headline: html_escape(&r.meta.title),
                    text: r
                        .meta
                        .summary
                        .as_deref()
                        .map(html_escape)
                        .unwrap_or_default(),
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_only_the_parts_they_know() {
        let d = |s: &str| TlDate::from(&s.parse::<PartialDate>().unwrap());
        let json = |s: &str| serde_json::to_string(&d(s)).unwrap();
        assert_eq!(json("2016"), r#"{"year":2016,"display_date":"2016"}"#);
        assert_eq!(
            json("2016-06"),
            r#"{"year":2016,"month":6,"display_date":"June 2016"}"#
        );
        assert_eq!(
            json("2016-04-29"),
            r#"{"year":2016,"month":4,"day":29,"display_date":"29 April 2016"}"#
        );
    }
}
