//! `cargo xtask bench [--lang L]... [--quick]`: builds the `benches/` workspace in release mode
//! (bench fixture, upstream's generator CLI, native peers), generates our and upstream's
//! bindings for the bench fixture, runs each language's benchmark program once per column
//! (ours, upstream, floor, peer) and prints one table per language (ns/call, median (min-max)
//! over the measured batches, with ratios) plus the memory/leak check. Raw results also go to
//! `<target>/bench/results/<lang>.tsv`; a full run then draws the charts with `benches/chart.py`
//! (matplotlib from a venv of its own). Exits non-zero when a benchmark program fails, hangs or
//! leaves a scenario without a result (never because of a timing).

mod js;
mod kotlin;
mod python;
mod swift;
mod table;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::util::{self, Ctx};

use table::{render, tsv};
pub use table::{Cell, Col, Column, LangTable};

/// Shared state for the language runners.
pub struct Bench {
    pub ctx: Ctx,
    pub quick: bool,
    /// `<target>/bench`: the benches workspace's target dir.
    pub target: PathBuf,
    /// `<target>/bench/work`: generated bindings and copies of the libraries.
    pub work: PathBuf,
    /// The bench fixture (built with the `callbacks` feature), for ours and upstream alike.
    pub lib: PathBuf,
    pub upstream_bindgen: PathBuf,
    pub fixture_dir: PathBuf,
}

impl Bench {
    /// Our generator: `<out>` gets the bindings plus a copy of the cdylib. `config` replaces
    /// the fixture's `uniffi.toml` (a file in `benches/fixture`).
    pub fn generate_ours(&self, lang: &str, out: &Path, config: Option<&str>) -> Result<()> {
        fresh_dir(out)?;
        let mut cmd = Command::new(&self.ctx.generator);
        cmd.arg("generate")
            .arg(&self.lib)
            .args(["--language", lang, "--out-dir"])
            .arg(out);
        if let Some(config) = config {
            cmd.arg("--config").arg(self.fixture_dir.join(config));
        }
        util::run(cmd.current_dir(&self.fixture_dir))?;
        std::fs::copy(&self.lib, out.join("libbenchfix.so"))?;
        Ok(())
    }

