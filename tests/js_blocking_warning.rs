//! The JS "no blocking twin" warning: one per `blocking` annotation, naming the item, unless
//! `[bindings.js] warn_blocking = false`; the other languages' twins are unaffected.

use std::path::Path;

use uniffi_bindgen_async::{render_all, GenerateOptions, Language};

fn warnings(config: &str) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("uniffi.toml");
    std::fs::write(&cfg, config).unwrap();
    let udl = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/udl/slice/src/slice.udl");
    let opts = GenerateOptions {
        source: udl.to_str().unwrap().into(),
        languages: vec![Language::Js, Language::Python],
        out_dir: "unused".into(),
        config: Some(cfg.to_str().unwrap().into()),
        ..Default::default()
    };
    let (files, warnings) = render_all(&opts).unwrap();
    assert!(files.iter().any(|f| f.contents.contains("def async_add_blocking(")), "python keeps its twin");
    warnings
}

#[test]
fn js_warns_once_per_blocking_item() {
    let w = warnings("[bindings.async]\nblocking = [\"async_add\", \"Store.fetch\"]\n");
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("no blocking twin for `async_add`") && w[0].contains("warn_blocking = false"), "{w:?}");
    assert!(w[1].contains("`Store.fetch`"), "{w:?}");
}

#[test]
fn warn_blocking_false_silences_it() {
    let w = warnings("[bindings.async]\nblocking = [\"async_add\", \"Store.fetch\"]\n[bindings.js]\nwarn_blocking = false\n");
    assert!(w.is_empty(), "{w:?}");
}
