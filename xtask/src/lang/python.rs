//! Reads a fixture; generates its Python module, checks it with `mypy --strict` and
//! `ruff check`, and runs `fixtures/<name>/tests/python/test_<name>.py` on CPython's asyncio.

use std::process::Command;

use anyhow::Result;

use crate::util::{run_check, run_tests, Ctx, Fixture, Outcome};

pub fn run(ctx: &Ctx, fixture: &Fixture) -> Result<Outcome> {
    let out = fixture.work_dir(ctx, "python");
    ctx.generate(fixture, "python", &out)?;
    let module = out.join(format!("{}.py", fixture.name));
    let mut checks = Outcome::default();
    checks.add(run_check("mypy_strict", Command::new(ctx.tool("MYPY")?).arg("--strict").arg(&module).current_dir(&out)));
    checks.add(run_check("ruff_check", Command::new(ctx.tool("RUFF")?).args(["check", "--no-cache"]).arg(&module)));
    let script = fixture.tests_dir("python").join(format!("test_{}.py", fixture.name));
    let tests = run_tests(Command::new("python3").arg(&script).env("PYTHONPATH", &out))?;
    Ok(checks.merge(tests))
}
