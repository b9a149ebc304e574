{#- The exported Rust trait impls of an object, record or enum (`tr`, a `KtTraits`): the helpers
    calling Rust (`uniffiDisplay`, `uniffiEq`, ...; rendered by callable.rs), then the overrides
    over them: Display (or Debug) -> `toString`, Eq -> `equals`, Hash -> `hashCode`, Ord ->
    `compareTo`. In a data-class variant of an enum (`tr.in_variant`), the overrides only, one per
    line and without `compareTo` (the enum's sealed class has it). -#}
{%- if tr.in_variant %}
{%- if let Some(f) = tr.to_string %}
        override fun toString(): {{ tr.string_type }} = {{ f }}()
{%- endif %}
{%- if tr.has_eq %}
        override fun equals(other: Any?): Boolean = other is {{ tr.class }} && uniffiEq(other)
{%- endif %}
{%- if tr.has_hash %}
        override fun hashCode(): Int = uniffiHash().toInt()
{%- endif %}
{%- else %}
{%- for h in tr.helpers %}

{{ h }}
{%- endfor %}
{%- if let Some(f) = tr.to_string %}

    override fun toString(): {{ tr.string_type }} = {{ f }}()
{%- endif %}
{%- if tr.has_eq %}

    override fun equals(other: Any?): Boolean = other is {{ tr.class }} && uniffiEq(other)
{%- endif %}
{%- if tr.has_hash %}

    override fun hashCode(): Int = uniffiHash().toInt()
{%- endif %}
{%- if tr.has_cmp %}

    override fun compareTo(other: {{ tr.class }}): Int = uniffiCmp(other).toInt()
{%- endif %}
{%- endif %}
