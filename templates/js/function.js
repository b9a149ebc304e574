{#- A top-level function: sync calls go through `uniffiRustCall`; async ones return a Promise
    driven by `uniffiRustCallAsync` (async.js) and accept `{ signal }` as a last argument;
    offloaded ones return a Promise of `uniffiRustCallOffload` (async.js). The macro `body` is
    the call of every callable (functions here, constructors and methods in object.js and
    traits.js, methods of records and enums in `companion`): argument checks, then the FFI
    call, its raw result in `uniffiRaw`; `ind` is the indentation of its lines. #}
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
{#- The methods and Rust traits of a record or enum, members of its companion value: `prefix`
    is `static ` in an error class, `sep` the `,` between the members of an object literal;
    `after`: other members precede them (a blank line separates each member from the last). #}
{%- macro companion(methods, prefix, sep, after) %}
{%- for f in methods %}
{%- if after || !loop.first %}
{% endif %}
{{ f.doc }}  {{ prefix }}{% if f.returns_promise %}async {% endif %}{{ f.name }}({{ f.params }}) {
{%- call body(f, "    ") %}{% endcall %}
{%- if let Some(lift) = f.lift %}
    return {{ lift }}.lift(uniffiRaw);
{%- endif %}
  }{{ sep }}
{%- endfor %}
{%- endmacro %}
{{ f.doc }}export {% if f.returns_promise %}async {% endif %}function {{ f.name }}({{ f.params }}) {
{%- call body(f, "  ") %}{% endcall %}
{%- if let Some(lift) = f.lift %}
  return {{ lift }}.lift(uniffiRaw);
{%- endif %}
}
