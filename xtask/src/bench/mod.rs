//! `cargo xtask bench [--lang L]... [--quick]`: builds the `benches/` workspace in release mode
//! (bench fixture, upstream's generator CLI, native peers), generates our and upstream's
//! bindings for the bench fixture, runs each language's benchmark program once per column
//! (ours, upstream, floor, peer) and prints one table per language (ns/call, median (min-max)
//! over the measured batches, with ratios) plus the memory/leak check. Raw results also go to
//! `<target>/bench/results/<lang>.tsv` for `benches/chart.py`.

mod js;
mod kotlin;
mod python;
mod swift;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::util::{self, Ctx};

/// Scenario keys (as the benchmark programs print them) and their table labels, in order.
pub const SCENARIOS: &[(&str, &str)] = &[
    ("sync_noop", "sync no-op"),
    ("sync_add", "sync add(u32, u32)"),
    ("async_ready", "async ready, sequential"),
    ("async_woken", "async woken from a Rust thread, sequential"),
    ("concurrent_ready_1000", "1000 concurrent ready"),
    ("concurrent_woken_1000", "1000 concurrent woken"),
    ("async_string_100", "async String round trip (100 chars)"),
    ("foreign_async_awaited_by_rust", "Rust awaiting a foreign async method"),
    ("sync_callback_from_rust_thread", "sync callback from a Rust thread"),
    ("offload_blocking_call", "offloaded blocking call"),
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

/// A language's four columns; a column that could not run at all holds the reason.
pub struct LangTable {
    pub lang: &'static str,
    pub columns: Vec<(&'static str, std::result::Result<Column, String>)>,
}

/// Shared state for the language runners.
pub struct Bench {
    pub ctx: Ctx,
    pub quick: bool,
    /// `<target>/bench`: the benches workspace's target dir.
    pub target: PathBuf,
    /// `<target>/bench/work`: generated bindings and copies of the libraries.
    pub work: PathBuf,
    /// The bench fixture built without / with the `callbacks` feature.
    pub lib_ours: PathBuf,
    pub lib_upstream: PathBuf,
    pub upstream_bindgen: PathBuf,
    pub fixture_dir: PathBuf,
}

impl Bench {
    /// Our generator: `<out>` gets the bindings plus a copy of the (callback-free) cdylib.
    pub fn generate_ours(&self, lang: &str, out: &Path) -> Result<()> {
        fresh_dir(out)?;
        util::run(Command::new(&self.ctx.generator)
            .arg("generate")
            .arg(&self.lib_ours)
            .args(["--language", lang, "--out-dir"])
            .arg(out)
            .current_dir(&self.fixture_dir))?;
        std::fs::copy(&self.lib_ours, out.join("libbenchfix.so"))?;
        Ok(())
    }

    /// Upstream's generator (library mode) on the `callbacks` build, plus a copy of it.
    pub fn generate_upstream(&self, lang: &str, out: &Path) -> Result<()> {
        fresh_dir(out)?;
        let output = Command::new(&self.upstream_bindgen)
            .args(["generate", "--library"])
            .arg(&self.lib_upstream)
            .args(["--language", lang, "--no-format", "--out-dir"])
            .arg(out)
            .current_dir(&self.fixture_dir)
            .output()
            .context("cannot start upstream-bindgen")?;
        if !output.status.success() {
            bail!("upstream-bindgen failed: {}", String::from_utf8_lossy(&output.stderr));
        }
        std::fs::copy(&self.lib_upstream, out.join("libbenchfix.so"))?;
        Ok(())
    }

    pub fn quick_arg(&self) -> &'static str {
        if self.quick {
            "1"
        } else {
            "0"
        }
    }
}

/// Wipes and recreates a directory under `<target>/bench/work` (never anything else).
pub fn fresh_dir(dir: &Path) -> Result<()> {
    if !dir.components().any(|c| c.as_os_str() == "bench") {
        bail!("refusing to wipe {} (not under the bench target dir)", dir.display());
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    Ok(())
}

/// How long one benchmark program may run before it is stopped and reported as hung.
pub fn time_limit(quick: bool) -> std::time::Duration {
    std::time::Duration::from_secs(if quick { 300 } else { 3600 })
}

/// Runs a benchmark program (stopped after `limit`) and parses its `ROW` / `NA` / `MEM` lines;
/// its stderr is shown.
pub fn run_program_limited(cmd: &mut Command, limit: std::time::Duration) -> std::result::Result<Column, String> {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    let pipe = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out_reader = pipe(Box::new(child.stdout.take().unwrap()));
    let err_reader = pipe(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let mut hung = false;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > limit && !hung {
            hung = true;
            // SIGTERM first: swift-run.sh then tears down the process tree inside its chroot.
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            std::thread::sleep(std::time::Duration::from_secs(5));
            let _ = child.kill();
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let output = std::process::Output {
        status,
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
    };
    if hung {
        return Err(format!("stopped after {} s without finishing", limit.as_secs()));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut col = Column::default();
    for line in stdout.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            ["ROW", name, med, min, max] => {
                let p = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
                col.rows.insert(name.to_string(), Cell::Ns { median: p(med), min: p(min), max: p(max) });
            }
            ["NA", name, reason @ ..] => {
                col.rows.insert(name.to_string(), Cell::Na(reason.join(" ").replace('_', " ")));
            }
            ["MEM", key, value] => col.mem.push((key.to_string(), value.replace('_', " "))),
            _ => {}
        }
    }
    if !output.status.success() {
        let tail: Vec<&str> = stdout.lines().rev().take(5).collect();
        return Err(format!("exited with {} ({})", output.status, tail.join(" / ")));
    }
    if col.rows.is_empty() {
        return Err("printed no results".into());
    }
    Ok(col)
}

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let started = Instant::now();
    let mut langs: Vec<String> = Vec::new();
    let mut quick = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => langs.push(it.next().context("--lang needs a value")?.clone()),
            "--quick" => quick = true,
            other => bail!("unknown argument `{other}` (usage: cargo xtask bench [--lang L]... [--quick])"),
        }
    }
    if langs.is_empty() {
        langs = ["python", "js", "kotlin", "swift"].iter().map(|s| s.to_string()).collect();
    }
    for l in &langs {
        if !["python", "js", "node", "kotlin", "swift"].contains(&l.as_str()) {
            bail!("unknown language `{l}` (python, js, kotlin, swift)");
        }
    }

    println!("== building our generator");
    util::run(Command::new("cargo").args(["build", "--quiet", "-p", "uniffi-bindgen-async"]).current_dir(root))?;
    let ctx = Ctx::new(root)?;
    let target = ctx.target.join("bench");
    let work = target.join("work");
    let benches = root.join("benches");
    let cargo = |args: &[&str]| -> Result<()> {
        util::run(Command::new("cargo").args(args).env("CARGO_TARGET_DIR", &target).current_dir(&benches))
    };
    println!("== building the bench fixture (release) and upstream's generator");
    let lib_ours = work.join("lib-ours/libbenchfix.so");
    let lib_upstream = work.join("lib-upstream/libbenchfix.so");
    let built = target.join("release/libbenchfix.so");
    cargo(&["build", "--quiet", "--release", "-p", "uniffi-bench-fixture"])?;
    copy_into(&built, &lib_ours)?;
    cargo(&["build", "--quiet", "--release", "-p", "uniffi-bench-fixture", "--features", "callbacks"])?;
    copy_into(&built, &lib_upstream)?;
    // The generator itself need not be fast: a debug build saves minutes of compile time.
    cargo(&["build", "--quiet", "-p", "upstream-bindgen"])?;

    let bench = Bench {
        ctx,
        quick,
        upstream_bindgen: target.join("debug/upstream-bindgen"),
        fixture_dir: benches.join("fixture"),
        target: target.clone(),
        work,
        lib_ours,
        lib_upstream,
    };
    let results = target.join("results");
    std::fs::create_dir_all(&results)?;
    let mut report = String::new();
    for l in &langs {
        let lang_started = Instant::now();
        println!("== {l}");
        let table = match l.as_str() {
            "python" => python::run(&bench)?,
            "js" | "node" => js::run(&bench)?,
            "kotlin" => kotlin::run(&bench)?,
            _ => swift::run(&bench)?,
        };
        let text = render(&table, quick);
        println!("{text}");
        println!("({l}: {:.0} s)", lang_started.elapsed().as_secs_f64());
        report.push_str(&text);
        std::fs::write(results.join(format!("{}.tsv", table.lang)), tsv(&table))?;
    }
    std::fs::write(results.join("tables.md"), &report)?;
    println!("== done in {:.0} s; tables in {}", started.elapsed().as_secs_f64(), results.join("tables.md").display());
    Ok(())
}

