//! Dates as authors write them (`2023-03-05`, `2023-03-05 08:43`, RFC 3339)
//! and as readers and feeds want them (`2023年3月5日`, RFC 822, ISO 8601).
//!
//! Owns the build time too: now, or `SOURCE_DATE_EPOCH` when set.

use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// A moment with the offset it was written in (or the site's time zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(OffsetDateTime);

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl DateTime {
    /// Reads `2023-03-05`, `2023-03-05 08:43`, `2023-03-05 08:43:10`,
    /// `2023-03-05T08:43[:10]` or RFC 3339; values without offset are in `zone`.
    pub fn parse(text: &str, zone: UtcOffset) -> Result<DateTime, DateError> {
        let text = text.trim();
        if let Ok(dt) = OffsetDateTime::parse(text, &Rfc3339) {
            return Ok(DateTime(dt));
        }
        let date_only = format_description!("[year]-[month]-[day]");
        if let Ok(date) = Date::parse(text, date_only) {
            return Ok(DateTime(date.midnight().assume_offset(zone)));
        }
        let formats = [
            format_description!("[year]-[month]-[day] [hour]:[minute]"),
            format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
            format_description!("[year]-[month]-[day]T[hour]:[minute]"),
            format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        ];
        for format in formats {
            if let Ok(dt) = PrimitiveDateTime::parse(text, format) {
                return Ok(DateTime(dt.assume_offset(zone)));
            }
        }
        Err(DateError(format!("invalid date \"{text}\"")))
    }

    /// A moment from seconds since the Unix epoch, shown in `zone`.
    pub fn from_unix(seconds: i64, zone: UtcOffset) -> Option<DateTime> {
        OffsetDateTime::from_unix_timestamp(seconds)
            .ok()
            .map(|dt| DateTime(dt.to_offset(zone)))
    }

    /// Seconds since 1970.
    pub fn unix(self) -> i64 {
        self.0.unix_timestamp()
    }

    /// The same moment shown in `zone`.
    pub fn in_zone(self, zone: UtcOffset) -> DateTime {
        DateTime(self.0.to_offset(zone))
    }

    /// The calendar day in the moment's own offset.
    pub fn day(self) -> Day {
        Day(self.0.date())
    }

    /// Calendar year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// Calendar month, 1–12.
    pub fn month(self) -> u8 {
        u8::from(self.0.month())
    }

    /// ISO 8601 / RFC 3339, e.g. `2023-03-05T08:43:00+08:00`.
    pub fn iso(self) -> String {
        self.0.format(&Rfc3339).unwrap_or_default()
    }

    /// RFC 822 (as RFC 2822 writes it), for RSS: `Sun, 05 Mar 2023 08:43:00 +0800`.
    pub fn rfc822(self) -> String {
        self.0.format(&Rfc2822).unwrap_or_default()
    }

    /// The date for readers: `2023年3月5日`, or `5 March 2023` outside Chinese.
    pub fn display(self, language: &str) -> String {
        self.day().display(language)
    }
}

/// A calendar day, for campaign dates and deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(Date);

impl Day {
    /// Reads a day the way [`DateTime::parse`] reads a moment, keeping only the day.
    pub fn parse(text: &str, zone: UtcOffset) -> Result<Day, DateError> {
        DateTime::parse(text, zone).map(DateTime::day)
    }

    /// The first moment of this day in `zone`.
    pub fn start(self, zone: UtcOffset) -> DateTime {
        DateTime(self.0.midnight().assume_offset(zone))
    }

    /// The day after.
    pub fn next(self) -> Day {
        Day(self.0.next_day().unwrap_or(self.0))
    }

    /// The first day of the next year.
    pub fn next_new_year(self) -> Day {
        Date::from_calendar_date(self.0.year() + 1, time::Month::January, 1)
            .map(Day)
            .unwrap_or(self)
    }

    /// `2023-03-05`.
    pub fn iso(self) -> String {
        let d = self.0;
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }

    /// `2023年3月5日`, or `5 March 2023` outside Chinese.
    pub fn display(self, language: &str) -> String {
        let d = self.0;
        if language.starts_with("zh") || language.starts_with("ja") {
            format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day())
        } else {
            format!("{} {} {}", d.day(), d.month(), d.year())
        }
    }
}

/// Reads a time zone offset: `+08:00`, `-05:30`, `Z` or `UTC`.
pub fn parse_offset(text: &str) -> Option<UtcOffset> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("z") || text.eq_ignore_ascii_case("utc") {
        return Some(UtcOffset::UTC);
    }
    let format = format_description!("[offset_hour sign:mandatory]:[offset_minute]");
    UtcOffset::parse(text, format).ok()
}

/// The build time: `SOURCE_DATE_EPOCH` when set, else now; shown in `zone`.
pub fn build_time(source_date_epoch: Option<&str>, zone: UtcOffset) -> Result<DateTime, DateError> {
    match source_date_epoch {
        Some(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| DateTime::from_unix(secs, zone))
            .ok_or_else(|| {
                DateError(format!(
                    "SOURCE_DATE_EPOCH is \"{value}\", not a number of seconds since 1970"
                ))
            }),
        None => Ok(DateTime(OffsetDateTime::now_utc().to_offset(zone))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cst() -> UtcOffset {
        parse_offset("+08:00").expect("valid offset")
    }

    #[test]
    fn reads_every_written_form() {
        for text in [
            "2023-03-05",
            "2023-03-05 08:43",
            "2023-03-05T08:43:00+08:00",
            "2023-03-05 08:43:00",
        ] {
            let dt = DateTime::parse(text, cst()).expect(text);
            assert_eq!(dt.display("zh-CN"), "2023年3月5日");
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(DateTime::parse("2023-13-45", cst()).is_err());
        assert!(DateTime::parse("yesterday", cst()).is_err());
    }

    #[test]
    fn formats_rfc822_with_offset() {
        let dt = DateTime::parse("2023-03-05 08:43", cst()).expect("valid");
        assert_eq!(dt.rfc822(), "Sun, 05 Mar 2023 08:43:00 +0800");
        assert_eq!(dt.iso(), "2023-03-05T08:43:00+08:00");
    }

    #[test]
    fn build_time_follows_source_date_epoch() {
        let dt = build_time(Some("0"), cst()).expect("valid");
        assert_eq!(dt.iso(), "1970-01-01T08:00:00+08:00");
        assert!(build_time(Some("soon"), cst()).is_err());
    }
}
