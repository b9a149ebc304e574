{#- A top-level function: sync calls go through `uniffiRustCall` (runtime.swift), async ones
    through `uniffiRustCallAsync` (async.swift). #}
{%- for line in f.doc %}
/// {{ line }}
{%- endfor %}
public func {{ f.name }}({{ f.params }}){% if f.is_async %} async throws{% else if f.throws %} throws{% endif %}{{ f.ret_decl }} {
{%- if f.is_async %}
    try await uniffiRustCallAsync(
        makeFuture: { {{ f.ffi_symbol }}({{ f.lowered_args }}) },
        poll: { {{ f.poll }}($0, $1, $2) },
        complete: { {{ f.complete }}($0, $1) },
        cancel: { {{ f.cancel }}($0) },
        free: { {{ f.free }}($0) },
        lift: {% if let Some(lift) = f.lift %}{{ lift }}.lift{% else %}{ $0 }{% endif %},
        errorLift: {{ f.error_lift }}
    )
{%- else if f.throws %}
    try {% if let Some(lift) = f.lift %}{{ lift }}.lift({% endif %}uniffiRustCall({{ f.error_lift }}) { uniffiStatus in
        {{ f.ffi_symbol }}({{ f.lowered_args }}{% if !f.lowered_args.is_empty() %}, {% endif %}uniffiStatus)
    }{% if f.lift.is_some() %}){% endif %}
{%- else %}
    uniffiInfallible {
        try {% if let Some(lift) = f.lift %}{{ lift }}.lift({% endif %}uniffiRustCall(nil) { uniffiStatus in
            {{ f.ffi_symbol }}({{ f.lowered_args }}{% if !f.lowered_args.is_empty() %}, {% endif %}uniffiStatus)
        }{% if f.lift.is_some() %}){% endif %}
    }
{%- endif %}
}
