//! Dates as authors write them (`2023-03-05`, `2023/3/5`, `2023.3.5`,
//! `2023年3月5日`, each with or without a time, in half- or full-width
//! digits, and RFC 3339) and as readers and feeds want them (`2023年3月5日`,
//! RFC 822, ISO 8601).
//!
//! Owns the build time too: now, or `SOURCE_DATE_EPOCH` when set.
//!
//! Supported years are [`FIRST_YEAR`] to [`LAST_YEAR`], 1901 to 9998: RSS
//! (RFC 822) cannot write a year before 1900 and ISO 8601 without an
//! extension none after 9999, and a moment one year inside those bounds
//! stays inside them in every time zone it is shown in. A date outside is
//! refused where it is read, so no output ever carries an empty date.

use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::i18n::catalogue::values as msg;
use crate::i18n::Text;

/// A moment with the offset it was written in (or the site's time zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(OffsetDateTime);

/// Why a date could not be read: the message, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub Text, pub DateFault);

/// What was wrong with a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFault {
    /// The text is not written as a date.
    NotADate(String),
    /// Written as a date, but the calendar has no such day (`2023年2月30日`).
    NoSuchDay(String),
    /// Written as a date and time, but the clock has no such time (`25:00`).
    NoSuchTime(String),
    /// `SOURCE_DATE_EPOCH` is not a number of seconds.
    NotAnEpoch(String),
    /// A real date, but outside the supported years.
    OutOfRange(String),
    /// `SOURCE_DATE_EPOCH` (the value, and that moment in UTC) is outside
    /// the supported years.
    EpochOutOfRange(String, String),
}

/// The first year a date may have.
pub const FIRST_YEAR: i32 = 1901;
/// The last year a date may have.
pub const LAST_YEAR: i32 = 9998;

/// Whether `moment` falls in the supported years.
fn supported(moment: OffsetDateTime) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&moment.year())
}

impl DateError {
    fn of(fault: DateFault) -> DateError {
        let text = match &fault {
            DateFault::NotADate(t) => msg::not_a_date(t),
            DateFault::NoSuchDay(t) => msg::no_such_day(t),
            DateFault::NoSuchTime(t) => msg::no_such_time(t),
            DateFault::NotAnEpoch(t) => msg::not_an_epoch(t),
            DateFault::OutOfRange(t) => msg::date_out_of_range(t, FIRST_YEAR, LAST_YEAR),
            DateFault::EpochOutOfRange(value, utc) => {
                msg::epoch_out_of_range(value, utc, FIRST_YEAR, LAST_YEAR)
            }
        };
        DateError(text, fault)
    }

    /// The message, naming the key the date was written under.
    pub fn in_key(&self, key: &str) -> Text {
        match &self.1 {
            DateFault::NotADate(t) => msg::not_a_date_in(t, key),
            DateFault::NoSuchDay(t) => msg::no_such_day_in(t, key),
            DateFault::NoSuchTime(t) => msg::no_such_time_in(t, key),
            DateFault::OutOfRange(t) => msg::date_out_of_range_in(t, key, FIRST_YEAR, LAST_YEAR),
            DateFault::NotAnEpoch(_) | DateFault::EpochOutOfRange(..) => self.0.clone(),
        }
    }

    /// How to write the date instead.
    pub fn hint(&self) -> Text {
        match &self.1 {
            DateFault::NotADate(_) => msg::date_forms_hint(),
            DateFault::NoSuchDay(_) => msg::no_such_day_hint(),
            DateFault::NoSuchTime(_) => msg::no_such_time_hint(),
            DateFault::NotAnEpoch(_) => msg::not_an_epoch_hint(),
            DateFault::OutOfRange(_) => msg::date_out_of_range_hint(),
            DateFault::EpochOutOfRange(..) => msg::epoch_out_of_range_hint(),
        }
    }
}

/// A date and time as written, before the calendar is asked whether it exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    year: i32,
    month: u8,
    day: u8,
    /// Hour, minute, second.
    time: Option<(u8, u8, u8)>,
}

