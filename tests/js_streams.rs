//! Renders `[bindings.async] streams` for JS from the slice UDL (`Store.next_item`): the class
//! is an `AsyncIterable` with `[Symbol.asyncIterator]()` and `iterate()`, and a stream whose
//! object has a method renamed to `iterate` is refused with an error naming it.
//! `cargo xtask test --lang js --fixture streams` runs the real thing.

use std::path::Path;

use uniffi_bindgen_async::{render_all, GenerateOptions, Language};

/// The rendered `.js` and `.d.ts` of the slice UDL with `config` as its uniffi.toml.
fn render(config: &str) -> anyhow::Result<(String, String)> {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("uniffi.toml");
    std::fs::write(&cfg, config).unwrap();
    let udl = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/udl/slice/src/slice.udl");
    let opts = GenerateOptions {
        source: udl.to_str().unwrap().into(),
        languages: vec![Language::Js],
        out_dir: "unused".into(),
        config: Some(cfg.to_str().unwrap().into()),
        crate_name: None,
        metadata_no_deps: false,
    };
    let (files, _) = render_all(&opts)?;
    let file = |ext: &str| files.iter().find(|f| f.path.as_str().ends_with(ext)).unwrap().contents.clone();
    Ok((file(".js"), file(".d.ts")))
}

#[test]
fn a_stream_object_is_an_async_iterable() {
    let (js, dts) = render("[bindings.async]\nstreams = { Store = \"next_item\" }\n").unwrap();
    assert!(js.contains("return uniffiStreamIterator((signal) => this.nextItem({ signal }), uniffiOptions.signal);"), "{js}");
    assert!(js.contains("  [Symbol.asyncIterator]() {\n    return this.iterate();"), "{js}");
    assert!(dts.contains("export declare class Store implements AsyncIterable<number> {"), "{dts}");
    assert!(dts.contains("iterate(options?: UniffiAsyncOptions): AsyncIterableIterator<number>;"), "{dts}");
    let (js, _) = render("").unwrap();
    assert!(!js.contains("uniffiStreamIterator"), "no stream, no iterator helper");
}

#[test]
fn a_method_named_iterate_refuses_the_stream() {
    let config = "[bindings.async]\nstreams = { Store = \"next_item\" }\n[bindings.js.rename]\n\"Store.compact\" = \"iterate\"\n";
    let e = format!("{:#}", render(config).err().expect("the stream must be refused"));
    for part in ["uniffi.toml", "streams", "`Store`", "`iterate`", "[bindings.js.rename]"] {
        assert!(e.contains(part), "error must mention {part:?}: {e}");
    }
}
