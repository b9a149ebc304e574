//! Reads IR callback interfaces and foreign traits (`ForeignImpl`); produces the `KtForeign`
//! views `templates/kotlin/callback.kt` renders: the vtable Rust calls through, one JNA callback
//! per method (lifting the arguments, calling the Kotlin implementation, writing the return or
//! completing the foreign future), and for callback interfaces the public interface; plus the
//! foreign-future result structs `templates/kotlin/async_foreign.kt` declares; for a foreign
//! trait marked as a stream (`[bindings.async] streams`), its `Flow<T>.as<Trait>()` adapter.

use anyhow::{bail, Result};
use camino::Utf8Path;

use super::callable::{callable, indent_lines, Place};
use super::names;
use super::options::Names;
use super::types::{ffi_type, kdoc, KtType};
use crate::ir::{AsyncShape, Callable, FfiType, ForeignFutureShape, ForeignImpl, Module, Type};

/// Every interface Kotlin may implement: `(Rust name, doc, vtable, type)`.
pub fn foreign_impls(m: &Module) -> impl Iterator<Item = (&str, Option<&str>, &ForeignImpl, Type)> {
    let callbacks = m.callback_interfaces.iter().map(|c| {
        (c.name.as_str(), c.docstring.as_deref(), &c.foreign, Type::CallbackInterface(c.name.clone()))
    });
    let traits = m.objects.iter().filter_map(|o| {
        let ty = Type::Object { name: o.name.clone(), is_trait: o.is_trait };
        o.foreign.as_ref().map(|f| (o.name.as_str(), o.docstring.as_deref(), f, ty))
    });
    callbacks.chain(traits)
}

pub struct KtForeign {
    /// The Kotlin interface implementations are written against (`Logger`, `Fetcher`).
    pub interface_name: String,
    pub doc: String,
    /// The converter keeping the handle map (`UniffiConverterTypeLogger`).
    pub converter: String,
    /// Prefix of the generated vtable types (`UniffiVTableLogger`).
    pub vtable: String,
    pub init_symbol: String,
    pub methods: Vec<KtForeignMethod>,
    /// Interface declarations (callback interfaces only: traits get theirs from object.kt).
    pub interface_decls: Vec<String>,
    /// `[bindings.async] streams` on this trait: the Flow adapter implementing it.
    pub source: Option<KtSource>,
}

/// The `Flow<T>.as<Trait>()` adapter of a foreign trait Rust consumes as a stream.
pub struct KtSource {
    /// The extension function (`asNumberSource`).
    pub adapter: String,
    /// The private class implementing the trait (`UniffiNumberSourceFromFlow`).
    pub class: String,
    /// The Kotlin item type `T` of the `Flow<T>`.
    pub item: String,
    /// The Kotlin name of the stream method (`next`, `pull`).
    pub next: String,
    /// The exception class the stream method declares, passed to Rust as its error.
    pub throws: Option<String>,
}

pub struct KtForeignMethod {
    /// The vtable field and the JNA callback object (`fetch`, `UniffiVTableFetcherFetch`).
    pub field: String,
    /// The field as a Kotlin identifier (backquoted if a keyword).
    pub field_ident: String,
    pub object: String,
    /// JVM parameters of the C callback.
    pub params: String,
    /// `uniffiObj.fetch(UniffiConverterString.lift(key))`.
    pub call: String,
    pub is_async: bool,
    /// Sync: statement writing `value` through `uniffiOutReturn` (empty for unit).
    pub write_return: String,
    /// Lambda lowering a thrown declared error to a RustBuffer, or returning null.
    pub lower_error: String,
    /// Async: the call lowered to its FFI value (`uniffiObj.fetch(…).let { … }`).
    pub call_lowered: String,
    /// Async: the result struct class (`UniffiForeignFutureResultU32`).
    pub result: String,
    /// `dispatch = "main"` on the owner.
    pub on_main: bool,
    /// Sync methods: the `onMain` argument of `uniffiCallForeign`, the method's name as a
    /// string literal (for the error when the main thread is blocked) or `null`.
    pub main_name: String,
}

/// One foreign-future result struct (`UniffiForeignFutureResultU32`) to declare.
pub struct KtResultStruct {
    pub name: String,
    /// JVM type of `returnValue`, or `None` for void.
    pub ffi: Option<String>,
    /// Zero value of `returnValue`.
    pub zero: String,
    /// The lowered value's type (`Int`, `kotlin.Unit`).
    pub value_type: String,
    /// Statement writing `value` into the struct's memory (empty for void).
    pub write_value: String,
}

/// The views of every interface Kotlin may implement ([`foreign_impls`]).
pub fn foreigns(m: &Module, n: &Names, cfg_file: &Utf8Path) -> Result<Vec<KtForeign>> {
    foreign_impls(m)
        .map(|(name, doc, f, ty)| {
            let mut k = foreign(n, name, doc, f, &ty);
            if matches!(ty, Type::Object { .. }) {
                k.interface_decls.clear(); // traits get their interface from object.kt
            }
            k.source = source(m, n, name, f, cfg_file)?;
            Ok(k)
        })
        .collect()
}

