//! Reads the built adversarial crate, the smoke programs and the toolchains; produces the
//! named outcomes of one language. Each group is generated alone (every other group's items in
//! `[bindings.<lang>] exclude`), so a failure names its group: `<check>/<group>` for the
//! generator and the strict checkers, `<group>/<test>` for the smoke program's tests. `sets`
//! comes from the cdylib built with the `sets` feature, the other groups from the one without.
//! Python, Node and Swift check and run each group on its own; Kotlin compiles every group's
//! bindings (each in its own package) and smoke sources in one kotlinc run, and again without
//! the groups that failed, to run the smoke program.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use super::smoke_static::{self, Lang};
use super::{items, model, put, smoke_dyn, Layout, Outcomes};
use crate::util::Ctx;

/// What one group gave.
struct Sel {
    /// Static checks in order (`generate` first); `None`: not run.
    checks: Vec<(&'static str, Option<bool>)>,
    /// Smoke tests that reported, `<group>/<test>` -> passed.
    smoke: Vec<(String, bool)>,
    /// Whether the smoke program ran (for Kotlin and Swift: compiled).
    smoke_ran: bool,
}

/// The static checks of a language, in the order they run.
fn check_names(lang: &str) -> &'static [&'static str] {
    match lang {
        "python" => &["generate", "mypy_strict", "ruff"],
        "js" => &["generate", "tsc_strict", "node_import"],
        "kotlin" => &["generate", "kotlinc_werror", "kotlinc_smoke"],
        _ => &["generate", "swiftc_werror", "swiftc_smoke"],
    }
}

/// `only`: the groups to run (empty: all).
pub fn language(ctx: &Ctx, layout: &Layout, lang: &str, only: &[String]) -> Result<Outcomes> {
    let all = model::groups();
    let main: Vec<&str> = all.iter().copied().filter(|g| *g != "sets").collect();
    let mut sels = Vec::new();
    for g in all.iter().filter(|g| only.is_empty() || only.iter().any(|o| o == *g)) {
        let (lib, present) = if *g == "sets" { (&layout.lib_sets, &all) } else { (&layout.lib_main, &main) };
        sels.push((*g, generate(ctx, layout, lang, g, lib, present)?));
    }
    if lang == "kotlin" {
        kotlin(ctx, layout, &mut sels)?;
    } else {
        for (g, sel) in sels.iter_mut() {
            if sel.checks[0].1 != Some(true) {
                continue;
            }
            let out = group_dir(layout, lang, g);
            let log = |check: &str| log_path(layout, lang, g, check);
            match lang {
                "python" => python(ctx, layout, &out, g, &log, sel)?,
                "js" => js(ctx, layout, &out, g, &log, sel)?,
                _ => swift(ctx, layout, &out, g, &log, sel)?,
            }
        }
    }
    let mut out: Outcomes = Vec::new();
    for (g, sel) in &sels {
        for (check, ok) in &sel.checks {
            out.push((format!("{check}/{g}"), *ok));
        }
    }
    // Every expected smoke test, in order: one that did not report failed, unless the
    // program could not start.
    for (g, sel) in &sels {
        for t in smoke_dyn::tests_of(g) {
            let name = format!("{g}/{t}");
            let found = sel.smoke.iter().find(|(n, _)| *n == name).map(|(_, ok)| *ok);
            out.push((name, found.or(if sel.smoke_ran { Some(false) } else { None })));
        }
    }
    Ok(out)
}

fn group_dir(layout: &Layout, lang: &str, group: &str) -> PathBuf {
    layout.dir.join("out").join(lang).join(group)
}

fn log_path(layout: &Layout, lang: &str, group: &str, check: &str) -> PathBuf {
    layout.dir.join("logs").join(format!("{lang}-{group}-{check}.log"))
}

