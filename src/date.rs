//! Dates that keep the precision the source gives: a year, a month or a day.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date known to the year, the month or the day.
///
/// Written `2016`, `"2016"`, `"2016-06"`, `"2016-04-29"` or as a TOML date `2016-04-29`.
/// Dates sort chronologically; a coarser date sorts before finer dates inside it
/// (`2016` < `2016-04` < `2016-04-29`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// How precisely a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// Year, month and day.
    Day,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// A date known to the year.
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// Today's date (UTC), for new records. Builds never call this: output must not depend
    /// on the clock.
    pub fn today() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// Days from 1970-01-01 to the first day this date covers (Howard Hinnant's algorithm).
    pub fn days_since_epoch(&self) -> i64 {
        let (m, d) = (
            i64::from(self.month.unwrap_or(1)),
            i64::from(self.day.unwrap_or(1)),
        );
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// The year.
    pub fn year_value(&self) -> i32 {
        self.year
    }

    /// The month (1-12), if known.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, if known.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// The precision this date is known to.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// Human-readable form that shows the precision honestly:
    /// "2016", "June 2016", "29 April 2016".
    pub fn display_long(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m - 1)], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m - 1)], self.year),
            _ => self.year.to_string(),
        }
    }

    fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            DateError(format!(
                "`{s}` is not a date: write a year (2016), a month (2016-06) or a day (2016-04-29)"
            ))
        };
        let mut parts = s.split('-');
        let year_part = parts.next().ok_or_else(bad)?;
        if year_part.len() != 4 || !year_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year_part.parse().map_err(|_| bad())?;
        let mut number = |width: usize| -> Result<Option<u8>, DateError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == width && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| bad())
                }
                Some(_) => Err(bad()),
            }
        };
        let month = number(2)?;
        let day = if month.is_some() { number(2)? } else { None };
        if parts.next().is_some() {
            return Err(bad());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError(format!(
                    "`{s}` has month {m}: months run from 01 to 12"
                )));
            }
            if let Some(d) = day {
                let last = days_in_month(year, m);
                if d == 0 || d > last {
                    return Err(DateError(format!(
                        "`{s}` does not exist: {} {year} has {last} days",
                        MONTHS[usize::from(m - 1)]
                    )));
                }
            }
        }
        Ok(Self { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = PartialDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date such as 2016, \"2016-06\" or 2016-04-29")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
        if (1000..=9999).contains(&v) {
            Ok(PartialDate::year(v as i32))
        } else {
            Err(E::custom(format!("{v} is not a four-digit year")))
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(-1))
    }

    // A bare TOML date (`date = 2016-04-29`) arrives as a one-entry map.
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<PartialDate, A::Error> {
        let value = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
        match (value.date, value.time) {
            (Some(date), None) => {
                let text = date.to_string();
                text.parse().map_err(de::Error::custom)
            }
            _ => Err(de::Error::custom(format!(
                "{value} has a time of day: write only the date, such as 2016-04-29"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateVisitor)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A year (2016), a month (\"2016-06\") or a day (\"2016-04-29\").",
            "anyOf": [
                { "type": "integer", "minimum": 1000, "maximum": 9999 },
                { "type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn keeps_precision() {
        assert_eq!(date("2016").precision(), Precision::Year);
        assert_eq!(date("2016-06").precision(), Precision::Month);
        assert_eq!(date("2016-04-29").precision(), Precision::Day);
        assert_eq!(date("2016-06").to_string(), "2016-06");
    }

    #[test]
    fn displays_precision_honestly() {
        assert_eq!(date("2016").display_long(), "2016");
        assert_eq!(date("2016-06").display_long(), "June 2016");
        assert_eq!(date("2016-04-29").display_long(), "29 April 2016");
    }

    #[test]
    fn sorts_coarse_before_fine() {
        let mut dates = [
            date("2016-04-29"),
            date("2016"),
            date("2015-12"),
            date("2016-04"),
        ];
        dates.sort();
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["2015-12", "2016", "2016-04", "2016-04-29"]);
    }

    #[test]
    fn counts_days_from_the_epoch() {
        assert_eq!(
            PartialDate::from_days_since_epoch(0).to_string(),
            "1970-01-01"
        );
        assert_eq!(
            PartialDate::from_days_since_epoch(11_016).to_string(),
            "2000-02-29"
        );
        assert_eq!(
            PartialDate::from_days_since_epoch(20_788).to_string(),
            "2026-12-01"
        );
        assert_eq!(PartialDate::today().precision(), Precision::Day);
        for days in [0, 11_016, 20_788, -1, 59] {
            assert_eq!(
                PartialDate::from_days_since_epoch(days).days_since_epoch(),
                days
            );
        }
        assert_eq!(
            date("2016").days_since_epoch(),
            date("2016-01-01").days_since_epoch()
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(
            "2016-13"
                .parse::<PartialDate>()
                .unwrap_err()
                .0
                .contains("month 13")
        );
        assert!("2016-13-45".parse::<PartialDate>().is_err());
        assert!(
            "2019-02-29"
                .parse::<PartialDate>()
                .unwrap_err()
                .0
                .contains("28 days")
        );
        assert!("2020-02-29".parse::<PartialDate>().is_ok());
        assert!("16".parse::<PartialDate>().is_err());
        assert!("2016-4".parse::<PartialDate>().is_err());
        assert!("2016-04-29-1".parse::<PartialDate>().is_err());
    }

    #[derive(Deserialize)]
    struct Doc {
        d: PartialDate,
    }

    #[test]
    fn reads_every_toml_form() {
        for (src, want) in [
            ("d = 2016", "2016"),
            ("d = \"2016-06\"", "2016-06"),
            ("d = 2016-04-29", "2016-04-29"),
        ] {
            let doc: Doc = toml::from_str(src).unwrap();
            assert_eq!(doc.d.to_string(), want, "{src}");
        }
        let err = toml::from_str::<Doc>("d = 2016-04-29T10:00:00")
            .err()
            .unwrap();
        assert!(err.message().contains("time of day"), "{err}");
    }
}
