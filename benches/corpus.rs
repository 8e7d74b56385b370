//! A deterministic synthetic atlas of N records in Portolan's format, and the equivalent Hugo
//! site, for the benchmarks (`examples/gen-atlas.rs`, `benches/pipeline.rs`).
//!
//! Shape: the 11 countries and 5 platforms, a few sources, then about 60% projects,
//! 15% documents, 15% events and 10% organizations. Every record has 150-400 words of
//! Markdown with a list, a small table, 2-4 links to other records and a citation; projects,
//! documents and events name 1-3 countries and 1-2 organizations.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

const COUNTRIES: [(&str, &str, &str); 11] = [
    ("brunei", "Brunei", "BN"),
    ("cambodia", "Cambodia", "KH"),
    ("indonesia", "Indonesia", "ID"),
    ("laos", "Laos", "LA"),
    ("malaysia", "Malaysia", "MY"),
    ("myanmar", "Myanmar", "MM"),
    ("philippines", "Philippines", "PH"),
    ("singapore", "Singapore", "SG"),
    ("thailand", "Thailand", "TH"),
    ("vietnam", "Vietnam", "VN"),
    ("china", "China", "CN"),
];
const PLATFORMS: [&str; 5] = [
    "infrastructure",
    "information-sharing",
    "technology-cooperation",
    "economic-and-trade-services",
    "people-to-people",
];
const STATUSES: [&str; 4] = ["completed", "in-progress", "early-development", "planned"];
const SOURCES: usize = 5;
const WORDS: &[&str] = &[
    "digital",
    "harbor",
    "cooperation",
    "platform",
    "network",
    "regional",
    "data",
    "centre",
    "cable",
    "province",
    "government",
    "company",
    "investment",
    "service",
    "trade",
    "logistics",
    "smart",
    "city",
    "cloud",
    "computing",
    "satellite",
    "navigation",
    "training",
    "exchange",
    "industry",
    "development",
    "plan",
    "forum",
    "summit",
    "agreement",
    "partner",
    "ministry",
    "border",
    "infrastructure",
    "connectivity",
    "security",
    "standard",
    "market",
    "export",
    "technology",
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "on",
    "by",
    "as",
    "a",
    "its",
    "new",
    "first",
    "second",
    "phase",
    "project",
    "report",
    "annual",
    "growth",
    "capacity",
    "public",
    "private",
];

/// A small deterministic generator (SplitMix64): the same N gives the same atlas everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }

    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Project,
    Document,
    Event,
    Organization,
}

impl Kind {
    fn section(self) -> &'static str {
        match self {
            Kind::Project => "projects",
            Kind::Document => "documents",
            Kind::Event => "events",
            Kind::Organization => "organizations",
        }
    }
}

/// One generated record, with what both sites need.
struct Record {
    kind: Kind,
    slug: String,
    title: String,
    countries: Vec<usize>,
    organizations: Vec<usize>,
    platform: usize,
    status: usize,
    year: usize,
    body_words: usize,
    links: Vec<(Kind, usize)>,
}

/// The N records (countries, platforms and sources not counted), in a fixed order.
fn plan(records: usize) -> (Vec<Record>, [usize; 4]) {
    let counts = [
        records * 60 / 100,
        records * 15 / 100,
        records * 15 / 100,
        (records * 10 / 100).max(1),
    ];
    let kinds = [
        Kind::Project,
        Kind::Document,
        Kind::Event,
        Kind::Organization,
    ];
    let mut rng = Rng(records as u64);
    let mut out = Vec::with_capacity(records);
    for (k, &kind) in kinds.iter().enumerate() {
        for i in 0..counts[k] {
            let countries = (0..rng.range(1, 3))
                .map(|_| rng.below(COUNTRIES.len()))
                .collect::<Vec<_>>();
            let organizations = (0..rng.range(1, 2)).map(|_| rng.below(counts[3])).collect();
            let links = (0..rng.range(2, 4))
                .map(|_| {
                    let target = rng.below(4);
                    (kinds[target], rng.below(counts[target].max(1)))
                })
                .filter(|(t, n)| counts[kinds.iter().position(|k| k == t).unwrap_or(0)] > *n)
                .collect();
            let mut countries = countries;
            countries.sort_unstable();
            countries.dedup();
            let title = format!("{} {} {}", capitalize(rng.word()), rng.word(), rng.word());
            out.push(Record {
                kind,
                slug: format!("{}-{:06}", &kind.section()[..kind.section().len() - 1], i),
                title: format!("{title} {i}"),
                countries,
                organizations,
                platform: rng.below(PLATFORMS.len()),
                status: rng.below(STATUSES.len()),
                year: 2003 + rng.below(19),
                body_words: rng.range(150, 400),
                links,
            });
        }
    }
    (out, counts)
}

