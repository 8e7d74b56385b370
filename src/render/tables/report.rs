//! The report's tables, one builder each. Titles are the report's, quoted; rows and cells
//! come from the records.

use super::{Cell, Item, Row, Table};
use crate::date::PartialDate;
use crate::kinds::{Country, Data, DocumentStatus, Kind, KindMarker, Ref};
use crate::model::{Record, Site};
use crate::render::facts::{enum_label, ordinal};

/// Every table of the report that has rows in this atlas, in the report's order.
pub(super) fn tables(site: &Site) -> Vec<Table> {
    let mut out = Vec::new();
    out.extend(mechanisms(site));
    out.extend(documents(site));
    out.extend(shareholdings(site));
    out.extend(projects(site));
    out.extend(forums(site));
    out.extend(business_fields(site));
    out.extend(tasks(site));
    out
}

/// Records of `kind` that give a row number in the report's table, in that order.
fn with_table_row(site: &Site, kind: Kind) -> Vec<(&Record, u32)> {
    let mut rows: Vec<(&Record, u32)> = site
        .of_kind(kind)
        .iter()
        .filter_map(|r| {
            let row = match &r.data {
                Data::Mechanism(m) => m.table_row,
                Data::Document(d) => d.table_row,
                Data::Project(p) => p.table_row,
                Data::BusinessField(b) => b.table_row,
                _ => None,
            };
            row.map(|n| (r, n))
        })
        .collect();
    rows.sort_by_key(|(r, n)| (*n, r.slug.as_str()));
    rows
}

/// The record a reference points at (references are checked, so it exists).
fn target<'s, K: KindMarker>(site: &'s Site, r: &Ref<K>) -> Option<&'s Record> {
    site.find(K::KIND, r.slug()).map(|id| &site.records[id])
}

fn links<'r, K: KindMarker + 'r>(
    site: &Site,
    refs: impl IntoIterator<Item = &'r Ref<K>>,
) -> Vec<Item> {
    refs.into_iter()
        .filter_map(|r| target(site, r))
        .map(Item::link)
        .collect()
}

fn row(record: &Record, cells: Vec<Cell>) -> Row {
    Row {
        record: record.id(),
        cells,
    }
}

/// Orders a link to a platform by the platform's number rather than its name.
fn platform_cell<K: KindMarker>(site: &Site, platform: Option<&Ref<K>>) -> Cell {
    let Some(record) = platform.and_then(|p| target(site, p)) else {
        return Cell::default();
    };
    let cell = Cell::link(record);
    match &record.data {
        Data::Platform(p) => cell.sorted_by(p.number.value),
        _ => cell,
    }
}

fn year_cell(date: &PartialDate, printed: Option<&String>) -> Cell {
    let text = printed.cloned().unwrap_or_else(|| date.display_long());
    Cell::text(text).sorted_by(date)
}

fn mechanisms(site: &Site) -> Option<Table> {
    let records = with_table_row(site, Kind::Mechanism);
    let rows = records
        .iter()
        .filter_map(|(r, _)| match &r.data {
            Data::Mechanism(m) => Some(row(
                r,
                vec![
                    Cell::link(r),
                    Cell::text(enum_label(&m.level)),
                    year_cell(&m.year, m.year_label.as_ref()),
                ],
            )),
            _ => None,
        })
        .collect();
    let cited: Vec<&Record> = records.iter().map(|(r, _)| *r).collect();
    Table::new(
        site,
        "table-2".into(),
        "Table 2",
        "Major Platforms and Mechanisms of Guangxi's Engagement with ASEAN and ASEAN Countries"
            .into(),
        vec!["Platform/Mechanism", "Level of engagement", "Year"],
        rows,
        &cited,
    )
}

fn documents(site: &Site) -> Option<Table> {
    let records = with_table_row(site, Kind::Document);
    let rows = records
        .iter()
        .filter_map(|(r, _)| {
            let Data::Document(d) = &r.data else {
                return None;
            };
            let year = match (d.status, d.date) {
                (DocumentStatus::UnderPlanning, _) => Cell::text("Under planning"),
                (_, Some(date)) => Cell::text(date.year_value().to_string()).sorted_by(date),
                (_, None) => Cell::default(),
            };
            let issuer = match &d.issuer_label {
                Some(label) => Cell::text(label.clone()),
                None => Cell::items(links(site, &d.issuers)),
            };
            Some(row(r, vec![Cell::link(r), year, issuer]))
        })
        .collect();
    let cited: Vec<&Record> = records.iter().map(|(r, _)| *r).collect();
    Table::new(
        site,
        "table-3".into(),
        "Table 3",
        "Selected Important Documents Guiding Development of China-ASEAN Information Harbor".into(),
        vec!["Document", "Year", "Issuing body"],
        rows,
        &cited,
    )
}

