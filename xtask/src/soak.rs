//! Reads `cargo xtask soak [--lang L]... [--seconds N] [--seed S]...`; builds the `soak` fixture
//! (fixtures/soak), generates its bindings per language and runs that language's soak program
//! (`fixtures/soak/tests/<lang>/`) once per seed, under a hard time limit. Each program prints
//! one closing line `soak <lang>: <N> ops, <H> hangs, <L> lost, <F> live futures, <K> live
//! handles, RSS +<X> MB` and exits non-zero unless H, L, F and K are 0 (docs/reliability.md).

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::util::{self, Ctx, Fixture};

/// Languages that have a soak program, in run order.
pub const LANGS: [&str; 4] = ["python", "js", "kotlin", "swift"];

/// The seeds CI runs (`cargo xtask test`): fixed, so a failure reproduces.
pub const CI_SEEDS: [u64; 1] = [20261207];

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let mut langs: Vec<String> = Vec::new();
    let mut seconds: u64 = 20;
    let mut seeds: Vec<u64> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => langs.push(it.next().context("--lang needs a value")?.clone()),
            "--seconds" => seconds = it.next().context("--seconds needs a value")?.parse().context("--seconds: not a number")?,
            "--seed" => seeds.push(it.next().context("--seed needs a value")?.parse().context("--seed: not a number")?),
            other => bail!("unknown argument `{other}` (usage: cargo xtask soak [--lang L]... [--seconds N] [--seed S]...)"),
        }
    }
    if langs.is_empty() {
        langs = LANGS.iter().map(|s| s.to_string()).collect();
    }
    if seeds.is_empty() {
        seeds = CI_SEEDS.to_vec();
    }
    for l in &langs {
        if !LANGS.contains(&l.as_str()) {
            bail!("no soak program for `{l}` yet (have: {LANGS:?})");
        }
    }
    util::run(Command::new("cargo").args(["build", "--quiet", "-p", "uniffi-fixture-soak", "-p", "uniffi-bindgen-async"]).current_dir(root))?;
    let ctx = Ctx::new(root)?;
    let fixture = Fixture {
        name: "soak".into(),
        dir: root.join("fixtures/soak"),
        cdylib: ctx.target.join("debug").join(util::cdylib_file("soak")),
    };
    let mut failures = Vec::new();
    for l in &langs {
        for &seed in &seeds {
            println!("== soak {l}: seed {seed}, {seconds} s");
            match run_one(&ctx, &fixture, l, seconds, seed) {
                Ok(line) => println!("{line}"),
                Err(e) => {
                    println!("FAIL soak {l} (seed {seed}): {e:#}");
                    failures.push(format!("{l}/{seed}"));
                }
            }
        }
    }
    if !failures.is_empty() {
        bail!("soak failed: {} (rerun one with `cargo xtask soak --lang L --seed S`)", failures.join(", "));
    }
    Ok(())
}

/// Generates, runs and checks one program; returns its summary line.
fn run_one(ctx: &Ctx, fixture: &Fixture, lang: &str, seconds: u64, seed: u64) -> Result<String> {
    let out = ctx.target.join("soak").join(lang);
    ctx.generate(fixture, lang, &out)?;
    let mut cmd = match lang {
        "python" => {
            let mut c = Command::new("python3");
            c.arg(fixture.tests_dir("python").join("run_soak.py")).env("PYTHONPATH", &out);
            c
        }
        "js" => {
            // Beside the bindings (it imports `./soak.js`), as an ES module, with koffi resolvable.
            std::fs::copy(fixture.tests_dir("js").join("run_soak.mjs"), out.join("run_soak.mjs"))?;
            std::fs::write(out.join("package.json"), "{\"type\": \"module\"}\n")?;
            crate::lang::js::link_node_modules(ctx, &out)?;
            let mut c = Command::new("node");
            c.args(["--expose-gc", "run_soak.mjs"]).current_dir(&out);
            c
        }
        "kotlin" => {
            // Bindings, program and the shared harness (its Android-like main dispatcher) in one
            // `kotlinc -Werror -Wextra` run, as the fixture tests are compiled.
            let jar = out.join("soak.jar");
            let (jna, coroutines, stdlib) = (ctx.tool("JNA_JAR")?, ctx.tool("KOTLIN_COROUTINES_JAR")?, ctx.tool("KOTLIN_STDLIB_JAR")?);
            let mut sources = crate::lang::kotlin::kt_files(&out)?;
            sources.push(fixture.tests_dir("kotlin").join("RunSoak.kt"));
            sources.push(ctx.root.join("fixtures/harness/kotlin/Harness.kt"));
            util::run(&mut crate::lang::kotlin::kotlinc(ctx, &sources, &jar)?)?;
            let mut c = Command::new("java");
            // A fixed, pre-touched heap, so heap growth does not show as RSS growth.
            c.args(["-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-cp"])
                .arg(format!("{}:{jna}:{coroutines}:{stdlib}", jar.display()))
                .arg(format!("-Djna.library.path={}", out.display()))
                .arg("RunSoakKt");
            c
        }
        "swift" => {
            // Swift 6 mode, warnings as errors, as the fixture tests (inside the Swift chroot).
            use crate::lang::swift::{compile, files_with_ext, swift_run};
            let exe = out.join("run_soak");
            let mut sources = files_with_ext(&out, "swift")?;
            sources.push(fixture.tests_dir("swift").join("main.swift"));
            compile(ctx, &out, "soak", "soak_run", &["-O"], &sources, &exe)?;
            let mut c = swift_run(ctx, &out)?;
            c.arg(&exe);
            c
        }
        other => bail!("no soak program for `{other}`"),
    };
    cmd.env("SOAK_SECONDS", seconds.to_string()).env("SOAK_SEED", seed.to_string());
    let output = run_limited(&mut cmd, Duration::from_secs(seconds + 120))?;
    let line = output
        .lines()
        .rev()
        .find(|l| l.starts_with(&format!("soak {lang}:")))
        .map(str::to_owned)
        .with_context(|| format!("no summary line; output:\n{}", tail(&output)))?;
    if !line.contains(" 0 hangs, 0 lost, 0 live futures, 0 live handles") {
        bail!("{line}\n{}", tail(&output));
    }
    Ok(line)
}

/// Runs `cmd` with stdout and stderr merged into one string; kills it after `limit` (the
/// program's own watchdog should have fired long before).
fn run_limited(cmd: &mut Command, limit: Duration) -> Result<String> {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().context("starting the soak program")?;
    let mut stdout = child.stdout.take().context("no stdout")?;
    let mut stderr = child.stderr.take().context("no stderr")?;
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            bail!("killed after {} s: the program's watchdog did not end it", limit.as_secs());
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let text = format!("{}{}", out_reader.join().unwrap_or_default(), err_reader.join().unwrap_or_default());
    if !status.success() {
        bail!("exited with {status}:\n{}", tail(&text));
    }
    Ok(text)
}

fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(60)..].join("\n")
}
