//! Reads a fixture; generates its Python module, checks it with `mypy --strict` and
//! `ruff check`, and runs `fixtures/<name>/tests/python/test_<name>.py` on CPython's asyncio.
//!
//! A namespace can shadow a standard-library module (the `types` fixture): such a module
//! cannot be imported by name (with the output directory on `PYTHONPATH`, the interpreter's
//! own `import types` would even load it during start-up), mypy refuses to check it under
//! that name, and its test loads it from `UNIFFI_PYTHON_OUT` by path. Then `PYTHONPATH` is
//! left alone and mypy checks a copy named `uniffi_<name>.py`.

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
    checks.add(run_check(
        "mypy_strict",
        Command::new(ctx.tool("MYPY")?).arg("--strict").arg(&mypy_file).current_dir(&mypy_dir),
    ));
    checks.add(run_check("ruff_check", Command::new(ctx.tool("RUFF")?).args(["check", "--no-cache"]).arg(&module)));
    let script = fixture.tests_dir("python").join(format!("test_{}.py", fixture.name));
    let mut cmd = Command::new("python3");
    cmd.arg(&script).env("UNIFFI_PYTHON_OUT", &out);
    if !shadows {
        cmd.env("PYTHONPATH", &out);
    }
    let tests = run_tests(&mut cmd)?;
    Ok(checks.merge(tests))
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
