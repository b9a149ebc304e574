{#- A top-level function: sync calls go through `uniffiRustCall` (runtime.kt), async ones
    through `uniffiRustCallAsync` (async.kt). -#}
{{ f.doc }}
{%- if let Some(e) = f.throws %}@Throws({{ e }}::class)
{% endif -%}
{% if f.is_async %}suspend {% endif %}fun {{ f.name }}({{ f.params }}){{ f.return_decl }} {
{%- if f.is_async %}
    {% if f.lift.is_some() %}val uniffiResult = {% endif %}uniffiRustCallAsync(
        {{ f.ffi_call }},
        {{ f.future }},
        {{ f.handler }},
    )
{%- else %}
    {% if f.lift.is_some() %}val uniffiResult = {% endif %}uniffiRustCall({{ f.handler }}) { {{ f.status_param }} ->
        {{ f.ffi_call }}
    }
{%- endif %}
{%- if let Some(lift) = f.lift %}
    return {{ lift }}
{%- endif %}
}
