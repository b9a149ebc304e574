//! Reads upstream UniFFI's peer tree (`MANIFEST.tsv`, each crate's directory and prebuilt
//! cdylib) and our own Node programs in `tests/peer-js/<crate_dir>/*.mjs`; produces one
//! PASS/FAIL line per crate: its JS bindings generate (from the crate's directory, so its
//! `uniffi.toml` applies), every generated module loads in Node (`await import()`), the
//! `.d.ts` files pass `tsc --strict`, and our programs for that crate (if any) pass.
//! Upstream has no JS generator, so there are no upstream JS programs: ours cover the scenarios
//! of upstream's futures, coverall and callbacks programs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::util::{run_tests, Ctx};

/// A Node script loading every module it is given, by file name, from the working directory.
/// An import that never settles (a module exporting `then`, say) times out instead of hanging.
const LOAD_SCRIPT: &str = "\
const files = process.argv.slice(1);
const timer = setTimeout(() => { console.error('import did not settle within 20 s'); process.exit(3); }, 20000);
for (const f of files) {
  await import(new URL(f, `file://${process.cwd()}/`).href);
}
clearTimeout(timer);
console.log(`loaded ${files.length} module(s)`);
";

/// Runs every crate of the peer tree whose `crate_dir` contains `only` (all when `None`);
/// returns (passed, failed) crates.
pub fn run(ctx: &Ctx, peer_dir: &Path, peer_target: &Path, only: Option<&str>) -> Result<(usize, usize)> {
    let paths = crate::peer::PeerPaths { dir: peer_dir.to_owned(), target: peer_target.to_owned() };
    let crates = paths.crates()?;
    let (mut passed, mut failed) = (0, 0);
    let mut rows = Vec::new();
    for (crate_dir, stem) in crates {
        if only.is_some_and(|o| !crate_dir.contains(o)) {
            continue;
        }
        let started = Instant::now();
        match run_crate(ctx, peer_dir, peer_target, &crate_dir, &stem) {
            Ok(note) => {
                passed += 1;
                rows.push(("js".to_owned(), crate_dir.clone(), true));
                println!("PASS js {crate_dir} ({note}, {:.1} s)", started.elapsed().as_secs_f64());
            }
            Err(e) => {
                failed += 1;
                rows.push(("js".to_owned(), crate_dir.clone(), false));
                let msg = format!("{e:#}");
                let short: Vec<&str> = msg.lines().take(12).collect();
                println!("FAIL js {crate_dir}: {}", short.join("\n    "));
            }
        }
    }
    if only.is_none() {
        crate::peer::merge_results(&ctx.target, &rows)?;
    }
    println!("js peer: {passed} of {} crates load + tsc + programs", passed + failed);
    Ok((passed, failed))
}

/// One crate: generate, load, type-check, run our programs. `Ok` carries a short note.
fn run_crate(ctx: &Ctx, peer_dir: &Path, peer_target: &Path, crate_dir: &str, stem: &str) -> Result<String> {
    let cdylib = peer_target.join("release").join(format!("lib{stem}.so"));
    if !cdylib.exists() {
        bail!("no cdylib {} (build the peer tree first)", cdylib.display());
    }
    let out = ctx.target.join("uba-peer/js").join(crate_dir.replace('/', "__"));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out)?;
    let gen = Command::new(&ctx.generator)
        .arg("generate")
        .arg("--library")
        .arg(&cdylib)
        .args(["--language", "js", "--out-dir"])
        .arg(&out)
        .current_dir(peer_dir.join(crate_dir))
        .output()
        .context("starting the generator")?;
    if !gen.status.success() {
        bail!("generate: {}", String::from_utf8_lossy(&gen.stderr).trim());
    }
    std::fs::copy(&cdylib, out.join(cdylib.file_name().unwrap()))?;
    if !out.join("package.json").exists() {
        std::fs::write(out.join("package.json"), "{ \"type\": \"module\", \"private\": true }\n")?;
    }
    let node_modules = PathBuf::from(ctx.tool("KOFFI_NODE_PATH")?);
    std::os::unix::fs::symlink(&node_modules, out.join("node_modules")).context("linking node_modules")?;

    let modules = files_ending(&out, ".js")?;
    let load = output_with_timeout(
        Command::new("node").args(["--input-type=module", "-e", LOAD_SCRIPT, "--"]).args(&modules).current_dir(&out),
        Duration::from_secs(60),
    )?;
    if !load.0 {
        bail!("load: {}", load.1.trim());
    }

    let dts = files_ending(&out, ".d.ts")?;
    let tsc = Command::new(ctx.tool("TSC")?)
        .args(["--strict", "--noEmit", "--target", "es2022", "--module", "nodenext"])
        .args(["--moduleResolution", "nodenext", "--types", "node"])
        .args(&dts)
        .current_dir(&out)
        .output()
        .context("starting tsc")?;
    if !tsc.status.success() {
        bail!("tsc --strict: {}{}", String::from_utf8_lossy(&tsc.stdout).trim(), String::from_utf8_lossy(&tsc.stderr).trim());
    }

    let programs_dir = ctx.root.join("tests/peer-js").join(crate_dir);
    let programs = if programs_dir.is_dir() { files_ending(&programs_dir, ".mjs")? } else { Vec::new() };
    let mut note = format!("{} module(s) load, tsc ok", modules.len());
    for p in &programs {
        std::fs::copy(programs_dir.join(p), out.join(p))?;
        println!("== js peer program {crate_dir}/{p}");
        let o = run_tests(Command::new("node").args(["--test", "--test-reporter=tap"]).arg(p).current_dir(&out))?;
        if o.failed > 0 || o.passed == 0 {
            bail!("program {p}: {} passed, {} failed", o.passed, o.failed);
        }
        note.push_str(&format!(", {p}: {} passed", o.passed));
    }
    Ok(note)
}

/// File names in `dir` ending with `suffix` (`.js` excludes `.d.ts`-like names by construction), sorted.
fn files_ending(dir: &Path, suffix: &str) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(suffix) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// Runs `cmd`, killing it after `limit`; returns (success, stdout + stderr). Output goes to a
/// file, so a chatty child never blocks on a full pipe.
fn output_with_timeout(cmd: &mut Command, limit: Duration) -> Result<(bool, String)> {
    let log = std::env::temp_dir().join(format!("uba-peer-js-{}.log", std::process::id()));
    let file = std::fs::File::create(&log)?;
    let mut child = cmd.stdout(file.try_clone()?).stderr(file).spawn().context("starting node")?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    Ok(match status {
        Some(s) => (s.success(), text),
        None => (false, format!("timed out after {limit:?}\n{text}")),
    })
}
