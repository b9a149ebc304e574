//! `cargo xtask adversarial [--lang L]...`: reads the model of a hostile UniFFI interface
//! (`adversarial/model.rs`); writes the crate (`target/adversarial/crate/`) and its smoke
//! programs, builds the cdylib twice (with and without the `sets` feature), then for each
//! language generates bindings with our CLI, runs the strict checkers and the smoke program, and
//! prints one `PASS`/`FAIL` line per named check and `adversarial: N passed, M failed`.
//! Checks listed in `xtask/adversarial-known-failures.tsv` are known failures. See
//! docs/adversarial.md.

mod items;
mod model;
mod run;
mod rust;
mod smoke_dyn;
mod smoke_static;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::util::{self, Ctx};

const KNOWN: &str = "xtask/adversarial-known-failures.tsv";

/// Where everything goes.
pub struct Layout {
    pub dir: PathBuf,
    /// The cdylib built with the `sets` feature, and without.
    pub lib_sets: PathBuf,
    pub lib_main: PathBuf,
    pub crate_dir: PathBuf,
    pub smoke: PathBuf,
}

/// One named check's outcome: passed, failed, or not run (`None`).
pub type Outcomes = Vec<(String, Option<bool>)>;

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let started = std::time::Instant::now();
    let mut langs: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => langs.push(it.next().context("--lang needs a value")?.clone()),
            other => bail!("unknown argument `{other}` (adversarial [--lang python|kotlin|swift|js]...)"),
        }
    }
    if langs.is_empty() {
        langs = crate::lang::ALL.iter().map(|s| s.to_string()).collect();
    }
    for l in &langs {
        if !crate::lang::ALL.contains(&l.as_str()) {
            bail!("unknown language `{l}` (expected one of {:?})", crate::lang::ALL);
        }
    }
    let known = known_failures(root)?;
    let layout = write(root)?;
    build(root, &layout)?;
    let ctx = Ctx::new(root)?;

    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut unexpected = Vec::new();
    let mut listed_passing = Vec::new();
    for lang in &langs {
        println!("== adversarial: {lang}");
        let outcomes = run::language(&ctx, &layout, lang)?;
        for (check, outcome) in outcomes {
            let reason = known.get(&(lang.clone(), check.clone()));
            match (outcome, reason) {
                (None, _) => {
                    skipped += 1;
                    println!("SKIP {lang} {check} (not run: an earlier check of its group failed)");
                }
                (Some(true), None) => {
                    passed += 1;
                    println!("PASS {lang} {check}");
                }
                (Some(true), Some(_)) => {
                    passed += 1;
                    println!("PASS {lang} {check} -- now passes: remove it from {KNOWN}");
                    listed_passing.push(format!("{lang}\t{check}"));
                }
                (Some(false), Some(r)) => {
                    failed += 1;
                    println!("FAIL {lang} {check} (known: {r})");
                }
                (Some(false), None) => {
                    failed += 1;
                    println!("FAIL {lang} {check}");
                    unexpected.push(format!("{lang}\t{check}"));
                }
            }
        }
    }
    for l in &listed_passing {
        println!("now passes (remove it from {KNOWN}): {l}");
    }
    println!(
        "adversarial: {passed} passed, {failed} failed ({} known, {skipped} not run; {:.0}s; logs in {})",
        failed - unexpected.len(),
        started.elapsed().as_secs_f64(),
        layout.dir.join("logs").display()
    );
    if !unexpected.is_empty() {
        bail!("adversarial checks failed that are not known failures:\n  {}", unexpected.join("\n  "));
    }
    Ok(())
}

/// Writes the crate and the smoke programs; files are rewritten only when their text changed
/// (so cargo and the compilers see no change on a re-run).
fn write(root: &Path) -> Result<Layout> {
    let dir = util::target_dir(root).join("adversarial");
    let crate_dir = dir.join("crate");
    let smoke = dir.join("smoke");
    put(&crate_dir.join("Cargo.toml"), &rust::manifest())?;
    put(&crate_dir.join("src/lib.rs"), &rust::lib_rs())?;
    // Start from the workspace's lock file: the same dependency versions, so the compiled
    // dependencies in our target dir are reused.
    let lock = crate_dir.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(root.join("Cargo.lock"), &lock).context("copying Cargo.lock")?;
    }
    put(&smoke.join("python/smoke.py"), &smoke_dyn::python())?;
    put(&smoke.join("js/smoke.mjs"), &smoke_dyn::js())?;
    for g in model::groups() {
        let name = smoke_static::group_fn(g);
        put(&smoke.join(format!("kotlin/{name}.kt")), &smoke_static::group_file(smoke_static::Lang::Kotlin, g))?;
        put(&smoke.join(format!("swift/{name}.swift")), &smoke_static::group_file(smoke_static::Lang::Swift, g))?;
    }
    let lib = util::cdylib_file("adversarial");
    Ok(Layout { lib_sets: dir.join("lib-sets").join(&lib), lib_main: dir.join("lib").join(&lib), dir, crate_dir, smoke })
}

pub fn put(path: &Path, text: &str) -> Result<()> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// Builds the generator and the crate (in our target dir), with and without `sets`.
fn build(root: &Path, layout: &Layout) -> Result<()> {
    println!("== building the generator and the adversarial crate");
    util::run(Command::new("cargo").args(["build", "--quiet", "-p", "uniffi-bindgen-async", "--bin", "uniffi-bindgen-async"]).current_dir(root))?;
    let target = util::target_dir(root);
    for (features, dest) in [(Some("sets"), &layout.lib_sets), (None, &layout.lib_main)] {
        let mut cmd = Command::new("cargo");
        cmd.args(["build", "--quiet", "--manifest-path"]).arg(layout.crate_dir.join("Cargo.toml")).env("CARGO_TARGET_DIR", &target);
        if let Some(f) = features {
            cmd.args(["--features", f]);
        }
        util::run(&mut cmd).context("building the adversarial crate")?;
        std::fs::create_dir_all(dest.parent().unwrap())?;
        std::fs::copy(target.join("debug").join(util::cdylib_file("adversarial")), dest)?;
    }
    Ok(())
}

/// `xtask/adversarial-known-failures.tsv`: `<lang>\t<check>\t<reason>`, `#` comments.
fn known_failures(root: &Path) -> Result<BTreeMap<(String, String), String>> {
    let path = root.join(KNOWN);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(l), Some(c), Some(r)) if !r.trim().is_empty() => {
                out.insert((l.to_string(), c.to_string()), r.trim().to_string());
            }
            _ => bail!("{}:{}: expected `<lang>\\t<check>\\t<reason>`", path.display(), n + 1),
        }
    }
    Ok(out)
}
