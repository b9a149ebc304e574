{#- Enums and errors: `enum class` for flat enums, a sealed class with nested variant classes
    for enums with data and for errors (`kotlin.Exception` subclasses); plus the converter that
    reads/writes the variant index (1-based) and fields. -#}
{{ e.doc }}
{%- if e.is_plain_flat %}enum class {{ e.name }}{% if let Some(t) = e.value_type %}(val value: {{ t }}){% endif %} {
{%- for v in e.variants %}
    {{ v.doc }}{{ v.name }}{% if e.value_type.is_some() %}({{ v.value }}){% endif %}{% if loop.last %};{% else %},{% endif %}
{%- endfor %}
{%- for m in e.methods %}

{{ m }}
{%- endfor %}
{%- let tr = e.traits %}
{%- include "traits.kt" %}

    companion object
}

internal object {{ e.converter }} : UniffiConverterRustBuffer<{{ e.name }}> {
    override fun read(buf: ByteBuffer): {{ e.name }} {
        val index = buf.getInt()
        return {{ e.name }}.{% if opts.enum_entries %}entries{% else %}values(){% endif %}.getOrNull(index - 1)
            ?: throw InternalException("invalid {{ e.name }} variant index $index")
    }

    override fun allocationSize(value: {{ e.name }}): Long = 4L

    override fun write(value: {{ e.name }}, buf: ByteBuffer) {
        buf.putInt(value.ordinal + 1)
    }
}
{%- else %}
{%- if e.is_flat_error %}sealed class {{ e.name }}(message: kotlin.String) : kotlin.Exception(message){% if e.traits.has_cmp %}, Comparable<{{ e.name }}>{% endif %} {
{%- for v in e.variants %}
    {{ v.doc }}class {{ v.name }}(message: kotlin.String) : {{ e.name }}(message)
{%- endfor %}
{%- else if e.is_error %}sealed class {{ e.name }} : kotlin.Exception(){% if e.traits.has_cmp %}, Comparable<{{ e.name }}>{% endif %} {
{%- for v in e.variants %}
    {{ v.doc }}class {{ v.name }}{% if !v.fields.is_empty() %}(
{%- for f in v.fields %}
        {{ f.doc }}{% if f.name == "message" %}override {% endif %}val {{ f.name }}: {{ f.type_name }}{{ f.default }},
{%- endfor %}
    ){% endif %} : {{ e.name }}(){% if v.message_field %}
{%- else %} {
        override val message: kotlin.String
            get() = "{{ v.message }}"
    }
{%- endif %}
{%- endfor %}
{%- else %}sealed class {{ e.name }}
{%- if e.disposable || e.traits.has_cmp %} :{% endif %}
{%- if e.disposable %} Disposable, AutoCloseable{% if e.traits.has_cmp %},{% endif %}{% endif %}
{%- if e.traits.has_cmp %} Comparable<{{ e.name }}>{% endif %} {
{%- for v in e.variants %}
{%- if v.fields.is_empty() %}
    {{ v.doc }}{{ e.object_keyword }} {{ v.name }} : {{ e.name }}()
{%- else %}
    {{ v.doc }}data class {{ v.name }}(
{%- for f in v.fields %}
        {{ f.doc }}val {{ f.name }}: {{ f.type_name }}{{ f.default }},
{%- endfor %}
    ) : {{ e.name }}() {
{%- let tr = e.variant_traits %}
{%- include "traits.kt" %}
        companion object
    }
{%- endif %}
{%- endfor %}
{%- if e.disposable %}

    /** Destroys the Rust objects this value holds. */
    override fun destroy() {
        when (this) {
{%- for v in e.variants %}
            is {{ e.name }}.{{ v.name }} -> {% if v.fields.is_empty() %}{}{% else %}Disposable.destroy({% for f in v.fields %}{% if !loop.first %}, {% endif %}this.{{ f.name }}{% endfor %}){% endif %}
{%- endfor %}
        }
    }

    /** Same as [destroy], for `use { }` blocks. */
    override fun close() = destroy()
{%- endif %}
{%- endif %}
{%- for m in e.methods %}

{{ m }}
{%- endfor %}
{%- let tr = e.traits %}
{%- include "traits.kt" %}

    companion object
}

internal object {{ e.converter }} : UniffiConverterRustBuffer<{{ e.name }}> {
    override fun read(buf: ByteBuffer): {{ e.name }} =
        when (val index = buf.getInt()) {
{%- for v in e.variants %}
{%- if e.is_flat_error %}
            {{ v.index }} -> {{ e.name }}.{{ v.name }}(UniffiConverterString.read(buf))
{%- else if e.is_error || !v.fields.is_empty() %}
            {{ v.index }} -> {{ e.name }}.{{ v.name }}({% for f in v.fields %}{% if !loop.first %}, {% endif %}{{ f.converter }}.read(buf){% endfor %})
{%- else %}
            {{ v.index }} -> {{ e.name }}.{{ v.name }}
{%- endif %}
{%- endfor %}
            else -> throw InternalException("invalid {{ e.name }} variant index $index")
        }

    override fun allocationSize(value: {{ e.name }}): Long =
{%- if e.is_flat_error %} 4L
{%- else %}
        when (value) {
{%- for v in e.variants %}
            is {{ e.name }}.{{ v.name }} -> 4L{% for f in v.fields %} + {{ f.converter }}.allocationSize(value.{{ f.name }}){% endfor %}
{%- endfor %}
        }
{%- endif %}

    override fun write(value: {{ e.name }}, buf: ByteBuffer) {
        when (value) {
{%- for v in e.variants %}
{%- if v.fields.is_empty() || e.is_flat_error %}
            is {{ e.name }}.{{ v.name }} -> buf.putInt({{ v.index }})
{%- else %}
            is {{ e.name }}.{{ v.name }} -> {
                buf.putInt({{ v.index }})
{%- for f in v.fields %}
                {{ f.converter }}.write(value.{{ f.name }}, buf)
{%- endfor %}
            }
{%- endif %}
{%- endfor %}
        }
    }
}
{%- endif %}
