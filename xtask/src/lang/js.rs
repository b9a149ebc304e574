//! Reads a fixture; generates its Node.js module (`<name>.js` + `<name>.d.ts`), type-checks the
//! declarations with the fixture's `usage.ts` under `tsc --strict`, and runs
//! `fixtures/<name>/tests/js/test_<name>.mjs` with node's built-in test runner (TAP output).

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::util::{self, run_tests, Ctx, Fixture, Outcome};

pub fn run(ctx: &Ctx, fixture: &Fixture) -> Result<Outcome> {
    let out = fixture.work_dir(ctx, "js");
    ctx.generate(fixture, "js", &out)?;
    let tests = fixture.tests_dir("js");

    // The bindings are an ES module importing `koffi`: mark the directory as ESM (unless the
    // generator wrote a package.json) and make the toolchain's node_modules resolvable from it.
    if !out.join("package.json").exists() {
        std::fs::write(out.join("package.json"), "{ \"type\": \"module\" }\n")?;
    }
    let node_modules = ctx.tool("KOFFI_NODE_PATH")?;
    symlink_dir(Path::new(node_modules), &out.join("node_modules"))?;

    // Test sources sit beside the bindings so they import `./<name>.js`.
    let script = format!("test_{}.mjs", fixture.name);
    for file in [script.as_str(), "usage.ts"] {
        let src = tests.join(file);
        if src.exists() {
            std::fs::copy(&src, out.join(file)).with_context(|| format!("copying {}", src.display()))?;
        }
    }

    if out.join("usage.ts").exists() {
        util::run(Command::new(ctx.tool("TSC")?)
            .args(["--strict", "--noEmit", "--target", "es2022", "--module", "nodenext"])
            .args(["--moduleResolution", "nodenext", "--types", "node"])
            .arg(format!("{}.d.ts", fixture.name))
            .arg("usage.ts")
            .current_dir(&out))
        .context("tsc --strict rejected the generated declarations or usage.ts")?;
    }

    run_tests(Command::new("node").args(["--test", "--test-reporter=tap"]).arg(&script).current_dir(&out))
}

#[cfg(unix)]
fn symlink_dir(target: &Path, link: &Path) -> Result<()> {
    if std::fs::symlink_metadata(link).is_ok() {
        std::fs::remove_file(link).with_context(|| format!("removing old {}", link.display()))?;
    }
    std::os::unix::fs::symlink(target, link).with_context(|| format!("linking {}", link.display()))
}

#[cfg(not(unix))]
fn symlink_dir(_target: &Path, _link: &Path) -> Result<()> {
    anyhow::bail!("the js runner needs a Unix host (it symlinks node_modules)")
}
