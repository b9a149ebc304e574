//! Reads IR callback interfaces and foreign traits (`with_foreign`); produces the views that
//! `templates/swift/callback.swift` renders (the Swift protocol, the vtable Rust calls through,
//! the handle map). Their C typedefs are in `ffi.rs`.

use super::callable::{callable, Role, SwiftCallable};
use super::names::{arg_label, type_name, var_name, vtable_field};
use super::options::omit_labels;
use super::types::{docs, SwiftType};
use crate::config::LangConfig;
use crate::ir::{AsyncShape, Callable, ForeignImpl, Module, Type};

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