/// One table per company whose shareholders are recorded; the report has one (Table 4).
fn shareholdings(site: &Site) -> Vec<Table> {
    let companies = site
        .of_kind(Kind::Organization)
        .iter()
        .filter_map(|r| match &r.data {
            Data::Organization(o) if !o.shareholders.is_empty() => Some((r, &o.shareholders)),
            _ => None,
        });
    companies
        .enumerate()
        .filter_map(|(i, (company, holdings))| {
            let rows = holdings
                .iter()
                .filter_map(|h| {
                    let holder = target(site, &h.holder)?;
                    let capital = h.capital_million_yuan.map(|c| c.0.to_string());
                    Some(row(
                        holder,
                        vec![
                            Cell::link(holder),
                            Cell::text(h.percent.value.0.to_string()),
                            Cell::maybe(capital),
                        ],
                    ))
                })
                .collect();
            let id = if i == 0 {
                "table-4".to_string()
            } else {
                format!("table-4-{}", company.slug)
            };
            Table::new(
                site,
                id,
                "Table 4",
                format!("Shareholding Structure of {}", company.meta.title),
                vec!["Shareholder", "Percentage", "Capital (million yuan)"],
                rows,
                &[company],
            )
        })
        .collect()
}

fn projects(site: &Site) -> Option<Table> {
    let records = with_table_row(site, Kind::Project);
    let rows = records
        .iter()
        .filter_map(|(r, _)| {
            let Data::Project(p) = &r.data else {
                return None;
            };
            let implementers = match (&p.implementer_label, p.implementers.is_empty()) {
                (Some(label), true) => Cell::text(label.clone()),
                _ => Cell::items(links(site, &p.implementers)),
            };
            Some(row(
                r,
                vec![
                    Cell::link(r),
                    implementers,
                    platform_cell(site, p.platform.as_ref()),
                    Cell::maybe(p.status.as_ref().map(enum_label)),
                ],
            ))
        })
        .collect();
    let cited: Vec<&Record> = records.iter().map(|(r, _)| *r).collect();
    Table::new(
        site,
        "table-5".into(),
        "Table 5",
        "Selected Projects of China-ASEAN Information Harbor, 2016-2018".into(),
        vec!["Project", "Project implementer", "Platform", "Status"],
        rows,
        &cited,
    )
}

/// True when `country` is an ASEAN member: the report's Table 6 splits each forum's
/// officials and enterprises into Chinese and ASEAN columns by this.
fn in_asean(site: &Site, country: Option<&Ref<Country>>) -> bool {
    country
        .and_then(|c| target(site, c))
        .is_some_and(|c| matches!(&c.data, Data::Country(c) if c.asean_member))
}

fn forums(site: &Site) -> Option<Table> {
    let mut records: Vec<&Record> = site.of_kind(Kind::Forum).iter().collect();
    records.sort_by_key(|r| match &r.data {
        Data::Forum(f) => (f.edition.value, r.slug.as_str()),
        _ => (0, r.slug.as_str()),
    });
    let rows = records.iter().filter_map(|r| forum_row(site, r)).collect();
    Table::new(
        site,
        "table-6".into(),
        "Table 6",
        "China-ASEAN Information Harbor Forum".into(),
        vec![
            "Forum",
            "Year",
            "CAEXPO/CABIS",
            "Theme",
            "Participants",
            "Chinese officials",
            "Chinese enterprises",
            "ASEAN officials",
            "ASEAN enterprises",
            "Sessions, sub-forums, related developments",
        ],
        rows,
        &records,
    )
}

fn forum_row(site: &Site, record: &Record) -> Option<Row> {
    let Data::Forum(f) = &record.data else {
        return None;
    };
    let (mut china_officials, mut asean_officials) = (Vec::new(), Vec::new());
    for d in &f.delegates {
        let Some(person) = target(site, &d.person) else {
            continue;
        };
        let country = match &person.data {
            Data::Person(p) => Some(&p.country),
            _ => None,
        };
        let item = Item::link(person).with_note(Some(d.role.clone()));
        if in_asean(site, country) {
            asean_officials.push(item);
        } else {
            china_officials.push(item);
        }
    }
    let (mut china_firms, mut asean_firms) = (Vec::new(), Vec::new());
    for org in f.enterprises.iter().filter_map(|e| target(site, e)) {
        let country = match &org.data {
            Data::Organization(o) => o.country.as_ref(),
            _ => None,
        };
        if in_asean(site, country) {
            let name = country
                .and_then(|c| target(site, c))
                .map(|c| c.meta.title.clone());
            asean_firms.push(Item::link(org).with_note(name));
        } else {
            china_firms.push(Item::link(org));
        }
    }
    // The report prints "Others" under the Chinese enterprises.
    if f.more_enterprises {
        china_firms.push(Item::text("Others"));
    }
    let participants = Cell::maybe(
        f.participants_label
            .clone()
            .or_else(|| f.participants.map(|p| p.to_string())),
    );
    let participants = match f.participants {
        Some(n) => participants.sorted_by(n),
        None => participants,
    };
    let caexpo = f
        .caexpo_edition
        .map(|e| (format!("{} CAEXPO/CABIS", ordinal(e)), e));
    Some(row(
        record,
        vec![
            Cell::link(record).sorted_by(f.edition.value),
            Cell::text(f.date.display_long()).sorted_by(f.date),
            caexpo.map_or_else(Cell::default, |(text, n)| Cell::text(text).sorted_by(n)),
            Cell::maybe(f.theme.clone()),
            participants,
            Cell::items(china_officials).bulleted(),
            Cell::items(china_firms).bulleted(),
            Cell::items(asean_officials).bulleted(),
            Cell::items(asean_firms).bulleted(),
            Cell::items(f.outcomes.iter().map(Item::text).collect()).bulleted(),
        ],
    ))
}