/// Full-width digits and punctuation (typed with a Chinese input method in
/// full-width mode) as their ASCII twins; other characters unchanged.
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | '／' | '－' | '．' | '：' | '＋' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '\u{3000}' => ' ',
            '。' => '.',
            other => other,
        })
        .collect()
}

/// Reads up to `max` ASCII digits at the start of `text`; none is `None`.
fn digits(text: &str, max: usize) -> Option<(u32, &str)> {
    let len = text.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > max {
        return None;
    }
    Some((text[..len].parse().ok()?, &text[len..]))
}

/// Reads `2023-3-5`, `2023/03/05`, `2023.3.5` or `2023年3月5日` (日 or 号
/// may be left out), then an optional time. `None` if it is not that shape.
fn read_written(text: &str) -> Option<Written> {
    let (year, rest) = digits(text, 4)?;
    if text.len() - rest.len() != 4 {
        return None;
    }
    let sep = rest.chars().next()?;
    let (after_month, after_day): (&[char], &[char]) = match sep {
        '-' | '/' | '.' => (&[sep], &[]),
        '年' => (&['月'], &['日', '号']),
        _ => return None,
    };
    let (month, rest) = digits(&rest[sep.len_utf8()..], 2)?;
    let rest = rest.strip_prefix(after_month)?;
    let (day, mut rest) = digits(rest, 2)?;
    if let Some(r) = rest.strip_prefix(after_day) {
        rest = r;
    }
    let time = match rest {
        "" => None,
        _ => Some(read_time(
            rest.strip_prefix(['T', ' ']).unwrap_or(rest).trim_start(),
        )?),
    };
    Some(Written {
        year: i32::try_from(year).ok()?,
        month: u8::try_from(month).ok()?,
        day: u8::try_from(day).ok()?,
        time,
    })
}

/// Reads `9:30`, `09:30` or `9:30:00`.
fn read_time(text: &str) -> Option<(u8, u8, u8)> {
    let (hour, rest) = digits(text, 2)?;
    let (minute, rest) = digits(rest.strip_prefix(':')?, 2)?;
    let (second, rest) = match rest.strip_prefix(':') {
        Some(r) => digits(r, 2)?,
        None => (0, rest),
    };
    if !rest.is_empty() {
        return None;
    }
    Some((
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(second).ok()?,
    ))
}

impl DateTime {
    /// Reads a date as authors write it: `2023-03-05`, `2023-3-5`,
    /// `2023/3/5`, `2023.3.5`, `2023年3月5日`, each optionally followed by a
    /// time (`9:30`, `09:30:00`, after a space or `T`), or RFC 3339. Digits
    /// and punctuation may be full-width. Values without an offset are in
    /// `zone`. A year outside [`FIRST_YEAR`]–[`LAST_YEAR`] is refused.
    pub fn parse(text: &str, zone: UtcOffset) -> Result<DateTime, DateError> {
        let original = text.trim();
        let moment = Self::parse_any_year(original, zone)?;
        if !supported(moment.0) {
            return Err(DateError::of(DateFault::OutOfRange(original.to_string())));
        }
        Ok(moment)
    }

    /// [`DateTime::parse`] without the check of the year.
    fn parse_any_year(original: &str, zone: UtcOffset) -> Result<DateTime, DateError> {
        let text = half_width(original);
        let text = text.trim();
        if let Ok(dt) = OffsetDateTime::parse(text, &Rfc3339) {
            return Ok(DateTime(dt));
        }
        let written = read_written(text)
            .ok_or_else(|| DateError::of(DateFault::NotADate(original.to_string())))?;
        let day = Month::try_from(written.month)
            .ok()
            .and_then(|m| Date::from_calendar_date(written.year, m, written.day).ok())
            .ok_or_else(|| DateError::of(DateFault::NoSuchDay(original.to_string())))?;
        let (hour, minute, second) = written.time.unwrap_or((0, 0, 0));
        let time = Time::from_hms(hour, minute, second)
            .map_err(|_| DateError::of(DateFault::NoSuchTime(original.to_string())))?;
        Ok(DateTime(
            PrimitiveDateTime::new(day, time).assume_offset(zone),
        ))
    }