/// The Flow adapter of a foreign trait marked as a stream, refused when its name is taken by a
/// top-level function (or blocking twin) or the item is itself an `Option`.
fn source(m: &Module, n: &Names, rust_name: &str, f: &ForeignImpl, cfg_file: &Utf8Path) -> Result<Option<KtSource>> {
    let (Some(next), Some(item)) = (f.stream_next(), f.stream_next().and_then(|c| c.stream_item())) else {
        return Ok(None);
    };
    let class = n.class(rust_name);
    let adapter = names::flow_adapter(&class);
    let is_callback = m.callback_interfaces.iter().any(|c| c.name == rust_name);
    for func in &m.functions {
        let k = callable(n, func, Place::Free);
        if k.name == adapter || k.blocking.as_deref() == Some(adapter.as_str()) {
            bail!(
                "{cfg_file}: [bindings.async] streams: `{rust_name}`: its Flow adapter `{adapter}()` \
                 has the Kotlin name of the function `{}`; rename the function (or the trait) with \
                 [bindings.kotlin.rename]",
                func.name
            );
        }
    }
    if let Type::Optional(_) = item {
        // Kotlin has no `T??`: a `None` item would read as the end of the stream.
        bail!(
            "{cfg_file}: [bindings.async] streams: `{rust_name}`: `{rust_name}.{}` returns \
             `Option<Option<T>>`; in Kotlin a `None` item is `null` like the end of the stream; \
             wrap the item in a record (or an enum) instead",
            next.name
        );
    }
    Ok(Some(KtSource {
        class: format!("Uniffi{class}FromFlow"),
        adapter,
        item: KtType::of(item, n).name,
        next: method_name(next, is_callback),
        throws: next.throws.as_ref().map(|t| KtType::of(t, n).name),
    }))
}

pub fn foreign(n: &Names, rust_name: &str, doc: Option<&str>, f: &ForeignImpl, ty: &Type) -> KtForeign {
    let class = n.class(rust_name);
    let converter = KtType::of(ty, n).converter;
    let vtable = format!("UniffiVTable{class}");
    let is_callback = matches!(ty, Type::CallbackInterface(_));
    let methods = f.methods.iter().map(|m| method(n, m, &vtable, f.dispatch.is_main(), is_callback)).collect();
    let place = if is_callback { Place::CallbackMethod } else { Place::Method };
    let interface_decls = f
        .methods
        .iter()
        .flat_map(|m| callable(n, m, place).interface_decls)
        .map(|d| indent_lines(&d, 4))
        .collect();
    KtForeign {
        interface_name: class,
        doc: kdoc(doc, 0),
        converter,
        vtable,
        init_symbol: f.init_symbol.clone(),
        methods,
        interface_decls,
        source: None,
    }
}

/// The Kotlin name of a method Kotlin implements: a callback interface's keeps upstream's name
/// where it compiles ([`names::callback_method`]), a foreign trait's follows the objects' rule.
fn method_name(c: &Callable, is_callback: bool) -> String {
    if is_callback {
        names::callback_method(&c.name, c.args.len())
    } else {
        names::method(&c.name)
    }
}

fn method(n: &Names, c: &Callable, vtable: &str, on_main: bool, is_callback: bool) -> KtForeignMethod {
    let kt_name = method_name(c, is_callback);
    let field = names::raw_ident(&c.name);
    let mut params = vec!["uniffiHandle: Long".to_string()];
    let mut lifted = Vec::new();
    for a in &c.args {
        let t = KtType::of(&a.ty, n);
        let name = format!("uniffiArg{}", heck::ToUpperCamelCase::to_upper_camel_case(a.name.as_str()));
        params.push(format!("{name}: {}", t.ffi));
        lifted.push(t.lift(&name));
    }
    let ret = c.ret.as_ref().map(|t| KtType::of(t, n));
    if c.is_async() {
        params.extend([
            "uniffiFutureCallback: Pointer".to_string(),
            "uniffiCallbackData: Long".to_string(),
            "uniffiOutDropped: Pointer".to_string(),
        ]);
    } else {
        params.push("uniffiOutReturn: Pointer?".into());
        params.push("uniffiStatus: Pointer".into());
    }
    let lower_error = match &c.throws {
        Some(t) => {
            let k = KtType::of(t, n);
            let handler = super::callable::error_handler(t, n);
            format!("{{ e -> if (e is {}) {handler}.lower(e) else null }}", k.name)
        }
        None => "{ _ -> null }".into(),
    };
    let ffi_ret = c.ret.as_ref().map(Type::ffi_type);
    let result = match &c.async_shape {
        Some(AsyncShape::ForeignFuture(s)) => format!("Uniffi{}", s.result_struct),
        _ => String::new(),
    };
    let call = format!("uniffiObj.{kt_name}({})", lifted.join(", "));
    let write_return = match (&ret, &ffi_ret) {
        (Some(t), Some(f)) => write_ffi(f, "uniffiOutReturn!!", &t.lower("value")),
        _ => String::new(),
    };
    KtForeignMethod {
        // `Method` keeps a method named `struct`, `free` or `clone` off the vtable's own names.
        object: format!("{vtable}Method{}", heck::ToUpperCamelCase::to_upper_camel_case(c.name.as_str())),
        params: params.join(", "),
        call_lowered: match &ret {
            Some(t) => t.lower(&call),
            None => call.clone(),
        },
        call,
        is_async: c.is_async(),
        write_return,
        lower_error,
        result,
        field_ident: names::escape(&field),
        field,
        main_name: if on_main {
            format!("\"{}.{}\"", vtable.trim_start_matches("UniffiVTable"), kt_name.trim_matches('`'))
        } else {
            "null".into()
        },
        on_main,
    }
}

