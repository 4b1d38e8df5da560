//! Figures as clerks write them in a report's `stats` (`3500`, `3,500`,
//! `3500余`, `1.2万`, `2.5亿`, in half- or full-width digits) and as readers
//! see them (`3700余`): a number, and whether it is an approximate one.
//!
//! Knows nothing of metrics or files: [`Figure::parse`] says what is wrong,
//! the caller says where.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A figure of a report, or a total of figures.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Figure {
    value: f64,
    approximate: bool,
}

/// Why text is not a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureFault {
    /// Not written as a number (`many`, `3,5`, `3500人`).
    NotAFigure,
    /// Below zero.
    Negative,
    /// Above [`MAX_FIGURE`], or not finite.
    TooLarge,
}

/// The largest figure a report may give: 10^15 (1000万亿). Far above any
/// count a department makes, and small enough that sums of figures stay
/// exact whole numbers and can never overflow to infinity.
pub const MAX_FIGURE: f64 = 1e15;

/// The words after a number that mean "a little more than".
const APPROXIMATE: [char; 3] = ['余', '多', '+'];

impl Figure {
    /// An exact figure.
    pub fn exact(value: f64) -> Figure {
        Figure {
            value,
            approximate: false,
        }
    }

    /// Reads `3500`, `3,500`, `3，500`, `12.5`, `3500余` (or `3500多`,
    /// `3500+`), `1.2万` (12000), `2.5亿`, `1万余`; full-width digits too.
    pub fn parse(text: &str) -> Result<Figure, FigureFault> {
        let text: String = text.trim().chars().map(half_width).collect();
        let (text, approximate) = match text.strip_suffix(APPROXIMATE) {
            Some(rest) => (rest.trim_end(), true),
            None => (text.as_str(), false),
        };
        let (text, scale) = match text.chars().last() {
            Some('万') => (&text[..text.len() - '万'.len_utf8()], 4),
            Some('亿') => (&text[..text.len() - '亿'.len_utf8()], 8),
            _ => (text, 0),
        };
        let text = text.trim_end();
        if text.starts_with('-') && read_decimal(&text[1..], 0).is_some() {
            return Err(FigureFault::Negative);
        }
        let value = read_decimal(text, scale).ok_or(FigureFault::NotAFigure)?;
        Figure::bounded(value).map(|f| Figure { approximate, ..f })
    }

    /// A figure YAML read as a number.
    pub fn of_number(value: f64) -> Result<Figure, FigureFault> {
        Figure::bounded(value)
    }

    /// An exact figure of `value`, if it is in 0 to [`MAX_FIGURE`].
    fn bounded(value: f64) -> Result<Figure, FigureFault> {
        if value < 0.0 {
            Err(FigureFault::Negative)
        } else if value <= MAX_FIGURE {
            Ok(Figure::exact(value))
        } else {
            // Above the bound, infinite, or not a number at all.
            Err(FigureFault::TooLarge)
        }
    }

    /// The number.
    pub fn value(self) -> f64 {
        self.value
    }

    /// Whether the figure is "a little more than" its number (`3500余`).
    pub fn is_approximate(self) -> bool {
        self.approximate
    }

    /// The sum of two figures: approximate when either is.
    #[must_use]
    pub fn plus(self, other: Figure) -> Figure {
        Figure {
            value: self.value + other.value,
            approximate: self.approximate || other.approximate,
        }
    }

    /// The number as text: whole numbers without `.0`, others to at most
    /// two decimals (`12.5`).
    pub fn number(self) -> String {
        let rounded = (self.value * 100.0).round() / 100.0;
        if rounded.fract() == 0.0 && rounded.abs() < 9.0e15 {
            format!("{}", rounded as i64)
        } else {
            format!("{rounded}")
        }
    }

    /// The figure for readers of a site in `language`: `3700余` in
    /// Chinese (and Japanese), `3700+` otherwise; exact figures bare.
    pub fn display(self, language: &str) -> String {
        let number = self.number();
        match (
            self.approximate,
            language.starts_with("zh") || language.starts_with("ja"),
        ) {
            (false, _) => number,
            (true, true) => format!("{number}余"),
            (true, false) => format!("{number}+"),
        }
    }
}

/// A full-width digit, comma or point as its ASCII twin.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' | '，' | '．' | '＋' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        other => other,
    }
}

/// Reads `3500`, `3,500` or `12.5` (digits; commas only between groups of
/// three), times ten to the `scale`, exactly when the result is whole.
fn read_decimal(text: &str, scale: u32) -> Option<f64> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let grouped = whole.contains(',');
    if first.is_empty() || (grouped && first.len() > 3) || !all_digits(first) {
        return None;
    }
    let mut digits = first.to_string();
    for group in groups {
        if group.len() != 3 || !all_digits(group) {
            return None;
        }
        digits.push_str(group);
    }
    let fraction = fraction.unwrap_or("");
    if text.contains('.') && (fraction.is_empty() || !all_digits(fraction)) {
        return None;
    }
    digits.push_str(fraction);
    // digits × 10^(scale − fraction length), in integers while they fit.
    let shift = i32::try_from(scale).ok()? - i32::try_from(fraction.len()).ok()?;
    match digits.parse::<u64>() {
        Ok(n) if shift >= 0 => Some(n as f64 * 10f64.powi(shift)),
        Ok(n) => Some(n as f64 / 10f64.powi(-shift)),
        Err(_) => None,
    }
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// A figure as the front matter holds it: a number, text to be read by
/// [`Figure::parse`], or nothing (`volunteers:` with no value).
#[derive(Debug, Clone, PartialEq)]
pub enum RawFigure {
    /// A YAML number.
    Number(f64),
    /// Any other scalar, as text.
    Text(String),
    /// No value.
    Missing,
}

