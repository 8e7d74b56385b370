//! The search index, derived from the records themselves (never from rendered HTML): every
//! record's searchable text, field by field, weighted so that names count for more than
//! body text.

use std::collections::{BTreeMap, HashMap};

use pulldown_cmark::{BrokenLink, CowStr, Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use super::tokens;
use crate::date::PartialDate;
use crate::kinds::{CITES, Data, Kind};
use crate::model::{Record, RecordId, Site};

/// Where in a record a piece of text comes from; decides how much a match there counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// The English title.
    Title,
    /// The Chinese title.
    TitleZh,
    /// Another name.
    Alias,
    /// The one-sentence summary.
    Summary,
    /// A short text field of the kind: a role, a theme, a position, a product.
    Detail,
    /// The title of a record this one links to.
    Related,
    /// The Markdown body or the editorial note.
    Body,
}

/// The most a term can weigh in one record, so postings stay two digits.
const MAX_WEIGHT: u32 = 99;

/// A term weighing at least this much is in the record's name (title, Chinese title or an
/// alias): name fields give at least this much, all other fields together less.
pub(crate) const NAME_WEIGHT: u32 = 16;

/// How much one term found in `field` weighs, given how often it occurs there and how many
/// distinct terms the field has. A word of a short title says more than one of a long title.
fn field_weight(field: Field, occurrences: u32, distinct: usize) -> u32 {
    let distinct = u32::try_from(distinct.max(1)).unwrap_or(u32::MAX);
    match field {
        Field::Title | Field::TitleZh => NAME_WEIGHT + 48 / distinct,
        Field::Alias => NAME_WEIGHT,
        Field::Summary => 4,
        Field::Detail => 3,
        Field::Related => 2,
        Field::Body => occurrences.min(3),
    }
}

/// What a search result shows about a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Doc {
    /// Its kind.
    pub(crate) kind: Kind,
    /// Its slug; with the kind, its page.
    pub(crate) slug: String,
    /// Its title.
    pub(crate) title: String,
    /// Its Chinese title, if any.
    pub(crate) title_zh: Option<String>,
    /// A short text: the summary, or the start of the body.
    pub(crate) snippet: String,
}

/// Term -> the records containing it (ascending record id) with the term's weight there.
pub(crate) type Postings = BTreeMap<String, Vec<(u32, u32)>>;

/// Postings while the index is being built.
type Building = HashMap<String, Vec<(u32, u32)>, Xxh3DefaultBuilder>;

/// The whole index: one document per record, in record order, and the postings.
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// Documents; a document's position is its record id.
    pub(crate) docs: Vec<Doc>,
    /// Postings of every term.
    pub(crate) postings: Postings,
}

/// The longest snippet, in characters.
const SNIPPET_CHARS: usize = 180;

impl Index {
    /// Indexes every record of `site`.
    pub(crate) fn build(site: &Site) -> Self {
        // A chunk of records at a time, in parallel: only one chunk's term maps are alive,
        // so memory stays bounded by the index itself at 100,000 records.
        const CHUNK: usize = 2048;
        let mut index = Index::default();
        // Terms are gathered in a hash map and sorted once at the end: a sorted map would
        // compare strings a dozen times for each of the records' millions of terms.
        let mut postings = Building::default();
        let count = site.records.len();
        for start in (0..count).step_by(CHUNK) {
            let part: Vec<(Doc, BTreeMap<String, u32>)> = (start..(start + CHUNK).min(count))
                .into_par_iter()
                .with_max_len(crate::render::RUN)
                .map(|id| {
                    let record = &site.records[id];
                    let fields = fields(site, id);
                    let body = fields
                        .iter()
                        .find(|(f, _)| *f == Field::Body)
                        .map(|(_, t)| t.as_str());
                    (doc(record, body), weigh(&fields))
                })
                .collect();
            index.extend(part, &mut postings);
        }
        index.postings = postings.into_iter().collect();
        index
    }

    /// The index of documents given with their term weights, in record order.
    #[cfg(test)]
    pub(crate) fn from_parts(parts: Vec<(Doc, BTreeMap<String, u32>)>) -> Self {
        let mut index = Index::default();
        let mut postings = Building::default();
        index.extend(parts, &mut postings);
        index.postings = postings.into_iter().collect();
        index
    }

