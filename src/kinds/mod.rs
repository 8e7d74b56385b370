//! The record kinds of an atlas: what each file under `content/<section>/` may hold.
//!
//! Every kind is declared once, in [`defs`], as a list of fields. From that list the
//! [`define_kinds!`] macro makes:
//! - the raw struct that mirrors the file (`RawProject`: common fields + the kind's own,
//!   `deny_unknown_fields`, the JSON Schema that editors and `portolan new` use), and
//! - the typed struct the rest of the program uses (`Project`), split from the common
//!   fields ([`Meta`]) by destructuring, so a new field cannot be forgotten.
//!
//! What a kind links to, and what it checks beyond types, lives in [`links`].

mod defs;
mod links;
mod values;

use serde::Serialize;

pub use defs::*;
pub(crate) use links::{CITES, Checker, MENTIONS, RefVisitor};
pub use values::{At, CountryCode, Latitude, Longitude, NonNegative, Percent, Ref, WebUrl};

use crate::date::PartialDate;

/// Slugs: lowercase ASCII letters and digits, words joined by single hyphens.
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// True when `slug` is a valid record id.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A valid slug close to `text`: lowercase, runs of other characters turned into one hyphen.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Ties a typed struct to its [`Kind`], so `Ref<Country>` knows it points at a country.
pub trait KindMarker {
    /// The kind this type is the data of.
    const KIND: Kind;
}

/// A named relation from one record to another: the field it is written in, the label
/// shown on the record that has the field, and the label of the inverse on the target.
#[derive(Debug, PartialEq, Eq)]
pub struct Relation {
    /// The field name in the record file, or a pseudo-field such as `body`.
    pub field: &'static str,
    /// Heading on the record that holds the reference ("Implementers").
    pub label: &'static str,
    /// Heading on the referenced record, over the records pointing at it ("Implements").
    pub inverse: &'static str,
}

/// A citation of a source, with a locator inside it.
#[derive(Debug, Clone, serde::Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The id of the source record, e.g. `ngeow2021`.
    pub source: Ref<Source>,
    /// Where in the source: "Table 5", "p. 17", "endnote 15".
    pub locator: String,
}

/// The fields every record has, whatever its kind.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// English name or title.
    pub title: String,
    /// Chinese name or title, when the source gives one.
    pub title_zh: Option<String>,
    /// Other names, abbreviations and transliterations.
    pub aliases: Vec<String>,
    /// One plain sentence about the record.
    pub summary: Option<String>,
    /// Where the facts come from.
    pub sources: Vec<SourceRef>,
    /// An editorial note (contradictions in the sources, choices made).
    pub note: Option<String>,
    /// When the record last changed in substance.
    pub updated: Option<PartialDate>,
    /// When an editor last checked the record against its sources.
    pub reviewed: Option<PartialDate>,
    /// Left out of the site unless building with drafts.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Markdown body written in a `.toml` record's `body` key.
    #[serde(skip)]
    pub body: Option<At<String>>,
}

