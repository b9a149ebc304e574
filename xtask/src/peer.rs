//! Reads upstream UniFFI 0.32's fixtures and examples (`../shared/peer/uniffi-rs-0.32/`, its
//! `MANIFEST.tsv`) and runs their own test programs, unchanged, against our bindings: builds the
//! peer workspace once in release, generates each crate's bindings with our CLI from the crate's
//! directory, and runs each program the way upstream's test runner does. Prints `PASS`/`FAIL` per
//! program and `peer: N passed, M failed`. Programs listed in `xtask/peer-known-failures.tsv`
//! are known to fail (each with its reason); any other failure fails the run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context, Result};

use crate::util::{self, append, files, logged, Ctx};

const LANGS: [&str; 3] = ["python", "kotlin", "swift"];
/// Seconds one program (or one bindings compile) may take before it counts as hung.
const TIMEOUT_SECS: u32 = 600;

/// One line of MANIFEST.tsv.
#[derive(Clone)]
struct Program {
    lang: String,
    crate_dir: String,
    cdylib_stem: String,
    test_file: String,
}

impl Program {
    fn id(&self) -> String {
        format!("{} {}", self.lang, self.test_file)
    }
}

/// Where the peer tree and its build live (overridable for worktrees and CI).
pub struct PeerPaths {
    pub dir: PathBuf,
    pub target: PathBuf,
}

impl PeerPaths {
    pub fn new(ctx: &Ctx) -> Result<Self> {
        let dir = std::env::var_os("UBA_PEER_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| ctx.root.join("../shared/peer/uniffi-rs-0.32"));
        if !dir.join("MANIFEST.tsv").is_file() {
            bail!("the peer suite is missing: no {} (set UBA_PEER_DIR)", dir.join("MANIFEST.tsv").display());
        }
        let dir = dir.canonicalize()?;
        let target = std::env::var_os("UBA_PEER_TARGET").map(PathBuf::from).unwrap_or_else(|| ctx.target.join("peer-target"));
        Ok(PeerPaths { dir, target })
    }

    /// Builds the peer workspace in release (incremental; a few minutes from cold).
    pub fn build(&self) -> Result<()> {
        println!("== building the peer workspace (release) into {}", self.target.display());
        util::run(
            Command::new("cargo")
                .args(["build", "--release", "--locked", "--quiet"])
                .env("CARGO_TARGET_DIR", &self.target)
                .current_dir(&self.dir),
        )
        .context("building the peer workspace failed")
    }

    pub fn cdylib(&self, stem: &str) -> PathBuf {
        self.target.join("release").join(util::cdylib_file(stem))
    }

    /// The distinct (crate_dir, cdylib_stem) pairs of the manifest, sorted (the JS peer check).
    #[allow(dead_code)]
    pub fn crates(&self) -> Result<Vec<(String, String)>> {
        let set: BTreeSet<(String, String)> =
            manifest(&self.dir)?.into_iter().map(|p| (p.crate_dir, p.cdylib_stem)).collect();
        Ok(set.into_iter().collect())
    }
}

/// `cargo xtask peer` with its arguments.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let mut langs: Vec<String> = Vec::new();
    let mut only: Vec<String> = Vec::new();
    let mut build = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => langs.push(it.next().context("--lang needs a value")?.clone()),
            "--only" => only.push(it.next().context("--only needs a value")?.clone()),
            "--no-build" => build = false,
            other => bail!("unknown argument `{other}` (peer [--lang python|kotlin|swift]... [--only NAME]... [--no-build])"),
        }
    }
    if langs.is_empty() {
        langs = LANGS.iter().map(|s| s.to_string()).collect();
    }
    for l in &langs {
        if !LANGS.contains(&l.as_str()) {
            bail!("unknown language `{l}` (expected python, kotlin or swift)");
        }
    }
    let ctx = Ctx::new(root)?;
    let peer = PeerPaths::new(&ctx)?;
    if build {
        peer.build()?;
        util::run(Command::new("cargo").args(["build", "--quiet", "-p", "uniffi-bindgen-async"]).current_dir(root))?;
    }
    let known = known_failures(root)?;
    let programs: Vec<Program> = manifest(&peer.dir)?
        .into_iter()
        .filter(|p| langs.contains(&p.lang))
        .filter(|p| only.is_empty() || only.iter().any(|o| p.crate_dir.contains(o.as_str()) || p.test_file.contains(o.as_str())))
        .collect();

    // One job per (language, crate): the bindings are generated and compiled once for all of
    // the crate's programs. Two jobs at a time (the compilers are single-threaded mostly).
    let mut groups: BTreeMap<(String, String), Vec<Program>> = BTreeMap::new();
    for p in programs {
        groups.entry((p.lang.clone(), p.crate_dir.clone())).or_default().push(p);
    }
    let jobs: Arc<Mutex<Vec<Vec<Program>>>> = Arc::new(Mutex::new(groups.into_values().rev().collect()));
    let results: Arc<Mutex<Vec<(Program, bool)>>> = Arc::default();
    let workers: usize = std::env::var("UBA_PEER_JOBS").ok().and_then(|v| v.parse().ok()).unwrap_or(2);
    let ctx = Arc::new(ctx);
    let peer = Arc::new(peer);
    std::thread::scope(|s| {
        for _ in 0..workers.max(1) {
            let (jobs, results, ctx, peer) = (jobs.clone(), results.clone(), ctx.clone(), peer.clone());
            s.spawn(move || loop {
                let Some(group) = jobs.lock().unwrap().pop() else { break };
                for (p, ok, log) in run_group(&ctx, &peer, &group) {
                    report(&p, ok, &log);
                    results.lock().unwrap().push((p, ok));
                }
            });
        }
    });

    let mut results = Arc::try_unwrap(results).ok().unwrap().into_inner().unwrap();
    results.sort_by_key(|(p, _)| p.id());
    println!("\n== peer summary");
    let mut unexpected = Vec::new();
    let mut now_passing = Vec::new();
    let (mut passed, mut failed) = (0, 0);
    for l in LANGS {
        let mine: Vec<_> = results.iter().filter(|(p, _)| p.lang == l).collect();
        if mine.is_empty() {
            continue;
        }
        let p = mine.iter().filter(|(_, ok)| *ok).count();
        println!("peer {l}: {p} passed, {} failed", mine.len() - p);
        passed += p;
        failed += mine.len() - p;
    }
    for (p, ok) in &results {
        match (ok, known.get(&p.id())) {
            (false, None) => unexpected.push(p.id()),
            (true, Some(_)) => now_passing.push(p.id()),
            _ => {}
        }
    }
    for id in &now_passing {
        println!("now passes (remove it from xtask/peer-known-failures.tsv): {id}");
    }
    write_results(&ctx.target, &results)?;
    let known_failing = failed - unexpected.len();
    println!("peer: {passed} passed, {failed} failed ({known_failing} known, listed in xtask/peer-known-failures.tsv)");
    if !unexpected.is_empty() {
        bail!("peer programs failed that are not known failures:\n  {}", unexpected.join("\n  "));
    }
    Ok(())
}

