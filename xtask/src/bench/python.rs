//! Python columns: our bindings and upstream's (each generated into its own directory, both
//! named `benchfix`), the floor (raw ctypes calls, plain asyncio awaits and thread hops) and the
//! PyO3 peer (`benches/peers/pyo3`, async through PyO3's `experimental-async`), each a run of
//! `benches/python/bench.py`.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use super::{build_peer, run_program_limited, Bench, LangTable};

pub fn run(b: &Bench) -> Result<LangTable> {
    let script = b.ctx.root.join("benches/python/bench.py");
    let ours_dir = b.work.join("python-ours");
    let up_dir = b.work.join("python-upstream");
    b.generate_ours("python", &ours_dir, None)?;
    let upstream = b
        .generate_upstream("python", &up_dir)
        .map_err(|e| format!("{e:#}"));
    let program = |imp: &str, path: &Path| {
        let mut cmd = Command::new("python3");
        cmd.arg(&script)
            .args([imp, b.quick_arg()])
            .arg(&ours_dir)
            .env("PYTHONPATH", path);
        run_program_limited(&mut cmd, super::time_limit(b.quick))
    };
    let ours = program("ours", &ours_dir);
    let upstream = upstream.and_then(|()| program("upstream", &up_dir));
    let floor = program("floor", &ours_dir);
    let peer = build_peer(b, "bench-peer-pyo3", &[("PYO3_PYTHON", "python3")]).and_then(|()| {
        let dir = b.work.join("python-peer");
        super::fresh_dir(&dir).map_err(|e| e.to_string())?;
        std::fs::copy(
            b.target.join("release/libbenchpeer.so"),
            dir.join("benchpeer.so"),
        )
        .map_err(|e| e.to_string())?;
        program("peer", &dir)
    });
    Ok(LangTable {
        lang: "python",
        columns: vec![
            ("ours", ours.into()),
            ("upstream", upstream.into()),
            ("floor", floor.into()),
            ("peer", peer.into()),
        ],
    })
}
