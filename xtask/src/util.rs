//! Reads the environment (toolchain paths, target dir, fixtures); produces the shared context
//! the language runners use, plus small process helpers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// What every language runner needs.
pub struct Ctx {
    pub root: PathBuf,
    pub target: PathBuf,
    /// The generator binary.
    pub generator: PathBuf,
    /// Toolchain paths from the set-up script's `toolchains.env`.
    pub tools: BTreeMap<String, String>,
}

impl Ctx {
    pub fn new(root: &Path) -> Result<Self> {
        let target = target_dir(root);
        let env_file = toolchains_dir().join("toolchains.env");
        let mut tools = BTreeMap::new();
        if let Ok(text) = std::fs::read_to_string(&env_file) {
            for line in text.lines() {
                if let Some((k, v)) = line.split_once('=') {
                    tools.insert(k.trim().to_owned(), v.trim().trim_matches('"').to_owned());
                }
            }
        }
        Ok(Ctx { root: root.to_owned(), generator: target.join("debug/uniffi-bindgen-async"), target, tools })
    }

    /// A toolchain path; a missing one is an error telling how to install it.
    pub fn tool(&self, key: &str) -> Result<&str> {
        match self.tools.get(key) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => bail!(
                "toolchain entry {key} missing from {}: run `cargo xtask setup`",
                toolchains_dir().join("toolchains.env").display()
            ),
        }
    }

    /// Runs the generator for one language into `out` (wiped first) and copies the cdylib there.
    pub fn generate(&self, fixture: &Fixture, lang: &str, out: &Path) -> Result<()> {
        let _ = std::fs::remove_dir_all(out);
        run(Command::new(&self.generator)
            .arg("generate")
            .arg(&fixture.cdylib)
            .args(["--language", lang, "--out-dir"])
            .arg(out)
            .current_dir(&fixture.dir))?;
        std::fs::copy(&fixture.cdylib, out.join(fixture.cdylib.file_name().unwrap()))?;
        Ok(())
    }
}

/// One fixture crate: its directory, library name and built cdylib.
pub struct Fixture {
    pub name: String,
    pub dir: PathBuf,
    pub cdylib: PathBuf,
}

impl Fixture {
    /// Where a language's generated bindings and build products go.
    pub fn work_dir(&self, ctx: &Ctx, lang: &str) -> PathBuf {
        ctx.target.join("uba-tests").join(&self.name).join(lang)
    }

    /// The fixture's test sources for one language: `fixtures/<name>/tests/<lang>/`.
    pub fn tests_dir(&self, lang: &str) -> PathBuf {
        self.dir.join("tests").join(lang)
    }
}

pub fn toolchains_dir() -> PathBuf {
    match std::env::var_os("UBA_TOOLCHAINS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from("/root/.cache/uniffi-bindgen-async"),
    }
}

pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"))
}

pub fn cdylib_file(name: &str) -> String {
    format!("lib{name}.so")
}

/// Every `fixtures/*` crate, with the library name read from its `[lib] name`
/// (`fixtures/harness/`, the test programs' shared harnesses, is no crate; `fixtures/soak/` has
/// soak programs instead of tests, run by `cargo xtask soak`).
pub fn fixtures(root: &Path) -> Result<Vec<Fixture>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root.join("fixtures"))? {
        let dir = entry?.path();
        if dir.file_name().is_some_and(|n| n == "harness" || n == "soak") {
            continue;
        }
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml"))
            .with_context(|| format!("{}: no Cargo.toml", dir.display()))?;
        let lib = manifest
            .split("[lib]")
            .nth(1)
            .and_then(|s| s.lines().find_map(|l| l.trim().strip_prefix("name = ")))
            .map(|s| s.trim_matches('"').to_owned())
            .with_context(|| format!("{}: no [lib] name", dir.display()))?;
        let cdylib = target_dir(root).join("debug").join(cdylib_file(&lib));
        out.push(Fixture { name: lib, dir, cdylib });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Runs a command inheriting stdio; fails on a non-zero exit.
pub fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd.status().with_context(|| format!("cannot start {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}

/// Result of one test program.
#[derive(Default)]
pub struct Outcome {
    pub passed: usize,
    pub failed: usize,
}

impl Outcome {
    pub fn add(&mut self, ok: bool) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
    }

    pub fn merge(self, other: Outcome) -> Outcome {
        Outcome { passed: self.passed + other.passed, failed: self.failed + other.failed }
    }
}

/// Runs a checker (compiler, linter) as one named test: prints `ok - name` or
/// `not ok - name` with its output, and returns whether it passed.
pub fn run_check(name: &str, cmd: &mut Command) -> bool {
    match cmd.output() {
        Ok(out) if out.status.success() => {
            println!("ok - {name}");
            true
        }
        Ok(out) => {
            println!("not ok - {name}");
            print!("{}", String::from_utf8_lossy(&out.stdout));
            eprint!("{}", String::from_utf8_lossy(&out.stderr));
            false
        }
        Err(e) => {
            println!("not ok - {name}: cannot start {cmd:?}: {e}");
            false
        }
    }
}

/// Runs a test program, echoing its output, and counts its `ok - name` / `not ok - name`
/// lines (TAP style, at column 0). A non-zero exit with no failure line counts as one failure.
pub fn run_tests(cmd: &mut Command) -> Result<Outcome> {
    let output = cmd.env("RUST_BACKTRACE", "0").output().with_context(|| format!("cannot start {cmd:?}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    print!("{stdout}");
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    let mut o = Outcome { passed: 0, failed: 0 };
    for line in stdout.lines() {
        if line.starts_with("not ok") {
            o.failed += 1;
        } else if line.starts_with("ok") {
            o.passed += 1;
        }
    }
    if !output.status.success() && o.failed == 0 {
        o.failed = 1;
        println!("not ok - test program exited with {}", output.status);
    }
    Ok(o)
}

/// Runs `cmd` with stdout and stderr appended to `log`; fails on a non-zero exit.
pub fn logged(log: &Path, cmd: &mut Command) -> Result<()> {
    append(log, &format!("$ {cmd:?}\n"))?;
    let f = std::fs::OpenOptions::new().create(true).append(true).open(log)?;
    let status = cmd
        .stdout(f.try_clone()?)
        .stderr(f)
        .env("RUST_BACKTRACE", "0")
        .status()
        .with_context(|| format!("cannot start {cmd:?}"))?;
    append(log, &format!("-> {status}\n"))?;
    if !status.success() {
        bail!("exited with {status}");
    }
    Ok(())
}

pub fn append(log: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    if let Some(dir) = log.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::OpenOptions::new().create(true).append(true).open(log)?.write_all(text.as_bytes())?;
    Ok(())
}

/// Files with extension `ext` under `dir` (recursively), sorted.
pub fn files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).with_context(|| format!("cannot read {}", d.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
