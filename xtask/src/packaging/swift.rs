//! Reads the todo example's cdylib; produces its SwiftPM package with `[bindings.swift] package =
//! true` in a fresh directory (the generated `Package.swift` and `Sources/`, the cdylib beside
//! them, an XCTest under `Tests/todoTests/` that awaits an async call) and runs `swift build` and
//! `swift test` on it in our Swift toolchain (`scripts/swift-run.sh`), warnings as errors. Then
//! the same for the `external` fixture (two components, one using the other's types: one pair
//! of targets per component), `swift build` only.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use super::{generate_todo, quiet, todo_cdylib, write};
use crate::util::Ctx;

const TEST: &str = r#"import XCTest
import todo

final class TodoTests: XCTestCase {
    func testAsyncGreeting() async throws {
        async let ada = fetchGreeting(name: "Ada", delayMs: 20)
        async let grace = fetchGreeting(name: "Grace", delayMs: 10)
        let both = await [ada, grace]
        XCTAssertEqual(both, ["Hello, Ada, from async Rust!", "Hello, Grace, from async Rust!"])
    }

    func testSyncCall() {
        XCTAssertEqual(countWords(text: "one two three"), 3)
    }
}
"#;

pub fn package(ctx: &Ctx) -> Result<()> {
    let base = ctx.target.join("packaging/swift");
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base)?;
    let lib = todo_cdylib(ctx)?;
    let config = base.join("uniffi.toml");
    write(&config, "[bindings.swift]\npackage = true\n")?;
    let pkg = base.join("todo-swift");
    generate_todo(ctx, &lib, "swift", &pkg, Some(&config))?;
    std::fs::copy(&lib, pkg.join("libtodo.so"))?;
    std::fs::create_dir_all(pkg.join("Tests/todoTests"))?;
    write(&pkg.join("Tests/todoTests/TodoTests.swift"), TEST)?;
    quiet(swift(ctx, &pkg)?.args(["swift", "build", "--disable-sandbox", "-Xswiftc", "-warnings-as-errors"]))
        .context("swift build")?;
    quiet(swift(ctx, &pkg)?.args(["swift", "test", "--disable-sandbox", "-Xswiftc", "-warnings-as-errors"]))
        .context("swift test")?;
    external(ctx, &base)
}

/// The `external` fixture's library as a package (its crates' own `uniffi.toml` kept, through
/// upstream's global config format), built.
fn external(ctx: &Ctx, base: &Path) -> Result<()> {
    quiet(Command::new("cargo").args(["build", "--quiet", "-p", "uniffi-fixture-external"]).current_dir(&ctx.root).env("CARGO_TARGET_DIR", &ctx.target))
        .context("building the external fixture")?;
    let lib = ctx.target.join("debug/libexternal.so");
    let config = base.join("external.toml");
    write(&config, "[crates.external.bindings.swift]\npackage = true\n")?;
    let pkg = base.join("external-swift");
    quiet(
        Command::new(&ctx.generator)
            .arg("generate")
            .arg(&lib)
            .args(["--language", "swift", "--out-dir"])
            .arg(&pkg)
            .arg("--config")
            .arg(&config)
            .current_dir(ctx.root.join("fixtures/external")),
    )
    .context("generating the external fixture's package")?;
    for target in ["Sources/external", "Sources/externalFFI", "Sources/geometry", "Sources/geometryFFI"] {
        if !pkg.join(target).is_dir() {
            bail!("the external fixture's package has no {target}");
        }
    }
    std::fs::copy(&lib, pkg.join("libexternal.so"))?;
    quiet(swift(ctx, &pkg)?.args(["swift", "build", "--disable-sandbox", "-Xswiftc", "-warnings-as-errors"]))
        .context("swift build of the external fixture's package")
}

/// A command running its arguments in the Swift environment, in `dir`, with only `dir` (and
/// the repository, for the wrapper) visible at the same path.
pub(super) fn swift(ctx: &Ctx, dir: &Path) -> Result<Command> {
    let mut cmd = Command::new(ctx.root.join("scripts/swift-run.sh"));
    cmd.env("SWIFT_MODE", ctx.tool("SWIFT_MODE")?).current_dir(dir);
    if let Ok(chroot) = ctx.tool("SWIFT_CHROOT") {
        cmd.env("SWIFT_CHROOT", chroot);
    }
    cmd.env("UBA_SWIFT_BINDS", dir);
    Ok(cmd)
}
