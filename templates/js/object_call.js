{#- The body of a constructor or method call: checks, then the FFI call into `uniffiRaw`. #}
{%- for c in f.checks %}
    {{ c }}
{%- endfor %}
{%- if f.is_async %}
    {% if f.lift.is_some() %}const uniffiRaw = {% endif %}await uniffiRustCallAsync(() => {{ f.ffi_call }}, {{ f.family }}, {{ f.error }}, uniffiOptions.signal);
{%- else if f.is_offload %}
    {% if f.lift.is_some() %}const uniffiRaw = {% endif %}await uniffiRustCallOffload({{ f.ffi_call }}, {{ f.error }});
{%- else %}
    {% if f.lift.is_some() %}const uniffiRaw = {% endif %}{{ f.ffi_call }};
{%- endif %}
