//! Small value types that validate themselves while being read, so a bad value is reported
//! by the TOML reader at the exact span where it was written.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::{Kind, KindMarker};

/// A value with the byte range it was read from (relative to the TOML text it came from).
#[derive(Debug, Clone)]
pub struct At<T> {
    /// The value itself.
    pub value: T,
    /// Where it was written.
    pub span: Range<usize>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
        let span = spanned.span();
        Ok(Self {
            value: spanned.into_inner(),
            span,
        })
    }
}

impl<T: Serialize> Serialize for At<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: JsonSchema> JsonSchema for At<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// A reference by id (slug) to a record of kind `K`, checked when the site is modelled.
pub struct Ref<K> {
    /// The slug as written, with its position.
    pub slug: At<String>,
    kind: PhantomData<fn() -> K>,
}

impl<K> Ref<K> {
    /// The referenced slug.
    pub fn slug(&self) -> &str {
        &self.slug.value
    }
}

impl<K> fmt::Debug for Ref<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ref({})", self.slug.value)
    }
}

impl<K> Clone for Ref<K> {
    fn clone(&self) -> Self {
        Self {
            slug: self.slug.clone(),
            kind: PhantomData,
        }
    }
}

impl<'de, K> Deserialize<'de> for Ref<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self {
            slug: At::deserialize(deserializer)?,
            kind: PhantomData,
        })
    }
}

impl<K> Serialize for Ref<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.slug.value)
    }
}

impl<K: KindMarker> JsonSchema for Ref<K> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("{}Id", K::KIND.type_name()).into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let kind: Kind = K::KIND;
        schemars::json_schema!({
            "type": "string",
            "pattern": super::SLUG_PATTERN,
            "description": format!("The id of a {} (its file name under content/{}/, without extension).", kind.name(), kind.section()),
        })
    }
}

/// Implements `Deserialize` for a number newtype that must fall inside a range.
macro_rules! bounded_number {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub f64);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = f64::deserialize(deserializer)?;
                if !value.is_finite() || !($min..=$max).contains(&value) {
                    return Err(de::Error::custom(format!(
                        concat!("{} is not ", $what, ": it must be between {} and {}"),
                        value, $min, $max
                    )));
                }
                Ok(Self(value))
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "number", "minimum": $min, "maximum": $max })
            }
        }
    };
}

bounded_number!(
    /// A share in percent, 0 to 100.
    Percent, 0.0, 100.0, "a percentage"
);
bounded_number!(
    /// Degrees north (negative: south), -90 to 90.
    Latitude, -90.0, 90.0, "a latitude"
);
bounded_number!(
    /// Degrees east (negative: west), -180 to 180.
    Longitude, -180.0, 180.0, "a longitude"
);
bounded_number!(
    /// A quantity that cannot be negative (an area, an amount of money).
    NonNegative, 0.0, f64::MAX, "a non-negative number"
);

/// An ISO 3166-1 alpha-2 country code such as `LA`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct CountryCode(pub String);

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(code))
        } else {
            Err(de::Error::custom(format!(
                "`{code}` is not an ISO 3166-1 alpha-2 code: write two capital letters, such as \"{}\"",
                code.to_ascii_uppercase()
                    .chars()
                    .take(2)
                    .collect::<String>()
            )))
        }
    }
}

impl JsonSchema for CountryCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CountryCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^[A-Z]{2}$" })
    }
}

/// An absolute web address (`http://` or `https://`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct WebUrl(pub String);

impl<'de> Deserialize<'de> for WebUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let url = String::deserialize(deserializer)?;
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        match rest {
            Some(host) if !host.is_empty() && !url.contains(char::is_whitespace) => Ok(Self(url)),
            _ => Err(de::Error::custom(format!(
                "`{url}` is not a web address: write it in full, starting with https:// or http://"
            ))),
        }
    }
}

impl JsonSchema for WebUrl {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "WebUrl".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "uri", "pattern": "^https?://" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        p: Option<Percent>,
        c: Option<CountryCode>,
        u: Option<WebUrl>,
    }

    fn err(src: &str) -> String {
        toml::from_str::<Doc>(src)
            .err()
            .unwrap()
            .message()
            .to_string()
    }

    #[test]
    fn rejects_values_out_of_range() {
        assert!(err("p = 145").contains("145 is not a percentage"));
        assert!(toml::from_str::<Doc>("p = 45.5").unwrap().p.is_some());
    }

    #[test]
    fn checks_country_codes_and_urls() {
        assert!(err("c = \"lao\"").contains("\"LA\""));
        assert!(err("u = \"www.caih.com\"").contains("https://"));
        assert!(toml::from_str::<Doc>("u = \"http://www.caih.com\"").is_ok());
    }
}