/// The foreign-future result struct of one shape (`Module::foreign_future_shapes`, one per FFI
/// symbol: a handle and a `u64` share `ForeignFutureResultU64`).
pub fn result_struct(shape: &ForeignFutureShape) -> KtResultStruct {
    let ffi = shape.ffi_ret.as_ref();
    let jvm = ffi.map(ffi_type);
    let zero = match jvm.as_deref() {
        None => String::new(),
        Some("Byte") => "0.toByte()".into(),
        Some("Short") => "0.toShort()".into(),
        Some("Int") => "0".into(),
        Some("Long") => "0L".into(),
        Some("Float") => "0.0f".into(),
        Some("Double") => "0.0".into(),
        Some(other) => format!("{}()", other),
    };
    KtResultStruct {
        name: format!("Uniffi{}", shape.result_struct),
        value_type: jvm.clone().unwrap_or_else(|| "kotlin.Unit".into()),
        write_value: ffi.map(|t| write_ffi(t, "pointer", "value")).unwrap_or_default(),
        ffi: jvm,
        zero,
    }
}

/// A statement writing the FFI value `expr` of type `t` to the memory `ptr` points to.
fn write_ffi(t: &FfiType, ptr: &str, expr: &str) -> String {
    match ffi_type(t).as_str() {
        "Byte" => format!("{ptr}.setByte(0, {expr})"),
        "Short" => format!("{ptr}.setShort(0, {expr})"),
        "Int" => format!("{ptr}.setInt(0, {expr})"),
        "Long" => format!("{ptr}.setLong(0, {expr})"),
        "Float" => format!("{ptr}.setFloat(0, {expr})"),
        "Double" => format!("{ptr}.setDouble(0, {expr})"),
        "Pointer" => format!("{ptr}.setPointer(0, {expr})"),
        _ => format!("uniffiWriteRustBuffer({ptr}, 0, {expr})"),
    }
}

#[cfg(test)]
mod tests {
    // Not `super::`: tests/layout.rs reads `super` from this file as the backend's mod.rs.
    use crate::config::LangConfig;
    use crate::ir::Type;
    use crate::kotlin::callback::foreigns;
    use crate::kotlin::options::Names;

    /// The slice UDL with its callback interface `Logger` turned into a stream trait
    /// (`log` marked as its `next`, returning `Option<u32>`).
    fn logger_stream() -> crate::ir::Module {
        let udl = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/udl/slice/src/slice.udl");
        let mut m = crate::load::load(udl.into(), None, None).unwrap().remove(0).module;
        let log = &mut m.callback_interfaces[0].foreign.methods[0];
        log.annotations.stream_next = true;
        log.args.clear();
        log.ret = Some(Type::Optional(Box::new(Type::U32)));
        m
    }

    #[test]
    fn flow_adapter_and_its_refusals() {
        let cfg = LangConfig::default();
        let mut m = logger_stream();
        let views = foreigns(&m, &Names::new(&m, &cfg), "uniffi.toml".into()).unwrap();
        let s = views[0].source.as_ref().expect("Logger is a stream trait");
        assert_eq!((s.adapter.as_str(), s.class.as_str()), ("asLogger", "UniffiLoggerFromFlow"));
        assert_eq!((s.item.as_str(), s.next.as_str(), s.throws.as_deref()), ("kotlin.UInt", "log", None));
        // A top-level function with the adapter's Kotlin name.
        m.functions[0].name = "as_logger".into();
        let e = foreigns(&m, &Names::new(&m, &cfg), "uniffi.toml".into()).err().unwrap().to_string();
        for part in ["uniffi.toml", "streams", "`Logger`", "`asLogger()`", "`as_logger`", "[bindings.kotlin.rename]"] {
            assert!(e.contains(part), "{part} not in: {e}");
        }
        // `Option<Option<u32>>`: a `None` item would look like the end of the stream.
        let mut m = logger_stream();
        m.callback_interfaces[0].foreign.methods[0].ret =
            Some(Type::Optional(Box::new(Type::Optional(Box::new(Type::U32)))));
        let e = foreigns(&m, &Names::new(&m, &cfg), "uniffi.toml".into()).err().unwrap().to_string();
        assert!(e.contains("`Logger.log` returns `Option<Option<T>>`"), "{e}");
    }
}
