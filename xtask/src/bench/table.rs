//! The results of one language: scenarios, columns (ran / n/a / failed), the failure check,
//! and their rendering as a Markdown table (with ratios and the memory table) and as TSV for
//! `benches/chart.py`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Scenario keys (as the benchmark programs print them) and their table labels, in order.
pub const SCENARIOS: &[(&str, &str)] = &[
    ("sync_noop", "sync no-op"),
    ("sync_add", "sync add(u32, u32)"),
    ("async_ready", "async ready, sequential"),
    ("async_woken", "async woken from a Rust thread, sequential"),
    ("concurrent_ready_1000", "1000 concurrent ready"),
    ("concurrent_woken_1000", "1000 concurrent woken"),
    ("async_string_100", "async String round trip (100 chars)"),
    (
        "foreign_async_awaited_by_rust",
        "Rust awaiting a foreign async method",
    ),
    (
        "sync_callback_from_rust_thread",
        "sync callback from a Rust thread",
    ),
    ("offload_blocking_call", "offloaded blocking call"),
    (
        "stream_100k",
        "Rust stream of 100k ready items, per item (floor: a native async iteration)",
    ),
    (
        "stream_reverse_100k",
        "native stream of 100k items drained by Rust, per item (floor: a native async iteration)",
    ),
];

/// One measured value or why there is none.
#[derive(Clone)]
pub enum Cell {
    Ns { median: f64, min: f64, max: f64 },
    Na(String),
}

/// What one run of a benchmark program printed.
#[derive(Default)]
pub struct Column {
    pub rows: BTreeMap<String, Cell>,
    pub mem: Vec<(String, String)>,
}

/// One column of a language's table: it ran, it does not exist for this language (no upstream
/// Node.js bindings, no Kotlin peer), or it should have run and did not (a failure).
pub enum Col {
    Ran(Column),
    NotApplicable(String),
    Failed(String),
}

impl From<std::result::Result<Column, String>> for Col {
    fn from(r: std::result::Result<Column, String>) -> Self {
        match r {
            Ok(c) => Col::Ran(c),
            Err(e) => Col::Failed(e),
        }
    }
}

impl Col {
    fn ran(&self) -> Option<&Column> {
        match self {
            Col::Ran(c) => Some(c),
            _ => None,
        }
    }
}

/// A language's four columns.
pub struct LangTable {
    pub lang: &'static str,
    pub columns: Vec<(&'static str, Col)>,
}

impl LangTable {
    /// What went wrong: failed columns and scenarios a program that ran left without a `ROW`/`NA`.
    pub fn failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (name, col) in &self.columns {
            match col {
                Col::Failed(why) => out.push(format!("{}/{name}: {why}", self.lang)),
                Col::Ran(c) => {
                    for (key, _) in SCENARIOS {
                        if !c.rows.contains_key(*key) {
                            out.push(format!("{}/{name}: no result for `{key}`", self.lang));
                        }
                    }
                }
                Col::NotApplicable(_) => {}
            }
        }
        out
    }
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1_000_000.0 {
        format!("{:.2} ms", ns / 1_000_000.0)
    } else if ns >= 1000.0 {
        format!("{:.2} us", ns / 1000.0)
    } else {
        format!("{ns:.0} ns")
    }
}

fn fmt_cell(cell: Option<&Cell>) -> String {
    match cell {
        Some(Cell::Ns { median, min, max }) => {
            format!(
                "{} ({}-{})",
                fmt_ns(*median),
                fmt_ns(*min).replace(' ', "\u{a0}"),
                fmt_ns(*max).replace(' ', "\u{a0}")
            )
        }
        Some(Cell::Na(reason)) if reason == "-" => "-".into(),
        Some(Cell::Na(reason)) => reason.clone(),
        None => "-".into(),
    }
}

fn median(col: &Col, key: &str) -> Option<f64> {
    match col.ran()?.rows.get(key)? {
        Cell::Ns { median, .. } => Some(*median),
        Cell::Na(_) => None,
    }
}

/// The Markdown table for one language, then its memory table and the columns that could not run.
pub fn render(t: &LangTable, quick: bool) -> String {
    let mut s = String::new();
    let mode = if quick {
        " (--quick: tiny N, numbers are noisy)"
    } else {
        ""
    };
    let _ = writeln!(s, "\n### {}{mode}\n", t.lang);
    let _ = writeln!(s, "ns per call (stream row: per item): median (min-max) over the measured batches; ratio < 1 means ours is faster.\n");
    let _ = writeln!(
        s,
        "| scenario | ours | upstream | floor | peer | ours/upstream | ours/floor | ours/peer |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
    for (key, label) in SCENARIOS {
        let mut row = format!("| {label} |");
        for (_, col) in &t.columns {
            let cell = match col {
                Col::Ran(c) => fmt_cell(c.rows.get(*key)),
                Col::NotApplicable(_) => "n/a".into(),
                Col::Failed(_) => "FAILED".into(),
            };
            let _ = write!(row, " {cell} |");
        }
        let ours = median(&t.columns[0].1, key);
        for (_, col) in &t.columns[1..] {
            let ratio = match (ours, median(col, key)) {
                (Some(a), Some(b)) if b > 0.0 => format!("{:.2}x", a / b),
                _ => "-".into(),
            };
            let _ = write!(row, " {ratio} |");
        }
        let _ = writeln!(s, "{row}");
    }
    let mem: Vec<_> = t
        .columns
        .iter()
        .filter_map(|(n, c)| Some((n, c.ran()?)))
        .filter(|(_, c)| !c.mem.is_empty())
        .collect();
    if !mem.is_empty() {
        let _ = writeln!(s, "\nMemory and leaks (after warm-up):\n");
        let _ = writeln!(s, "| bindings | async calls | cancellations | seconds | live Rust futures | live handles | RSS growth |");
        let _ = writeln!(s, "|---|---|---|---|---|---|---|");
        for (name, c) in mem {
            let get = |k: &str| {
                c.mem
                    .iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_else(|| "?".into())
            };
            let rss = get("rss_growth_kb")
                .parse::<f64>()
                .map(|kb| format!("{:.2} MB", kb / 1024.0))
                .unwrap_or_else(|_| "?".into());
            let _ = writeln!(
                s,
                "| {name} | {} | {} | {} | {} | {} | {rss} |",
                get("calls"),
                get("cancellations"),
                get("seconds"),
                get("live_rust_futures"),
                get("live_handles")
            );
        }
    }
    let missing: Vec<_> = t
        .columns
        .iter()
        .filter_map(|(n, c)| match c {
            Col::NotApplicable(why) => Some(format!("- {n}: n/a ({why})")),
            Col::Failed(why) => Some(format!("- {n}: FAILED ({why})")),
            Col::Ran(_) => None,
        })
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(s, "\n{}", missing.join("\n"));
    }
    s
}

pub fn tsv(t: &LangTable) -> String {
    let mut s = String::from("column\tscenario\tmedian_ns\tmin_ns\tmax_ns\n");
    for (name, col) in &t.columns {
        let Some(col) = col.ran() else { continue };
        for (key, _) in SCENARIOS {
            if let Some(Cell::Ns { median, min, max }) = col.rows.get(*key) {
                let _ = writeln!(s, "{name}\t{key}\t{median}\t{min}\t{max}");
            }
        }
    }
    s
}
