{#- Converters for builtin and collection types; one object per type the module uses. Each has
    `check(value, what)` (throws TypeError/RangeError before anything crosses the FFI),
    `lower`/`lift` (FFI values) and `write`/`read` (the serialized form). #}
// ---- type converters ------------------------------------------------------------------
{%- for t in v.converters %}
{%- if t.kind == "int" %}

const {{ t.converter }} = {
  check(value, what) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new TypeError(`${what}: expected an integer number ({{ t.canonical }}), got ${uniffiDescribe(value)}`);
    }
    if (value < {{ t.min }} || value > {{ t.max }}) {
      throw new RangeError(`${what}: ${value} is out of range for {{ t.canonical }} ({{ t.min }}..={{ t.max }})`);
    }
  },
  lower(value) {
    return value;
  },
  lift(value) {
    return value;
  },
  write(value, writer) {
    writer.view.set{{ t.view }}(writer.reserve({{ t.size }}), value);
  },
  read(reader) {
    return reader.view.get{{ t.view }}(reader.advance({{ t.size }}));
  },
};
{%- else if t.kind == "bigint" %}

const {{ t.converter }} = {
  check(value, what) {
    if (typeof value !== 'bigint') {
      throw new TypeError(`${what}: expected a bigint ({{ t.canonical }}), got ${uniffiDescribe(value)}`);
    }
    if (value < {{ t.min }} || value > {{ t.max }}) {
      throw new RangeError(`${what}: ${value} is out of range for {{ t.canonical }} ({{ t.min }}..={{ t.max }})`);
    }
  },
  lower(value) {
    return value;
  },
  lift(value) {
    return BigInt(value);
  },
  write(value, writer) {
    writer.view.set{{ t.view }}(writer.reserve(8), value);
  },
  read(reader) {
    return reader.view.get{{ t.view }}(reader.advance(8));
  },
};
{%- else if t.kind == "float" %}

const {{ t.converter }} = {
  check(value, what) {
    if (typeof value !== 'number') {
      throw new TypeError(`${what}: expected a number ({{ t.canonical }}), got ${uniffiDescribe(value)}`);
    }
  },
  lower(value) {
    return value;
  },
  lift(value) {
    return value;
  },
  write(value, writer) {
    writer.view.set{{ t.view }}(writer.reserve({{ t.size }}), value);
  },
  read(reader) {
    return reader.view.get{{ t.view }}(reader.advance({{ t.size }}));
  },
};
{%- else if t.kind == "bool" %}

const {{ t.converter }} = {
  check(value, what) {
    if (typeof value !== 'boolean') {
      throw new TypeError(`${what}: expected a boolean, got ${uniffiDescribe(value)}`);
    }
  },
  lower(value) {
    return value ? 1 : 0;
  },
  lift(value) {
    return value !== 0;
  },
  write(value, writer) {
    writer.view.setInt8(writer.reserve(1), value ? 1 : 0);
  },
  read(reader) {
    return reader.view.getInt8(reader.advance(1)) !== 0;
  },
};
{%- else if t.kind == "string" %}

const {{ t.converter }} = {
  check(value, what) {
    if (typeof value !== 'string') {
      throw new TypeError(`${what}: expected a string, got ${uniffiDescribe(value)}`);
    }
  },
  lower(value) {
    return uniffiBufferFromBytes(uniffiEncoder.encode(value));
  },
  lift(buf) {
    return uniffiStringFromBuffer(buf);
  },
  write(value, writer) {
    uniffiWriteString(value, writer);
  },
  read(reader) {
    return uniffiReadString(reader);
  },
};
{%- else if t.kind == "optional" %}
{%- let inner = t.inner[0] %}

const {{ t.converter }} = {
  check(value, what) {
    if (value !== undefined && value !== null) {
      {{ inner }}.check(value, what);
    }
  },
  lower(value) {
    return uniffiLowerSerialized({{ t.converter }}, value);
  },
  lift(buf) {
    return uniffiLiftSerialized({{ t.converter }}, buf);
  },
  write(value, writer) {
    if (value === undefined || value === null) {
      writer.view.setInt8(writer.reserve(1), 0);
    } else {
      writer.view.setInt8(writer.reserve(1), 1);
      {{ inner }}.write(value, writer);
    }
  },
  read(reader) {
    return reader.view.getInt8(reader.advance(1)) === 0 ? undefined : {{ inner }}.read(reader);
  },
};
{%- else if t.kind == "sequence" %}
{%- let inner = t.inner[0] %}

const {{ t.converter }} = {
  check(value, what) {
    if (!Array.isArray(value)) {
      throw new TypeError(`${what}: expected an array, got ${uniffiDescribe(value)}`);
    }
    value.forEach((item, i) => {{ inner }}.check(item, `${what}[${i}]`));
  },
  lower(value) {
    return uniffiLowerSerialized({{ t.converter }}, value);
  },
  lift(buf) {
    return uniffiLiftSerialized({{ t.converter }}, buf);
  },
  write(value, writer) {
    writer.writeI32(value.length);
    for (const item of value) {
      {{ inner }}.write(item, writer);
    }
  },
  read(reader) {
    const count = reader.readI32();
    const items = [];
    for (let i = 0; i < count; i++) {
      items.push({{ inner }}.read(reader));
    }
    return items;
  },
};
{%- else if t.kind == "map" %}

const {{ t.converter }} = {
  check(value, what) {
    if (!(value instanceof Map)) {
      throw new TypeError(`${what}: expected a Map, got ${uniffiDescribe(value)}`);
    }
    for (const [key, item] of value) {
      {{ t.inner[0] }}.check(key, `${what} key`);
      {{ t.inner[1] }}.check(item, `${what}[${uniffiDescribe(key)}]`);
    }
  },
  lower(value) {
    return uniffiLowerSerialized({{ t.converter }}, value);
  },
  lift(buf) {
    return uniffiLiftSerialized({{ t.converter }}, buf);
  },
  write(value, writer) {
    writer.writeI32(value.size);
    for (const [key, item] of value) {
      {{ t.inner[0] }}.write(key, writer);
      {{ t.inner[1] }}.write(item, writer);
    }
  },
  read(reader) {
    const count = reader.readI32();
    const map = new Map();
    for (let i = 0; i < count; i++) {
      const key = {{ t.inner[0] }}.read(reader);
      map.set(key, {{ t.inner[1] }}.read(reader));
    }
    return map;
  },
};
{%- endif %}
{%- endfor %}
