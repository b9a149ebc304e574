{#- A record: a plain class with keyword constructor, equality and repr; and its converter. #}


class {{ r.name }}:
{%- if let Some(doc) = r.docstring %}
    """{{ doc }}"""
{%- endif %}
{%- for f in r.fields %}
    {{ f.name }}: {{ f.hint }}
{%- endfor %}

    def __init__(self, {% for f in r.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}: {{ f.hint }}{% if let Some(d) = f.default %} = {{ d }}{% endif %}{% endfor %}) -> None:
{%- for f in r.fields %}
        self.{{ f.name }} = {{ f.name }}
{%- endfor %}
{%- if r.fields.is_empty() %}
        pass
{%- endif %}

    def __repr__(self) -> str:
        return f"{{ r.name }}({% for f in r.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={self.{{ f.name }}!r}{% endfor %})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, {{ r.name }}):
            return NotImplemented
        return {% for f in r.fields %}{% if !loop.first %} and {% endif %}self.{{ f.name }} == other.{{ f.name }}{% endfor %}{% if r.fields.is_empty() %}True{% endif %}


class {{ r.converter }}(_UniffiBufferConverter):
    @staticmethod
    def write(value: {{ r.name }}, out: bytearray) -> None:
{%- for f in r.fields %}
        {{ f.converter }}.write(value.{{ f.name }}, out)
{%- endfor %}
{%- if r.fields.is_empty() %}
        pass
{%- endif %}

    @staticmethod
    def read(buf: _UniffiReader) -> {{ r.name }}:
        return {{ r.name }}({% for f in r.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={{ f.converter }}.read(buf){% endfor %})
