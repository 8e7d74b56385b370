//! The labelled facts each kind shows on its page and in its index table.

use std::fmt::Display;

use serde::Serialize;

use super::views::{Fact, LinkView, Value};
use crate::date::PartialDate;
use crate::kinds::*;
use crate::model::{Record, Site};

/// Builds the fact list of one record.
struct Facts<'a> {
    site: &'a Site,
    list: Vec<Fact>,
}

impl<'a> Facts<'a> {
    /// A fact shown as a column of the index table: always present, maybe empty.
    fn column(&mut self, label: &'static str, value: Value) {
        self.list.push(Fact {
            label,
            value,
            column: true,
        });
    }

    /// A fact shown on the record page only, and only when known.
    fn add(&mut self, label: &'static str, value: Value) {
        if !matches!(value, Value::Empty) {
            self.list.push(Fact {
                label,
                value,
                column: false,
            });
        }
    }

    fn refs<'r, K: KindMarker + 'r>(&self, refs: impl IntoIterator<Item = &'r Ref<K>>) -> Value {
        self.links(refs.into_iter().map(|r| (r, None)))
    }

    fn links<'r, K: KindMarker + 'r>(
        &self,
        refs: impl IntoIterator<Item = (&'r Ref<K>, Option<String>)>,
    ) -> Value {
        let items: Vec<LinkView> = refs
            .into_iter()
            .filter_map(|(r, note)| {
                let id = self.site.find(K::KIND, r.slug())?;
                Some(LinkView::to(&self.site.records[id]).with_note(note))
            })
            .collect();
        if items.is_empty() {
            Value::Empty
        } else {
            Value::Links { items }
        }
    }
}

fn text(value: Option<impl Display>) -> Value {
    match value {
        Some(v) => Value::Text {
            text: v.to_string(),
        },
        None => Value::Empty,
    }
}

fn date(value: Option<&PartialDate>) -> Value {
    match value {
        Some(d) => Value::Date {
            text: d.display_long(),
            iso: d.to_string(),
        },
        None => Value::Empty,
    }
}

fn list(items: &[String]) -> Value {
    if items.is_empty() {
        Value::Empty
    } else {
        Value::List {
            items: items.to_vec(),
        }
    }
}

fn either(first: Value, second: Value) -> Value {
    if matches!(first, Value::Empty) {
        second
    } else {
        first
    }
}

/// "in-progress" -> "In progress", from an enum's serialized name.
pub fn enum_label<T: Serialize>(value: &T) -> String {
    let name = serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let spaced = name.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

pub(crate) fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn yes_no(value: bool) -> Value {
    Value::Text {
        text: if value { "Yes".into() } else { "No".into() },
    }
}

/// The facts of `record`, in display order.
pub fn facts(site: &Site, record: &Record) -> Vec<Fact> {
    let mut f = Facts {
        site,
        list: Vec::new(),
    };
    match &record.data {
        Data::Document(d) => document(&mut f, d),
        Data::Phase(p) => {
            f.column("Number", text(Some(p.number.value)));
            f.column("Start", date(Some(&p.start)));
            f.column(
                "End",
                either(
                    date(p.end.as_ref().map(|e| &e.value)),
                    text(Some("Continuing")),
                ),
            );
            f.add("Marked by", f.refs(&p.marked_by));
        }
        Data::Platform(p) => {
            f.column("Number", text(Some(p.number.value)));
            f.column("Projects filed", text(p.project_count));
        }
        Data::Project(p) => project(&mut f, p),
        Data::Task(t) => {
            f.column("Number", text(Some(t.number.value)));
            f.column("Platform", f.refs([&t.platform]));
            f.column("Chinese title", text(record.meta.title_zh.as_ref()));
            f.add("Listed in", f.refs([&t.document]));
        }
        Data::Country(c) => {
            f.column("ISO code", text(Some(&c.iso_code.0)));
            f.column("ASEAN member", yes_no(c.asean_member));
        }
        Data::Organization(o) => organization(&mut f, o),
        Data::Place(p) => place(&mut f, p),
        Data::Forum(forum) => forum_facts(&mut f, forum),
        Data::Person(p) => {
            f.column("Country", f.refs([&p.country]));
            let positions: Vec<String> = p
                .roles
                .iter()
                .map(|r| match r.date {
                    Some(d) => format!("{} ({})", r.position, d.display_long()),
                    None => r.position.clone(),
                })
                .collect();
            f.column("Positions", list(&positions));
            f.add(
                "Organizations",
                f.refs(p.roles.iter().filter_map(|r| r.organization.as_ref())),
            );
        }
        Data::BusinessField(b) => {
            f.column("Pinyin", text(b.pinyin.as_ref()));
            f.column("Purpose", text(b.purpose.as_ref()));
            f.add("Areas", list(&b.areas));
            f.add("Example products", list(&b.products));
            f.add("Company", f.refs([&b.organization]));
        }
        Data::Mechanism(m) => {
            f.column("Level", text(Some(enum_label(&m.level))));
            f.column(
                "Year",
                either(text(m.year_label.as_ref()), date(Some(&m.year))),
            );
            f.column("Countries", f.refs(&m.countries));
            f.add("Places", f.refs(&m.places));
        }
        Data::Event(e) => event(&mut f, e),
        Data::Indicator(i) => indicator(&mut f, i),
        Data::Source(s) => source(&mut f, s),
    }
    f.list
}

fn document(f: &mut Facts<'_>, d: &Document) {
    let when = match (d.date.as_ref(), d.status) {
        (None, DocumentStatus::UnderPlanning) => text(Some("Under planning")),
        (date_value, _) => date(date_value),
    };
    f.column("Date", when);
    f.column("Status", text(Some(enum_label(&d.status))));
    f.column(
        "Issued by",
        either(f.refs(&d.issuers), text(d.issuer_label.as_ref())),
    );
    if !d.issuers.is_empty() {
        f.add("Issuer as printed", text(d.issuer_label.as_ref()));
    }
    f.add("Endorsed by", f.refs(&d.endorsers));
    let period = match (&d.period_start, &d.period_end) {
        (Some(s), Some(e)) => Some(format!("{}–{}", s.display_long(), e.value.display_long())),
        (Some(s), None) => Some(format!("from {}", s.display_long())),
        (None, Some(e)) => Some(format!("until {}", e.value.display_long())),
        (None, None) => None,
    };
    f.add("Planning period", text(period));
    f.column("Phase", f.refs(&d.phase));
    f.add("Implements", f.refs(&d.implements));
    f.add("Places", f.refs(&d.places));
}

fn project(f: &mut Facts<'_>, p: &Project) {
    f.column("Platform", f.refs(&p.platform));
    f.column("Status", text(p.status.as_ref().map(enum_label)));
    f.column(
        "Implementers",
        either(f.refs(&p.implementers), text(p.implementer_label.as_ref())),
    );
    f.add("Partners", f.refs(&p.partners));
    f.column("Countries", f.refs(&p.countries));
    f.add("Places", f.refs(&p.places));
    f.add("Phase", f.refs(&p.phase));
    f.add("Business field", f.refs(&p.business_field));
    f.add("Started", date(p.start.as_ref()));
    f.add("Ended", date(p.end.as_ref().map(|e| &e.value)));
}

fn organization(f: &mut Facts<'_>, o: &Organization) {
    f.column("Category", text(Some(enum_label(&o.category))));
    f.column("Country", f.refs(&o.country));
    f.column("Role", text(o.role.as_ref()));
    f.add("Based in", f.refs(&o.based_in));
    f.add("Part of", f.refs(&o.parent));
    f.add("Founded", date(o.founded.as_ref()));
    f.add(
        "Website",
        o.website
            .as_ref()
            .map_or(Value::Empty, |w| Value::Url { href: w.0.clone() }),
    );
    let holders = o.shareholders.iter().map(|s| {
        let capital = s
            .capital_million_yuan
            .map(|c| format!(", {} million yuan", c.0))
            .unwrap_or_default();
        (&s.holder, Some(format!("{}%{capital}", s.percent.value.0)))
    });
    f.add("Shareholders", f.links(holders));
}

fn place(f: &mut Facts<'_>, p: &Place) {
    f.column("Category", text(Some(enum_label(&p.category))));
    f.column("Within", either(f.refs(&p.within), f.refs([&p.country])));
    let roles: Vec<String> = p
        .layout_roles
        .iter()
        .map(|r| format!("One {}", enum_label(r).to_lowercase()))
        .collect();
    f.column("Layout role", list(&roles));
    f.add("Country", f.refs([&p.country]));
    let (lat, lon) = (p.lat.0, p.lon.0);
    let coordinates = format!(
        "{:.2}° {}, {:.2}° {}",
        lat.abs(),
        if lat >= 0.0 { "N" } else { "S" },
        lon.abs(),
        if lon >= 0.0 { "E" } else { "W" }
    );
    f.add("Coordinates", text(Some(coordinates)));
    f.add("Concentric ring", text(p.ring.as_ref().map(|r| r.value)));
    f.add("Area", text(p.area_km2.map(|a| format!("{} km²", a.0))));
    f.add(
        "Estimated investment",
        text(
            p.investment_billion_yuan
                .map(|i| format!("{} billion yuan", i.0)),
        ),
    );
}

fn forum_facts(f: &mut Facts<'_>, forum: &Forum) {
    f.column("Edition", text(Some(ordinal(forum.edition.value))));
    f.column("Date", date(Some(&forum.date)));
    f.column(
        "CAEXPO",
        text(
            forum
                .caexpo_edition
                .map(|e| format!("{} CAEXPO/CABIS", ordinal(e))),
        ),
    );
    f.column("Theme", text(forum.theme.as_ref()));
    f.column(
        "Participants",
        either(
            text(forum.participants_label.as_ref()),
            text(forum.participants),
        ),
    );
    f.add("Place", f.refs(&forum.place));
    f.add("Organizers", f.refs(&forum.organizers));
    f.add(
        "Delegates",
        f.links(
            forum
                .delegates
                .iter()
                .map(|d| (&d.person, Some(d.role.clone()))),
        ),
    );
    let mut enterprises = f.refs(&forum.enterprises);
    if let (Value::Links { items }, true) = (&mut enterprises, forum.more_enterprises)
        && let Some(last) = items.last_mut()
    {
        last.note = Some("and others".into());
    }
    f.add("Enterprises", enterprises);
    f.add("Sessions and outcomes", list(&forum.outcomes));
    f.add("Documents released", f.refs(&forum.documents));
}

fn event(f: &mut Facts<'_>, e: &Event) {
    f.column("Date", date(Some(&e.date)));
    f.column("Phase", f.refs(&e.phase));
    f.column("Countries", f.refs(&e.countries));
    f.add("Places", f.refs(&e.places));
    f.add("Organizations", f.refs(&e.organizations));
    f.add("People", f.refs(&e.people));
    f.add("Documents", f.refs(&e.documents));
    f.add("Projects", f.refs(&e.projects));
    f.add("Forums", f.refs(&e.forums));
}

fn indicator(f: &mut Facts<'_>, i: &Indicator) {
    f.column("Unit", text(Some(&i.unit)));
    f.column(
        "Measures",
        either(f.refs(&i.place), f.refs(&i.organization)),
    );
    let mut head = vec![
        "Date".to_string(),
        "Category".to_string(),
        format!("Value ({})", i.unit),
    ];
    if let Some(alt) = &i.alt_unit {
        head.push(format!("Value ({alt})"));
    }
    head.push("As printed".into());
    let rows = i
        .observations
        .iter()
        .map(|o| {
            let mut row = vec![
                o.date.map(|d| d.display_long()).unwrap_or_default(),
                o.label.clone().unwrap_or_default(),
                o.value.to_string(),
            ];
            if i.alt_unit.is_some() {
                row.push(o.alt_value.map(|v| v.to_string()).unwrap_or_default());
            }
            row.push(o.as_printed.clone().unwrap_or_default());
            row
        })
        .collect();
    f.add("Observations", Value::Table { head, rows });
}

fn source(f: &mut Facts<'_>, s: &Source) {
    f.column("Authors", list(&s.authors));
    f.column("Date", date(s.date.as_ref()));
    f.column("Category", text(Some(enum_label(&s.category))));
    f.add("Translated title", text(s.translated_title.as_ref()));
    f.add("Published in", text(s.container.as_ref()));
    f.add("Volume", text(s.volume.as_ref()));
    f.add("Publisher", text(s.publisher.as_ref()));
    f.add("Place of publication", text(s.publisher_place.as_ref()));
    f.add(
        "Online",
        s.url
            .as_ref()
            .map_or(Value::Empty, |u| Value::Url { href: u.0.clone() }),
    );
}

/// How records of a kind are ordered in lists: by number, then date, then title.
pub fn order_key(record: &Record) -> (u32, bool, Option<PartialDate>, String) {
    let number = match &record.data {
        Data::Task(t) => t.number.value,
        Data::Phase(p) => p.number.value,
        Data::Platform(p) => p.number.value,
        Data::Forum(f) => f.edition.value,
        _ => 0,
    };
    let date = match &record.data {
        Data::Event(e) => Some(e.date),
        Data::Document(d) => d.date,
        Data::Forum(f) => Some(f.date),
        Data::Source(s) => s.date,
        _ => None,
    };
    let dated = matches!(record.kind, Kind::Event | Kind::Document);
    (
        number,
        dated && date.is_none(),
        date,
        record.meta.title.to_lowercase(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_like_prose() {
        assert_eq!(enum_label(&ProjectStatus::InProgress), "In progress");
        assert_eq!(enum_label(&DocumentStatus::UnderPlanning), "Under planning");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(13), "13th");
        assert_eq!(ordinal(22), "22nd");
    }
}
