//! Turning text into search terms. `search.js` repeats these rules for queries, so the two
//! must change together.
//!
//! - Words: runs of letters and digits, lowercased; an apostrophe inside a word is dropped
//!   (`China's` -> `chinas` -> `china`); a light plural rule folds `companies` into
//!   `company` and `projects` into `project`; a few function words are left out.
//! - Chinese: runs of Han characters are indexed as single characters and as overlapping
//!   pairs, so any two-character stretch of a title (信息, 息港) finds it without a
//!   dictionary; a query of two or more characters looks up its pairs.

/// Words too common to help: every record has them, and leaving them out keeps the
/// index small.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "had", "has", "have",
    "in", "is", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "which",
    "with",
];

/// Whether `c` is a Han (Chinese) character: the unified ideographs and their extensions.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// A piece of text handed out by [`scan`].
enum Piece<'a> {
    /// A word, lowercased, not yet normalised; the callee may change it in place.
    Word(&'a mut String),
    /// A run of Han characters.
    Han(&'a [char]),
}

/// Walks `text`, handing each word and each run of Han characters to `piece`, in order.
/// The buffers are reused, so indexing a long body allocates only for new terms.
fn scan(text: &str, mut piece: impl FnMut(Piece<'_>)) {
    let mut w = String::new();
    let mut h: Vec<char> = Vec::new();
    let flush = |w: &mut String, h: &mut Vec<char>, piece: &mut dyn FnMut(Piece<'_>)| {
        if !w.is_empty() {
            piece(Piece::Word(w));
            w.clear();
        }
        if !h.is_empty() {
            piece(Piece::Han(h));
            h.clear();
        }
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_han(c) {
            if !w.is_empty() {
                flush(&mut w, &mut h, &mut piece);
            }
            h.push(c);
        } else if c.is_alphanumeric() {
            if !h.is_empty() {
                flush(&mut w, &mut h, &mut piece);
            }
            w.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}')
            && !w.is_empty()
            && chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() && !is_han(*n))
        {
            // Inside a word: "China's" stays one word.
        } else {
            flush(&mut w, &mut h, &mut piece);
        }
    }
    flush(&mut w, &mut h, &mut piece);
}

/// A normalised copy of `word`.
#[cfg(test)]
pub(crate) fn normalize(word: &str) -> String {
    let mut word = word.to_string();
    normalize_in_place(&mut word);
    word
}

/// Folds plural endings, so a query for one form finds the other. Deliberately light: it
/// is applied the same way to records and queries, so a rough cut costs little. Words of
/// three characters or fewer are left alone.
fn normalize_in_place(word: &mut String) {
    if word.chars().nth(3).is_none() {
        return;
    }
    if word.ends_with("ies") {
        word.truncate(word.len() - 3);
        word.push('y');
    } else if word.ends_with("sses")
        || word.ends_with("ches")
        || word.ends_with("shes")
        || word.ends_with("xes")
    {
        word.truncate(word.len() - 2);
    } else if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        word.truncate(word.len() - 1);
    }
}

/// Whether a normalised word is left out of the index.
pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// Calls `term` with every term `text` is indexed under, in order, repeats included. A
/// Han run gives its characters, then its overlapping pairs.
pub(crate) fn each_index_term(text: &str, term: &mut dyn FnMut(&str)) {
    let mut buf = String::new();
    scan(text, |piece| match piece {
        Piece::Word(w) => {
            normalize_in_place(w);
            if !is_stop_word(w) {
                term(w);
            }
        }
        Piece::Han(chars) => {
            for c in chars {
                buf.clear();
                buf.push(*c);
                term(&buf);
            }
            for pair in chars.windows(2) {
                buf.clear();
                buf.extend(pair);
                term(&buf);
            }
        }
    });
}

/// Every term `text` is indexed under, in order of appearance, repeats included.
#[cfg(test)]
pub(crate) fn index_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_index_term(text, &mut |t| out.push(t.to_string()));
    out
}

/// One piece of a query as the tokenizer sees it.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
enum Run {
    /// A word, lowercased, not yet normalised.
    Word(String),
    /// A run of Han characters.
    Han(Vec<char>),
}

#[cfg(test)]
fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    scan(text, |piece| {
        out.push(match piece {
            Piece::Word(w) => Run::Word(w.clone()),
            Piece::Han(h) => Run::Han(h.to_vec()),
        });
    });
    out
}

