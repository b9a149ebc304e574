//! Reads IR callback interfaces and foreign traits (`with_foreign`); produces the views that
//! `templates/swift/callback.swift` renders (the Swift protocol, the vtable Rust calls through,
//! the handle map) and, for a foreign trait marked as a stream (`[bindings.async] streams`,
//! `ForeignImpl::stream_next`), its adapter: the `as<Trait>()` extension of `AsyncSequence` and
//! the private class implementing the protocol over `UniffiStreamPump`
//! (`templates/swift/stream_source.swift`), after checking the adapter's name against the
//! module's other generated names. Their C typedefs are in `ffi.rs`.

use anyhow::{bail, Result};
use camino::Utf8Path;

use super::callable::{callable, Role, SwiftCallable};
use super::names::{
    arg_label, stream_adapter, stream_adapter_class, stream_type_clash, type_name, var_name, vtable_field,
};
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
    /// A stream trait (`[bindings.async] streams`): the adapter of Swift async sequences.
    pub stream: Option<SwiftStreamSource>,
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
    /// The stream method of a stream trait: the adapter class, which the vtable pulls from
    /// directly (so the sequence's errors reach Rust even when the requirement cannot throw).
    pub stream_class: Option<String>,
}

/// `owner`: a foreign trait's Rust-side methods, whose annotations (`cancellable`) the
/// protocol shares.
pub fn callback(
    m: &Module,
    cfg: &LangConfig,
    cfg_file: &Utf8Path,
    (name, doc): (&str, &Option<String>),
    f: &ForeignImpl,
    interface: bool,
    owner: &[Callable],
) -> Result<SwiftCallback> {
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
    let stream = stream_source(m, cfg, name, f, cfg_file)?;
    let mut vtable: Vec<VtableMethod> =
        methods.iter().enumerate().map(|(i, (v, c))| vtable_method(cfg, &type_name(name), i, v, c)).collect();
    if let Some(s) = &stream {
        vtable.iter_mut().filter(|v| v.field == s.field).for_each(|v| v.stream_class = Some(s.class_name.clone()));
    }
    Ok(SwiftCallback {
        doc: docs(doc),
        protocol_name: type_name(name),
        render_protocol: interface,
        requirements: methods.iter().map(|(v, c)| requirement(v, c, f.dispatch.is_main())).collect(),
        converter: SwiftType::of(&ty, cfg).converter,
        vtable_struct: format!("Uniffi{}", f.vtable_struct),
        init_symbol: f.init_symbol.clone(),
        dispatch_main: f.dispatch.is_main(),
        methods: vtable,
        stream,
    })
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
        stream_class: None,
    }
}

/// Every vtable-owning interface of the module: callback interfaces, then foreign traits.
pub fn callbacks(m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Vec<SwiftCallback>> {
    let interfaces = m
        .callback_interfaces
        .iter()
        .map(|cb| callback(m, cfg, cfg_file, (&cb.name, &cb.docstring), &cb.foreign, true, &[]));
    let traits = m.objects.iter().filter_map(|o| {
        o.foreign.as_ref().map(|f| callback(m, cfg, cfg_file, (&o.name, &o.docstring), f, false, &o.methods))
    });
    interfaces.chain(traits).collect()
}

/// The adapter turning a Swift `AsyncSequence` into an implementation of a stream trait.
pub struct SwiftStreamSource {
    /// The `AsyncSequence` extension method (`asNumberSource`).
    pub adapter: String,
    /// The private class implementing the protocol (`UniffiStreamSourceNumberSource`).
    pub class_name: String,
    /// The item type `T` of the method's `Option<T>` (`UInt32`).
    pub item: String,
    /// The class's implementation of the stream method's requirement, without its body
    /// (`func next() async -> UInt32?`).
    pub requirement: String,
    /// The requirement throws: the adapter rethrows the sequence's error; otherwise an error or
    /// a cancellation ends the call with `nil` (Rust gets errors through the vtable, which pulls
    /// directly).
    pub throws: bool,
    /// The vtable field of the stream method (`method0`).
    pub field: String,
}

/// The adapter of `name`'s foreign side, or `None` when it is not a stream. Refuses an adapter
/// name that another generated name of the module already has, and a trait or item type named
/// like an associated type of `AsyncSequence` (see `names.rs`).
fn stream_source(
    m: &Module,
    cfg: &LangConfig,
    name: &str,
    f: &ForeignImpl,
    cfg_file: &Utf8Path,
) -> Result<Option<SwiftStreamSource>> {
    let Some((index, c)) = f.methods.iter().enumerate().find(|(_, c)| c.annotations.stream_next) else {
        return Ok(None);
    };
    let Some(item) = c.stream_item() else {
        return Ok(None);
    };
    let protocol = type_name(name);
    let adapter = stream_adapter(&protocol);
    if let Some(clash) = adapter_clash(m, cfg, &adapter) {
        bail!(
            "{cfg_file}: [bindings.async] streams: `{name}`: its Swift adapter \
             `AsyncSequence.{adapter}()` would be named like {clash}; rename one of them \
             (`[bindings.swift.rename]`) or leave `{name}` out of `streams`"
        );
    }
    let item = SwiftType::of(item, cfg).name;
    // Inside the `AsyncSequence` extension these names mean the protocol's associated types.
    if let Some(clash) = stream_type_clash(&format!("{protocol} {item}")) {
        bail!(
            "{cfg_file}: [bindings.async] streams: `{name}`: the trait or its item type uses a \
             type named `{clash}`, which in the Swift adapter (an `AsyncSequence` extension) \
             means the sequence's associated type; rename the type (`[bindings.swift.rename]`) \
             or leave `{name}` out of `streams`"
        );
    }
    let view = callable(cfg, c, Role::Method);
    let isolation = if f.dispatch.is_main() { "@MainActor " } else { "" };
    Ok(Some(SwiftStreamSource {
        class_name: stream_adapter_class(&protocol),
        adapter,
        item,
        requirement: format!("{isolation}func {}(){}{}", view.name, view.effects, view.ret_decl),
        throws: view.effects.contains("throws"),
        field: vtable_field(index),
    }))
}

/// What else of the module is (or, in Swift, reads as) `adapter`: a top-level function, or a
/// method of a Rust stream object (an `AsyncSequence` too, whose own method would hide the
/// extension's).
fn adapter_clash(m: &Module, cfg: &LangConfig, adapter: &str) -> Option<String> {
    if let Some(f) = m.functions.iter().find(|f| callable(cfg, f, Role::Function).name == adapter) {
        return Some(format!("the top-level function `{}` (`{}`)", adapter, f.name));
    }
    m.objects.iter().filter(|o| o.stream_next().is_some()).find_map(|o| {
        o.methods
            .iter()
            .find(|c| callable(cfg, c, Role::Method).name == adapter)
            .map(|c| format!("the method `{}.{}` of the stream `{}`", o.name, c.name, o.name))
    })
}