    /// Upstream's generator (library mode) on the same build, plus a copy of it.
    pub fn generate_upstream(&self, lang: &str, out: &Path) -> Result<()> {
        fresh_dir(out)?;
        let output = Command::new(&self.upstream_bindgen)
            .args(["generate", "--library"])
            .arg(&self.lib)
            .args(["--language", lang, "--no-format", "--out-dir"])
            .arg(out)
            .current_dir(&self.fixture_dir)
            .output()
            .context("cannot start upstream-bindgen")?;
        if !output.status.success() {
            bail!(
                "upstream-bindgen failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::fs::copy(&self.lib, out.join("libbenchfix.so"))?;
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
        bail!(
            "refusing to wipe {} (not under the bench target dir)",
            dir.display()
        );
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    Ok(())
}

/// How long one benchmark program may run before it is stopped and reported as hung
/// (`UBA_BENCH_TIME_LIMIT` seconds overrides it, e.g. to test the hang detection).
pub fn time_limit(quick: bool) -> std::time::Duration {
    let secs = std::env::var("UBA_BENCH_TIME_LIMIT")
        .ok()
        .and_then(|s| s.parse().ok());
    std::time::Duration::from_secs(secs.unwrap_or(if quick { 120 } else { 3600 }))
}

/// Runs a benchmark program (stopped after `limit`) and parses its `ROW` / `NA` / `MEM` lines;
/// its stderr is shown.
pub fn run_program_limited(
    cmd: &mut Command,
    limit: std::time::Duration,
) -> std::result::Result<Column, String> {
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
    let stdout = String::from_utf8_lossy(&output.stdout);
    if hung {
        let last = stdout
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix("ROW ").or(l.strip_prefix("NA ")));
        let last = last
            .and_then(|l| l.split_whitespace().next())
            .unwrap_or("none");
        return Err(format!(
            "stopped after {} s without finishing (last result printed: {last})",
            limit.as_secs()
        ));
    }
    let mut col = Column::default();
    for line in stdout.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            ["ROW", name, med, min, max] => {
                let p = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
                col.rows.insert(
                    name.to_string(),
                    Cell::Ns {
                        median: p(med),
                        min: p(min),
                        max: p(max),
                    },
                );
            }
            ["NA", name, reason @ ..] => {
                col.rows.insert(
                    name.to_string(),
                    Cell::Na(reason.join(" ").replace('_', " ")),
                );
            }
            ["MEM", key, value] => col.mem.push((key.to_string(), value.replace('_', " "))),
            _ => {}
        }
    }
    if !output.status.success() {
        let tail: Vec<&str> = stdout.lines().rev().take(5).collect();
        return Err(format!(
            "exited with {} ({})",
            output.status,
            tail.join(" / ")
        ));
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
    let mut charts: Option<PathBuf> = None;
    let mut draw = true;
    let usage = "usage: cargo xtask bench [--lang L]... [--quick] [--charts DIR | --no-charts]";
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => langs.push(it.next().context("--lang needs a value")?.clone()),
            "--quick" => quick = true,
            "--charts" => {
                charts = Some(PathBuf::from(
                    it.next().context("--charts needs a directory")?,
                ))
            }
            "--no-charts" => draw = false,
            other => bail!("unknown argument `{other}` ({usage})"),
        }
    }
    if langs.is_empty() {
        langs = ["python", "js", "kotlin", "swift"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    }
    for l in &langs {
        if !["python", "js", "node", "kotlin", "swift"].contains(&l.as_str()) {
            bail!("unknown language `{l}` (python, js, kotlin, swift)");
        }
    }

    println!("== building our generator");
    util::run(
        Command::new("cargo")
            .args(["build", "--quiet", "-p", "uniffi-bindgen-async"])
            .current_dir(root),
    )?;
    let ctx = Ctx::new(root)?;
    let target = ctx.target.join("bench");
    let work = target.join("work");
    let benches = root.join("benches");
    let cargo = |args: &[&str]| -> Result<()> {
        util::run(
            Command::new("cargo")
                .args(args)
                .env("CARGO_TARGET_DIR", &target)
                .current_dir(&benches),
        )
    };
    println!("== building the bench fixture (release, with callbacks) and upstream's generator");
    let lib = work.join("lib/libbenchfix.so");
    cargo(&[
        "build",
        "--quiet",
        "--release",
        "-p",
        "uniffi-bench-fixture",
        "--features",
        "callbacks",
    ])?;
    copy_into(&target.join("release/libbenchfix.so"), &lib)?;
    // The generator itself need not be fast: a debug build saves minutes of compile time.
    cargo(&["build", "--quiet", "-p", "upstream-bindgen"])?;

    let bench = Bench {
        ctx,
        quick,
        upstream_bindgen: target.join("debug/upstream-bindgen"),
        fixture_dir: benches.join("fixture"),
        target: target.clone(),
        work,
        lib,
    };
    let results = target.join("results");
    std::fs::create_dir_all(&results)?;
    let mut report = String::new();
    let mut failures: Vec<String> = Vec::new();
    for l in &langs {
        let lang_started = Instant::now();
        println!("== {l}");
        let table = match l.as_str() {
            "python" => python::run(&bench),
            "js" | "node" => js::run(&bench),
            "kotlin" => kotlin::run(&bench),
            _ => swift::run(&bench),
        };
        // A runner error (bindings not generated, a toolchain missing) fails this language only.
        let table = match table {
            Ok(t) => t,
            Err(e) => {
                println!("{l}: FAILED: {e:#}");
                failures.push(format!("{l}: {e:#}"));
                continue;
            }
        };
        let text = render(&table, quick);
        println!("{text}");
        println!("({l}: {:.0} s)", lang_started.elapsed().as_secs_f64());
        report.push_str(&text);
        failures.extend(table.failures());
        std::fs::write(results.join(format!("{}.tsv", table.lang)), tsv(&table))?;
    }
    std::fs::write(results.join("tables.md"), &report)?;
    // Charts: after a full run, or after --quick when asked for with --charts.
    if draw && (!quick || charts.is_some()) {
        let dir = charts.unwrap_or_else(|| results.clone());
        if let Err(e) = draw_charts(&bench, &results, &dir) {
            // Charts are a convenience: no matplotlib (e.g. offline) is not a benchmark failure.
            println!("== charts not drawn: {e:#}");
        }
    }
    println!(
        "== done in {:.0} s; tables in {}",
        started.elapsed().as_secs_f64(),
        results.join("tables.md").display()
    );
    if !failures.is_empty() {
        println!("== FAILED: {} problem(s):", failures.len());
        for f in &failures {
            println!("  - {f}");
        }
        bail!(
            "{} benchmark program(s) failed, hung or left scenarios without a result",
            failures.len()
        );
    }
    Ok(())
}

/// Draws one PNG per language with `benches/chart.py`, using matplotlib from a venv of our own
/// (`<toolchains>/bench-venv`, created and filled from PyPI on first use).
fn draw_charts(bench: &Bench, results: &Path, dir: &Path) -> Result<()> {
    let venv = util::toolchains_dir().join("bench-venv");
    let python = venv.join("bin/python");
    let has_mpl = |py: &Path| {
        Command::new(py)
            .args(["-c", "import matplotlib"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has_mpl(&python) {
        println!("== setting up {} (matplotlib)", venv.display());
        util::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        util::run(Command::new(&python).args(["-m", "pip", "install", "--quiet", "matplotlib"]))?;
    }
    println!("== drawing charts into {}", dir.display());
    util::run(
        Command::new(&python)
            .arg(bench.ctx.root.join("benches/chart.py"))
            .arg(results)
            .arg(dir),
    )
}

fn copy_into(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to.parent().unwrap())?;
    std::fs::copy(from, to).with_context(|| format!("copying {}", from.display()))?;
    Ok(())
}

/// Builds one crate of the benches workspace; on failure returns the reason (for an `n/a`).
pub fn build_peer(
    bench: &Bench,
    package: &str,
    envs: &[(&str, &str)],
) -> std::result::Result<(), String> {
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
        Err(format!(
            "{package} does not build: {}",
            err.lines().find(|l| l.contains("error")).unwrap_or("?")
        ))
    }
}
