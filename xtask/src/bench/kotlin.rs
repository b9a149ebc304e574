//! Kotlin columns: `benches/kotlin/Bench.kt` compiled twice (kotlinc, JVM 17) — against our
//! bindings with `ours/Variant.kt` and against upstream's with `upstream/Variant.kt` (same
//! package, so separate jars and JVMs) — then run for ours, upstream and the floor (from the
//! first jar). No native Kotlin peer exists: that column is n/a.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;

use super::{run_program_limited, Bench, Col, LangTable};

pub fn run(b: &Bench) -> Result<LangTable> {
    let src = b.ctx.root.join("benches/kotlin");
    let jna = b.ctx.tool("JNA_JAR")?.to_owned();
    let coroutines = b.ctx.tool("KOTLIN_COROUTINES_JAR")?.to_owned();
    let stdlib = b.ctx.tool("KOTLIN_STDLIB_JAR")?.to_owned();
    let kotlinc = b.ctx.tool("KOTLINC")?.to_owned();
    let build = |variant: &str, dir: &Path| -> std::result::Result<PathBuf, String> {
        let mut sources = crate::lang::kotlin::kt_files(dir).map_err(|e| format!("{e:#}"))?;
        sources.push(src.join("Bench.kt"));
        sources.push(src.join(variant).join("Variant.kt"));
        let jar = dir.join("bench.jar");
        let out = Command::new(&kotlinc)
            .args(["-nowarn", "-jvm-target", "17", "-cp"])
            .arg(format!("{jna}:{coroutines}"))
            .arg("-d")
            .arg(&jar)
            .args(&sources)
            .output()
            .map_err(|e| format!("cannot start kotlinc: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "kotlinc failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(jar)
    };
    let program = |imp: &str, jar: &Path, dir: &Path| {
        let mut cmd = Command::new("java");
        // A fixed, pre-touched heap, so RSS growth shows native memory rather than heap resizing.
        cmd.args(["-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch", "-cp"])
            .arg(format!("{}:{jna}:{coroutines}:{stdlib}", jar.display()))
            .arg(format!("-Djna.library.path={}", dir.display()))
            .args(["BenchKt", imp, b.quick_arg()]);
        run_program_limited(&mut cmd, super::time_limit(b.quick))
    };
    let ours_dir = b.work.join("kotlin-ours");
    let up_dir = b.work.join("kotlin-upstream");
    b.generate_ours("kotlin", &ours_dir, None)?;
    let ours_jar = build("ours", &ours_dir);
    let ours = ours_jar
        .clone()
        .and_then(|jar| program("ours", &jar, &ours_dir));
    let floor = ours_jar.and_then(|jar| program("floor", &jar, &ours_dir));
    let upstream = b
        .generate_upstream("kotlin", &up_dir)
        .map_err(|e| format!("{e:#}"))
        .and_then(|()| build("upstream", &up_dir))
        .and_then(|jar| program("upstream", &jar, &up_dir));
    let peer = Col::NotApplicable("no native Kotlin/JVM async peer in this harness".to_owned());
    Ok(LangTable {
        lang: "kotlin",
        columns: vec![
            ("ours", ours.into()),
            ("upstream", upstream.into()),
            ("floor", floor.into()),
            ("peer", peer),
        ],
    })
}
