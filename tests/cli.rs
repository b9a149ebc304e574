//! Runs the CLI against a UDL crate with good and bad `uniffi.toml` files: every bad case must
//! fail with a message naming the item and the file, a non-zero exit, and no output written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn udl() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/udl/slice/src/slice.udl")
}

/// Runs `generate` on the UDL with `config` as uniffi.toml; returns the output and out dir.
fn generate(config: &str, langs: &[&str]) -> (Output, tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("uniffi.toml");
    std::fs::write(&cfg, config).unwrap();
    let out = tmp.path().join("out");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_uniffi-bindgen-async"));
    cmd.arg("generate").arg(udl()).arg("--config").arg(&cfg).arg("--out-dir").arg(&out);
    for l in langs {
        cmd.args(["--language", l]);
    }
    (cmd.output().unwrap(), tmp, out)
}

fn assert_rejected(config: &str, expected: &[&str]) {
    let (output, _tmp, out) = generate(config, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "expected failure, got success; stderr: {stderr}");
    assert!(stderr.contains("uniffi.toml"), "error must name the config file: {stderr}");
    for e in expected {
        assert!(stderr.contains(e), "error must mention {e:?}: {stderr}");
    }
    assert!(!out.exists(), "nothing may be written on error");
}

#[test]
fn unknown_function_suggests_the_nearest() {
    assert_rejected(
        "[bindings.async]\noffload = [\"ad\"]\n",
        &["offload", "`ad`", "names no exported function", "did you mean `add`?"],
    );
}

#[test]
fn unknown_method_suggests_the_nearest() {
    assert_rejected(
        "[bindings.async]\nblocking = [\"Store.fetsh\"]\n",
        &["blocking", "`Store.fetsh`", "did you mean `Store.fetch`?"],
    );
}

#[test]
fn offload_of_an_async_function() {
    assert_rejected(
        "[bindings.async]\noffload = [\"async_add\"]\n",
        &["`async_add`", "already async"],
    );
}

#[test]
fn blocking_of_a_sync_function() {
    assert_rejected(
        "[bindings.async]\nblocking = [\"Store.compact\"]\n",
        &["`Store.compact`", "not async"],
    );
}

#[test]
fn cancellable_of_a_sync_function() {
    assert_rejected(
        "[bindings.async]\ncancellable = [\"Store.compact\"]\n",
        &["cancellable", "`Store.compact`", "not async"],
    );
}

#[test]
fn cancellable_naming_nothing() {
    assert_rejected(
        "[bindings.async]\ncancellable = [\"async_ad\"]\n",
        &["cancellable", "`async_ad`", "names no exported function", "did you mean `async_add`?"],
    );
}

#[test]
fn cancellable_listed_twice() {
    assert_rejected(
        "[bindings.async]\ncancellable = [\"async_add\", \"async_add\"]\n",
        &["cancellable", "`async_add`", "listed twice"],
    );
}

/// Applies `cfg` (a `[bindings.async]` body) to the slice UDL's module.
fn annotated(cfg: &str) -> uniffi_bindgen_async::ir::Module {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("uniffi.toml");
    std::fs::write(&path, cfg).unwrap();
    let c = uniffi_bindgen_async::config::Config::load(path.to_str().unwrap().into()).unwrap();
    let loaded = uniffi_bindgen_async::load::load(udl().to_str().unwrap().into(), None, None).unwrap();
    let mut m = loaded.into_iter().next().unwrap().module;
    uniffi_bindgen_async::ir::annotations::apply(&mut m, &c.async_, path.to_str().unwrap().into()).unwrap();
    m
}

#[test]
fn cancellable_names_and_star() {
    let m = annotated("[bindings.async]\ncancellable = [\"Store.fetch\"]\n");
    assert!(m.objects[0].methods.iter().find(|f| f.name == "fetch").unwrap().annotations.cancellable);
    assert!(!m.functions.iter().find(|f| f.name == "async_add").unwrap().annotations.cancellable);
    let m = annotated("[bindings.async]\ncancellable = [\"*\"]\n");
    let all = m.functions.iter().chain(m.objects.iter().flat_map(|o| o.constructors.iter().chain(&o.methods)));
    for c in all {
        assert_eq!(c.annotations.cancellable, c.is_async(), "{}", c.name);
    }
}

#[test]
fn streams_are_validated_by_name() {
    assert_rejected("[bindings.async]\nstreams = [\"Stor\"]\n", &["streams", "`Stor`", "names no exported object", "did you mean `Store`?"]);
    assert_rejected("[bindings.async]\nstreams = [\"Store\"]\n", &["`Store`", "has no method `next`", "did you mean `next_item`?"]);
    assert_rejected("[bindings.async]\nstreams = { Store = \"compact\" }\n", &["`Store.compact` is not async", "Option<T>"]);
    assert_rejected("[bindings.async]\nstreams = { Store = \"fetch\" }\n", &["`Store.fetch` takes arguments"]);
    assert_rejected("[bindings.async]\nstreams = [\"Logger\"]\n", &["`Logger`", "has no method `next`"]);
    assert_rejected("[bindings.async]\nstreams = { Logger = \"log\" }\n", &["`Logger.log` is not async", "Option<T>"]);
    assert_rejected("[bindings.async]\nstreams = [\"Loger\"]\n", &["names no exported object or foreign trait", "did you mean `Logger`?"]);
    assert_rejected("[bindings.async]\nstreams = [1]\n", &["streams: expected a list of object names"]);
    assert_rejected("[bindings.async]\nstreams = \"Store\"\n", &["streams: expected a list of object names"]);
}

