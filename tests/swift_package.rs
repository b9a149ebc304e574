//! Renders `[bindings.swift] package = true`: the SwiftPM layout (`Package.swift`, one
//! system-library target and one Swift target per component under `Sources/`) for a UDL crate
//! and for the `external` fixture (two components, one using the other's types), and the
//! refusals. `cargo xtask package` (check `swift_generated_package`) builds and tests such a package.

use std::path::{Path, PathBuf};
use std::process::Command;

use uniffi_bindgen_async::{render_all, GenerateOptions, Language};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn render(source: PathBuf, config: &str, crate_name: Option<&str>) -> anyhow::Result<Vec<(String, String)>> {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("uniffi.toml");
    std::fs::write(&cfg, config).unwrap();
    let opts = GenerateOptions {
        source: source.to_str().unwrap().into(),
        languages: vec![Language::Swift],
        out_dir: "unused".into(),
        config: Some(cfg.to_str().unwrap().into()),
        crate_name: crate_name.map(str::to_owned),
        metadata_no_deps: false,
    };
    let (files, _) = render_all(&opts)?;
    Ok(files.into_iter().map(|f| (f.path.to_string(), f.contents)).collect())
}

fn udl() -> PathBuf {
    root().join("tests/udl/slice/src/slice.udl")
}

#[test]
fn a_udl_crate_becomes_a_package() {
    let files = render(udl(), "[bindings.swift]\npackage = true\n", None).unwrap();
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["Sources/slice/slice.swift", "Sources/sliceFFI/sliceFFI.h", "Sources/sliceFFI/module.modulemap", "Package.swift"]
    );
    let manifest = &files[3].1;
    assert!(manifest.contains(".systemLibrary(name: \"sliceFFI\")"), "{manifest}");
    assert!(manifest.contains(".target(name: \"slice\", dependencies: [\"sliceFFI\"], linkerSettings: linkCdylib)"), "{manifest}");
    assert!(files[2].1.contains("header \"sliceFFI.h\""), "the modulemap names the header beside it");
}

#[test]
fn without_the_key_the_layout_is_flat() {
    let files = render(udl(), "[bindings.swift]\npackage = false\n", None).unwrap();
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["slice.swift", "sliceFFI.h", "sliceFFI.modulemap"]);
}

#[test]
fn a_package_needs_the_modulemap() {
    let err = render(udl(), "[bindings.swift]\npackage = true\ngenerate_module_map = false\n", None).unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains("package = true") && msg.contains("generate_module_map = false"), "{msg}");
}

fn external_fixture() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "-p", "uniffi-fixture-external"])
        .current_dir(root())
        .status()
        .unwrap();
    assert!(status.success(), "building the external fixture failed");
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    target.join("debug/libexternal.so")
}

#[test]
fn external_types_give_one_target_per_component() {
    let lib = external_fixture();
    let files = render(lib.clone(), "[crates.external.bindings.swift]\npackage = true\n", None).unwrap();
    let manifest = &files.iter().find(|(p, _)| p == "Package.swift").unwrap().1;
    assert!(manifest.contains(".target(name: \"external\", dependencies: [\"externalFFI\", \"geometry\"]"), "{manifest}");
    assert!(manifest.contains(".target(name: \"geometry\", dependencies: [\"geometryFFI\"]"), "{manifest}");
    assert!(manifest.contains(".linkedLibrary(\"external\")"), "{manifest}");
    assert!(files.iter().any(|(p, _)| p == "Sources/geometry/geometry.swift"));
    // One component alone cannot be a package when it uses another's types.
    let err = render(lib, "[bindings.swift]\npackage = true\n", Some("external")).unwrap_err();
    assert!(format!("{err:#}").contains("without --crate"), "{err:#}");
}
