//! Swift columns: `benches/swift/main.swift` compiled twice with `swiftc -O` (Swift 5 language
//! mode, so upstream's bindings compile too) — against our bindings with `ours/Variant.swift`
//! and against upstream's with `upstream/Variant.swift` — through `scripts/swift-run.sh` as
//! `xtask/src/lang/swift.rs` does, then run for ours, upstream and the floor. No native Swift
//! async peer exists: that column is n/a.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;

use super::{run_program_limited, Bench, Col, LangTable};

pub fn run(b: &Bench) -> Result<LangTable> {
    let src = b.ctx.root.join("benches/swift");
    let ours_dir = b.work.join("swift-ours");
    let up_dir = b.work.join("swift-upstream");
    b.generate_ours("swift", &ours_dir, None)?;
    let ours_exe = build(b, &src, "ours", &ours_dir);
    let ours = ours_exe
        .clone()
        .and_then(|exe| program(b, &exe, "ours", &ours_dir));
    let floor = ours_exe.and_then(|exe| program(b, &exe, "floor", &ours_dir));
    let upstream = b
        .generate_upstream("swift", &up_dir)
        .map_err(|e| format!("{e:#}"))
        .and_then(|()| build(b, &src, "upstream", &up_dir))
        .and_then(|exe| program(b, &exe, "upstream", &up_dir));
    let peer = Col::NotApplicable("no native Swift async peer in this harness".to_owned());
    Ok(LangTable {
        lang: "swift",
        columns: vec![
            ("ours", ours.into()),
            ("upstream", upstream.into()),
            ("floor", floor.into()),
            ("peer", peer),
        ],
    })
}

fn build(b: &Bench, src: &Path, variant: &str, dir: &Path) -> std::result::Result<PathBuf, String> {
    let files = |d: &Path, ext: &str| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.retain(|p| p.extension().is_some_and(|e| e == ext));
        v.sort();
        v
    };
    let exe = dir.join("bench");
    let mut cmd = swift_run(b, dir)?;
    cmd.args([
        "swiftc",
        "-O",
        "-swift-version",
        "5",
        "-suppress-warnings",
        "-module-name",
        "bench",
        "-I",
    ])
    .arg(dir);
    for map in files(dir, "modulemap") {
        cmd.arg("-Xcc")
            .arg(format!("-fmodule-map-file={}", map.display()));
    }
    cmd.arg("-L")
        .arg(dir)
        .arg("-lbenchfix")
        .args(["-Xlinker", "-rpath", "-Xlinker"])
        .arg(dir);
    cmd.args(files(dir, "swift"))
        .arg(src.join("main.swift"))
        .arg(src.join(variant).join("Variant.swift"));
    cmd.arg("-o").arg(&exe);
    let out = cmd
        .output()
        .map_err(|e| format!("cannot start swift-run.sh: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "swiftc failed: {}",
            err.lines().take(8).collect::<Vec<_>>().join(" / ")
        ));
    }
    Ok(exe)
}

fn program(
    b: &Bench,
    exe: &Path,
    imp: &str,
    dir: &Path,
) -> std::result::Result<super::Column, String> {
    let mut cmd = swift_run(b, dir)?;
    cmd.arg(exe).args([imp, b.quick_arg()]);
    run_program_limited(&mut cmd, super::time_limit(b.quick))
}

/// `scripts/swift-run.sh` with the repository, the target dir and `dir` visible inside.
fn swift_run(b: &Bench, dir: &Path) -> std::result::Result<Command, String> {
    let mut cmd = Command::new(b.ctx.root.join("scripts/swift-run.sh"));
    cmd.env(
        "SWIFT_MODE",
        b.ctx.tool("SWIFT_MODE").map_err(|e| e.to_string())?,
    )
    .current_dir(dir);
    if let Ok(chroot) = b.ctx.tool("SWIFT_CHROOT") {
        cmd.env("SWIFT_CHROOT", chroot);
    }
    let binds = [b.ctx.root.as_path(), b.ctx.target.as_path(), dir]
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(":");
    cmd.env("UBA_SWIFT_BINDS", binds);
    Ok(cmd)
}
