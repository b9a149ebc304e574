//! Renders `[bindings.async] streams` for Swift from the slice UDL (`Store.next_item`): the
//! `AsyncSequence` conformance with a non-throwing iterator whose call always has the cancel
//! hook, and the refusal of a stream whose class already has a member the conformance adds;
//! for a foreign stream trait (foreign -> Rust) its `AsyncSequence` adapter and the refusal of an
//! adapter named like another generated name.
//! `cargo xtask test --lang swift --fixture streams` runs the real thing.

use std::path::Path;

use uniffi_bindgen_async::{render_all, GenerateOptions, Language};

fn render(config: &str) -> anyhow::Result<String> {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("uniffi.toml");
    std::fs::write(&cfg, config).unwrap();
    let udl = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/udl/slice/src/slice.udl");
    let opts = GenerateOptions {
        source: udl.to_str().unwrap().into(),
        languages: vec![Language::Swift],
        out_dir: "unused".into(),
        config: Some(cfg.to_str().unwrap().into()),
        crate_name: None,
        metadata_no_deps: false,
    };
    let (files, _) = render_all(&opts)?;
    Ok(files.into_iter().find(|f| f.path.as_str().ends_with(".swift")).unwrap().contents)
}

#[test]
fn a_stream_object_is_an_async_sequence() {
    let swift = render("[bindings.async]\nstreams = { Store = \"next_item\" }\n").unwrap();
    assert!(swift.contains("extension Store: AsyncSequence {"), "{swift}");
    assert!(swift.contains("public mutating func next() async -> UInt32? {"), "non-throwing: {swift}");
    assert!(swift.contains("public func makeAsyncIterator() -> AsyncIterator {"));
    let helper = &swift[swift.find("fileprivate func uniffiStreamNext()").unwrap()..];
    assert!(helper.contains("cancel: { ffi_slice_rust_future_cancel_"), "cancel hook: {helper}");
    // The method itself keeps upstream's signature (not `cancellable`: no `throws`).
    assert!(swift.contains("public func nextItem() async -> UInt32? {"));
    assert!(!render("").unwrap().contains("AsyncSequence"));
}

#[test]
fn a_method_named_like_the_conformance_member_is_refused() {
    let err = render(
        "[bindings.async]\nstreams = { Store = \"next_item\" }\n\
         [bindings.swift.rename]\n\"Store.compact\" = \"make_async_iterator\"\n",
    )
    .unwrap_err();
    let msg = format!("{err:#}");
    for part in ["uniffi.toml", "streams", "`Store`", "Store.make_async_iterator", "`makeAsyncIterator`"] {
        assert!(msg.contains(part), "error must mention {part:?}: {msg}");
    }
}

#[test]
fn names_meaning_the_conformance_member_types_are_refused() {
    let err = render("[bindings.async]\nstreams = { Store = \"next_item\" }\n[bindings.swift.rename]\nStore = \"Element\"\n")
        .unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains("`Element`") && msg.contains("AsyncSequence"), "{msg}");
}

/// Renders a UDL crate with a callback interface `NumberSource` whose async `next` is a stream
/// (foreign -> Rust), `extra` added to its namespace.
fn render_source(extra: &str) -> anyhow::Result<String> {
    render_source_with(extra, "")
}

/// As [`render_source`], with `cfg` appended to the config.
fn render_source_with(extra: &str, cfg: &str) -> anyhow::Result<String> {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("src")).unwrap();
    std::fs::write(tmp.path().join("Cargo.toml"), "[package]\nname = \"src\"\nversion = \"0.0.0\"\n[lib]\nname = \"src\"\n")
        .unwrap();
    let udl = tmp.path().join("src/src.udl");
    std::fs::write(
        &udl,
        format!(
            "namespace src {{ {extra} [Async] u64 sum_source(NumberSource source); }};\n\
             callback interface NumberSource {{ [Async] u32? next(); }};\n"
        ),
    )
    .unwrap();
    let cfg_path = tmp.path().join("uniffi.toml");
    std::fs::write(&cfg_path, format!("[bindings.async]\nstreams = [\"NumberSource\"]\n{cfg}")).unwrap();
    let opts = GenerateOptions {
        source: udl.to_str().unwrap().into(),
        languages: vec![Language::Swift],
        out_dir: "unused".into(),
        config: Some(cfg_path.to_str().unwrap().into()),
        crate_name: None,
        metadata_no_deps: false,
    };
    let (files, _) = render_all(&opts)?;
    Ok(files.into_iter().find(|f| f.path.as_str().ends_with(".swift")).unwrap().contents)
}

#[test]
fn a_foreign_stream_trait_gets_an_async_sequence_adapter() {
    let swift = render_source("").unwrap();
    assert!(swift.contains("extension AsyncSequence where Self: Sendable, Element == UInt32 {"), "{swift}");
    assert!(swift.contains("public func asNumberSource() -> any NumberSource {"));
    assert!(swift.contains("private final class UniffiStreamSourceNumberSource: NumberSource {"));
    assert!(swift.contains("private final class UniffiStreamPump<Element: Sendable>"));
    // The protocol keeps upstream's requirement; hand-written implementations still conform.
    assert!(swift.contains("public protocol NumberSource: AnyObject, Sendable {"));
    assert!(swift.contains("    func next() async -> UInt32?\n"));
    // The vtable pulls the adapter's pump directly, and frees close it.
    assert!(swift.contains("return { try await uniffiStream.pump.pull() }"));
    assert!(swift.contains("(uniffiObj as? UniffiStreamSourceNumberSource)?.pump.release()"));
    assert!(!render("").unwrap().contains("UniffiStreamPump"), "no pump without a foreign stream");
}

#[test]
fn an_adapter_named_like_a_function_is_refused() {
    let err = render_source("u32 as_number_source();").unwrap_err();
    let msg = format!("{err:#}");
    for part in ["uniffi.toml", "streams", "`NumberSource`", "asNumberSource", "as_number_source"] {
        assert!(msg.contains(part), "error must mention {part:?}: {msg}");
    }
}

#[test]
fn a_foreign_stream_named_like_an_associated_type_is_refused() {
    let err = render_source_with("", "[bindings.swift.rename]\nNumberSource = \"Element\"\n").unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains("`Element`") && msg.contains("AsyncSequence"), "{msg}");
}
