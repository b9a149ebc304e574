//! Reads a fixture; generates its Python modules (one per component of the cdylib: the
//! `external` fixture also yields `geometry.py`, which `external.py` imports), checks every one
//! with `mypy --strict` and `ruff check` (and with the fixture's `tests/python/usage.py`, when it
//! has one: typed uses of the module `mypy --strict` must accept), and runs
//! `fixtures/<name>/tests/python/test_<name>.py` on CPython's asyncio, with the shared test harness (`fixtures/harness/python/harness.py`:
//! the `@test` registry, `main()` printing `ok - name` / `not ok - name`, helpers) importable.
//!
//! A namespace can shadow a standard-library module (the `types` fixture): such a module
//! cannot be imported by name (with the output directory on `PYTHONPATH`, the interpreter's
//! own `import types` would even load it during start-up), mypy refuses to check it under
//! that name, and its test loads it from `UNIFFI_PYTHON_OUT` by path. Then `PYTHONPATH` holds
//! only the harness and mypy checks a copy named `uniffi_<name>.py`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::util::{run_check, run_tests, Ctx, Fixture, Outcome};

pub fn run(ctx: &Ctx, fixture: &Fixture) -> Result<Outcome> {
    let out = fixture.work_dir(ctx, "python");
    ctx.generate(fixture, "python", &out)?;
    let module = out.join(format!("{}.py", fixture.name));
    let mut checks = Outcome::default();
    let shadows = shadows_stdlib(&fixture.name)?;
    let (mypy_dir, mypy_file) = mypy_target(&out, &module, &fixture.name, shadows)?;
    let others = other_modules(&out, &module)?;
    checks.add(run_check(
        "mypy_strict",
        Command::new(ctx.tool("MYPY")?).arg("--strict").arg(&mypy_file).args(&others).current_dir(&mypy_dir),
    ));
    let usage = fixture.tests_dir("python").join("usage.py");
    if usage.exists() {
        std::fs::copy(&usage, mypy_dir.join("usage.py")).with_context(|| format!("copying {}", usage.display()))?;
        checks.add(run_check(
            "mypy_strict_usage",
            Command::new(ctx.tool("MYPY")?).arg("--strict").arg("usage.py").arg(&mypy_file).current_dir(&mypy_dir),
        ));
    }
    checks.add(run_check(
        "ruff_check",
        Command::new(ctx.tool("RUFF")?).args(["check", "--no-cache"]).arg(&module).args(&others),
    ));
    if !others.is_empty() {
        checks = checks.merge(package_layout(ctx, fixture, &out)?);
    }
    let script = fixture.tests_dir("python").join(format!("test_{}.py", fixture.name));
    let mut path = vec![ctx.root.join("fixtures").join("harness").join("python")];
    if !shadows {
        path.push(out.clone());
    }
    let mut cmd = Command::new("python3");
    cmd.arg(&script)
        .env("UNIFFI_PYTHON_OUT", &out)
        .env("PYTHONPATH", std::env::join_paths(path)?)
        // Byte code of the harness (and every import) goes to the target dir, not the sources.
        .env("PYTHONPYCACHEPREFIX", out.join("pycache"));
    let tests = run_tests(&mut cmd)?;
    Ok(checks.merge(tests))
}

/// The modules as one package, imported relative to each other: generates again with
/// `external_packages = { <each other namespace> = "." }` into `python-pkg/uniffi_pkg/`,
/// checks the package with `mypy --strict` and imports it from outside.
fn package_layout(ctx: &Ctx, fixture: &Fixture, out: &Path) -> Result<Outcome> {
    let root = out.with_file_name("python-pkg");
    let pkg = root.join("uniffi_pkg");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&pkg)?;
    let mut config = std::fs::read_to_string(fixture.dir.join("uniffi.toml")).unwrap_or_default();
    config.push_str("\n[bindings.python.external_packages]\n");
    for m in other_modules(out, &out.join(format!("{}.py", fixture.name)))? {
        let ns = m.file_stem().unwrap_or_default().to_string_lossy();
        config.push_str(&format!("{ns} = \".\"\n"));
    }
    let config_file = root.join("uniffi.toml");
    std::fs::write(&config_file, config)?;
    crate::util::run(
        Command::new(&ctx.generator)
            .args(["generate", "--language", "python", "--config"])
            .arg(&config_file)
            .arg("--out-dir")
            .arg(&pkg)
            .arg(&fixture.cdylib)
            .current_dir(&fixture.dir),
    )?;
    std::fs::copy(&fixture.cdylib, pkg.join(fixture.cdylib.file_name().unwrap_or_default()))?;
    std::fs::write(pkg.join("__init__.py"), "")?;
    let mut checks = Outcome::default();
    checks.add(run_check(
        "package_mypy_strict",
        Command::new(ctx.tool("MYPY")?).args(["--strict", "-p", "uniffi_pkg"]).current_dir(&root),
    ));
    let import = format!("from uniffi_pkg import {0}; print({0}.__all__)", fixture.name);
    checks.add(run_check(
        "package_relative_import",
        Command::new("python3").args(["-c", &import]).current_dir(&root).env_remove("PYTHONPATH"),
    ));
    Ok(checks)
}

/// The other generated modules (components the fixture's cdylib also exports), sorted.
fn other_modules(out: &Path, module: &Path) -> Result<Vec<PathBuf>> {
    let mut others = Vec::new();
    for entry in std::fs::read_dir(out).with_context(|| format!("listing {}", out.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "py") && path != module {
            others.push(path);
        }
    }
    others.sort();
    Ok(others)
}

/// Where mypy checks the module: in place, or as a renamed copy in a sibling directory
/// when the module's name shadows a standard-library module.
fn mypy_target(out: &Path, module: &Path, name: &str, shadows: bool) -> Result<(PathBuf, PathBuf)> {
    if !shadows {
        return Ok((out.to_path_buf(), module.to_path_buf()));
    }
    let dir = out.with_file_name("python-mypy");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let copy = dir.join(format!("uniffi_{name}.py"));
    std::fs::copy(module, &copy).with_context(|| format!("copying {}", module.display()))?;
    Ok((dir, copy))
}

/// Whether a module named `name` would shadow a standard-library module.
fn shadows_stdlib(name: &str) -> Result<bool> {
    let probe = Command::new("python3")
        .args(["-c", "import sys; print(sys.argv[1] in sys.stdlib_module_names)", name])
        .output()
        .context("running python3")?;
    Ok(String::from_utf8_lossy(&probe.stdout).trim() == "True")
}