fn copy_into(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to.parent().unwrap())?;
    std::fs::copy(from, to).with_context(|| format!("copying {}", from.display()))?;
    Ok(())
}

/// Builds one crate of the benches workspace; on failure returns the reason (for an `n/a`).
pub fn build_peer(bench: &Bench, package: &str, envs: &[(&str, &str)]) -> std::result::Result<(), String> {
    let out = Command::new("cargo")
        .args(["build", "--quiet", "--release", "-p", package])
        .env("CARGO_TARGET_DIR", &bench.target)
        .envs(envs.iter().copied())
        .current_dir(bench.ctx.root.join("benches"))
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(format!("{package} does not build: {}", err.lines().find(|l| l.contains("error")).unwrap_or("?")))
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
            format!("{} ({}-{})", fmt_ns(*median), fmt_ns(*min).replace(' ', "\u{a0}"), fmt_ns(*max).replace(' ', "\u{a0}"))
        }
        Some(Cell::Na(reason)) if reason == "-" => "-".into(),
        Some(Cell::Na(reason)) => reason.clone(),
        None => "-".into(),
    }
}

fn median(col: &std::result::Result<Column, String>, key: &str) -> Option<f64> {
    match col.as_ref().ok()?.rows.get(key)? {
        Cell::Ns { median, .. } => Some(*median),
        Cell::Na(_) => None,
    }
}

