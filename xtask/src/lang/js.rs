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

    // The bindings are an ES module importing `koffi`: generate them once more with
    // `package_json = true` so the generated package.json (`"type": "module"`) is the one node
    // and tsc use, and make the toolchain's node_modules resolvable from the output directory.
    if !out.join("package.json").exists() {
        generate_with_package_json(ctx, fixture, &out)?;
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

/// Re-runs the generator with the fixture's config plus `[bindings.js] package_json = true`.
fn generate_with_package_json(ctx: &Ctx, fixture: &Fixture, out: &Path) -> Result<()> {
    let original = std::fs::read_to_string(fixture.dir.join("uniffi.toml")).unwrap_or_default();
    let config = match original.find("[bindings.js]\n") {
        Some(at) => {
            let end = at + "[bindings.js]\n".len();
            format!("{}package_json = true\n{}", &original[..end], &original[end..])
        }
        None => format!("{original}\n[bindings.js]\npackage_json = true\n"),
    };
    let config_path = out.join("uniffi-js-package.toml");
    std::fs::write(&config_path, config)?;
    let output = Command::new(&ctx.generator)
        .arg("generate")
        .arg(&fixture.cdylib)
        .args(["--language", "js", "--out-dir"])
        .arg(out)
        .arg("--config")
        .arg(&config_path)
        .current_dir(&fixture.dir)
        .output()
        .context("starting the generator")?;
    if !output.status.success() {
        anyhow::bail!("generating with package_json failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    if !out.join("package.json").exists() {
        anyhow::bail!("`package_json = true` did not produce {}", out.join("package.json").display());
    }
    Ok(())
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
