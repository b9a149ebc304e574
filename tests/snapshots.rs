//! Renders the `basics` fixture in every language and compares each file with the reviewed
//! copy under `tests/snapshots/basics/`. Run with `UBA_BLESS=1` to rewrite the copies after an
//! intended template change, then review the diff. Also checks the output is deterministic.

use std::path::{Path, PathBuf};
use std::process::Command;

use uniffi_bindgen_async::{render_all, GenerateOptions, Language};

const LANGUAGES: &[Language] = &[Language::Kotlin, Language::Swift, Language::Python, Language::Js];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn built_fixture() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "-p", "uniffi-fixture-basics"])
        .current_dir(root())
        .status()
        .unwrap();
    assert!(status.success(), "building the basics fixture failed");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    target.join("debug/libbasics.so")
}

#[test]
fn basics_snapshots() {
    let lib = built_fixture();
    let bless = std::env::var_os("UBA_BLESS").is_some();
    let snap_dir = root().join("tests/snapshots/basics");
    let mut mismatches = Vec::new();
    for lang in LANGUAGES {
        let opts = GenerateOptions {
            source: lib.to_str().unwrap().into(),
            languages: vec![*lang],
            out_dir: "unused".into(),
            config: Some(root().join("fixtures/basics/uniffi.toml").to_str().unwrap().into()),
            crate_name: None,
            metadata_no_deps: false,
        };
        let (files, _) = render_all(&opts).unwrap();
        let (again, _) = render_all(&opts).unwrap();
        assert_eq!(files, again, "{lang}: output is not deterministic");
        for f in files {
            let path = snap_dir.join(lang.name()).join(f.path.as_str());
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &f.contents).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(f.contents.as_str()) {
                mismatches.push(path.display().to_string());
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "rendered output differs from the snapshots (run with UBA_BLESS=1 and review the diff): {mismatches:?}"
    );
}