/// The Markdown table for one language, then its memory table and the columns that could not run.
fn render(t: &LangTable, quick: bool) -> String {
    let mut s = String::new();
    let mode = if quick { " (--quick: tiny N, numbers are noisy)" } else { "" };
    let _ = writeln!(s, "\n### {}{mode}\n", t.lang);
    let _ = writeln!(s, "ns per call: median (min-max) over the measured batches; ratio < 1 means ours is faster.\n");
    let _ = writeln!(s, "| scenario | ours | upstream | floor | peer | ours/upstream | ours/floor | ours/peer |");
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
    for (key, label) in SCENARIOS {
        let mut row = format!("| {label} |");
        for (_, col) in &t.columns {
            let cell = match col {
                Ok(c) => fmt_cell(c.rows.get(*key)),
                Err(_) => "n/a".into(),
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
    let mem: Vec<_> = t.columns.iter().filter_map(|(n, c)| Some((n, c.as_ref().ok()?))).filter(|(_, c)| !c.mem.is_empty()).collect();
    if !mem.is_empty() {
        let _ = writeln!(s, "\nMemory and leaks (after warm-up):\n");
        let _ = writeln!(s, "| bindings | async calls | cancellations | seconds | live Rust futures | live handles | RSS growth |");
        let _ = writeln!(s, "|---|---|---|---|---|---|---|");
        for (name, c) in mem {
            let get = |k: &str| c.mem.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_else(|| "?".into());
            let rss = get("rss_growth_kb").parse::<f64>().map(|kb| format!("{:.2} MB", kb / 1024.0)).unwrap_or_else(|_| "?".into());
            let _ = writeln!(s, "| {name} | {} | {} | {} | {} | {} | {rss} |", get("calls"), get("cancellations"), get("seconds"), get("live_rust_futures"), get("live_handles"));
        }
    }
    let missing: Vec<_> = t.columns.iter().filter_map(|(n, c)| c.as_ref().err().map(|e| (n, e))).collect();
    if !missing.is_empty() {
        let _ = writeln!(s);
        for (name, why) in missing {
            let _ = writeln!(s, "- {name}: n/a ({why})");
        }
    }
    s
}

fn tsv(t: &LangTable) -> String {
    let mut s = String::from("column\tscenario\tmedian_ns\tmin_ns\tmax_ns\n");
    for (name, col) in &t.columns {
        let Ok(col) = col else { continue };
        for (key, _) in SCENARIOS {
            if let Some(Cell::Ns { median, min, max }) = col.rows.get(*key) {
                let _ = writeln!(s, "{name}\t{key}\t{median}\t{min}\t{max}");
            }
        }
    }
    s
}