    /// Adds documents with their term weights to `postings`; their ids follow those
    /// already indexed.
    fn extend(&mut self, parts: Vec<(Doc, BTreeMap<String, u32>)>, postings: &mut Building) {
        for (doc, weights) in parts {
            let id = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
            for (term, weight) in weights {
                match postings.get_mut(&term) {
                    Some(list) => list.push((id, weight)),
                    None => {
                        postings.insert(term, vec![(id, weight)]);
                    }
                }
            }
            self.docs.push(doc);
        }
    }
}

fn doc(record: &Record, body: Option<&str>) -> Doc {
    let snippet = record
        .meta
        .summary
        .as_deref()
        .or(body)
        .map(|text| shorten(text, SNIPPET_CHARS))
        .unwrap_or_default();
    Doc {
        kind: record.kind,
        slug: record.slug.clone(),
        title: record.meta.title.clone(),
        title_zh: record.meta.title_zh.clone(),
        snippet,
    }
}

/// `text` cut to at most `max` characters, at a word boundary when there is one, with `…`.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let head = match head.rfind(' ') {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    format!(
        "{}\u{2026}",
        head.trim_end_matches(|c: char| !c.is_alphanumeric())
    )
}

/// Each term of a record with its weight: the best of the name fields (a word in the title
/// and an alias is still one name match) plus every other field it occurs in.
pub(crate) fn weigh(fields: &[(Field, String)]) -> BTreeMap<String, u32> {
    // Occurrences per field kind; aliases are one field, so a word in three aliases is
    // not worth three titles. Hash maps: only looked up here, never iterated into output
    // unsorted.
    let mut counts: Vec<(Field, HashMap<String, u32, Xxh3DefaultBuilder>)> = Vec::new();
    for (field, text) in fields {
        let index = match counts.iter().position(|(f, _)| f == field) {
            Some(i) => i,
            None => {
                counts.push((*field, HashMap::default()));
                counts.len() - 1
            }
        };
        let map = &mut counts[index].1;
        tokens::each_index_term(text, &mut |term| match map.get_mut(term) {
            Some(n) => *n += 1,
            None => {
                map.insert(term.to_string(), 1);
            }
        });
    }
    // Term -> (best name weight, sum of the other weights), sorted once at the end.
    let mut parts: HashMap<String, (u32, u32), Xxh3DefaultBuilder> = HashMap::default();
    for (field, map) in counts {
        let distinct = map.len();
        let is_name = matches!(field, Field::Title | Field::TitleZh | Field::Alias);
        for (term, n) in map {
            let w = field_weight(field, n, distinct);
            let (name, other) = parts.entry(term).or_default();
            if is_name {
                *name = (*name).max(w);
            } else {
                *other += w;
            }
        }
    }
    parts
        .into_iter()
        .map(|(term, (name, other))| (term, (name + other).min(MAX_WEIGHT)))
        .collect()
}

/// Every searchable text of record `id`, with the field it belongs to.
pub(crate) fn fields(site: &Site, id: RecordId) -> Vec<(Field, String)> {
    let record = &site.records[id];
    let meta = &record.meta;
    let mut out = vec![(Field::Title, meta.title.clone())];
    out.extend(meta.title_zh.iter().map(|t| (Field::TitleZh, t.clone())));
    out.extend(meta.aliases.iter().map(|a| (Field::Alias, a.clone())));
    out.extend(meta.summary.iter().map(|s| (Field::Summary, s.clone())));
    out.extend(
        details(&record.data)
            .into_iter()
            .map(|d| (Field::Detail, d)),
    );
    let mut related: Vec<RecordId> = site
        .links_from(id)
        .iter()
        .filter(|l| l.relation != &CITES && l.to != id)
        .map(|l| l.to)
        .collect();
    related.sort_unstable();
    related.dedup();
    out.extend(
        related
            .into_iter()
            .map(|to| (Field::Related, site.records[to].meta.title.clone())),
    );
    let mut body = record
        .body
        .as_ref()
        .map(|b| plain_text(b.text()))
        .unwrap_or_default();
    if let Some(note) = &meta.note {
        body.push(' ');
        body.push_str(note);
    }
    if !body.trim().is_empty() {
        out.push((Field::Body, body));
    }
    out
}

