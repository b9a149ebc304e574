//! Reads IR callback interfaces and foreign traits (`with_foreign`); produces the views that
//! `templates/swift/callback.swift` renders (the Swift protocol, the vtable Rust calls through,
//! the handle map) and the C declarations of the vtable and its callback types.

use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use super::docs;
use super::function::{callable, omit_labels, Role, SwiftCallable};
use super::names::{arg_label, type_name, var_name, vtable_field};
use super::types::{c_type, SwiftType};
use crate::config::LangConfig;
use crate::ir::{AsyncShape, Callable, FfiType, ForeignImpl, Module, Type};

pub struct SwiftCallback {
    pub doc: Vec<String>,
    /// The protocol Swift code implements (`Logger`, `Fetcher`).
    pub protocol_name: String,
    /// Callback interfaces render their protocol here; foreign traits in `object.swift`.
    pub render_protocol: bool,
    pub requirements: Vec<String>,
    /// The converter holding the handle map and the vtable.
    pub converter: String,
    pub vtable_struct: String,
    pub init_symbol: String,
    pub dispatch_main: bool,
    pub methods: Vec<VtableMethod>,
}

/// One vtable entry: a C-callable closure that finds the Swift object and calls it.
pub struct VtableMethod {
    /// The vtable field (`method0`; see [`vtable_field`]).
    pub field: String,
    /// `Protocol.method`, named by the error of a main-dispatched call that cannot run.
    pub method: String,
    /// The closure's parameter names.
    pub params: String,
    /// `try uniffiObj.log(message: try UniffiConverterString.lift(message))`.
    pub call: String,
    /// Lifts of the arguments done before an async call starts (`let key = try ...`).
    pub lifts: Vec<String>,
    /// The async call on already-lifted arguments.
    pub async_call: String,
    pub is_async: bool,
    /// Lowers the return value (`UniffiConverterU32.lower`), `None` for unit.
    pub lower: Option<String>,
    /// `{ ($0 as? FetchError).map(UniffiConverterTypeFetchError.lower) }` or `nil`.
    pub lower_error: String,
    /// Async: the result struct (`UniffiForeignFutureResultRustBuffer`).
    pub result_struct: String,
}

/// `owner`: a foreign trait's Rust-side methods, whose annotations (`cancellable`) the
/// protocol shares.
pub fn callback(
    cfg: &LangConfig,
    name: &str,
    doc: &Option<String>,
    f: &ForeignImpl,
    interface: bool,
    owner: &[Callable],
) -> SwiftCallback {
    let ty = match interface {
        true => Type::CallbackInterface(name.to_owned()),
        false => Type::Object { name: name.to_owned(), is_trait: true },
    };
    let annotated: Vec<Callable> = f
        .methods
        .iter()
        .map(|c| {
            let mut c = c.clone();
            if let Some(o) = owner.iter().find(|o| o.name == c.name) {
                c.annotations.cancellable = o.annotations.cancellable;
            }
            c
        })
        .collect();
    let methods: Vec<(SwiftCallable, &Callable)> =
        annotated.iter().map(|c| (callable(cfg, c, Role::Method), c)).collect();
    SwiftCallback {
        doc: docs(doc),
        protocol_name: type_name(name),
        render_protocol: interface,
        requirements: methods.iter().map(|(v, c)| requirement(v, c, f.dispatch.is_main())).collect(),
        converter: SwiftType::of(&ty, cfg).converter,
        vtable_struct: format!("Uniffi{}", f.vtable_struct),
        init_symbol: f.init_symbol.clone(),
        dispatch_main: f.dispatch.is_main(),
        methods: methods.iter().enumerate().map(|(i, (v, c))| vtable_method(cfg, &type_name(name), i, v, c)).collect(),
    }
}

/// The protocol requirement for a method Swift implements, with upstream's effects (async
/// methods throw when they declare an error or are `cancellable`; implementations see Rust
/// dropping the future as Task cancellation). With
/// `dispatch = "main"`, async methods are `@MainActor`: a nonisolated async function always
/// runs on the generic executor (SE-0338), whoever calls it, so only the requirement's
/// isolation (inferred by implementations) can make the method itself start on the main actor.
pub fn requirement(f: &SwiftCallable, c: &Callable, main: bool) -> String {
    let effects = &f.effects;
    let doc: String = f.doc.iter().map(|l| format!("/// {l}\n    ")).collect();
    let isolation = if main && c.is_async() { "@MainActor " } else { "" };
    format!("{doc}{isolation}func {}({}){effects}{}", f.name, f.protocol_params, f.ret_decl)
}

