//! Reads a fixture; generates its swift bindings, builds them with the fixture's swift test
//! program and runs it.

use anyhow::{bail, Result};

use crate::util::{Ctx, Fixture, Outcome};

pub fn run(_ctx: &Ctx, fixture: &Fixture) -> Result<Outcome> {
    bail!("swift runner not implemented yet (fixture {})", fixture.name)
}