/// The short text fields of a kind worth searching: names, roles, themes, products, dates.
fn details(data: &Data) -> Vec<String> {
    let text = |o: &Option<String>| o.clone().into_iter();
    let date = |d: Option<PartialDate>| d.map(|d| d.display_long()).into_iter();
    let out: Vec<String> = match data {
        Data::Document(d) => text(&d.issuer_label).chain(date(d.date)).collect(),
        Data::Project(p) => text(&p.implementer_label).collect(),
        Data::Organization(o) => text(&o.role).collect(),
        Data::Forum(f) => text(&f.theme)
            .chain(text(&f.participants_label))
            .chain(date(Some(f.date)))
            .chain(f.outcomes.iter().cloned())
            .chain(f.delegates.iter().map(|d| d.role.clone()))
            .collect(),
        Data::Person(p) => p.roles.iter().map(|r| r.position.clone()).collect(),
        Data::BusinessField(b) => text(&b.pinyin)
            .chain(text(&b.purpose))
            .chain(b.areas.iter().chain(&b.products).cloned())
            .collect(),
        Data::Mechanism(m) => text(&m.year_label).collect(),
        Data::Indicator(i) => std::iter::once(i.unit.clone())
            .chain(text(&i.alt_unit))
            .chain(i.observations.iter().flat_map(|o| {
                o.label
                    .iter()
                    .chain(&o.as_printed)
                    .cloned()
                    .collect::<Vec<_>>()
            }))
            .collect(),
        Data::Source(s) => s
            .authors
            .iter()
            .cloned()
            .chain(
                [&s.cite_as, &s.translated_title, &s.container, &s.publisher]
                    .into_iter()
                    .flat_map(text),
            )
            .chain(date(s.date))
            .collect(),
        Data::Task(t) => vec![format!("task {}", t.number.value)],
        Data::Country(c) => vec![c.iso_code.0.clone()],
        Data::Event(e) => date(Some(e.date)).collect(),
        Data::Phase(_) | Data::Platform(_) | Data::Place(_) => Vec::new(),
    };
    out
}

/// The words of a Markdown body, without markup or citations.
pub(crate) fn plain_text(markdown: &str) -> String {
    let mut callback = |link: BrokenLink<'_>| {
        link.reference
            .trim_start()
            .starts_with('@')
            .then_some((CowStr::Borrowed("@cite"), CowStr::Borrowed("")))
    };
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let parser = Parser::new_with_broken_link_callback(markdown, options, Some(&mut callback));
    let mut out = String::with_capacity(markdown.len());
    let mut in_citation = false;
    for event in parser {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.as_ref() == "@cite" => {
                in_citation = true;
            }
            Event::End(TagEnd::Link) if in_citation => in_citation = false,
            Event::Text(t) | Event::Code(t) if !in_citation => out.push_str(&t),
            // Blocks and line breaks separate words; inline markup does not ("*Lao*s").
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(end) if !is_inline(&end) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_inline(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_citations_but_keeps_link_text() {
        let md = "# Origins\n\nThe *Lao*s [cloud centre](@projects/laos-cloud) opened \
                  [@ngeow2021, Table 5].\n\n- one\n- `two`\n";
        assert_eq!(
            plain_text(md),
            "Origins The Laos cloud centre opened . one two"
        );
    }

    #[test]
    fn title_words_outweigh_body_words_and_short_titles_outweigh_long_ones() {
        let short = weigh(&[(Field::Title, "Cloud".into())]);
        let long = weigh(&[(Field::Title, "A cloud platform for trade".into())]);
        let body = weigh(&[
            (Field::Title, "Laos".into()),
            (Field::Body, "cloud cloud cloud cloud cloud".into()),
        ]);
        assert!(short["cloud"] > long["cloud"]);
        assert!(long["cloud"] > body["cloud"]);
        assert_eq!(body["cloud"], 3, "body repeats saturate");
        let aliases = weigh(&[
            (Field::Alias, "CAIH".into()),
            (Field::Alias, "CAIH Co.".into()),
        ]);
        assert_eq!(aliases["caih"], NAME_WEIGHT, "aliases count once");
        let title_and_alias = weigh(&[
            (Field::Title, "Nanning".into()),
            (Field::Alias, "Nanning city".into()),
        ]);
        assert_eq!(
            title_and_alias["nanning"], short["cloud"],
            "the best name counts"
        );
        let everything_but_names = weigh(&[
            (Field::Summary, "cloud".into()),
            (Field::Detail, "cloud".into()),
            (Field::Related, "cloud".into()),
            (Field::Body, "cloud cloud cloud".into()),
        ]);
        assert!(everything_but_names["cloud"] < NAME_WEIGHT);
    }

    #[test]
    fn snippets_are_cut_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 10), "one two\u{2026}");
        assert_eq!(
            shorten("全面优化国际互联网数据专用通道", 4),
            "全面优化\u{2026}"
        );
    }
}
