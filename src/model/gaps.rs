//! What the atlas is missing: records without sources, records cut off from the rest, and
//! sources nobody cites. `check` warns about them; the data-quality page lists them.

use std::collections::BTreeSet;
use std::ops::Range;

use super::{Link, Record, RecordId};
use crate::diag::Diagnostic;
use crate::kinds::{CITES, Kind};

/// Records an editor should look at, by id, in record order.
#[derive(Debug, Default)]
pub struct Gaps {
    /// Records (other than sources) that cite no source.
    pub unsourced: Vec<RecordId>,
    /// Records no other record links to and that link to no record but sources: readers
    /// can only reach them through the index pages. A record that links to another is not
    /// cut off, since the target's page lists it among its back-references.
    pub orphans: Vec<RecordId>,
    /// Sources no record cites.
    pub uncited: Vec<RecordId>,
}

impl Gaps {
    /// `introduced`: records linked from the home or section introductions.
    pub(super) fn find(
        records: &[Record],
        links: &[Link],
        out_ranges: &[Range<usize>],
        back: &[Vec<usize>],
        introduced: &BTreeSet<RecordId>,
    ) -> Gaps {
        let mut gaps = Gaps::default();
        for (id, record) in records.iter().enumerate() {
            let out = &links[out_ranges[id].clone()];
            if record.kind != Kind::Source && !out.iter().any(|l| l.relation == &CITES) {
                gaps.unsourced.push(id);
            }
            let linked_to =
                back[id].iter().any(|&l| links[l].from != id) || introduced.contains(&id);
            if linked_to {
                continue;
            }
            if record.kind == Kind::Source {
                gaps.uncited.push(id);
            } else if !out
                .iter()
                .any(|l| l.to != id && records[l.to].kind != Kind::Source)
            {
                gaps.orphans.push(id);
            }
        }
        gaps
    }

    /// One warning per gap, placed at the start of the record's fields.
    pub(super) fn warnings(&self, records: &[Record]) -> Vec<Diagnostic> {
        let at = |id: RecordId, d: Diagnostic| {
            let r = &records[id];
            d.in_file(&r.path).at(r.toml_offset..r.toml_offset)
        };
        let unsourced = self.unsourced.iter().map(|&id| {
            let d = Diagnostic::warning("no-sources", format!("this {} cites no source", records[id].kind.name()))
                .with_help("add sources = [{ source = \"...\", locator = \"...\" }] naming where the facts come from");
            at(id, d)
        });
        let orphans = self.orphans.iter().map(|&id| {
            let d = Diagnostic::warning("orphan", format!("no record links to this {}", records[id].kind.name()))
                .with_help("link it from a related record (a field or [text](@section/id) in a body), or remove it");
            at(id, d)
        });
        let uncited = self.uncited.iter().map(|&id| {
            let slug = &records[id].slug;
            let d = Diagnostic::warning("uncited-source", format!("no record cites the source `{slug}`")).with_help(
                format!("cite it with sources = [{{ source = \"{slug}\", locator = \"...\" }}], or remove it"),
            );
            at(id, d)
        });
        unsourced.chain(orphans).chain(uncited).collect()
    }
}
