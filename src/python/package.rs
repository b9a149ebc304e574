//! No package output: the Python backend writes one module, `<namespace>.py`. maturin
//! (`bindings = "uniffi"`) builds the wheel from the generated module, see
//! docs/getting-started/python.md and `cargo xtask package` (xtask/src/packaging/mod.rs).