impl RawFigure {
    /// The figure, or why it is not one.
    pub fn read(&self) -> Result<Figure, FigureFault> {
        match self {
            RawFigure::Number(n) => Figure::of_number(*n),
            RawFigure::Text(text) => Figure::parse(text),
            RawFigure::Missing => Err(FigureFault::NotAFigure),
        }
    }

    /// The value as written, for messages (a huge or infinite number in
    /// scientific notation, `1e308`, `inf`).
    pub fn written(&self) -> String {
        match self {
            RawFigure::Number(n) if n.is_nan() || n.abs() > MAX_FIGURE => format!("{n:e}"),
            RawFigure::Number(n) => Figure::exact(*n).number(),
            RawFigure::Text(text) => text.clone(),
            RawFigure::Missing => String::new(),
        }
    }
}

impl<'de> Deserialize<'de> for RawFigure {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawFigureVisitor)
    }
}

struct RawFigureVisitor;

impl<'de> Visitor<'de> for RawFigureVisitor {
    type Value = RawFigure;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a figure such as 3500, 3,500, 3500余 or 1.2万")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawFigure, E> {
        Ok(RawFigure::Number(v as f64))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawFigure, E> {
        Ok(RawFigure::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawFigure, E> {
        Ok(RawFigure::Number(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawFigure, E> {
        Ok(RawFigure::Text(v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawFigure, E> {
        Ok(RawFigure::Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<RawFigure, E> {
        Ok(RawFigure::Text(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawFigure, E> {
        Ok(RawFigure::Missing)
    }

    fn visit_none<E: de::Error>(self) -> Result<RawFigure, E> {
        Ok(RawFigure::Missing)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawFigure, D::Error> {
        deserializer.deserialize_any(RawFigureVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (f64, bool) {
        let f = Figure::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        (f.value(), f.is_approximate())
    }

    #[test]
    fn reads_the_forms_clerks_write() {
        assert_eq!(read("3500"), (3500.0, false));
        assert_eq!(read("3,500"), (3500.0, false));
        assert_eq!(read("3，500"), (3500.0, false));
        assert_eq!(read("1,234,567"), (1_234_567.0, false));
        assert_eq!(read("12.5"), (12.5, false));
        assert_eq!(read("3500余"), (3500.0, true));
        assert_eq!(read("3500多"), (3500.0, true));
        assert_eq!(read("3500+"), (3500.0, true));
        assert_eq!(read("1.2万"), (12000.0, false));
        assert_eq!(read("0.3万"), (3000.0, false));
        assert_eq!(read("1万余"), (10000.0, true));
        assert_eq!(read("2.5亿"), (250_000_000.0, false));
        assert_eq!(read("３５００余"), (3500.0, true));
        assert_eq!(read(" 3500 余 "), (3500.0, true));
    }

    #[test]
    fn refuses_what_is_not_a_figure() {
        for text in [
            "many", "3,5", "35,00", "3500人", "", "余", "万", "1.", ".5", "1.2.3", "1,2345", "三千",
        ] {
            assert_eq!(Figure::parse(text), Err(FigureFault::NotAFigure), "{text}");
        }
        assert_eq!(Figure::parse("-3"), Err(FigureFault::Negative));
        assert_eq!(Figure::of_number(-1.0), Err(FigureFault::Negative));
    }

    #[test]
    fn refuses_figures_above_the_bound_or_not_finite() {
        for value in [1e15 + 2.0, 1e308, f64::INFINITY, f64::NAN] {
            assert_eq!(
                Figure::of_number(value),
                Err(FigureFault::TooLarge),
                "{value}"
            );
        }
        for text in ["20000000亿", "1000000000000001", "99999999999999999999"] {
            let fault = Figure::parse(text).unwrap_err();
            assert!(fault != FigureFault::Negative, "{text}");
        }
        assert_eq!(Figure::parse("20000000亿"), Err(FigureFault::TooLarge));
        assert_eq!(read("10000000亿"), (1e15, false));
        assert_eq!(RawFigure::Number(1e308).written(), "1e308");
        assert_eq!(RawFigure::Number(f64::INFINITY).written(), "inf");
        let most = Figure::exact(MAX_FIGURE);
        assert_eq!(most.plus(most).number(), "2000000000000000");
    }

    #[test]
    fn an_approximate_figure_keeps_its_yu_in_sums() {
        let total = Figure::parse("3500余").unwrap().plus(Figure::exact(200.0));
        assert_eq!(total.display("zh-CN"), "3700余");
        assert_eq!(total.display("en"), "3700+");
        assert_eq!(Figure::exact(200.0).display("zh-CN"), "200");
        assert_eq!(Figure::exact(0.1).plus(Figure::exact(0.2)).number(), "0.3");
    }
}
