{#- A callback interface or the foreign side of a foreign trait: any JS object with the right
    methods. Rust calls them through a vtable of registered koffi callbacks; calls from Rust
    threads are relayed by koffi to the JS thread. Sync methods write their result through
    `outReturn` and errors into the call status; async methods complete a foreign future. #}
const {{ fi.handles }} = new UniffiHandleMap('{{ fi.name }}');
{%- for meth in fi.methods %}

function {{ meth.function }}({{ meth.raw_params }}) {
  const uniffiSelf = {{ fi.handles }}.get(uniffiHandle);
{%- if meth.is_async %}
  uniffiForeignFuture(
    uniffiOutDropped,
    uniffiComplete,
    {{ meth.complete_proto }},
    uniffiCallbackData,
    {% match meth.lower %}{% when Some(l) %}(uniffiValue) => {
      {{ l }}.check(uniffiValue, '{{ fi.name }}.{{ meth.name }}() result');
      return { return_value: {{ l }}.lower(uniffiValue), call_status: uniffiNewStatus() };
    }{% when None %}() => ({ call_status: uniffiNewStatus() }){% endmatch %},
    (uniffiCallStatus) => ({ {% if let Some(z) = meth.zero %}return_value: {{ z }}, {% endif %}call_status: uniffiCallStatus }),
    {{ meth.error }},
    (uniffiOptions) => uniffiSelf.{{ meth.name }}({% if !meth.lifted.is_empty() %}{{ meth.lifted }}, {% endif %}uniffiOptions),
  );
{%- else %}
  uniffiForeignCall(uniffiStatus, uniffiOutReturn, {% match meth.out_type %}{% when Some(t) %}{{ t }}{% when None %}undefined{% endmatch %}, {{ meth.error }}, () => {
{%- match meth.lower %}
{%- when Some(l) %}
    const uniffiValue = uniffiSelf.{{ meth.name }}({{ meth.lifted }});
    {{ l }}.check(uniffiValue, '{{ fi.name }}.{{ meth.name }}() result');
    return {{ l }}.lower(uniffiValue);
{%- when None %}
    uniffiSelf.{{ meth.name }}({{ meth.lifted }});
{%- endmatch %}
  });
{%- endif %}
}
{%- endfor %}

// Built only by the thread that registers the vtables with Rust (a worker that does not would
// only use up koffi's callback slots).
const {{ fi.vtable }} = uniffiOwnsVTables ? uniffiVTable({{ fi.vtable_struct }}, {{ fi.handles }}, {
{%- for meth in fi.methods %}
  {{ meth.field }}: koffi.register({{ meth.function }}, koffi.pointer({{ meth.proto }})),
{%- endfor %}
}, {
{%- for meth in fi.methods %}
  {{ meth.field }}: ['{{ meth.name }}', {{ meth.gate_classes }}],
{%- endfor %}
}) : null;
if (uniffiOwnsVTables) {
  uniffiFfi.{{ fi.init_symbol }}({{ fi.vtable }});
}

const {{ fi.converter }}{% if fi.is_trait %}Foreign{% endif %} = {
  check(value, what) {
    if (typeof value !== 'object' || value === null) {
      throw new TypeError(`${what}: expected an object implementing {{ fi.name }}, got ${uniffiDescribe(value)}`);
    }
{%- for meth in fi.methods %}
    if (typeof value.{{ meth.name }} !== 'function') {
      throw new TypeError(`${what}: {{ fi.name }} needs a method {{ meth.name }}()`);
    }
{%- endfor %}
  },
{%- if !fi.is_trait %}
  lower(value) {
    return {{ fi.handles }}.insert(value);
  },
  lift(raw) {
    return {{ fi.handles }}.remove(raw);
  },
  write(value, writer) {
    writer.put('setBigUint64', 8, this.lower(value));
  },
  read(reader) {
    return this.lift(reader.view.getBigUint64(reader.advance(8)));
  },
{%- endif %}
};