/// Declares every kind: see the module documentation.
macro_rules! define_kinds {
    ($(
        $(#[doc = $doc:literal])*
        $Variant:ident / $Raw:ident = ($name:literal, $section:literal, $label:literal, $plural:literal) {
            $( $(#[$attr:meta])* $field:ident : $ty:ty ),* $(,)?
        }
    )+) => {
        /// The kinds of record an atlas holds, in the order the site lists them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum Kind { $( #[doc = $label] $Variant ),+ }

        impl Kind {
            /// Every kind, in display order.
            pub const ALL: &'static [Kind] = &[$(Kind::$Variant),+];

            /// Singular name used in commands and messages: `business-field`.
            pub fn name(self) -> &'static str {
                match self { $(Kind::$Variant => $name),+ }
            }

            /// Folder under `content/` and the URL segment: `business-fields`.
            pub fn section(self) -> &'static str {
                match self { $(Kind::$Variant => $section),+ }
            }

            /// Singular human label: "Business field".
            pub fn label(self) -> &'static str {
                match self { $(Kind::$Variant => $label),+ }
            }

            /// Plural human label: "Business fields".
            pub fn plural_label(self) -> &'static str {
                match self { $(Kind::$Variant => $plural),+ }
            }

            /// Rust-style type name, used to name schemas: `BusinessField`.
            pub fn type_name(self) -> &'static str {
                match self { $(Kind::$Variant => stringify!($Variant)),+ }
            }

            /// The JSON Schema of this kind's record files.
            pub fn json_schema(self) -> schemars::Schema {
                let generator = schemars::generate::SchemaSettings::draft2020_12()
                    .with_transform(schemars::transform::RecursiveTransform($crate::kinds::no_null))
                    .into_generator();
                match self { $(Kind::$Variant => generator.into_root_schema_for::<$Raw>()),+ }
            }

            /// Parses one record's TOML into its common fields and its kind's data.
            pub fn parse(self, text: &str) -> Result<($crate::kinds::Meta, Data), crate::tomlfile::TomlError> {
                match self {
                    $(Kind::$Variant => {
                        let raw: $Raw = crate::tomlfile::parse(text)?;
                        let (meta, data) = raw.split();
                        Ok((meta, Data::$Variant(data)))
                    })+
                }
            }
        }

        /// The fields particular to one record's kind.
        #[derive(Debug, Clone, serde::Serialize)]
        #[serde(untagged)]
        pub enum Data { $( #[doc = $label] $Variant($Variant) ),+ }

        impl Data {
            /// The kind of this data.
            pub fn kind(&self) -> Kind {
                match self { $(Data::$Variant(_) => Kind::$Variant),+ }
            }

            pub(crate) fn visit_refs<'a>(&'a self, visitor: &mut $crate::kinds::RefVisitor<'a>) {
                match self { $(Data::$Variant(data) => data.visit_refs(visitor)),+ }
            }

            pub(crate) fn check(&self, checker: &mut $crate::kinds::Checker) {
                match self { $(Data::$Variant(data) => data.check(checker)),+ }
            }
        }

        $(
            $(#[doc = $doc])*
            #[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
            pub struct $Variant { $( $(#[$attr])* pub $field: $ty ),* }

            impl $crate::kinds::KindMarker for $Variant {
                const KIND: Kind = Kind::$Variant;
            }

            $(#[doc = $doc])*
            #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
            #[serde(deny_unknown_fields)]
            #[schemars(title = $label)]
            pub struct $Raw {
                /// English name or title, as the source gives it.
                #[schemars(example = &"China-ASEAN Information Harbor")]
                title: String,
                /// Chinese name or title in characters, exactly as printed in the source.
                #[schemars(example = &"中国—东盟信息港")]
                title_zh: Option<String>,
                /// Other names readers may look for: abbreviations, transliterations, former names.
                #[serde(default)]
                #[schemars(example = ["CAIH"])]
                aliases: Vec<String>,
                /// One plain sentence saying what this is, shown in tables, search results and link previews.
                summary: Option<String>,
                /// Where the facts come from: a source id and a locator inside it.
                #[serde(default)]
                #[schemars(example = [serde_json::json!({"source": "ngeow2021", "locator": "Table 5"})])]
                sources: Vec<$crate::kinds::SourceRef>,
                /// Editorial note: where the sources disagree and what this record does about it.
                note: Option<String>,
                /// When this record last changed in substance (used by the Atom feed).
                #[schemars(example = &"2026-12-01")]
                updated: Option<$crate::date::PartialDate>,
                /// When an editor last checked this record against its sources.
                #[schemars(example = &"2026-12-01")]
                reviewed: Option<$crate::date::PartialDate>,
                /// A draft is left out of the site unless you build with --drafts.
                #[serde(default)]
                draft: bool,
                /// Markdown body (only in .toml records; a .md record writes it after the closing +++).
                body: Option<$crate::kinds::At<String>>,
                $( $(#[$attr])* $field: $ty ),*
            }

            impl $Raw {
                fn split(self) -> ($crate::kinds::Meta, $Variant) {
                    let $Raw {
                        title, title_zh, aliases, summary, sources, note, updated, reviewed, draft, body,
                        $($field),*
                    } = self;
                    let meta = $crate::kinds::Meta {
                        title, title_zh, aliases, summary, sources, note, updated, reviewed, draft, body,
                    };
                    (meta, $Variant { $($field),* })
                }
            }
        )+
    };
}

pub(crate) use define_kinds;

/// TOML has no null: an optional field is written or left out, never `null`, so the schemas
/// editors see must not offer it.
pub(crate) fn no_null(schema: &mut schemars::Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(types) = object.get_mut("type").and_then(|t| t.as_array_mut()) {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            object.insert("type".into(), only);
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = object.get_mut(key).and_then(|o| o.as_array_mut()) {
            options.retain(|o| o.get("type").and_then(|t| t.as_str()) != Some("null"));
            if options.len() == 1 {
                let only = options.remove(0);
                object.remove(key);
                if let Some(only) = only.as_object() {
                    for (k, v) in only {
                        object.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
            }
        }
    }
}

impl Kind {
    /// The kind whose section (folder) is `section`.
    pub fn from_section(section: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.section() == section)
    }

    /// The kind whose singular name is `name`.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        for good in ["laos", "caih-co", "task-07", "2016"] {
            assert!(is_valid_slug(good), "{good}");
        }
        for bad in [
            "",
            "Laos",
            "caih co",
            "caih--co",
            "-caih",
            "caih-",
            "..",
            "a_b",
            "信息港",
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
        assert_eq!(slugify("CAIH Co. (Nanning)"), "caih-co-nanning");
    }

    #[test]
    fn every_kind_has_a_distinct_section() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_section(kind.section()), Some(*kind));
            assert_eq!(Kind::from_name(kind.name()), Some(*kind));
        }
        assert_eq!(Kind::ALL.len(), 15);
    }
}
