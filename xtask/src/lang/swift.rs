//! Reads a fixture; generates its Swift bindings, compiles them together with
//! `fixtures/<name>/tests/swift/*.swift` in one `swiftc` invocation (Swift 6 language mode,
//! warnings as errors, the C module through the generated modulemap, linking the host-built
//! cdylib) and runs the program, natively or inside the Swift chroot (`scripts/swift-run.sh`).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::util::{self, run_tests, Ctx, Fixture, Outcome};

pub fn run(ctx: &Ctx, fixture: &Fixture) -> Result<Outcome> {
    let out = fixture.work_dir(ctx, "swift");
    ctx.generate(fixture, "swift", &out)?;
    let bindings = files_with_ext(&out, "swift")?;
    let modulemaps = files_with_ext(&out, "modulemap")?;
    let tests = files_with_ext(&fixture.tests_dir("swift"), "swift")?;
    if bindings.is_empty() || modulemaps.is_empty() || tests.is_empty() {
        bail!("{}: missing generated Swift bindings, modulemap or test sources", fixture.name);
    }
    let lib = fixture
        .cdylib
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.strip_prefix("lib"))
        .with_context(|| format!("{}: unexpected cdylib name", fixture.cdylib.display()))?;
    let exe = out.join(format!("test_{}", fixture.name));

    let mut compile = swift_run(ctx, &out)?;
    compile
        .args(["swiftc", "-swift-version", "6", "-warnings-as-errors"])
        .args(["-module-name", &format!("{}_tests", fixture.name)])
        .arg("-I")
        .arg(&out);
    for map in &modulemaps {
        compile.arg("-Xcc").arg(format!("-fmodule-map-file={}", map.display()));
    }
    compile
        .arg("-L")
        .arg(&out)
        .arg(format!("-l{lib}"))
        .args(["-Xlinker", "-rpath", "-Xlinker"])
        .arg(&out)
        .args(&bindings)
        .args(&tests)
        .arg("-o")
        .arg(&exe);
    util::run(&mut compile)?;

    let mut program = swift_run(ctx, &out)?;
    program.arg(&exe);
    run_tests(&mut program)
}

/// A command that runs its arguments in the Swift environment, with the repository, the target
/// dir and `out` visible at the same paths.
fn swift_run(ctx: &Ctx, out: &Path) -> Result<Command> {
    // This checkout's own wrapper (toolchains.env names the checkout that last ran set-up).
    let mut cmd = Command::new(ctx.root.join("scripts/swift-run.sh"));
    cmd.env("SWIFT_MODE", ctx.tool("SWIFT_MODE")?).current_dir(out);
    if let Ok(chroot) = ctx.tool("SWIFT_CHROOT") {
        cmd.env("SWIFT_CHROOT", chroot);
    }
    let binds = [ctx.root.as_path(), ctx.target.as_path(), out]
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(":");
    cmd.env("UBA_SWIFT_BINDS", binds);
    Ok(cmd)
}

/// The files in `dir` with extension `ext`, sorted (so the build is deterministic).
fn files_with_ext(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("{}: cannot read", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
