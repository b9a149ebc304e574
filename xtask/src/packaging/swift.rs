//! Reads the todo example's cdylib; produces its SwiftPM package (`[bindings.swift] package =
//! true`) and runs `swift build` and `swift test` on it from a fresh directory.

use anyhow::{bail, Result};

use crate::util::Ctx;

pub fn package(_ctx: &Ctx) -> Result<()> {
    bail!("not yet")
}
