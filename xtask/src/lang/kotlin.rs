//! Reads a fixture; generates its Kotlin bindings (plus one variant per
//! `fixtures/<name>/tests/kotlin/*.uniffi.toml`, generated with that config, which must pick its
//! own `package_name`), compiles them together with `fixtures/<name>/tests/kotlin/**/*.kt` and the
//! shared test harness (`fixtures/harness/kotlin/*.kt`: checks and the `runTests` entry) in one
//! `kotlinc -Werror` run into a jar, and runs the test program's `main` on the JVM with JNA and
//! kotlinx.coroutines.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::util::{run_check, run_tests, Ctx, Fixture, Outcome};

pub fn run(ctx: &Ctx, fixture: &Fixture) -> Result<Outcome> {
    let out = fixture.work_dir(ctx, "kotlin");
    ctx.generate(fixture, "kotlin", &out)?;
    let jna = ctx.tool("JNA_JAR")?;
    let coroutines = ctx.tool("KOTLIN_COROUTINES_JAR")?;
    let stdlib = ctx.tool("KOTLIN_STDLIB_JAR")?;
    for config in variant_configs(&fixture.tests_dir("kotlin"))? {
        let stem = config.file_name().unwrap().to_string_lossy().trim_end_matches(".uniffi.toml").to_owned();
        run_generator(ctx, fixture, &config, &out.join("variants").join(stem))?;
    }
    let mut sources = kt_files(&out)?;
    let tests = kt_files(&fixture.tests_dir("kotlin"))?;
    let main_class = tests
        .iter()
        .filter_map(|p| p.file_stem()?.to_str())
        .find(|s| s.starts_with("Test"))
        .map(|s| format!("{s}Kt"))
        .with_context(|| format!("no Test*.kt in {}", fixture.tests_dir("kotlin").display()))?;
    sources.extend(tests);
    sources.extend(kt_files(&ctx.root.join("fixtures").join("harness").join("kotlin"))?);

    // One kotlinc run for bindings and test program: kotlinc's start-up dominates.
    let jar = out.join("test.jar");
    let mut checks = Outcome::default();
    let compiled = run_check(
        "kotlinc_werror",
        &mut kotlinc(ctx, &sources, &jar)?,
    );
    checks.add(compiled);
    if !compiled {
        return Ok(checks);
    }
    let tests = run_tests(
        Command::new("java")
            .arg("-cp")
            .arg(classpath(&[jar.to_str().unwrap(), jna, coroutines, stdlib]))
            .arg(format!("-Djna.library.path={}", out.display()))
            .arg(format!("-Duniffi.test.out={}", out.display()))
            .arg(main_class),
    )?;
    Ok(checks.merge(tests))
}

/// `*.uniffi.toml` files directly in `dir`, sorted.
fn variant_configs(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".uniffi.toml"))
        .collect();
    out.sort();
    Ok(out)
}

/// Generates the Kotlin bindings of `fixture` with another `config` into `out`.
fn run_generator(ctx: &Ctx, fixture: &Fixture, config: &Path, out: &Path) -> Result<()> {
    let status = Command::new(&ctx.generator)
        .arg("generate")
        .arg(&fixture.cdylib)
        .args(["--language", "kotlin", "--config"])
        .arg(config)
        .arg("--out-dir")
        .arg(out)
        .current_dir(&fixture.dir)
        .status()
        .with_context(|| format!("cannot run {}", ctx.generator.display()))?;
    anyhow::ensure!(status.success(), "generating with {} failed", config.display());
    Ok(())
}

/// `kotlinc -Werror -Wextra` (JVM 17, JNA and kotlinx.coroutines on the classpath) compiling
/// `sources` into `jar`: how the fixture tests and the soak program are built.
pub fn kotlinc(ctx: &Ctx, sources: &[PathBuf], jar: &Path) -> Result<Command> {
    let mut cmd = Command::new(ctx.tool("KOTLINC")?);
    cmd.args(["-Werror", "-Wextra", "-jvm-target", "17", "-cp"])
        .arg(classpath(&[ctx.tool("JNA_JAR")?, ctx.tool("KOTLIN_COROUTINES_JAR")?]))
        .arg("-d")
        .arg(jar)
        .args(sources);
    Ok(cmd)
}

/// Every `.kt` file under `dir` (recursively), sorted.
pub fn kt_files(dir: &Path) -> Result<Vec<PathBuf>> {
    crate::util::files(dir, "kt")
}

fn classpath(parts: &[&str]) -> String {
    parts.join(":")
}