    /// A moment from seconds since the Unix epoch, shown in `zone`; `None`
    /// outside the supported years.
    pub fn from_unix(seconds: i64, zone: UtcOffset) -> Option<DateTime> {
        OffsetDateTime::from_unix_timestamp(seconds)
            .ok()
            .filter(|dt| supported(*dt))
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
    let utc = match source_date_epoch {
        Some(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok())
            .ok_or_else(|| DateError::of(DateFault::NotAnEpoch(value.to_string())))?,
        None => OffsetDateTime::now_utc(),
    };
    if !supported(utc) {
        let shown = utc
            .format(format_description!(
                "[year]-[month]-[day] [hour]:[minute]:[second]"
            ))
            .unwrap_or_default();
        let value = source_date_epoch.map_or_else(
            || utc.unix_timestamp().to_string(),
            |v| v.trim().to_string(),
        );
        return Err(DateError::of(DateFault::EpochOutOfRange(value, shown)));
    }
    Ok(DateTime(utc.to_offset(zone)))
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
    fn reads_the_forms_clerks_write() {
        for text in [
            "2023年3月5日",
            "2023年03月05日",
            "2023年3月5号",
            "2023/3/5",
            "2023/03/05",
            "2023-3-5",
            "2023.3.5",
            "２０２３年３月５日",
            "２０２３／３／５",
        ] {
            let dt = DateTime::parse(text, cst()).expect(text);
            assert_eq!(dt.iso(), "2023-03-05T00:00:00+08:00", "{text}");
        }
        for text in [
            "2023年3月5日 9:30",
            "2023年3月5日9:30",
            "2023/3/5 09:30",
            "2023-3-5 9:30:00",
            "2023.3.5T09:30",
            "2023年3月5日 ９：３０",
        ] {
            let dt = DateTime::parse(text, cst()).expect(text);
            assert_eq!(dt.iso(), "2023-03-05T09:30:00+08:00", "{text}");
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        let fault = |text| DateTime::parse(text, cst()).map(|_| ()).unwrap_err().1;
        assert_eq!(
            fault("2023-13-45"),
            DateFault::NoSuchDay("2023-13-45".into())
        );
        assert_eq!(
            fault("2023年2月30日"),
            DateFault::NoSuchDay("2023年2月30日".into())
        );
        assert_eq!(
            fault("2023/3/5 25:00"),
            DateFault::NoSuchTime("2023/3/5 25:00".into())
        );
        for text in [
            "yesterday",
            "2023-3/5",
            "23-3-5",
            "2023年3-5",
            "2023-03-05 9",
            "3月5日",
        ] {
            assert_eq!(fault(text), DateFault::NotADate(text.into()), "{text}");
        }
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

    #[test]
    fn build_times_outside_the_supported_years_are_refused() {
        let fault = |epoch| build_time(Some(epoch), cst()).map(|_| ()).unwrap_err().1;
        assert_eq!(
            fault("253402300799"),
            DateFault::EpochOutOfRange("253402300799".into(), "9999-12-31 23:59:59".into())
        );
        assert!(matches!(
            fault("-2208988801"),
            DateFault::EpochOutOfRange(..)
        ));
        assert!(build_time(Some("-2177452800"), cst()).is_ok());
        assert!(DateTime::from_unix(253402300799, cst()).is_none());
    }

    #[test]
    fn dates_outside_the_supported_years_are_refused() {
        let fault = |text| DateTime::parse(text, cst()).map(|_| ()).unwrap_err().1;
        for text in [
            "1900-12-31",
            "0000-01-01",
            "9999-01-01",
            "9999-12-31T23:59:59-05:00",
        ] {
            assert_eq!(fault(text), DateFault::OutOfRange(text.into()), "{text}");
        }
        for text in [
            "1901-01-01",
            "9998-12-31 23:59:59",
            "9998-12-31T23:59:59-23:59",
        ] {
            let dt = DateTime::parse(text, cst()).expect(text);
            assert!(!dt.rfc822().is_empty() && !dt.iso().is_empty(), "{text}");
            let utc = dt.in_zone(UtcOffset::UTC);
            assert!(!utc.rfc822().is_empty() && !utc.iso().is_empty(), "{text}");
        }
    }
}