fn vtable_method(cfg: &LangConfig, protocol: &str, index: usize, f: &SwiftCallable, c: &Callable) -> VtableMethod {
    let args: Vec<(String, String)> = c
        .args
        .iter()
        .map(|a| (var_name(&a.name), format!("{}.lift({})", SwiftType::of(&a.ty, cfg).converter, var_name(&a.name))))
        .collect();
    let mut params = vec!["uniffiHandle".to_string()];
    params.extend(args.iter().map(|(n, _)| n.clone()));
    if c.is_async() {
        params.extend(["uniffiFutureCallback", "uniffiCallbackData", "uniffiOutDropped"].map(String::from));
    } else {
        params.extend(["uniffiOutReturn", "uniffiCallStatus"].map(String::from));
    }
    let labelled = |values: Vec<String>| {
        let label = |a: &crate::ir::Arg| if omit_labels(cfg) { String::new() } else { format!("{}: ", arg_label(&a.name)) };
        c.args.iter().zip(values).map(|(a, v)| format!("{}{v}", label(a))).collect::<Vec<_>>().join(", ")
    };
    let result_struct = match &c.async_shape {
        Some(AsyncShape::ForeignFuture(s)) => format!("Uniffi{}", s.result_struct),
        _ => String::new(),
    };
    VtableMethod {
        field: vtable_field(index),
        method: format!("{protocol}.{}", f.name).replace('`', ""),
        params: params.join(", "),
        call: format!(
            "{}uniffiObj.{}({})",
            if c.throws.is_some() || !args.is_empty() { "try " } else { "" },
            f.name,
            labelled(args.iter().map(|(_, l)| l.clone()).collect())
        ),
        lifts: args.iter().map(|(n, l)| format!("let {n} = try {l}")).collect(),
        async_call: format!(
            "{}await uniffiObj.{}({})",
            if f.effects.contains("throws") { "try " } else { "" },
            f.name,
            labelled(args.iter().map(|(n, _)| n.clone()).collect())
        ),
        is_async: c.is_async(),
        lower: c.ret.as_ref().map(|t| format!("{}.lower", SwiftType::of(t, cfg).converter)),
        lower_error: match &c.throws {
            Some(t @ Type::Enum(_)) => {
                let st = SwiftType::of(t, cfg);
                format!("{{ ($0 as? {}).map({}.lower) }}", st.name, st.converter)
            }
            _ => "nil".into(),
        },
        result_struct,
    }
}

/// Every vtable-owning interface of the module: callback interfaces, then foreign traits.
pub fn callbacks(m: &Module, cfg: &LangConfig) -> Vec<SwiftCallback> {
    let interfaces =
        m.callback_interfaces.iter().map(|cb| callback(cfg, &cb.name, &cb.docstring, &cb.foreign, true, &[]));
    let traits = m
        .objects
        .iter()
        .filter_map(|o| o.foreign.as_ref().map(|f| callback(cfg, &o.name, &o.docstring, f, false, &o.methods)));
    interfaces.chain(traits).collect()
}

/// C type definitions the vtables need, each behind its own include guard (shared ones are
/// the same in every UniFFI header, so several modules can be imported together).
pub fn c_typedefs(m: &Module) -> Vec<(String, String)> {
    let foreign: Vec<&ForeignImpl> = m
        .callback_interfaces
        .iter()
        .map(|c| &c.foreign)
        .chain(m.objects.iter().filter_map(|o| o.foreign.as_ref()))
        .collect();
    let mut out = vec![
        ("ForeignFutureDroppedCallback".into(), "typedef void (*UniffiForeignFutureDroppedCallback)(uint64_t handle);".into()),
        (
            "ForeignFutureDroppedCallbackStruct".into(),
            "typedef struct UniffiForeignFutureDroppedCallbackStruct {\n    uint64_t handle;\n    UniffiForeignFutureDroppedCallback _Nonnull free;\n} UniffiForeignFutureDroppedCallbackStruct;".into(),
        ),
        ("CallbackInterfaceFree".into(), "typedef void (*UniffiCallbackInterfaceFree)(uint64_t handle);".into()),
        ("CallbackInterfaceClone".into(), "typedef uint64_t (*UniffiCallbackInterfaceClone)(uint64_t handle);".into()),
    ];
    // One result struct and completion callback per FFI symbol (the IR dedups them).
    for s in &m.foreign_future_shapes {
        let value = s.ffi_ret.as_ref().map(|t| format!("    {} returnValue;\n", c_type(t))).unwrap_or_default();
        out.push((
            s.result_struct.clone(),
            format!("typedef struct Uniffi{0} {{\n{value}    RustCallStatus callStatus;\n}} Uniffi{0};", s.result_struct),
        ));
        out.push((
            s.complete_callback.clone(),
            format!("typedef void (*Uniffi{})(uint64_t callback_data, Uniffi{} result);", s.complete_callback, s.result_struct),
        ));
    }
    for f in &foreign {
        let mut fields = vec![
            "    UniffiCallbackInterfaceFree _Nonnull uniffiFree;".to_string(),
            "    UniffiCallbackInterfaceClone _Nonnull uniffiClone;".to_string(),
        ];
        for (i, c) in f.methods.iter().enumerate() {
            let mut params: Vec<String> = c.ffi_args.iter().map(param_type).collect();
            if c.has_call_status {
                params.push("RustCallStatus *_Nonnull uniffiCallStatus".into());
            }
            let name = format!("Uniffi{}", c.ffi_symbol.to_upper_camel_case());
            out.push((c.ffi_symbol.clone(), format!("typedef void (*{name})({});", params.join(", "))));
            fields.push(format!("    {name} _Nonnull {};", vtable_field(i)));
        }
        out.push((
            f.vtable_struct.clone(),
            format!("typedef struct Uniffi{0} {{\n{1}\n}} Uniffi{0};", f.vtable_struct, fields.join("\n")),
        ));
    }
    out.into_iter().map(|(name, text)| (format!("UNIFFI_FFIDEF_{}", name.to_shouty_snake_case()), text)).collect()
}

/// A parameter type in a callback typedef: function pointers are never null.
fn param_type(t: &FfiType) -> String {
    match t {
        FfiType::Callback(_) => format!("{} _Nonnull", c_type(t)),
        _ => c_type(t),
    }
}
