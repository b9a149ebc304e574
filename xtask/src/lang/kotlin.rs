//! Reads a fixture; generates its kotlin bindings, builds them with the fixture's kotlin test
//! program and runs it.

use anyhow::{bail, Result};

use crate::util::{Ctx, Fixture, Outcome};

pub fn run(_ctx: &Ctx, fixture: &Fixture) -> Result<Outcome> {
    bail!("kotlin runner not implemented yet (fixture {})", fixture.name)
}
