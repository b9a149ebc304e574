//! Reads the command line (`cargo xtask <cmd>`); sets up toolchains, runs every test layer
//! (Rust unit/snapshot tests, then each fixture in each language's real runtime) and the demo.

mod adversarial;
mod bench;
mod lang;
mod packaging;
mod peer;
mod peer_js;
mod soak;
mod util;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use util::{run, Ctx};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup                 install the toolchains the tests need (idempotent)
  test [--lang L]...    setup, then cargo test, then every fixture in every language, then
       [--no-setup]     the peer suite (L: python, kotlin, swift, js; default all)
       [--no-cargo-test] [--fixture F]... [--no-peer]
  demo                  build the example crate, generate all four bindings, run a Python demo
  bench [--lang L]...   benchmarks vs upstream UniFFI, the FFI floor and native peers
        [--quick]       (release build of benches/; see docs/benchmarks.md)
  package               build what users ship and use it from a fresh directory: cargo install,
                        a maturin wheel through a workspace `uniffi-bindgen` bin, an npm
                        package, a self-contained jar, a SwiftPM package, and the
                        getting-started guides (UBA_PACKAGING_ONLY=name,... picks checks)
  peer [--lang L]...    upstream UniFFI 0.32's own test programs (../shared/peer) against our
       [--only NAME]... bindings (L: python, kotlin, swift); known failures are listed in
       [--no-build]     xtask/peer-known-failures.tsv
  peer-js [--only D]    every peer crate's JS bindings generate, load in Node and pass
                        tsc --strict; our programs in tests/peer-js/ run against them
  adversarial           a generated hostile UniFFI crate (every type in every position, every
       [--lang L]...    language's keywords as names, comment terminators in docstrings):
       [--group G]...   strict checkers and a smoke program per language; known failures are
                        listed in xtask/adversarial-known-failures.tsv (docs/adversarial.md)
  soak [--lang L]...    a seeded random mix of every kind of call with faults injected, for N
       [--seconds N]    seconds per seed (default 20, seed 20261207): no hang, no lost call,
       [--seed S]...    no live future or handle at the end (docs/reliability.md)";

fn main() {
    if let Err(e) = real_main() {
        eprintln!("xtask: error: {e:#}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    match args.first().map(String::as_str) {
        Some("setup") => setup(&root),
        Some("test") => test(&root, &args[1..]),
        Some("demo") => demo(&root),
        Some("bench") => bench::run(&root, &args[1..]),
        Some("peer") => peer::run(&root, &args[1..]),
        Some("package") => {
            let (passed, failed) = packaging::run(&Ctx::new(&root)?)?;
            println!("packaging: {passed} passed, {failed} failed");
            if failed > 0 {
                bail!("packaging checks failed");
            }
            Ok(())
        }
        Some("peer-js") => peer_js_cmd(&root, &args[1..]),
        Some("adversarial") => adversarial::run(&root, &args[1..]),
        Some("soak") => soak::run(&root, &args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`\n{USAGE}"),
        None => bail!("no command given\n{USAGE}"),
    }
}

/// `cargo xtask peer-js [--only CRATE_DIR_SUBSTRING]`: the JS peer check alone (the lead's
/// `peer` command calls `peer_js::run` too).
fn peer_js_cmd(root: &Path, args: &[String]) -> Result<()> {
    let only = match args {
        [] => None,
        [flag, v] if flag == "--only" => Some(v.as_str()),
        _ => bail!("usage: cargo xtask peer-js [--only CRATE_DIR_SUBSTRING]"),
    };
    let ctx = Ctx::new(root)?;
    let paths = peer::PeerPaths::new(&ctx)?;
    let (passed, failed) = peer_js::run(&ctx, &paths.dir, &paths.target, only)?;
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        bail!("js peer check failed");
    }
    Ok(())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn setup(root: &Path) -> Result<()> {
    run(std::process::Command::new("bash").arg(root.join("scripts/setup-toolchains.sh")))
        .context("toolchain set-up failed")
}

fn test(root: &Path, args: &[String]) -> Result<()> {
    let mut langs: Vec<String> = Vec::new();
    let mut do_setup = true;
    let mut cargo_test = true;
    let mut only: Vec<String> = Vec::new();
    let mut peer_suite = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => langs.push(it.next().context("--lang needs a value")?.clone()),
            "--no-setup" => do_setup = false,
            "--no-cargo-test" => cargo_test = false,
            "--fixture" => only.push(it.next().context("--fixture needs a value")?.clone()),
            "--no-peer" => peer_suite = false,
            other => bail!("unknown argument `{other}`\n{USAGE}"),
        }
    }
    if langs.is_empty() {
        langs = lang::ALL.iter().map(|s| s.to_string()).collect();
    }
    if do_setup {
        setup(root)?;
    }
    if cargo_test {
        println!("== cargo test (unit, config and snapshot tests)");
        run(std::process::Command::new("cargo").args(["test", "--workspace", "--quiet"]).current_dir(root))?;
    }

    println!("== building fixtures and the generator");
    run(std::process::Command::new("cargo")
        .args(["build", "--quiet", "--workspace", "--bins", "--lib"])
        .current_dir(root))?;
    let ctx = Ctx::new(root)?;
    let mut totals: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut missing = Vec::new();
    for fixture in util::fixtures(root)? {
        if !only.is_empty() && !only.contains(&fixture.name) {
            continue;
        }
        for l in &langs {
            let entry = totals.entry(l.clone()).or_default();
            if !fixture.tests_dir(l).exists() {
                // Visible in the summary: the language's issue tracks the missing program.
                println!("== {l}: fixture `{}` has no {l} test program yet", fixture.name);
                missing.push(format!("{l}/{}", fixture.name));
                continue;
            }
            println!("== {l}: fixture `{}`", fixture.name);
            match lang::run(l, &ctx, &fixture) {
                Ok(out) => {
                    entry.0 += out.passed;
                    entry.1 += out.failed;
                    if out.passed == 0 && out.failed == 0 {
                        errors.push(format!("{l}/{}: ran no test", fixture.name));
                    }
                }
                Err(e) => {
                    entry.1 += 1;
                    errors.push(format!("{l}/{}: {e:#}", fixture.name));
                }
            }
        }
    }
    println!("\n== summary");
    let (mut passed, mut failed) = (0, 0);
    for (l, (p, f)) in &totals {
        println!("{l}: {p} passed, {f} failed");
        passed += p;
        failed += f;
    }
    if !missing.is_empty() {
        println!("no test program yet (see docs/features.md): {}", missing.join(", "));
    }
    for e in &errors {
        println!("error: {e}");
    }
    println!("{passed} passed, {failed} failed");
    // Upstream's own test programs (and the JS load check of the same crates), unless only some
    // fixtures were asked for.
    let peer_langs: Vec<&String> = langs.iter().filter(|l| *l != "js").collect();
    let peer_result = if peer_suite && only.is_empty() && !peer_langs.is_empty() {
        println!("\n== peer suite: upstream UniFFI 0.32's test programs against our bindings");
        let mut peer_args: Vec<String> = Vec::new();
        for l in peer_langs {
            peer_args.extend(["--lang".to_string(), l.clone()]);
        }
        peer::run(root, &peer_args)
    } else {
        Ok(())
    };
    // The JS side of the peer suite: every peer crate's JS bindings load and type-check, and
    // our own JS programs for upstream's scenarios pass.
    let peer_js_result = if peer_suite && only.is_empty() && langs.iter().any(|l| l == "js") {
        println!("\n== peer suite (js): every peer crate's bindings load in Node and pass tsc --strict");
        peer::PeerPaths::new(&ctx).and_then(|paths| {
            paths.build()?;
            let (p, f) = peer_js::run(&ctx, &paths.dir, &paths.target, None)?;
            println!("peer js: {p} passed, {f} failed");
            if f > 0 {
                bail!("js peer check failed");
            }
            Ok(())
        })
    } else {
        Ok(())
    };
    // The generated adversarial crate: strict checkers and smoke programs. Python and JS run in
    // every full test run; Kotlin and Swift take 10-20 minutes each on 2 cores, so they run in
    // `cargo xtask adversarial --lang kotlin|swift` (or here with UBA_ADVERSARIAL_ALL=1).
    let adversarial_result = if peer_suite && only.is_empty() {
        let all = std::env::var_os("UBA_ADVERSARIAL_ALL").is_some();
        let mut adv_args: Vec<String> = Vec::new();
        for l in langs.iter().filter(|l| all || *l == "python" || *l == "js") {
            adv_args.extend(["--lang".to_string(), l.clone()]);
        }
        if adv_args.is_empty() {
            Ok(())
        } else {
            println!("\n== adversarial: a generated hostile crate in {}", adv_args.iter().skip(1).step_by(2).cloned().collect::<Vec<_>>().join(", "));
            adversarial::run(root, &adv_args)
        }
    } else {
        Ok(())
    };
    // What users ship, built as they build it (only in a full run).
    let packaging_result = if peer_suite && only.is_empty() && langs.iter().any(|l| l == "python") {
        println!("\n== packaging: what users ship (wheel, npm package, jar, SwiftPM package, guides)");
        packaging::run(&ctx).and_then(|(p, f)| {
            println!("packaging: {p} passed, {f} failed");
            if f > 0 {
                bail!("packaging checks failed");
            }
            Ok(())
        })
    } else {
        Ok(())
    };
    // The short soak (every language that has a soak program; fixed seeds).
    let soak_langs: Vec<&String> = langs.iter().filter(|l| soak::LANGS.contains(&l.as_str())).collect();
    let soak_result = if peer_suite && only.is_empty() && !soak_langs.is_empty() {
        println!("\n== soak: a seeded random mix of every kind of call, with faults injected");
        let mut soak_args: Vec<String> = vec!["--seconds".into(), "20".into()];
        for l in soak_langs {
            soak_args.extend(["--lang".to_string(), l.clone()]);
        }
        soak::run(root, &soak_args)
    } else {
        Ok(())
    };
    if failed > 0 || !errors.is_empty() {
        bail!("language tests failed");
    }
    peer_result.and(peer_js_result).and(adversarial_result).and(packaging_result).and(soak_result)
}

fn demo(root: &Path) -> Result<()> {
    run(std::process::Command::new("cargo")
        .args(["build", "--quiet", "-p", "uniffi-example-todo", "-p", "uniffi-bindgen-async"])
        .current_dir(root))?;
    let target = util::target_dir(root);
    let out = target.join("demo-bindings");
    let lib = target.join("debug").join(util::cdylib_file("todo"));
    run(std::process::Command::new(target.join("debug/uniffi-bindgen-async"))
        .arg("generate")
        .arg(&lib)
        .arg("--out-dir")
        .arg(&out)
        .current_dir(root.join("examples/todo")))?;
    std::fs::copy(&lib, out.join(util::cdylib_file("todo")))?;
    println!("bindings written to {}", out.display());
    run(std::process::Command::new("python3")
        .arg(root.join("examples/todo/demo.py"))
        .env("PYTHONPATH", &out))
}
