//! Loads the UDL test crate and checks the IR carries what backends need: FFI symbols, async
//! shapes (RustFuture families), objects, callback interfaces.

use std::path::Path;

use uniffi_bindgen_async::ir::{AsyncShape, CallableKind, FfiType, Type};

fn module() -> uniffi_bindgen_async::ir::Module {
    let udl = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/udl/slice/src/slice.udl");
    let loaded = uniffi_bindgen_async::load::load(udl.to_str().unwrap().into(), None, None).unwrap();
    loaded.into_iter().next().unwrap().module
}

#[test]
fn functions_carry_ffi_symbols_and_types() {
    let m = module();
    assert_eq!(m.namespace, "slice");
    let add = m.functions.iter().find(|f| f.name == "add").unwrap();
    assert_eq!(add.ffi_symbol, "uniffi_slice_fn_func_add");
    assert_eq!(add.ffi_args, [FfiType::U32, FfiType::U32]);
    assert_eq!(add.ffi_ret, Some(FfiType::U32));
    assert!(add.has_call_status && !add.is_async());
    let greet = m.functions.iter().find(|f| f.name == "greet").unwrap();
    assert_eq!(greet.args[0].ty, Type::String);
    assert_eq!(greet.ffi_ret, Some(FfiType::RustBuffer));
}

#[test]
fn async_functions_carry_their_future_family() {
    let m = module();
    let f = m.functions.iter().find(|f| f.name == "async_add").unwrap();
    let Some(AsyncShape::RustFuture(fam)) = &f.async_shape else { panic!("not a RustFuture") };
    assert_eq!(fam.poll, "ffi_slice_rust_future_poll_u32");
    assert_eq!(fam.complete, "ffi_slice_rust_future_complete_u32");
    assert_eq!(fam.cancel, "ffi_slice_rust_future_cancel_u32");
    assert_eq!(fam.free, "ffi_slice_rust_future_free_u32");
    assert_eq!(f.ffi_ret, Some(FfiType::Handle), "async symbols return the future handle");
    // One family per FFI return type: u32 (async_add) and rust_buffer (Store.fetch).
    let suffixes: Vec<_> = m.future_families.iter().map(|f| f.suffix.as_str()).collect();
    assert_eq!(suffixes, ["rust_buffer", "u32"]);
}

#[test]
fn objects_and_callback_interfaces() {
    let m = module();
    let store = &m.objects[0];
    assert_eq!(store.name, "Store");
    assert!(matches!(store.constructors[0].kind, CallableKind::Constructor { primary: true, .. }));
    let fetch = store.methods.iter().find(|c| c.name == "fetch").unwrap();
    assert_eq!(fetch.config_name(), "Store.fetch");
    assert_eq!(fetch.ffi_args[0], FfiType::Handle, "methods take the receiver handle first");
    let logger = &m.callback_interfaces[0];
    assert_eq!(logger.name, "Logger");
    assert_eq!(logger.foreign.methods[0].ffi_symbol, "CallbackInterfaceLoggerMethod0");
    assert!(logger.foreign.init_symbol.contains("init_callback_vtable_logger"));
}

fn built(fixture: &str, lib: &str) -> uniffi_bindgen_async::ir::Module {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["build", "--quiet", "-p", fixture])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(status.success());
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let so = target.join(format!("debug/lib{lib}.so"));
    let loaded = uniffi_bindgen_async::load::load(so.to_str().unwrap().into(), None, None).unwrap();
    loaded.into_iter().find(|l| l.module.namespace == lib).unwrap().module
}

