//! Node.js columns: our bindings (koffi), upstream (n/a: upstream UniFFI has no Node.js
//! bindings), the floor (raw koffi calls, plain awaits, a worker-thread hop) and the napi-rs
//! peer (`benches/peers/napi`, its cdylib copied to `benchpeer.node`), each a run of
//! `benches/js/bench.mjs` from the directory holding what it loads.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use super::{build_peer, fresh_dir, run_program_limited, Bench, Col, LangTable};

pub fn run(b: &Bench) -> Result<LangTable> {
    let script = b.ctx.root.join("benches/js/bench.mjs");
    let dir = b.work.join("js");
    // `tick_from_thread` offloaded: called synchronously, its Rust thread's callbacks deadlock.
    b.generate_ours("js", &dir, Some("uniffi-js.toml"))?;
    if !dir.join("package.json").exists() {
        std::fs::write(dir.join("package.json"), "{ \"type\": \"module\" }\n")?;
    }
    crate::lang::js::link_node_modules(&b.ctx, &dir)?;
    let program = |imp: &str, cwd: &Path| {
        let mut cmd = Command::new("node");
        cmd.arg("--expose-gc")
            .arg(&script)
            .args([imp, b.quick_arg()])
            .current_dir(cwd);
        run_program_limited(&mut cmd, super::time_limit(b.quick))
    };
    let ours = program("ours", &dir);
    let floor = program("floor", &dir);
    let peer = build_peer(b, "bench-peer-napi", &[]).and_then(|()| {
        let pdir = b.work.join("js-peer");
        fresh_dir(&pdir).map_err(|e| e.to_string())?;
        std::fs::copy(
            b.target.join("release/libbenchpeer_napi.so"),
            pdir.join("benchpeer.node"),
        )
        .map_err(|e| e.to_string())?;
        program("peer", &pdir)
    });
    let upstream = Col::NotApplicable("upstream UniFFI has no Node.js bindings".to_owned());
    Ok(LangTable {
        lang: "js",
        columns: vec![
            ("ours", ours.into()),
            ("upstream", upstream),
            ("floor", floor.into()),
            ("peer", peer.into()),
        ],
    })
}
