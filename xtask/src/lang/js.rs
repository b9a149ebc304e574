//! Reads a fixture; generates its Node.js modules (`<name>.js` + `<name>.d.ts`, plus those of
//! other components of the same library), checks that no `.d.ts` uses `any` (`dts_exact`),
//! type-checks the declarations with the fixture's `usage.ts` under `tsc --strict`
//! (`tsc_strict`), and runs `fixtures/<name>/tests/js/test_<name>.mjs` with node's built-in test
//! runner (TAP output).

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::util::{run_check, run_tests, Ctx, Fixture, Outcome};

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
    link_node_modules(ctx, &out)?;

    // Test sources sit beside the bindings so they import `./<name>.js`.
    let script = format!("test_{}.mjs", fixture.name);
    for file in [script.as_str(), "usage.ts"] {
        let src = tests.join(file);
        if src.exists() {
            std::fs::copy(&src, out.join(file)).with_context(|| format!("copying {}", src.display()))?;
        }
    }

    let mut checks = Outcome::default();
    checks.add(dts_without_any(&out)?);
    if out.join("usage.ts").exists() {
        checks.add(run_check(
            "tsc_strict",
            Command::new(ctx.tool("TSC")?)
                .args(["--strict", "--noEmit", "--target", "es2022", "--module", "nodenext"])
                .args(["--moduleResolution", "nodenext", "--types", "node"])
                .args(declarations(&out)?)
                .arg("usage.ts")
                .current_dir(&out),
        ));
    }

    let tests = run_tests(Command::new("node").args(["--test", "--test-reporter=tap"]).arg(&script).current_dir(&out))?;
    Ok(checks.merge(tests))
}

/// Every generated declaration file in `out` (the fixture's module and the other components of
/// its library), sorted.
fn declarations(out: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(out).with_context(|| format!("listing {}", out.display()))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".d.ts") {
            files.push(name);
        }
    }
    files.sort();
    Ok(files)
}

/// The named check `dts_exact`: no generated `.d.ts` uses `any` outside comments.
fn dts_without_any(out: &Path) -> Result<bool> {
    let mut offenders = Vec::new();
    for name in declarations(out)? {
        let code = strip_comments(&std::fs::read_to_string(out.join(&name))?);
        for (i, line) in code.lines().enumerate() {
            let mut words = line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'));
            if words.any(|w| w == "any") {
                offenders.push(format!("{name}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    let ok = offenders.is_empty();
    println!("{} - dts_exact", if ok { "ok" } else { "not ok" });
    for o in offenders {
        println!("# `any` in {o}");
    }
    Ok(ok)
}

/// TypeScript source with `//` and `/* */` comments blanked (newlines kept, so line numbers
/// stay); string literals are copied as they are.
fn strip_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
            }
            '\'' | '"' | '`' => {
                out.push(c);
                while let Some(s) = chars.next() {
                    out.push(s);
                    if s == '\\' {
                        if let Some(escaped) = chars.next() {
                            out.push(escaped);
                        }
                    } else if s == c {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
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

/// Makes the toolchain's `node_modules` (koffi, typescript) resolvable from `dir`, where the
/// bindings and the programs that import them sit (ES modules ignore `NODE_PATH`).
pub fn link_node_modules(ctx: &Ctx, dir: &Path) -> Result<()> {
    symlink_dir(Path::new(ctx.tool("KOFFI_NODE_PATH")?), &dir.join("node_modules"))
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

#[cfg(test)]
mod tests {
    use super::strip_comments;

    #[test]
    fn comments_are_blanked_and_strings_kept() {
        let src = "/** any */\nexport type A = any; // any\nconst s: 'a//b' = 'a//b'; /* x\n any */ let y;\n";
        let out = strip_comments(src);
        assert_eq!(out, "\nexport type A = any; \nconst s: 'a//b' = 'a//b'; \n let y;\n");
    }
}