#[test]
fn foreign_traits_carry_vtables_and_foreign_future_shapes() {
    let m = built("uniffi-fixture-callbacks", "callbacks");
    let fetcher = m.objects.iter().find(|o| o.name == "Fetcher").unwrap();
    assert!(fetcher.is_trait && fetcher.has_foreign);
    let foreign = fetcher.foreign.as_ref().unwrap();
    assert_eq!(foreign.vtable_struct, "VTableCallbackInterfaceFetcher");
    let fetch = foreign.methods.iter().find(|c| c.name == "fetch").unwrap();
    let Some(AsyncShape::ForeignFuture(shape)) = &fetch.async_shape else { panic!("not a foreign future") };
    assert_eq!(shape.result_struct, "ForeignFutureResultRustBuffer");
    assert_eq!(shape.complete_callback, "ForeignFutureCompleteRustBuffer");
    // handle, key, completion callback, callback data, dropped-callback out-struct
    assert_eq!(fetch.ffi_args.len(), 5);
    assert_eq!(fetch.ffi_args[2], FfiType::Callback("ForeignFutureCompleteRustBuffer".into()));
    let label = foreign.methods.iter().find(|c| c.name == "label").unwrap();
    assert!(label.async_shape.is_none() && label.has_call_status);
    let logger = m.callback_interfaces.iter().find(|c| c.name == "Logger").unwrap();
    assert_eq!(logger.foreign.methods.len(), 1);
    let ui = m.callback_interfaces.iter().find(|c| c.name == "UiListener").unwrap();
    assert!(ui.foreign.dispatch == uniffi_bindgen_async::ir::Dispatch::Caller, "dispatch is applied from config later");
}

#[test]
fn objects_carry_constructors_traits_and_identity_methods() {
    let m = built("uniffi-fixture-objects", "objects");
    let store = m.objects.iter().find(|o| o.name == "Store").unwrap();
    let kinds: Vec<_> = store.constructors.iter().map(|c| (c.name.as_str(), c.is_async())).collect();
    assert!(kinds.contains(&("new", false)) && kinds.contains(&("open", true)));
    assert!(store.clone_symbol.contains("clone_store") && store.free_symbol.contains("free_store"));
    let version = m.objects.iter().find(|o| o.name == "Version").unwrap();
    let t = &version.trait_methods;
    assert!(t.display.is_some() && t.debug.is_some() && t.eq.is_some() && t.hash.is_some() && t.cmp.is_some());
    let greeter = m.objects.iter().find(|o| o.name == "Greeter").unwrap();
    assert!(greeter.is_trait && !greeter.has_foreign);
}

#[test]
fn renames_change_foreign_names_and_every_reference_but_not_symbols() {
    let mut m = module();
    let table: std::collections::BTreeMap<String, String> = [
        ("add", "plus"),
        ("add.a", "left"),
        ("Store", "KeyValueStore"),
        ("Store.fetch", "fetch_value"),
        ("Logger", "Sink"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    uniffi_bindgen_async::ir::rename::apply(&mut m, &table);
    let plus = m.functions.iter().find(|f| f.name == "plus").unwrap();
    assert_eq!(plus.ffi_symbol, "uniffi_slice_fn_func_add", "symbols keep their Rust names");
    assert_eq!(plus.args[0].name, "left");
    assert_eq!(plus.args[1].name, "b");
    let store = &m.objects[0];
    assert_eq!(store.name, "KeyValueStore");
    assert!(store.methods.iter().any(|c| c.name == "fetch_value"));
    assert!(matches!(&store.constructors[0].kind, CallableKind::Constructor { object, .. } if object == "KeyValueStore"));
    assert_eq!(store.constructors[0].ret, Some(Type::Object { name: "KeyValueStore".into(), is_trait: false }));
    assert_eq!(m.callback_interfaces[0].name, "Sink");
    assert!(m.all_types.contains(&Type::CallbackInterface("Sink".into())));
    assert!(!m.all_types.iter().any(|t| t.user_name() == Some("Store")));
}

#[test]
fn external_types_name_their_defining_module() {
    let m = built("uniffi-fixture-external", "external");
    let ext: Vec<_> = m.external_types.iter().map(|e| (e.ty.user_name().unwrap(), e.namespace.as_str())).collect();
    for name in ["Point", "Unit", "Metres", "Drawing", "ShapeError", "Label"] {
        assert!(ext.contains(&(name, "geometry")), "{name} missing from {ext:?}");
    }
    assert!(m.records.iter().all(|r| r.name != "Point"), "external records are not redefined");
    // Facts only the defining component knows: read from its definition.
    let fact = |name: &str| m.external_types.iter().find(|e| e.ty.user_name() == Some(name)).unwrap();
    assert!(fact("Drawing").holds_objects, "geometry's Drawing holds a Pen object");
    assert!(!fact("Point").holds_objects);
    assert!(fact("ShapeError").is_error, "geometry declares ShapeError as an error");
    assert!(!fact("Point").is_error);
}