fn capitalize(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn slug_of(kind: Kind, n: usize) -> String {
    format!("{}-{:06}", &kind.section()[..kind.section().len() - 1], n)
}

/// The Markdown body: paragraphs, a list, a table, links and a citation. `link` writes a
/// link to a record in the target tool's syntax.
fn body(
    record: &Record,
    rng: &mut Rng,
    link: &dyn Fn(Kind, &str, &str) -> String,
    cite: &dyn Fn(usize) -> String,
) -> String {
    let mut text = String::new();
    let mut words = record.body_words;
    let paragraphs = 3;
    for p in 0..paragraphs {
        let n = (words / (paragraphs - p)).max(20);
        words = words.saturating_sub(n);
        let mut paragraph = rng.words(n);
        if let Some((kind, target)) = record.links.get(p) {
            let slug = slug_of(*kind, *target);
            paragraph.push_str(&format!(" See {}.", link(*kind, &slug, &rng.words(2))));
        }
        let _ = writeln!(
            text,
            "{} {}\n",
            capitalize(&paragraph),
            cite(rng.below(SOURCES))
        );
        if p == 0 {
            for _ in 0..rng.range(3, 5) {
                let _ = writeln!(text, "- {}", rng.words(6));
            }
            text.push('\n');
        }
        if p == 1 {
            let _ = writeln!(text, "| Item | Year | Value |\n|---|---|---|");
            for _ in 0..3 {
                let _ = writeln!(
                    text,
                    "| {} | {} | {} |",
                    rng.words(2),
                    2003 + rng.below(19),
                    rng.below(1000)
                );
            }
            text.push('\n');
        }
    }
    if let Some((kind, target)) = record.links.get(3) {
        let _ = writeln!(
            text,
            "Related: {}.",
            link(*kind, &slug_of(*kind, *target), "record")
        );
    }
    text
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// Writes a record's page source: `+++` front matter, then the Markdown body; both tools
/// read the same layout.
fn write_record(dir: &Path, record: &Record, front: &str, body: &str) -> std::io::Result<()> {
    let path = dir.join(format!(
        "content/{}/{}.md",
        record.kind.section(),
        record.slug
    ));
    write(&path, &format!("+++\n{front}+++\n\n{body}"))
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    format!(
        "[{}]",
        items
            .into_iter()
            .map(|i| format!("\"{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Writes the Portolan atlas of `records` records into `dir`.
pub(crate) fn write_portolan(dir: &Path, records: usize) -> std::io::Result<usize> {
    write(
        &dir.join("book.toml"),
        "title = \"Synthetic Atlas\"\nbase_url = \"https://example.org/\"\n",
    )?;
    write(
        &dir.join("content/_index.md"),
        "+++\ntitle = \"Synthetic Atlas\"\n+++\n\nA generated atlas for benchmarks.\n",
    )?;
    let source = |i: usize| {
        format!(
            "+++\ntitle = \"Report {i}\"\ncategory = \"report\"\nauthors = [\"Author {i}\"]\ndate = 2021\nsources = [{{ source = \"source-{i}\", locator = \"title page\" }}]\n+++\n"
        )
    };
    for i in 0..SOURCES {
        write(
            &dir.join(format!("content/sources/source-{i}.md")),
            &source(i),
        )?;
    }
    for (slug, title, iso) in COUNTRIES {
        let text = format!(
            "+++\ntitle = \"{title}\"\niso_code = \"{iso}\"\nasean_member = {}\nsources = [{{ source = \"source-0\", locator = \"p. 1\" }}]\n+++\n",
            slug != "china"
        );
        write(&dir.join(format!("content/countries/{slug}.md")), &text)?;
    }
    for (n, slug) in PLATFORMS.iter().enumerate() {
        let text = format!(
            "+++\ntitle = \"{}\"\nnumber = {}\nsources = [{{ source = \"source-0\", locator = \"p. 2\" }}]\n+++\n",
            capitalize(&slug.replace('-', " ")),
            n + 1
        );
        write(&dir.join(format!("content/platforms/{slug}.md")), &text)?;
    }
    let (plan, _) = plan(records);
    let mut rng = Rng(7);
    let link = |kind: Kind, slug: &str, text: &str| format!("[{text}](@{}/{slug})", kind.section());
    let cite = |s: usize| format!("[@source-{s}, p. {}]", s + 3);
    for record in &plan {
        let countries = list(record.countries.iter().map(|&c| COUNTRIES[c].0.to_string()));
        let orgs = list(
            record
                .organizations
                .iter()
                .map(|&o| slug_of(Kind::Organization, o)),
        );
        let fields = match record.kind {
            Kind::Project => format!(
                "implementers = {orgs}\nplatform = \"{}\"\nstatus = \"{}\"\ncountries = {countries}\nstart = {}\n",
                PLATFORMS[record.platform], STATUSES[record.status], record.year
            ),
            Kind::Document => format!("date = {}\nissuers = {orgs}\n", record.year),
            Kind::Event => format!(
                "date = \"{}-{:02}\"\ncountries = {countries}\norganizations = {orgs}\n",
                record.year,
                1 + record.status * 3
            ),
            Kind::Organization => format!(
                "category = \"company\"\ncountry = \"{}\"\n",
                COUNTRIES[record.countries[0]].0
            ),
        };
        let summary = capitalize(&rng.words(12));
        let front = format!(
            "title = \"{}\"\nupdated = 2026-12-01\nsummary = \"{summary}.\"\n{fields}sources = [{{ source = \"source-{}\", locator = \"p. {}\" }}]\n",
            record.title,
            record.status % SOURCES,
            record.year,
        );
        write_record(dir, record, &front, &body(record, &mut rng, &link, &cite))?;
    }
    Ok(plan.len() + SOURCES + COUNTRIES.len() + PLATFORMS.len())
}

/// Writes the same atlas as a Hugo site into `dir`: the same pages with the same text,
/// taxonomies for countries, platforms, status and organizations, and minimal layouts that
/// list each record's fields with links, as Portolan's pages do.
pub(crate) fn write_hugo(dir: &Path, records: usize) -> std::io::Result<usize> {
    write(
        &dir.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\ntitle = \"Synthetic Atlas\"\ndisableKinds = [\"RSS\"]\n\
         [taxonomies]\ncountry = \"countries\"\nplatform = \"platforms\"\nstatus = \"status\"\norganization = \"organizations\"\n\
         [markup.goldmark.renderer]\nunsafe = false\n",
    )?;
    write(&dir.join("layouts/_default/baseof.html"), HUGO_BASEOF)?;
    write(&dir.join("layouts/_default/single.html"), HUGO_SINGLE)?;
    write(&dir.join("layouts/_default/list.html"), HUGO_LIST)?;
    write(&dir.join("layouts/index.html"), HUGO_LIST)?;
    write(
        &dir.join("content/_index.md"),
        "+++\ntitle = \"Synthetic Atlas\"\n+++\n\nA generated atlas for benchmarks.\n",
    )?;
    let (plan, _) = plan(records);
    let mut rng = Rng(7);
    let link =
        |kind: Kind, slug: &str, text: &str| format!("[{text}](/{}/{slug}/)", kind.section());
    let cite = |s: usize| format!("(Report {s}, p. {})", s + 3);
    for record in &plan {
        let mut fields = String::new();
        let countries = list(record.countries.iter().map(|&c| COUNTRIES[c].1.to_string()));
        let orgs = list(
            record
                .organizations
                .iter()
                .map(|&o| slug_of(Kind::Organization, o)),
        );
        match record.kind {
            Kind::Project => {
                let _ = write!(
                    fields,
                    "countries = {countries}\nplatforms = [\"{}\"]\nstatus = [\"{}\"]\norganizations = {orgs}\nstart = {}\n",
                    PLATFORMS[record.platform], STATUSES[record.status], record.year
                );
            }
            Kind::Document => {
                let _ = write!(
                    fields,
                    "date = {}-01-01\norganizations = {orgs}\n",
                    record.year
                );
            }
            Kind::Event => {
                let _ = write!(
                    fields,
                    "date = {}-{:02}-01\ncountries = {countries}\norganizations = {orgs}\n",
                    record.year,
                    1 + record.status * 3
                );
            }
            Kind::Organization => {
                let _ = writeln!(
                    fields,
                    "countries = [\"{}\"]",
                    COUNTRIES[record.countries[0]].1
                );
            }
        }
        let summary = capitalize(&rng.words(12));
        let front = format!(
            "title = \"{}\"\nsummary = \"{summary}.\"\n{fields}source = \"Report {}, p. {}\"\n",
            record.title,
            record.status % SOURCES,
            record.year,
        );
        write_record(dir, record, &front, &body(record, &mut rng, &link, &cite))?;
    }
    Ok(plan.len())
}

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title><meta name="description" content="{{ .Summary | plainify }}">
<link rel="canonical" href="{{ .Permalink }}"></head>
<body><header><a href="/">{{ site.Title }}</a><nav><ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer><p>{{ site.Title }}</p></footer></body></html>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}<article><h1>{{ .Title }}</h1>
<dl>{{ with .Params.date }}<dt>Date</dt><dd>{{ . }}</dd>{{ end }}{{ with .Params.start }}<dt>Start</dt><dd>{{ . }}</dd>{{ end }}
{{ range $taxonomy, $_ := site.Taxonomies }}{{ with $.GetTerms $taxonomy }}<dt>{{ $taxonomy }}</dt><dd><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></dd>{{ end }}{{ end }}
</dl><div>{{ .Content }}</div><p>Source: {{ .Params.source }}</p></article>{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<table><thead><tr><th>Title</th><th>Summary</th></tr></thead><tbody>{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.summary }}</td></tr>{{ end }}</tbody></table>{{ end }}
"#;