/// Generates the bindings of `group` alone (of the crate's `present` groups) from `lib`.
fn generate(ctx: &Ctx, layout: &Layout, lang: &str, group: &str, lib: &Path, present: &[&str]) -> Result<Sel> {
    println!("== {lang}: {group}");
    let out = group_dir(layout, lang, group);
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out)?;
    let config = layout.dir.join("config").join(format!("{group}.toml"));
    put(&config, &items::config(present, &[group]))?;
    let checks: Vec<(&'static str, Option<bool>)> = check_names(lang).iter().map(|c| (*c, None)).collect();
    let mut sel = Sel { checks, smoke: Vec::new(), smoke_ran: false };
    let generated = checked(
        &log_path(layout, lang, group, "generate"),
        Command::new(&ctx.generator)
            .args(["generate", "--language", lang, "--config"])
            .arg(&config)
            .arg("--out-dir")
            .arg(&out)
            .arg(lib)
            .current_dir(&layout.crate_dir),
    )?;
    sel.checks[0].1 = Some(generated);
    if generated {
        std::fs::copy(lib, out.join(lib.file_name().unwrap_or_default()))?;
    }
    Ok(sel)
}

type LogPath<'a> = &'a dyn Fn(&str) -> PathBuf;

fn python(ctx: &Ctx, layout: &Layout, out: &Path, group: &str, log: LogPath, sel: &mut Sel) -> Result<()> {
    let module = out.join("adversarial.py");
    let cache = layout.dir.join("mypy-cache");
    sel.checks[1].1 = Some(checked(
        &log("mypy_strict"),
        Command::new(ctx.tool("MYPY")?).arg("--strict").arg("--cache-dir").arg(&cache).arg(&module).current_dir(out),
    )?);
    sel.checks[2].1 = Some(checked(&log("ruff"), Command::new(ctx.tool("RUFF")?).args(["check", "--no-cache"]).arg(&module))?);
    let mut cmd = Command::new("python3");
    cmd.arg(layout.smoke.join("python/smoke.py")).arg(group).env("PYTHONPATH", out).env("PYTHONPYCACHEPREFIX", out.join("pycache"));
    sel.smoke = smoke(&log("smoke"), cmd.current_dir(out))?;
    sel.smoke_ran = true;
    Ok(())
}

fn js(ctx: &Ctx, layout: &Layout, out: &Path, group: &str, log: LogPath, sel: &mut Sel) -> Result<()> {
    let node_modules = out.join("node_modules");
    if !node_modules.exists() {
        #[cfg(unix)]
        std::os::unix::fs::symlink(ctx.tool("KOFFI_NODE_PATH")?, &node_modules).context("linking node_modules")?;
    }
    sel.checks[1].1 = Some(checked(
        &log("tsc_strict"),
        Command::new(ctx.tool("TSC")?)
            .args(["--strict", "--noEmit", "--target", "es2022", "--module", "nodenext"])
            .args(["--moduleResolution", "nodenext", "--types", "node", "adversarial.d.ts"])
            .current_dir(out),
    )?);
    sel.checks[2].1 = Some(checked(
        &log("node_import"),
        Command::new("node").args(["--input-type=module", "-e", "await import('./adversarial.js')"]).current_dir(out),
    )?);
    std::fs::copy(layout.smoke.join("js/smoke.mjs"), out.join("smoke.mjs"))?;
    sel.smoke = smoke(&log("smoke"), Command::new("node").arg("smoke.mjs").arg(group).current_dir(out))?;
    sel.smoke_ran = true;
    Ok(())
}

/// The smoke sources of `groups` for Kotlin or Swift, with a main file (written to `main_dir`)
/// for exactly those groups.
fn smoke_sources(layout: &Layout, main_dir: &Path, lang: Lang, groups: &[&str]) -> Result<Vec<PathBuf>> {
    let (dir, ext, main) = match lang {
        Lang::Kotlin => ("kotlin", "kt", "SmokeMain.kt"),
        Lang::Swift => ("swift", "swift", "main.swift"),
    };
    let main_path = main_dir.join(main);
    put(&main_path, &smoke_static::main_file(lang, groups))?;
    let mut files = vec![main_path];
    for g in groups {
        files.push(layout.smoke.join(dir).join(format!("{}.{ext}", smoke_static::group_fn(g))));
    }
    Ok(files)
}