/// Records the results in `<target>/peer/results.tsv` (`lang\tprogram\tPASS|FAIL`), replacing
/// the rows of the languages that ran; `scripts/features-table.py` reads it.
fn write_results(target: &Path, results: &[(Program, bool)]) -> Result<()> {
    let rows = results.iter().map(|(p, ok)| (p.lang.clone(), p.test_file.clone(), *ok)).collect::<Vec<_>>();
    merge_results(target, &rows)
}

/// Merges `(lang, item, passed)` rows into the results file, replacing whole languages.
pub fn merge_results(target: &Path, rows: &[(String, String, bool)]) -> Result<()> {
    let path = target.join("peer/results.tsv");
    let langs: BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let mut lines: Vec<String> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !langs.contains(l.split('\t').next().unwrap_or("")))
        .map(str::to_owned)
        .collect();
    lines.extend(rows.iter().map(|(l, item, ok)| format!("{l}\t{item}\t{}", if *ok { "PASS" } else { "FAIL" })));
    lines.sort();
    std::fs::create_dir_all(path.parent().unwrap())?;
    std::fs::write(&path, lines.join("\n") + "\n")?;
    Ok(())
}

fn report(p: &Program, ok: bool, log: &Path) {
    if ok {
        println!("PASS {}", p.id());
    } else {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(25)..].join("\n    ");
        println!("FAIL {} (log: {})\n    {tail}", p.id(), log.display());
    }
}