/// A term of a query. Readers' queries are tokenised by `search.js`; this copy of its
/// rules serves the ranking tests.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryTerm {
    /// The normalised term looked up exactly.
    pub(crate) term: String,
    /// For the last word while typing: the word as typed, matched as a prefix.
    pub(crate) prefix: Option<String>,
}

/// The terms of a query. The last word is also a prefix unless the query ends in a space
/// or punctuation (the reader has finished it) or it is a single letter.
#[cfg(test)]
pub(crate) fn query_terms(query: &str) -> Vec<QueryTerm> {
    let runs = runs(query);
    let finished = query.chars().last().is_none_or(|c| !c.is_alphanumeric());
    let last = runs.len().saturating_sub(1);
    let mut out: Vec<QueryTerm> = Vec::new();
    for (i, run) in runs.into_iter().enumerate() {
        match run {
            Run::Word(w) => {
                let term = normalize(&w);
                let prefix = (i == last && !finished && w.chars().count() >= 2).then_some(w);
                if !is_stop_word(&term) || prefix.is_some() {
                    out.push(QueryTerm { term, prefix });
                }
            }
            Run::Han(chars) if chars.len() == 1 => out.push(QueryTerm {
                term: chars[0].to_string(),
                prefix: None,
            }),
            Run::Han(chars) => out.extend(chars.windows(2).map(|p| QueryTerm {
                term: p.iter().collect(),
                prefix: None,
            })),
        }
    }
    let mut seen = Vec::new();
    out.retain(|t| {
        let new = !seen.contains(&(t.term.clone(), t.prefix.clone()));
        seen.push((t.term.clone(), t.prefix.clone()));
        new
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(terms: &[QueryTerm]) -> Vec<&str> {
        terms.iter().map(|t| t.term.as_str()).collect()
    }

    #[test]
    fn english_is_lowercased_split_and_folded() {
        assert_eq!(
            index_terms("The CAIH Co. cloud-computing Centres, and 5G companies!"),
            [
                "caih",
                "co",
                "cloud",
                "computing",
                "centre",
                "5g",
                "company"
            ]
        );
        assert_eq!(index_terms("China's projects"), ["china", "project"]);
    }

    #[test]
    fn plural_folding_spares_words_that_only_look_plural() {
        for (word, folded) in [
            ("projects", "project"),
            ("companies", "company"),
            ("businesses", "business"),
            ("approaches", "approach"),
            ("taxes", "tax"),
            ("status", "status"),
            ("analysis", "analysis"),
            ("address", "address"),
            ("gas", "gas"),
            ("laos", "lao"),
            ("lao", "lao"),
        ] {
            assert_eq!(normalize(word), folded, "{word}");
        }
    }

    #[test]
    fn chinese_is_indexed_as_characters_and_pairs() {
        assert_eq!(
            index_terms("中国—东盟信息港"),
            [
                "中", "国", "中国", "东", "盟", "信", "息", "港", "东盟", "盟信", "信息", "息港"
            ]
        );
        assert_eq!(
            index_terms("CAIH信息港"),
            ["caih", "信", "息", "港", "信息", "息港"]
        );
    }

    #[test]
    fn a_chinese_query_looks_up_pairs_or_a_single_character() {
        assert_eq!(words(&query_terms("信息港")), ["信息", "息港"]);
        assert_eq!(words(&query_terms("港")), ["港"]);
        let task = query_terms("全面优化国际互联网数据专用通道");
        assert_eq!(task.len(), 14);
        assert!(task.iter().all(|t| t.prefix.is_none()));
        let indexed = index_terms("全面优化国际互联网数据专用通道");
        assert!(task.iter().all(|t| indexed.contains(&t.term)));
    }

    #[test]
    fn the_last_word_is_a_prefix_while_it_is_being_typed() {
        let typing = query_terms("laos clou");
        assert_eq!(words(&typing), ["lao", "clou"]);
        assert_eq!(typing[0].prefix, None);
        assert_eq!(typing[1].prefix.as_deref(), Some("clou"));
        assert_eq!(query_terms("laos cloud ")[1].prefix, None);
        assert_eq!(query_terms("c")[0].prefix, None);
        // A stop word being typed may still be the start of a word: "th" -> "thailand".
        assert_eq!(query_terms("the")[0].prefix.as_deref(), Some("the"));
        assert!(query_terms("the ").is_empty());
    }

    #[test]
    fn repeated_query_terms_count_once() {
        assert_eq!(words(&query_terms("cloud cloud ")), ["cloud"]);
    }
}
