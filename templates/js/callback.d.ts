{#- A callback interface: the methods a JS object needs to be passed where Rust expects one. #}
{{ fi.doc }}export interface {{ fi.name }} {
{%- if fi.dispatch_main %}
  // `dispatch = "main"`: like every callback, its methods run on the JS thread (koffi relays
  // calls from Rust threads there).
{%- endif %}
{%- for m in fi.methods %}
{{ m.doc }}  {{ m.ts_sig }}
{%- endfor %}
}
