//! Reads a language name and a fixture; dispatches to that language's runner, which
//! generates the bindings, compiles them and the fixture's test program, and runs it.

pub mod js;
pub mod kotlin;
mod python;
pub mod swift;

use anyhow::{bail, Result};

use crate::util::{Ctx, Fixture, Outcome};

pub const ALL: [&str; 4] = ["python", "kotlin", "swift", "js"];

pub fn run(lang: &str, ctx: &Ctx, fixture: &Fixture) -> Result<Outcome> {
    match lang {
        "python" => python::run(ctx, fixture),
        "kotlin" => kotlin::run(ctx, fixture),
        "swift" => swift::run(ctx, fixture),
        "js" => js::run(ctx, fixture),
        other => bail!("unknown language `{other}` (expected one of {ALL:?})"),
    }
}