/// Generates and compiles one crate's bindings for one language and runs its programs.
/// Returns each program with its result and log file.
fn run_group(ctx: &Ctx, peer: &PeerPaths, group: &[Program]) -> Vec<(Program, bool, PathBuf)> {
    let first = &group[0];
    let work = ctx.target.join("peer").join(&first.lang).join(first.crate_dir.replace('/', "__"));
    let out = work.join("bindings");
    let _ = std::fs::remove_dir_all(&work);
    let setup_log = work.join("setup.log");
    let prepared = std::fs::create_dir_all(&out)
        .map_err(anyhow::Error::from)
        .and_then(|_| prepare(ctx, peer, first, &out, &setup_log));
    group
        .iter()
        .map(|p| {
            let stem = Path::new(&p.test_file).file_stem().unwrap().to_string_lossy().into_owned();
            let log = work.join(format!("{stem}.log"));
            let ok = match &prepared {
                Err(e) => {
                    let setup = std::fs::read_to_string(&setup_log).unwrap_or_default();
                    let _ = std::fs::write(&log, format!("{setup}\nsetup failed: {e:#}\n"));
                    false
                }
                Ok(built) => {
                    // One retry: upstream's futures programs are timing-sensitive (MANIFEST notes).
                    // A retried pass is reported as such in the log.
                    let attempt = || {
                        run_program(ctx, peer, p, &out, built, &work.join(&stem), &log).unwrap_or_else(|e| {
                            let _ = append(&log, &format!("\nrunner error: {e:#}\n"));
                            false
                        })
                    };
                    attempt() || {
                        let _ = append(&log, "\n== failed; retrying once\n");
                        let ok = attempt();
                        if ok {
                            println!("note: {} passed on its second run (log: {})", p.id(), log.display());
                        }
                        ok
                    }
                }
            };
            (p.clone(), ok, log)
        })
        .collect()
}

/// What compiling the bindings produced: the Kotlin jar, or the Swift module's name.
enum Built {
    Python,
    Kotlin(PathBuf),
    Swift(String),
}

fn prepare(ctx: &Ctx, peer: &PeerPaths, p: &Program, out: &Path, log: &Path) -> Result<Built> {
    let cdylib = peer.cdylib(&p.cdylib_stem);
    logged(
        log,
        Command::new(&ctx.generator)
            .args(["generate", "--library"])
            .arg(&cdylib)
            .args(["--language", &p.lang, "--out-dir"])
            .arg(out)
            .current_dir(peer.dir.join(&p.crate_dir)),
    )
    .context("generating the bindings failed")?;
    std::fs::copy(&cdylib, out.join(cdylib.file_name().unwrap()))
        .with_context(|| format!("cannot copy {}", cdylib.display()))?;
    match p.lang.as_str() {
        "python" => Ok(Built::Python),
        "kotlin" => {
            let jar = out.join("bindings.jar");
            let sources = files(out, "kt")?;
            logged(
                log,
                Command::new("timeout")
                    .arg(TIMEOUT_SECS.to_string())
                    .arg(ctx.tool("KOTLINC")?)
                    .args(["-Werror", "-jvm-target", "17", "-d"])
                    .arg(&jar)
                    .arg("-classpath")
                    .arg(kotlin_classpath(ctx, &[])?)
                    .args(&sources),
            )
            .context("compiling the Kotlin bindings failed")?;
            Ok(Built::Kotlin(jar))
        }
        "swift" => {
            let test = std::fs::read_to_string(peer.dir.join(&p.test_file))?;
            let module = swift_module(&test, out)?;
            let map = swift_modulemap(out)?;
            let mut cmd = swift(ctx, out)?;
            cmd.args(["swiftc", "-emit-module", "-emit-library", "-module-name", &module, "-swift-version", "5"])
                .arg("-o")
                .arg(out.join(format!("libtestmod_{module}.so")))
                .arg("-Xcc")
                .arg(format!("-fmodule-map-file={}", map.display()))
                .arg("-I")
                .arg(out)
                .arg("-L")
                .arg(out)
                .arg(format!("-l{}", p.cdylib_stem))
                .args(files(out, "swift")?);
            logged(log, &mut cmd).context("compiling the Swift bindings failed")?;
            Ok(Built::Swift(module))
        }
        other => bail!("no runner for {other}"),
    }
}

fn run_program(ctx: &Ctx, peer: &PeerPaths, p: &Program, out: &Path, built: &Built, scratch: &Path, log: &Path) -> Result<bool> {
    let test = peer.dir.join(&p.test_file);
    std::fs::create_dir_all(scratch)?;
    let timeout = TIMEOUT_SECS.to_string();
    let ok = match built {
        Built::Python => logged(
            log,
            Command::new("timeout")
                .args([&timeout, "python3"])
                .arg(&test)
                .env("PYTHONPATH", out)
                .env("PYTHONPYCACHEPREFIX", scratch.join("pycache"))
                .current_dir(scratch),
        )
        .is_ok(),
        Built::Kotlin(jar) => logged(
            log,
            Command::new("timeout")
                .arg(&timeout)
                .arg(ctx.tool("KOTLINC")?)
                .arg("-classpath")
                .arg(kotlin_classpath(ctx, &[out, jar])?)
                .args(["-J-ea", &format!("-J-Djna.library.path={}", out.display()), "-nowarn", "-script"])
                .arg(&test)
                .current_dir(scratch),
        )
        .is_ok(),
        Built::Swift(module) => {
            // The program is compiled as `main.swift` (top-level code), in Swift 5 mode.
            let main = scratch.join("main.swift");
            std::fs::copy(&test, &main)?;
            let map = swift_modulemap(out)?;
            let exe = scratch.join("test");
            let mut compile = swift(ctx, out)?;
            compile
                .args(["swiftc", "-swift-version", "5", "-suppress-warnings", "-I"])
                .arg(out)
                .arg("-L")
                .arg(out)
                .arg(format!("-ltestmod_{module}"))
                .arg(format!("-l{}", p.cdylib_stem))
                .arg("-Xcc")
                .arg(format!("-fmodule-map-file={}", map.display()))
                .args(["-Xlinker", "-rpath", "-Xlinker"])
                .arg(out)
                .arg(&main)
                .arg("-o")
                .arg(&exe);
            logged(log, &mut compile).is_ok() && {
                let mut program = swift(ctx, out)?;
                program.args(["timeout", &timeout]).arg(&exe).current_dir(scratch);
                logged(log, &mut program).is_ok()
            }
        }
    };
    Ok(ok)
}

