//! Reading TOML strictly, and turning the reader's errors into diagnostics that say how to
//! fix them (the nearest field name, the allowed values).

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, closest};

/// A TOML text that could not be read into the expected shape.
#[derive(Debug)]
pub enum TomlError {
    /// Not valid TOML.
    Syntax(toml::de::Error),
    /// Valid TOML with a wrong, missing or unknown field.
    Value(toml::de::Error),
}

/// Parses `text` as TOML, then reads it into `T`, keeping the two kinds of failure apart.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, TomlError> {
    let deserializer = toml::de::Deserializer::parse(text).map_err(TomlError::Syntax)?;
    T::deserialize(deserializer).map_err(TomlError::Value)
}

/// The diagnostic for a TOML error in a text that starts at byte `offset` of its file.
/// `what` names the thing being read, with its article: "a project", "book.toml".
pub fn diagnostic(error: &TomlError, offset: usize, what: &str) -> Diagnostic {
    let (e, syntax) = match error {
        TomlError::Syntax(e) => (e, true),
        TomlError::Value(e) => (e, false),
    };
    let message = e.message().trim();
    let d = if syntax {
        let (first, rest) = message.split_once('\n').unwrap_or((message, ""));
        Diagnostic::error("toml-syntax", format!("TOML syntax error: {first}"))
            .with_help_opt((!rest.trim().is_empty()).then(|| rest.trim().replace('\n', "; ")))
    } else if let Some((field, expected)) = unknown(message, "unknown field") {
        let help = match closest(&field, expected.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("remove `{field}`, or use one of the fields listed below"),
        };
        Diagnostic::error(
            "unknown-field",
            format!("unknown field `{field}` in {what}"),
        )
        .with_help(help)
        .with_note(format!("fields of {what}: {}", expected.join(", ")))
    } else if let Some((variant, expected)) = unknown(message, "unknown variant") {
        let help = match closest(&variant, expected.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("use one of: {}", expected.join(", ")),
        };
        Diagnostic::error(
            "invalid-value",
            format!("`{variant}` is not an allowed value here"),
        )
        .with_help(help)
        .with_note(format!("allowed values: {}", expected.join(", ")))
    } else if let Some(field) = between(message, "missing field `", "`") {
        Diagnostic::error(
            "missing-field",
            format!("missing field `{field}` in {what}"),
        )
        .with_help(format!("add a line `{field} = ...`"))
    } else if let Some((found, expected)) = invalid_type(message) {
        let help = found.starts_with("string").then(|| match expected {
            "a whole number" | "a number" => "write the number without quotes".to_string(),
            "true or false" => "write true or false without quotes".to_string(),
            _ => format!("write {expected}"),
        });
        Diagnostic::error(
            "invalid-value",
            format!("expected {expected}, found {found}"),
        )
        .with_help_opt(help)
    } else {
        Diagnostic::error("invalid-value", message.replace('\n', "; "))
    };
    match e.span() {
        Some(span) => d.at(span.start + offset..span.end + offset),
        None => d.at(offset..offset),
    }
}

/// Parses serde's "invalid type: string \"one\", expected u32" into plain words.
fn invalid_type(message: &str) -> Option<(String, &'static str)> {
    let rest = message.strip_prefix("invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let expected = match expected.trim() {
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "a whole number"
        }
        "f32" | "f64" => "a number",
        "a boolean" => "true or false",
        "a string" => "text in quotes",
        "a sequence" => "a list in [brackets]",
        e if e.starts_with("struct") || e.starts_with("a map") => "a table in { braces }",
        _ => return None,
    };
    let found = found.replace("sequence", "list").replace("map", "table");
    Some((found, expected))
}

/// Parses serde's "unknown field `x`, expected one of `a`, `b`" into (`x`, [a, b]).
fn unknown(message: &str, prefix: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix(prefix)?;
    let name = between(rest, "`", "`")?;
    let expected = rest
        .split_once("expected")
        .map(|(_, list)| {
            list.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Some((name.to_string(), expected))
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(&text[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Thing {
        title: String,
        status: Option<Status>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Status {
        Completed,
        InProgress,
    }

    fn diag(text: &str) -> Diagnostic {
        diagnostic(&parse::<Thing>(text).unwrap_err(), 4, "a project")
    }

    #[test]
    fn unknown_field_suggests_the_nearest() {
        let d = diag("titel = \"x\"");
        assert_eq!(d.code, "unknown-field");
        assert_eq!(d.message, "unknown field `titel` in a project");
        assert_eq!(d.help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(d.span, Some(4..9));
    }

    #[test]
    fn unknown_variant_lists_allowed_values() {
        let d = diag("title = \"x\"\nstatus = \"complete\"");
        assert_eq!(d.code, "invalid-value");
        assert_eq!(d.help.as_deref(), Some("did you mean `completed`?"));
        assert!(d.notes[0].contains("in-progress"));
    }

    #[test]
    fn wrong_types_are_explained_in_plain_words() {
        let d = diag("title = 3");
        assert_eq!(d.message, "expected text in quotes, found integer `3`");
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Numbered {
            number: u32,
        }
        let d = diagnostic(
            &parse::<Numbered>("number = \"one\"").unwrap_err(),
            0,
            "a task",
        );
        assert_eq!(d.message, "expected a whole number, found string \"one\"");
        assert_eq!(d.help.as_deref(), Some("write the number without quotes"));
    }

    #[test]
    fn syntax_and_missing_fields_are_told_apart() {
        assert_eq!(diag("title = \"x").code, "toml-syntax");
        assert_eq!(diag("status = \"completed\"").code, "missing-field");
    }
}
