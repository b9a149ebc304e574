//! Reads a fixture; generates its Python module, type-checks it, and runs
//! `fixtures/<name>/tests/python/test_<name>.py` on CPython's asyncio.

use std::process::Command;

use anyhow::Result;

use crate::util::{run_tests, Ctx, Fixture, Outcome};

pub fn run(ctx: &Ctx, fixture: &Fixture) -> Result<Outcome> {
    let out = fixture.work_dir(ctx, "python");
    ctx.generate(fixture, "python", &out)?;
    let script = fixture.tests_dir("python").join(format!("test_{}.py", fixture.name));
    run_tests(Command::new("python3").arg(&script).env("PYTHONPATH", &out))
}
