//! Reads a fixture; generates its js bindings, builds them with the fixture's js test
//! program and runs it.

use anyhow::{bail, Result};

use crate::util::{Ctx, Fixture, Outcome};

pub fn run(_ctx: &Ctx, fixture: &Fixture) -> Result<Outcome> {
    bail!("js runner not implemented yet (fixture {})", fixture.name)
}