#[test]
fn a_stream_marks_its_method() {
    let m = annotated("[bindings.async]\nstreams = { Store = \"next_item\" }\n");
    let next = m.objects[0].stream_next().expect("Store is a stream");
    assert_eq!(next.name, "next_item");
    assert_eq!(next.stream_item(), Some(&uniffi_bindgen_async::ir::Type::U32));
    assert!(annotated("").objects[0].stream_next().is_none());
}

#[test]
fn unknown_key() {
    assert_rejected("[bindings.async]\nofload = [\"add\"]\n", &["unknown field `ofload`", "offload"]);
}

#[test]
fn unknown_dispatch_value() {
    assert_rejected(
        "[bindings.async.dispatch]\nLogger = \"ui\"\n",
        &["Logger", "\"ui\"", "expected \"caller\" or \"main\""],
    );
}

#[test]
fn dispatch_naming_nothing() {
    assert_rejected(
        "[bindings.async.dispatch]\nLoger = \"main\"\n",
        &["`Loger`", "not a callback interface", "did you mean `Logger`?"],
    );
}

#[test]
fn wrong_value_type() {
    assert_rejected("[bindings.async]\noffload = \"add\"\n", &["offload", "invalid type"]);
}

#[test]
fn broken_toml() {
    assert_rejected("[bindings.async\noffload = [\n", &["invalid configuration"]);
}

#[test]
fn unknown_language_key() {
    assert_rejected("[bindings.kotlin]\npackage_nam = \"x\"\n", &["unknown field `package_nam`"]);
}

#[test]
fn valid_annotations_are_accepted() {
    let cfg = "[bindings.async]\noffload = [\"add\", \"Store.compact\"]\nblocking = [\"async_add\", \"Store.fetch\"]\n\
               [bindings.async.dispatch]\nLogger = \"main\"\n";
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("uniffi.toml");
    std::fs::write(&path, cfg).unwrap();
    // Validation succeeds; rendering is then up to each language's support table.
    let c = uniffi_bindgen_async::config::Config::load(path.to_str().unwrap().into()).unwrap();
    assert_eq!(c.async_.offload, ["add", "Store.compact"]);
    let loaded = uniffi_bindgen_async::load::load(udl().to_str().unwrap().into(), None, None).unwrap();
    let mut m = loaded.into_iter().next().unwrap().module;
    uniffi_bindgen_async::ir::annotations::apply(&mut m, &c.async_, path.to_str().unwrap().into()).unwrap();
    let add = m.functions.iter().find(|f| f.name == "add").unwrap();
    assert!(add.annotations.offload && !add.annotations.blocking);
    let fetch = m.objects[0].methods.iter().find(|f| f.name == "fetch").unwrap();
    assert!(fetch.annotations.blocking);
    assert!(m.callback_interfaces[0].foreign.dispatch.is_main());
}

#[test]
fn help_and_version() {
    let bin = env!("CARGO_BIN_EXE_uniffi-bindgen-async");
    let help = Command::new(bin).args(["generate", "--help"]).output().unwrap();
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("--out-dir") && text.contains("Examples:"), "{text}");
    let v = Command::new(bin).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&v.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn missing_source_is_a_clear_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_uniffi-bindgen-async"))
        .args(["generate", "/nonexistent/libx.so", "--out-dir", "/tmp/never"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/libx.so"));
}

#[test]
fn kotlin_stream_refuses_a_method_named_as_flow() {
    let streams = "[bindings.async]\nstreams = { Store = \"next_item\" }\n";
    let (output, _tmp, out) = generate(streams, &["kotlin"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let kt = std::fs::read_to_string(out.join("uniffi/slice/slice.kt")).unwrap();
    assert!(kt.contains("fun asFlow(): kotlinx.coroutines.flow.Flow<kotlin.UInt>"), "no asFlow() in the Kotlin output");
    let clash = format!("{streams}[bindings.kotlin.rename]\n\"Store.compact\" = \"as_flow\"\n");
    let (output, _tmp, out) = generate(&clash, &["kotlin"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "expected failure, got success");
    for e in ["uniffi.toml", "streams", "`Store`", "`as_flow`", "`asFlow`", "[bindings.kotlin.rename]"] {
        assert!(stderr.contains(e), "error must mention {e:?}: {stderr}");
    }
    assert!(!out.exists(), "nothing may be written on error");
}

#[test]
fn python_stream_refuses_a_method_named_aclose() {
    let streams = "[bindings.async]\nstreams = { Store = \"next_item\" }\n";
    let (output, _tmp, out) = generate(streams, &["python"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let py = std::fs::read_to_string(out.join("slice.py")).unwrap();
    assert!(py.contains("async def __anext__(self) -> int:"), "no __anext__ in the Python output");
    let clash = format!("{streams}[bindings.python.rename]\n\"Store.compact\" = \"aclose\"\n");
    let (output, _tmp, out) = generate(&clash, &["python"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "expected failure, got success");
    for e in ["uniffi.toml", "streams", "`Store`", "`aclose`", "[bindings.python.rename]"] {
        assert!(stderr.contains(e), "error must mention {e:?}: {stderr}");
    }
    assert!(!out.exists(), "nothing may be written on error");
}
