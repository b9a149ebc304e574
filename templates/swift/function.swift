{#- One callable (function, method, constructor or trait method), rendered on its own and
    indented by `callable.rs`: sync calls go through `uniffiRustCall` (runtime.swift), async ones
    through `uniffiRustCallAsync` (a cancel hook only for `cancellable` ones; infallible ones
    that are not `cancellable` run under `uniffiInfallibleAsync`: upstream's signature); `offload` wraps the sync call in `uniffiOffload` and
    `blocking` adds a `…Blocking` twin driven by `uniffiRustCallBlocking` (async.swift, offload_pool.swift).
    A primary constructor gets the handle and hands it to the designated initializer. #}
{%- for line in f.doc %}
/// {{ line }}
{%- endfor %}
{%- if f.offload %}
{%- if !f.doc.is_empty() %}
///
{%- endif %}
/// Runs the blocking Rust call on a thread of its own, off Swift's cooperative pool.
{%- endif %}
{{ f.decl }}({{ f.params }}){{ f.effects }}{{ f.ret_decl }} {
{%- if f.offload %}
    {{ f.bind }}try await uniffiOffload {
        try {% if let Some(lift) = f.lift %}{{ lift }}({% endif %}uniffiRustCall({{ f.error_lift }}) { uniffiStatus in
            {{ f.ffi_symbol }}({{ f.lowered_args }}{% if !f.lowered_args.is_empty() %}, {% endif %}uniffiStatus)
        }{% if f.lift.is_some() %}){% endif %}
    }
{%- else if f.is_async && (f.throws || f.cancellable) %}
    {{ f.bind }}try await uniffiRustCallAsync(
        makeFuture: { {{ f.ffi_symbol }}({{ f.lowered_args }}) },
        poll: { {{ f.poll }}($0, $1, $2) },
        complete: { {{ f.complete }}($0, $1) },
        cancel: {% if f.cancellable %}{ {{ f.cancel }}($0) }{% else %}nil{% endif %},
        free: { {{ f.free }}($0) },
        lift: {% if let Some(lift) = f.lift %}{{ lift }}{% else %}{ $0 }{% endif %},
        errorLift: {{ f.error_lift }}
    )
{%- else if f.is_async %}
    {{ f.bind }}await uniffiInfallibleAsync {
        try await uniffiRustCallAsync(
            makeFuture: { {{ f.ffi_symbol }}({{ f.lowered_args }}) },
            poll: { {{ f.poll }}($0, $1, $2) },
            complete: { {{ f.complete }}($0, $1) },
            cancel: nil,
            free: { {{ f.free }}($0) },
            lift: {% if let Some(lift) = f.lift %}{{ lift }}{% else %}{ $0 }{% endif %},
            errorLift: nil
        )
    }
{%- else if f.throws %}
    {{ f.bind }}try {% if let Some(lift) = f.lift %}{{ lift }}({% endif %}uniffiRustCall({{ f.error_lift }}) { uniffiStatus in
        {{ f.ffi_symbol }}({{ f.lowered_args }}{% if !f.lowered_args.is_empty() %}, {% endif %}uniffiStatus)
    }{% if f.lift.is_some() %}){% endif %}
{%- else %}
    {{ f.bind }}uniffiInfallible {
        try {% if let Some(lift) = f.lift %}{{ lift }}({% endif %}uniffiRustCall(nil) { uniffiStatus in
            {{ f.ffi_symbol }}({{ f.lowered_args }}{% if !f.lowered_args.is_empty() %}, {% endif %}uniffiStatus)
        }{% if f.lift.is_some() %}){% endif %}
    }
{%- endif %}
{%- if f.is_init %}
    self.init(uniffiHandle: uniffiHandle)
{%- endif %}
}
{%- if f.blocking %}

/// Blocking twin of `{{ f.name }}`: waits on the calling thread, no executor needed.
{{ f.blocking_decl }}({{ f.params }}){% if f.throws %} throws{% endif %}{{ f.ret_decl }} {
{%- if f.throws %}
    {{ f.bind }}try uniffiRustCallBlocking(
        makeFuture: { {{ f.ffi_symbol }}({{ f.lowered_args }}) },
        poll: { {{ f.poll }}($0, $1, $2) },
        complete: { {{ f.complete }}($0, $1) },
        free: { {{ f.free }}($0) },
        lift: {% if let Some(lift) = f.lift %}{{ lift }}{% else %}{ $0 }{% endif %},
        errorLift: {{ f.error_lift }}
    )
{%- else %}
    {{ f.bind }}uniffiInfallible {
        try uniffiRustCallBlocking(
            makeFuture: { {{ f.ffi_symbol }}({{ f.lowered_args }}) },
            poll: { {{ f.poll }}($0, $1, $2) },
            complete: { {{ f.complete }}($0, $1) },
            free: { {{ f.free }}($0) },
            lift: {% if let Some(lift) = f.lift %}{{ lift }}{% else %}{ $0 }{% endif %},
            errorLift: nil
        )
    }
{%- endif %}
{%- if f.is_init %}
    self.init(uniffiHandle: uniffiHandle)
{%- endif %}
}
{%- endif %}
