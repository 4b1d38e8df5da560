//! Bar charts drawn at build time as inline SVG, with no script: one bar a
//! row (a year, a month, a campaign), its label before it and its figure
//! after it. Each chart is an image with a title and a description
//! (`role="img"`, `<title>`, `<desc>`); the page puts the data table
//! beside it. Colours come from the theme's CSS (classes `bar`, `label`,
//! `value`), so high-contrast mode and print restyle them; the attributes
//! written here are the fallback. Every text is escaped where it lands.

use std::fmt::Write as _;

use crate::escape;

/// Width of the drawing, in its own units (the page scales it).
const WIDTH: f64 = 400.0;
/// Where the bars start: the labels fit before it.
const BARS_X: f64 = 112.0;
/// The longest bar: room is left after it for the figure.
const BARS_WIDTH: f64 = 210.0;
/// Height of one row.
const ROW: f64 = 26.0;
/// Height of one bar.
const BAR: f64 = 16.0;
/// Font size of labels and figures.
const FONT: f64 = 14.0;

/// One bar: what it stands for, its number, and that number for readers.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The row's name (`2023年`, `3月`, a campaign's title).
    pub label: String,
    /// The number the bar's length shows.
    pub value: f64,
    /// The figure written after the bar (`1.2万`, `3700余`).
    pub display: String,
}

/// A chart to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart<'a> {
    /// Unique within its page: the ids of its title and description start with it.
    pub id: &'a str,
    /// What it shows (`各年度参与志愿者（人次）`).
    pub title: &'a str,
    /// What a reader who cannot see it is told: the largest bar, and
    /// where the table is.
    pub desc: &'a str,
    /// The bars, top to bottom.
    pub bars: &'a [Bar],
}

/// The chart as an inline `<svg>` element.
pub fn svg(chart: &BarChart<'_>) -> String {
    let rows = chart.bars.len().max(1) as f64;
    let height = rows * ROW + 8.0;
    let most = chart.bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let id = escape::html(chart.id);
    let mut out = String::with_capacity(256 + chart.bars.len() * 256);
    let _ = write!(
        out,
        "<svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape::html(chart.title),
        escape::html(chart.desc),
    );
    for (i, bar) in chart.bars.iter().enumerate() {
        draw_bar(&mut out, bar, i as f64 * ROW + 4.0, most);
    }
    out.push_str("</svg>");
    out
}

/// One row: label, bar and figure, `top` units from the top.
fn draw_bar(out: &mut String, bar: &Bar, top: f64, most: f64) {
    let length = if most > 0.0 && bar.value > 0.0 {
        (bar.value / most * BARS_WIDTH).max(2.0)
    } else {
        0.0
    };
    let baseline = top + ROW / 2.0 + FONT * 0.35;
    let _ = write!(
        out,
        "<text class=\"label\" x=\"{}\" y=\"{baseline:.1}\" text-anchor=\"end\" \
         font-size=\"{FONT}\" fill=\"#1f1f1f\">{}</text>",
        BARS_X - 8.0,
        escape::html(&shorten(&bar.label, BARS_X - 10.0)),
    );
    if length > 0.0 {
        let _ = write!(
            out,
            "<rect class=\"bar\" x=\"{BARS_X}\" y=\"{:.1}\" width=\"{length:.1}\" \
             height=\"{BAR}\" fill=\"#a31515\"/>",
            top + (ROW - BAR) / 2.0,
        );
    }
    let _ = write!(
        out,
        "<text class=\"value\" x=\"{:.1}\" y=\"{baseline:.1}\" font-size=\"{FONT}\" \
         fill=\"#1f1f1f\">{}</text>",
        BARS_X + length + 6.0,
        escape::html(&bar.display),
    );
}

/// `label`, cut with `…` to fit `room` units (a CJK character is a full
/// em, other characters about half of one).
fn shorten(label: &str, room: f64) -> String {
    let width = |c: char| if c.is_ascii() { FONT * 0.55 } else { FONT };
    let total: f64 = label.chars().map(width).sum();
    if total <= room {
        return label.to_string();
    }
    let mut used = FONT;
    let mut out = String::new();
    for c in label.chars() {
        used += width(c);
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: f64) -> Bar {
        Bar {
            label: label.into(),
            value,
            display: format!("{value}"),
        }
    }

    #[test]
    fn a_chart_is_an_image_with_a_title_and_a_description() {
        let bars = [bar("2023年", 10.0), bar("2022年", 5.0)];
        let svg = svg(&BarChart {
            id: "c1",
            title: "各年度 <次数>",
            desc: "最多：2023年",
            bars: &bars,
        });
        assert!(
            svg.starts_with("<svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"c1-t c1-d\"")
        );
        assert!(svg.contains("<title id=\"c1-t\">各年度 &lt;次数&gt;</title>"));
        assert!(svg.contains("<desc id=\"c1-d\">最多：2023年</desc>"));
        // The largest bar is the full length, the other half of it.
        assert!(svg.contains("width=\"210.0\""));
        assert!(svg.contains("width=\"105.0\""));
        assert_eq!(svg.matches("<rect").count(), 2);
    }

    #[test]
    fn an_empty_row_has_no_bar_and_labels_are_escaped_and_cut() {
        let bars = [bar("a&b", 0.0), bar(&"很长的活动名称".repeat(3), 1.0)];
        let svg = svg(&BarChart {
            id: "c",
            title: "t",
            desc: "d",
            bars: &bars,
        });
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains(">a&amp;b<"));
        assert!(svg.contains("…</text>"));
    }
}