fn business_fields(site: &Site) -> Option<Table> {
    let records = with_table_row(site, Kind::BusinessField);
    let rows = records
        .iter()
        .filter_map(|(r, _)| {
            let Data::BusinessField(b) = &r.data else {
                return None;
            };
            let list =
                |items: &[String]| Cell::items(items.iter().map(Item::text).collect()).bulleted();
            Some(row(
                r,
                vec![
                    Cell::link(r),
                    Cell::maybe(b.purpose.clone()),
                    list(&b.areas),
                    list(&b.products),
                ],
            ))
        })
        .collect();
    let cited: Vec<&Record> = records.iter().map(|(r, _)| *r).collect();
    Table::new(
        site,
        "table-7".into(),
        "Table 7",
        "Five Business Fields of CAIH Co.".into(),
        vec![
            "Business field",
            "Purpose",
            "Selected relevant areas",
            "Selected examples of products",
        ],
        rows,
        &cited,
    )
}

fn tasks(site: &Site) -> Option<Table> {
    let mut records: Vec<&Record> = site.of_kind(Kind::Task).iter().collect();
    records.sort_by_key(|r| match &r.data {
        Data::Task(t) => (t.number.value, r.slug.as_str()),
        _ => (0, r.slug.as_str()),
    });
    let rows = records
        .iter()
        .filter_map(|r| {
            let Data::Task(t) = &r.data else {
                return None;
            };
            let chinese = r.meta.title_zh.as_ref().map(|zh| Item {
                zh: true,
                ..Item::text(zh.clone())
            });
            Some(row(
                r,
                vec![
                    Cell::text(t.number.value.to_string()),
                    platform_cell(site, Some(&t.platform)),
                    Cell::link(r),
                    Cell::items(chinese.into_iter().collect()),
                ],
            ))
        })
        .collect();
    Table::new(
        site,
        "appendix-1".into(),
        "Appendix 1",
        "62 Work Tasks Identified in Guangxi government's Implementation Plan for China-ASEAN Information Harbor (2019-2021)".into(),
        vec!["Number", "Platform", "Work task", "Chinese title"],
        rows,
        &records,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::data::fixture_site;

    fn table<'a>(tables: &'a [Table], id: &str) -> &'a Table {
        tables
            .iter()
            .find(|t| t.id == id)
            .unwrap_or_else(|| panic!("no {id}"))
    }

    #[test]
    fn rebuilds_every_table_from_the_fixture() {
        let site = fixture_site();
        let tables = tables(&site);
        let ids: Vec<&str> = tables.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "table-2",
                "table-3",
                "table-4",
                "table-5",
                "table-6",
                "table-7",
                "appendix-1"
            ]
        );
        let shares = table(&tables, "table-4");
        assert_eq!(shares.rows[0].record, "organizations/china-unicom");
        assert_eq!(shares.rows[0].cells[1].plain(), "45");
        assert_eq!(shares.rows[0].cells[2].plain(), "90");
        let source = shares.source.as_ref().unwrap();
        assert_eq!(
            (source.label.as_str(), source.locator.as_str()),
            ("Ngeow 2021", "Table 4, p. 14")
        );
    }

    #[test]
    fn splits_forum_delegates_and_enterprises_by_country() {
        let site = fixture_site();
        let tables = tables(&site);
        let forum = &table(&tables, "table-6").rows[0].cells;
        assert_eq!(forum[1].sort.as_deref(), Some("2015"));
        assert_eq!(forum[2].plain(), "12th CAEXPO/CABIS");
        assert_eq!(forum[5].plain(), "", "no Chinese officials in the fixture");
        assert_eq!(forum[6].plain(), "China Unicom; Others");
        assert_eq!(
            forum[7].plain(),
            "Hiem Phommachanh (Minister of Post and Telecommunications of Laos)"
        );
    }

    #[test]
    fn tables_download_as_csv_with_record_ids() {
        let site = fixture_site();
        let tables = tables(&site);
        let csv = String::from_utf8(table(&tables, "appendix-1").to_csv().unwrap()).unwrap();
        assert_eq!(
            csv,
            "id,Number,Platform,Work task,Chinese title\n\
             tasks/task-01,1,Infrastructure,Comprehensively improve the international internet data channel,全面优化国际互联网数据专用通道\n"
        );
    }
}
