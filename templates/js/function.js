{#- A top-level function: sync calls go through `uniffiRustCall`; async ones return a Promise
    driven by `uniffiRustCallAsync` (async.js) and accept `{ signal }` as a last argument;
    offloaded ones return a Promise of `uniffiRustCallOffload` (async.js). The macro `body` is
    the call of every callable (functions here, constructors and methods in object.js and
    traits.js): argument checks, then the FFI call, its raw result in `uniffiRaw`; `ind` is
    the indentation of its lines. #}
{%- macro body(f, ind) %}
{%- for c in f.checks %}
{{ ind }}{{ c }}
{%- endfor %}
{%- if f.is_async %}
{{ ind }}{% if f.lift.is_some() %}const uniffiRaw = {% endif %}await uniffiRustCallAsync(() => {{ f.ffi_call }}, {{ f.family }}, {{ f.error }}, uniffiOptions.signal);
{%- else if f.is_offload %}
{{ ind }}{% if f.lift.is_some() %}const uniffiRaw = {% endif %}await uniffiRustCallOffload({{ f.ffi_call }}, {{ f.error }});
{%- else %}
{{ ind }}{% if f.lift.is_some() %}const uniffiRaw = {% endif %}{{ f.ffi_call }};
{%- endif %}
{%- endmacro %}
{{ f.doc }}export {% if f.returns_promise %}async {% endif %}function {{ f.name }}({{ f.params }}) {
{%- call body(f, "  ") %}{% endcall %}
{%- if let Some(lift) = f.lift %}
  return {{ lift }}.lift(uniffiRaw);
{%- endif %}
}