/// The files a compiler's log reports an error or warning in.
fn diagnosed_files(log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let mut files: Vec<String> = text
        .lines()
        .filter(|l| l.contains(": error:") || l.contains(": warning:"))
        .filter_map(|l| l.split(':').next().map(str::to_string))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// kotlinc runs over every generated group's bindings and smoke sources; diagnostics are
/// attributed to groups by file, and each failed run is followed by one without the groups it
/// reported, until one succeeds: its smoke program runs.
fn kotlin(ctx: &Ctx, layout: &Layout, sels: &mut [(&str, Sel)]) -> Result<()> {
    let (jna, coroutines, stdlib) = (ctx.tool("JNA_JAR")?, ctx.tool("KOTLIN_COROUTINES_JAR")?, ctx.tool("KOTLIN_STDLIB_JAR")?);
    let dir = layout.dir.join("out/kotlin");
    let bindings = |g: &str| group_dir(layout, "kotlin", g).join(format!("uniffi/adversarial/{g}/adversarial.kt"));
    let compile = |groups: &[&str], name: &str| -> Result<(bool, PathBuf, PathBuf)> {
        let jar = dir.join(format!("{name}.jar"));
        let log = layout.dir.join("logs").join(format!("kotlin-{name}.log"));
        let sources = smoke_sources(layout, &dir.join(name), Lang::Kotlin, groups)?;
        println!("== kotlin: kotlinc ({})", groups.join(", "));
        let ok = checked(
            &log,
            Command::new(ctx.tool("KOTLINC")?)
                // kotlinc's default 512 MB heap runs out on every group's bindings at once.
                .env("JAVA_OPTS", std::env::var("JAVA_OPTS").unwrap_or_else(|_| "-Xmx3g -Xms256M".into()))
                .args(["-Werror", "-Wextra", "-jvm-target", "17", "-cp"])
                .arg(format!("{jna}:{coroutines}"))
                .arg("-d")
                .arg(&jar)
                .args(groups.iter().map(|g| bindings(g)))
                .args(&sources),
        )?;
        Ok((ok, jar, log))
    };
    let mut pending: Vec<&str> = sels.iter().filter(|(_, s)| s.checks[0].1 == Some(true)).map(|(g, _)| *g).collect();
    // kotlinc may stop before reporting every file: a group passes only when a compile that
    // includes it succeeds. Each failed run drops the groups it reported and tries again.
    let mut round = 0;
    let mut jar = None;
    while !pending.is_empty() {
        round += 1;
        let (ok, j, log) = compile(&pending, &format!("kotlinc-{round}"))?;
        if ok {
            for (_, sel) in sels.iter_mut().filter(|(g, _)| pending.contains(g)) {
                sel.checks[1].1 = Some(true);
                sel.checks[2].1 = Some(true);
            }
            jar = Some(j);
            break;
        }
        let bad = diagnosed_files(&log);
        let mut dropped = Vec::new();
        for (g, sel) in sels.iter_mut().filter(|(g, _)| pending.contains(g)) {
            let b = bindings(g).display().to_string();
            let smoke_file = format!("{}.kt", smoke_static::group_fn(g));
            if bad.iter().any(|f| b.ends_with(f.as_str()) || f.ends_with(&b)) {
                sel.checks[1].1 = Some(false);
                dropped.push(*g);
            } else if bad.iter().any(|f| f.ends_with(&smoke_file)) {
                sel.checks[1].1 = Some(true);
                sel.checks[2].1 = Some(false);
                dropped.push(*g);
            }
        }
        if dropped.is_empty() {
            // Nothing attributable (the main file, or a crash): every pending group failed.
            for (_, sel) in sels.iter_mut().filter(|(g, _)| pending.contains(g)) {
                sel.checks[1].1 = Some(false);
            }
            pending.clear();
        }
        pending.retain(|g| !dropped.contains(g));
    }
    let Some(jar) = jar else {
        return Ok(());
    };
    let clean = pending;
    // One JVM loads one `libadversarial`: the one built with `sets` (a superset) when that
    // group runs.
    let lib_group = if clean.contains(&"sets") { "sets" } else { clean.first().copied().unwrap_or("types") };
    let lib_dir = group_dir(layout, "kotlin", lib_group);
    let mut cmd = Command::new("java");
    cmd.arg("-cp")
        .arg(format!("{}:{jna}:{coroutines}:{stdlib}", jar.display()))
        .arg(format!("-Djna.library.path={}", lib_dir.display()))
        .arg("SmokeMainKt");
    let results = smoke(&layout.dir.join("logs/kotlin-smoke.log"), &mut cmd)?;
    for (g, sel) in sels.iter_mut().filter(|(g, _)| clean.contains(g)) {
        sel.smoke_ran = true;
        sel.smoke = results.iter().filter(|(n, _)| n.starts_with(&format!("{g}/"))).cloned().collect();
    }
    Ok(())
}

fn swift(ctx: &Ctx, layout: &Layout, out: &Path, group: &str, log: LogPath, sel: &mut Sel) -> Result<()> {
    // Copies of the smoke sources under `out`: the Swift chroot sees only the bound paths.
    let smoke_dir = out.join("smoke");
    let mut sources = Vec::new();
    for src in smoke_sources(layout, &smoke_dir, Lang::Swift, &[group])? {
        let dest = smoke_dir.join(src.file_name().unwrap_or_default());
        if src != dest {
            std::fs::copy(&src, &dest)?;
        }
        sources.push(dest);
    }
    let exe = out.join("smoke_program");
    let mut compile = swift_run(ctx, out)?;
    compile
        .args(["swiftc", "-swift-version", "6", "-warnings-as-errors", "-module-name", "adversarial_smoke", "-I"])
        .arg(out)
        .arg("-Xcc")
        .arg(format!("-fmodule-map-file={}", out.join("adversarialFFI.modulemap").display()))
        .arg("-L")
        .arg(out)
        .arg("-ladversarial")
        .args(["-Xlinker", "-rpath", "-Xlinker"])
        .arg(out)
        .arg(out.join("adversarial.swift"))
        .args(&sources)
        .arg("-o")
        .arg(&exe);
    let ok = checked(&log("swiftc"), &mut compile)?;
    let bad = diagnosed_files(&log("swiftc"));
    let bindings_ok = ok || (!bad.is_empty() && !bad.iter().any(|f| f.ends_with("adversarial.swift")));
    sel.checks[1].1 = Some(bindings_ok);
    sel.checks[2].1 = if bindings_ok { Some(ok) } else { None };
    if ok {
        let mut program = swift_run(ctx, out)?;
        program.arg(&exe);
        sel.smoke = smoke(&log("smoke"), &mut program)?;
        sel.smoke_ran = true;
    }
    Ok(())
}

/// A command running its arguments in the Swift environment (as `lang/swift.rs` does), with
/// the repository, the target dir and `out` visible at the same paths.
fn swift_run(ctx: &Ctx, out: &Path) -> Result<Command> {
    let mut cmd = Command::new(ctx.root.join("scripts/swift-run.sh"));
    cmd.env("SWIFT_MODE", ctx.tool("SWIFT_MODE")?).current_dir(out);
    if let Ok(chroot) = ctx.tool("SWIFT_CHROOT") {
        cmd.env("SWIFT_CHROOT", chroot);
    }
    let binds = [ctx.root.as_path(), ctx.target.as_path(), out].iter().map(|p| p.display().to_string()).collect::<Vec<_>>();
    cmd.env("UBA_SWIFT_BINDS", binds.join(":"));
    Ok(cmd)
}

/// Runs a checker, its output to `log`; on failure prints the log's first lines.
fn checked(log: &Path, cmd: &mut Command) -> Result<bool> {
    let output = cmd.output().with_context(|| format!("cannot start {cmd:?}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    put(log, &text)?;
    if !output.status.success() {
        println!("# {} failed ({}); first lines of {}:", cmd.get_program().to_string_lossy(), output.status, log.display());
        for line in text.lines().filter(|l| !l.trim().is_empty()).take(12) {
            let cut: String = line.chars().take(220).collect();
            println!("#   {cut}");
        }
    }
    Ok(output.status.success())
}

/// Runs a smoke program, its output to `log`; its `ok - name` / `not ok - name` lines.
fn smoke(log: &Path, cmd: &mut Command) -> Result<Vec<(String, bool)>> {
    let output = cmd.env("RUST_BACKTRACE", "0").output().with_context(|| format!("cannot start {cmd:?}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    put(log, &text)?;
    let mut results = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        if let Some(name) = line.strip_prefix("not ok - ") {
            results.push((name.trim().to_string(), false));
        } else if let Some(name) = line.strip_prefix("ok - ") {
            results.push((name.trim().to_string(), true));
        }
    }
    if !output.status.success() {
        println!("# smoke program exited with {}; see {}", output.status, log.display());
    }
    Ok(results)
}