/// The Swift module the test program imports (`import X` or `#if canImport(X)`), among the
/// generated `.swift` files' stems; with one generated file, that file's stem.
fn swift_module(test: &str, out: &Path) -> Result<String> {
    let generated: Vec<String> =
        files(out, "swift")?.iter().filter_map(|f| Some(f.file_stem()?.to_str()?.to_owned())).collect();
    let system = ["Foundation", "Dispatch", "XCTest", "Glibc", "Darwin"];
    let imported = test.lines().filter_map(|l| {
        let l = l.trim();
        let name = l.strip_prefix("import ").or_else(|| l.strip_prefix("#if canImport(").map(|r| r.trim_end_matches(')')))?;
        let name = name.split_whitespace().next()?.trim_end_matches(')');
        (!system.contains(&name)).then(|| name.to_owned())
    });
    let names: Vec<String> = imported.collect();
    names
        .first()
        .cloned()
        .or_else(|| (generated.len() == 1).then(|| generated[0].clone()))
        .context("cannot tell which module the Swift test imports")
}

/// The generated modulemap; several (one per component) are concatenated, as upstream does.
fn swift_modulemap(out: &Path) -> Result<PathBuf> {
    let maps: Vec<PathBuf> = files(out, "modulemap")?.into_iter().filter(|m| !m.ends_with("combined.modulemap")).collect();
    match maps.len() {
        0 => bail!("no modulemap generated in {}", out.display()),
        1 => Ok(maps[0].clone()),
        _ => {
            let combined = out.join("combined.modulemap");
            let text: Vec<String> = maps.iter().map(std::fs::read_to_string).collect::<Result<_, _>>()?;
            std::fs::write(&combined, text.join("\n"))?;
            Ok(combined)
        }
    }
}

fn swift(ctx: &Ctx, cwd: &Path) -> Result<Command> {
    // This checkout's own wrapper: toolchains.env's SWIFT_RUN names the checkout that last ran
    // set-up, which may be another clone (or gone).
    let mut cmd = Command::new(ctx.root.join("scripts/swift-run.sh"));
    cmd.current_dir(cwd);
    Ok(cmd)
}

fn kotlin_classpath(ctx: &Ctx, extra: &[&Path]) -> Result<String> {
    let mut parts: Vec<String> = extra.iter().map(|p| p.display().to_string()).collect();
    parts.push(ctx.tool("JNA_JAR")?.to_owned());
    parts.push(ctx.tool("KOTLIN_COROUTINES_JAR")?.to_owned());
    Ok(parts.join(":"))
}

/// MANIFEST.tsv rows whose control is `pass` (the ones upstream's own generator passes).
fn manifest(dir: &Path) -> Result<Vec<Program>> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv"))?;
    let mut out = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            bail!("MANIFEST.tsv: malformed line `{line}`");
        }
        if cols[4] != "pass" {
            continue;
        }
        out.push(Program {
            lang: cols[0].into(),
            crate_dir: cols[1].into(),
            cdylib_stem: cols[2].into(),
            test_file: cols[3].into(),
        });
    }
    Ok(out)
}

/// `xtask/peer-known-failures.tsv`: `<lang>\t<test_file>\t<reason>` per line, `#` comments.
fn known_failures(root: &Path) -> Result<BTreeMap<String, String>> {
    let path = root.join("xtask/peer-known-failures.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || cols[2].trim().is_empty() {
            bail!("{}: each line is `<lang>\\t<test_file>\\t<reason>`: `{line}`", path.display());
        }
        out.insert(format!("{} {}", cols[0], cols[1]), cols[2].to_owned());
    }
    Ok(out)
}
