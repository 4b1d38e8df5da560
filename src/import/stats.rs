//! Figures a report states ("参加人数2600余人次", "时长达2810小时"), matched
//! to the site's metrics (`site.yaml` `metrics`) by unit and by the words of
//! the label, to offer as `stats:` for the author to confirm.

use std::sync::LazyLock;

use regex::Regex;

use crate::config::Metric;

/// A figure offered for a metric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The metric's key (`volunteers`).
    pub key: String,
    /// The number, as YAML reads it (`2600`, `12.5`).
    pub value: String,
    /// The words it was read from (`参加人数2600余人次`).
    pub phrase: String,
}

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:\.\d+)?)\s*(万)?\s*(余|多)?\s*(人次|人|名|场次|次|场|小时|个|户|件|册|元)")
        .expect("a valid pattern")
});

/// The first figure in `text` for each metric, in the metrics' order.
pub fn offers(text: &str, metrics: &[Metric]) -> Vec<Offer> {
    let mut found: Vec<Option<Offer>> = vec![None; metrics.len()];
    for figure in FIGURE.captures_iter(text) {
        let whole = figure.get(0).expect("group 0 is the match");
        let context = context_before(&text[..whole.start()]);
        let unit = &figure[4];
        let best = metrics
            .iter()
            .enumerate()
            .filter(|(i, m)| found[*i].is_none() && (m.unit.is_empty() || m.unit == unit))
            .map(|(i, m)| (i, shared(&context, &m.label)))
            .filter(|(_, score)| *score > 0)
            .max_by_key(|(i, score)| (*score, usize::MAX - i));
        let Some((i, _)) = best else { continue };
        let Some(value) = value_of(&figure[1], figure.get(2).is_some()) else {
            continue;
        };
        found[i] = Some(Offer {
            key: metrics[i].key.clone(),
            value,
            phrase: format!("{context}{}", whole.as_str()),
        });
    }
    found.into_iter().flatten().collect()
}

/// The words before a figure, back to the last punctuation, at most 12 characters.
fn context_before(text: &str) -> String {
    let tail: Vec<char> = text
        .chars()
        .rev()
        .take_while(|c| !"，。、；：,;:！？（）()“”\n".contains(*c))
        .take(12)
        .collect();
    tail.into_iter().rev().collect()
}

/// How many of the label's characters the context has.
fn shared(context: &str, label: &str) -> usize {
    label.chars().filter(|c| context.contains(*c)).count()
}

fn value_of(number: &str, wan: bool) -> Option<String> {
    if !wan {
        return Some(number.to_string());
    }
    let n: f64 = number.parse().ok()?;
    let n = n * 10_000.0;
    Some(if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        n.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(key: &str, label: &str, unit: &str) -> Metric {
        Metric {
            key: key.into(),
            label: label.into(),
            unit: unit.into(),
        }
    }

    #[test]
    fn figures_go_to_the_metric_their_words_and_unit_name() {
        let metrics = [
            metric("activities", "开展活动", "次"),
            metric("volunteers", "参与志愿者", "人次"),
            metric("hours", "服务时长", "小时"),
            metric("served", "服务群众", "人次"),
        ];
        let text = "每年平均开展志愿服务活动200余次,参加人数2600余人次,时长达2810小时。共帮助群众1.2万人次。";
        let got: Vec<(String, String)> = offers(text, &metrics)
            .into_iter()
            .map(|o| (o.key, o.value))
            .collect();
        let want = [
            ("activities", "200"),
            ("volunteers", "2600"),
            ("hours", "2810"),
            ("served", "12000"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(got, want);
    }
}
