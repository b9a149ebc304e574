//! Reads docs/getting-started/<lang>.md; runs every ```` ```sh ```` block of each guide, in order,
//! as one bash script (`set -euo pipefail`) in a fresh directory under `target/guides/<lang>/`,
//! so each guide's commands, from `cargo new` to running the app, are tested as written.
//!
//! The environment is a user's, with this checkout's toolchains: `UBA` is this checkout (the
//! guides install the generator from it with `cargo install --path "$UBA"`), `cargo install`
//! goes to a scratch root put first on `PATH`, cargo builds share our target dir (offline: the
//! crates come from the registry cache our own build filled), kotlinc is on `PATH` with
//! `JNA_JAR` / `COROUTINES_JAR` set, and `swift` is a shim running our Swift toolchain
//! (`scripts/swift-run.sh`) with the guide's directory visible.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use super::write;
use crate::util::Ctx;

pub fn python(ctx: &Ctx) -> Result<()> {
    run_guide(ctx, "python")
}

pub fn kotlin(ctx: &Ctx) -> Result<()> {
    run_guide(ctx, "kotlin")
}

pub fn swift(ctx: &Ctx) -> Result<()> {
    run_guide(ctx, "swift")
}

pub fn js(ctx: &Ctx) -> Result<()> {
    run_guide(ctx, "js")
}

/// The README's Quickstart `sh` block(s), run from the repository root as the README says.
pub fn readme(ctx: &Ctx) -> Result<()> {
    let text = std::fs::read_to_string(ctx.root.join("README.md")).context("cannot read README.md")?;
    let start = text.find("\n## Quickstart").context("README.md: no Quickstart section")?;
    let section = &text[start + 1..];
    let section = &section[..section[1..].find("\n## ").map_or(section.len(), |i| i + 1)];
    let body = script(section);
    if body.trim().is_empty() {
        bail!("README.md: no ```sh block in the Quickstart section");
    }
    let (status, log) = run_from_root(ctx, &body)?;
    if !status.success() || !log.contains("finished together") {
        bail!("README.md's Quickstart failed ({status}):\n{log}");
    }
    Ok(())
}

/// examples/streams/README.md: its `sh` blocks, from the repository root; the demo prints the
/// quotes a Rust thread produced, then `stream ended`.
pub fn streams_example(ctx: &Ctx) -> Result<()> {
    let text = std::fs::read_to_string(ctx.root.join("examples/streams/README.md")).context("cannot read examples/streams/README.md")?;
    let body = script(&text);
    let (status, log) = run_from_root(ctx, &body)?;
    let quotes = log.lines().filter(|l| l.starts_with("ACME ")).count();
    if !status.success() || quotes != 5 || !log.contains("stream ended") {
        bail!("examples/streams/README.md failed ({status}; {quotes} quotes):\n{log}");
    }
    Ok(())
}

/// Runs `body` with `bash -euo pipefail` from the repository root (no inherited PYTHONPATH);
/// returns its exit status and its stdout and stderr.
fn run_from_root(ctx: &Ctx, body: &str) -> Result<(std::process::ExitStatus, String)> {
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", body])
        .current_dir(&ctx.root)
        .env_remove("PYTHONPATH")
        .output()
        .context("cannot start bash")?;
    Ok((out.status, format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))))
}

/// The `sh` blocks of a guide, in order, joined into one script.
pub fn script(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_sh = false;
    for line in markdown.lines() {
        if in_sh {
            if line.trim_end() == "```" {
                in_sh = false;
                out.push('\n');
            } else {
                out.push_str(line);
                out.push('\n');
            }
        } else if line.trim_end() == "```sh" {
            in_sh = true;
        }
    }
    out
}

fn run_guide(ctx: &Ctx, lang: &str) -> Result<()> {
    let guide = ctx.root.join("docs/getting-started").join(format!("{lang}.md"));
    let text = std::fs::read_to_string(&guide).with_context(|| format!("cannot read {}", guide.display()))?;
    let body = script(&text);
    if body.trim().is_empty() {
        bail!("{}: no ```sh blocks", guide.display());
    }
    let base = ctx.target.join("guides").join(lang);
    let _ = std::fs::remove_dir_all(&base);
    let work = base.join("work");
    let bin = base.join("bin");
    std::fs::create_dir_all(&work)?;
    std::fs::create_dir_all(&bin)?;
    // The repository's workspace must not adopt the guide's crate (`cargo new` inside a
    // workspace adds it as a member): a scratch workspace root above the guide's directory
    // stands in for a user's empty directory (cargo new adds the crate to it instead).
    write(&base.join("Cargo.toml"), "# Scratch root: keeps the guide's crate out of the repository's workspace.\n[workspace]\nresolver = \"2\"\n")?;
    let script_file = base.join("guide.sh");
    write(&script_file, &format!("set -euo pipefail\nset -x\n{body}"))?;

    // `swift` in the guide: our toolchain, with the guide's directory bound at the same path.
    let swift_shim = bin.join("swift");
    write(
        &swift_shim,
        &format!(
            "#!/bin/sh\nexport SWIFT_MODE='{}' SWIFT_CHROOT='{}' UBA_SWIFT_BINDS='{}'\nexec '{}' swift \"$@\"\n",
            ctx.tool("SWIFT_MODE").unwrap_or("chroot"),
            ctx.tool("SWIFT_CHROOT").unwrap_or(""),
            work.display(),
            ctx.root.join("scripts/swift-run.sh").display()
        ),
    )?;
    make_executable(&swift_shim)?;
    let kotlinc_dir = Path::new(ctx.tool("KOTLINC")?).parent().context("kotlinc dir")?.to_path_buf();
    let install = base.join("install");
    let path = format!(
        "{}:{}:{}:{}",
        install.join("bin").display(),
        bin.display(),
        kotlinc_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg(&script_file)
        .current_dir(&work)
        .env("UBA", &ctx.root)
        .env("PATH", path)
        .env("CARGO_INSTALL_ROOT", &install)
        .env("CARGO_TARGET_DIR", &ctx.target)
        .env("CARGO_NET_OFFLINE", "true")
        .env("JNA_JAR", ctx.tool("JNA_JAR")?)
        .env("COROUTINES_JAR", ctx.tool("KOTLIN_COROUTINES_JAR")?)
        .env_remove("PYTHONPATH")
        .env_remove("NODE_PATH")
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .context("cannot start bash")?;
    let log = base.join("guide.log");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    write(&log, &text)?;
    if !out.status.success() {
        let tail: Vec<&str> = text.lines().rev().take(40).collect();
        bail!(
            "docs/getting-started/{lang}.md failed ({}; full log: {}):\n{}",
            out.status,
            log.display(),
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
    Ok(())
}

fn make_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).with_context(|| format!("chmod {}", path.display()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_sh_blocks_are_run_in_order() {
        let md = "# T\n```sh\necho one\n```\ntext\n```text\nnot run\n```\n```sh\necho two\n```\n";
        assert_eq!(super::script(md), "echo one\n\necho two\n\n");
    }
}
