//! How `search.js` ranks records for a query, restated in Rust so the rules can be tested
//! next to the index that feeds them. The script is the one readers run; keep both equal.
//!
//! 1. Records matching every term of the query come before those matching some.
//! 2. Then those with more of the terms in their name (title, Chinese title, alias: a
//!    weight of at least [`NAME_WEIGHT`]), so "laos cloud" puts the Laos cloud centre
//!    before Laos, whose text mentions the centre.
//! 3. Then by the sum of the matched terms' weights (a word of a short title weighs most).
//! 4. The word being typed also matches as a prefix, at half weight, so an exact word
//!    beats a longer one that merely starts with it; it still counts as in the name.
//! 5. Ties go to record order, so the ranking is stable.
//!
//! One difference: to bound downloads, `search.js` expands a prefix within at most four
//! term chunks (about 24 KB); on the CAIH atlas no two-letter prefix spans more than two.

use std::collections::BTreeMap;

use super::index::{NAME_WEIGHT, Postings};
use super::tokens;

/// One matching record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Record id.
    pub(crate) doc: u32,
    /// How many query terms it matches.
    pub(crate) matched: usize,
    /// How many of them are in its name.
    pub(crate) named: usize,
    /// Sum of their weights.
    pub(crate) score: u32,
}

/// The records matching `query`, best first.
pub(crate) fn rank(postings: &Postings, query: &str) -> Vec<Hit> {
    let mut hits: BTreeMap<u32, Hit> = BTreeMap::new();
    for term in tokens::query_terms(query) {
        // Record -> (weight, whether in the name).
        let mut best: BTreeMap<u32, (u32, bool)> = BTreeMap::new();
        for &(doc, weight) in postings.get(&term.term).into_iter().flatten() {
            best.insert(doc, (weight, weight >= NAME_WEIGHT));
        }
        if let Some(prefix) = &term.prefix {
            let longer = postings
                .range(prefix.clone()..)
                .take_while(|(t, _)| t.starts_with(prefix.as_str()))
                .filter(|(t, _)| **t != term.term);
            for (_, list) in longer {
                for &(doc, weight) in list {
                    let (w, named) = best.entry(doc).or_default();
                    *w = (*w).max(weight.div_ceil(2));
                    *named |= weight >= NAME_WEIGHT;
                }
            }
        }
        for (doc, (weight, named)) in best {
            let hit = hits.entry(doc).or_insert(Hit {
                doc,
                matched: 0,
                named: 0,
                score: 0,
            });
            hit.matched += 1;
            hit.named += usize::from(named);
            hit.score += weight;
        }
    }
    let mut out: Vec<Hit> = hits.into_values().collect();
    out.sort_by(|a, b| {
        b.matched
            .cmp(&a.matched)
            .then(b.named.cmp(&a.named))
            .then(b.score.cmp(&a.score))
            .then(a.doc.cmp(&b.doc))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::super::index::{Doc, Field, Index, weigh};
    use super::*;
    use crate::kinds::Kind;

    /// An index of records given as their fields.
    fn index(records: &[&[(Field, &str)]]) -> Index {
        Index::from_parts(
            records
                .iter()
                .enumerate()
                .map(|(i, fields)| {
                    let fields: Vec<(Field, String)> =
                        fields.iter().map(|(f, t)| (*f, t.to_string())).collect();
                    let doc = Doc {
                        kind: Kind::Project,
                        slug: format!("r{i}"),
                        title: String::new(),
                        title_zh: None,
                        snippet: String::new(),
                    };
                    (doc, weigh(&fields))
                })
                .collect(),
        )
    }

    fn docs(index: &Index, query: &str) -> Vec<u32> {
        rank(&index.postings, query).iter().map(|h| h.doc).collect()
    }

    #[test]
    fn a_title_match_outranks_a_body_match() {
        let idx = index(&[
            &[
                (Field::Title, "Sugarcane platform"),
                (
                    Field::Body,
                    "Runs in the cloud. The cloud is big. Cloud again.",
                ),
            ],
            &[(Field::Title, "Laos cloud computing centre")],
            &[(Field::Title, "Elinking"), (Field::Alias, "cloud trade")],
        ]);
        assert_eq!(docs(&idx, "cloud "), [1, 2, 0]);
    }

    #[test]
    fn records_matching_every_term_come_first() {
        let idx = index(&[
            &[(Field::Title, "Cloud")],
            &[
                (Field::Title, "Big data centre"),
                (Field::Body, "in Laos, a cloud"),
            ],
            &[(Field::Title, "Laos")],
        ]);
        assert_eq!(docs(&idx, "laos cloud "), [1, 0, 2]);
        let top = rank(&idx.postings, "laos cloud ")[0];
        assert_eq!(top.matched, 2);
    }

    #[test]
    fn more_terms_in_the_name_beat_a_stronger_single_name_match() {
        let idx = index(&[
            &[
                (Field::Title, "Laos"),
                (
                    Field::Body,
                    "The Laos cloud computing centre, cloud, cloud, computing.",
                ),
            ],
            &[(Field::Title, "Laos cloud computing center")],
        ]);
        assert_eq!(docs(&idx, "laos cloud comp"), [1, 0]);
        let hits = rank(&idx.postings, "laos cloud comp");
        assert_eq!((hits[0].named, hits[1].named), (3, 1));
    }

    #[test]
    fn the_word_being_typed_matches_as_a_prefix_below_exact_words() {
        let idx = index(&[
            &[(Field::Title, "Cloudy skies")],
            &[(Field::Title, "Cloud")],
            &[(Field::Title, "Clock")],
        ]);
        assert_eq!(docs(&idx, "clou"), [1, 0]);
        assert_eq!(docs(&idx, "cloud"), [1, 0], "exact word first");
        assert_eq!(docs(&idx, "cloud "), [1], "a finished word is exact");
    }

    #[test]
    fn a_chinese_title_is_found_by_any_stretch_of_it() {
        let idx = index(&[
            &[
                (Field::Title, "China-ASEAN Information Harbor"),
                (Field::TitleZh, "中国—东盟信息港"),
            ],
            &[
                (
                    Field::Title,
                    "Comprehensively improve the international internet data channel",
                ),
                (Field::TitleZh, "全面优化国际互联网数据专用通道"),
            ],
            &[
                (
                    Field::Title,
                    "Build the international communication channel",
                ),
                (Field::TitleZh, "建设国际通信通道"),
            ],
        ]);
        assert_eq!(docs(&idx, "信息港"), [0]);
        assert_eq!(docs(&idx, "全面优化国际互联网数据专用通道")[0], 1);
        let hits = rank(&idx.postings, "全面优化国际互联网数据专用通道");
        assert_eq!(hits[0].matched, 14);
        assert!(hits[1].matched < 14, "the other task matches only in part");
        assert_eq!(docs(&idx, "通道"), [2, 1], "the shorter title first");
    }
}
