{#- Converters for builtin and collection types; one object per type the module uses. Each has
    `check(value, what)` (throws a TypeError before anything crosses the FFI),
    `lower`/`lift` (FFI values) and `write`/`read` (the serialized form). #}
// ---- type converters ------------------------------------------------------------------

/**
 * A converter that forwards to another, looked up at each use: a converter is only ever
 * referenced inside functions, never while the module is being defined, so the order in which
 * converters are declared does not matter.
 */
function uniffiForward(target) {
  return {
    check: (value, what) => target().check(value, what),
    lower: (value) => target().lower(value),
    lift: (value) => target().lift(value),
    write: (value, writer) => target().write(value, writer),
    read: (reader) => target().read(reader),
  };
}
{%- for t in v.converters %}
{%- if t.kind == "int" || t.kind == "float" %}

const {{ t.converter }} = {
  check(value, what) {
{%- if t.kind == "int" %}
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new TypeError(`${what}: expected an integer number ({{ t.canonical }}), got ${uniffiDescribe(value)}`);
    }
    if (value < {{ t.min }} || value > {{ t.max }}) {
      throw new TypeError(`${what}: ${value} is out of range for {{ t.canonical }} ({{ t.min }}..={{ t.max }})`);
    }
{%- else %}
    if (typeof value !== 'number') {
      throw new TypeError(`${what}: expected a number ({{ t.canonical }}), got ${uniffiDescribe(value)}`);
    }
{%- endif %}
  },
  lower(value) {
    return value;
  },
  lift(value) {
    return value;
  },
  write(value, writer) {
    writer.put('set{{ t.view }}', {{ t.size }}, value);
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
      throw new TypeError(`${what}: ${value} is out of range for {{ t.canonical }} ({{ t.min }}..={{ t.max }})`);
    }
  },
  lower(value) {
    return value;
  },
  lift(value) {
    return BigInt.{{ t.bigint_cast }}(64, BigInt(value));
  },
  write(value, writer) {
    writer.put('set{{ t.view }}', 8, value);
  },
  read(reader) {
    return reader.view.get{{ t.view }}(reader.advance(8));
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
    writer.put('setInt8', 1, value ? 1 : 0);
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
    return uniffiLowerString(value);
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

const {{ t.converter }} = uniffiSerialized({
  check(value, what) {
    if (value !== undefined && value !== null) {
      {{ inner }}.check(value, what);
    }
  },
  write(value, writer) {
    if (value === undefined || value === null) {
      writer.put('setInt8', 1, 0);
    } else {
      writer.put('setInt8', 1, 1);
      {{ inner }}.write(value, writer);
    }
  },
  read(reader) {
    return reader.view.getInt8(reader.advance(1)) === 0 ? null : {{ inner }}.read(reader);
  },
});
{%- else if t.kind == "sequence" || t.kind == "set" %}
{%- let inner = t.inner[0] %}
{%- let set = t.kind == "set" %}

const {{ t.converter }} = uniffiSerialized({
  check(value, what) {
    if (!{% if set %}(value instanceof Set){% else %}Array.isArray(value){% endif %}) {
      throw new TypeError(`${what}: expected {% if set %}a Set{% else %}an array{% endif %}, got ${uniffiDescribe(value)}`);
    }
    let i = 0;
    for (const item of value) {{ inner }}.check(item, `${what}[${i++}]`);
  },
  write(value, writer) {
    writer.writeI32(value.{% if set %}size{% else %}length{% endif %});
    for (const item of value) {
      {{ inner }}.write(item, writer);
    }
  },
  read(reader) {
    const count = reader.readI32();
    const items = {% if set %}new Set(){% else %}[]{% endif %};
    for (let i = 0; i < count; i++) {
      items.{% if set %}add{% else %}push{% endif %}({{ inner }}.read(reader));
    }
    return items;
  },
});
{%- else if t.kind == "map" %}

const {{ t.converter }} = uniffiSerialized({
  check(value, what) {
    if (!(value instanceof Map)) {
      throw new TypeError(`${what}: expected a Map, got ${uniffiDescribe(value)}`);
    }
    for (const [key, item] of value) {
      {{ t.inner[0] }}.check(key, `${what} key`);
      {{ t.inner[1] }}.check(item, `${what}[${uniffiDescribe(key)}]`);
    }
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
});
{%- else if t.kind == "bytes" %}

const {{ t.converter }} = uniffiSerialized({
  check(value, what) {
    if (!(value instanceof Uint8Array)) {
      throw new TypeError(`${what}: expected a Uint8Array, got ${uniffiDescribe(value)}`);
    }
  },
  write(value, writer) {
    writer.writeI32(value.length);
    writer.writeBytes(value);
  },
  read(reader) {
    return reader.readBytes(reader.readI32()).slice();
  },
});
{%- else if t.kind == "timestamp" %}

/** `Date` <-> seconds (i64) and nanoseconds (u32) since the epoch, sign-magnitude on the wire. */
const {{ t.converter }} = uniffiSerialized({
  check(value, what) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw new TypeError(`${what}: expected a valid Date, got ${uniffiDescribe(value)}`);
    }
  },
  write(value, writer) {
    const ms = value.getTime();
    const magnitude = Math.abs(ms);
    const seconds = Math.floor(magnitude / 1000);
    writer.put('setBigInt64', 8, BigInt(ms < 0 ? -seconds : seconds));
    writer.put('setUint32', 4, (magnitude - seconds * 1000) * 1e6);
  },
  read(reader) {
    const seconds = Number(reader.view.getBigInt64(reader.advance(8)));
    const nanos = reader.view.getUint32(reader.advance(4));
    const magnitude = Math.abs(seconds) * 1000 + Math.floor(nanos / 1e6);
    return new Date(seconds < 0 ? -magnitude : magnitude);
  },
});
{%- else if t.kind == "duration" %}

/** Milliseconds (a non-negative number, fractions kept to the nanosecond) <-> seconds (u64) and nanoseconds (u32). */
const {{ t.converter }} = uniffiSerialized({
  check(value, what) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TypeError(`${what}: expected a finite number of milliseconds, got ${uniffiDescribe(value)}`);
    }
    if (value < 0) {
      throw new TypeError(`${what}: a duration cannot be negative (${value} ms)`);
    }
  },
  write(value, writer) {
    let seconds = Math.floor(value / 1000);
    let nanos = Math.round((value - seconds * 1000) * 1e6);
    if (nanos >= 1e9) {
      seconds += 1;
      nanos -= 1e9;
    }
    writer.put('setBigUint64', 8, BigInt(seconds));
    writer.put('setUint32', 4, nanos);
  },
  read(reader) {
    const seconds = Number(reader.view.getBigUint64(reader.advance(8)));
    return seconds * 1000 + reader.view.getUint32(reader.advance(4)) / 1e6;
  },
});
{%- else if t.kind == "custom" %}
{%- let inner = t.inner[0] %}
{%- match t.conversion %}
{%- when None %}

const {{ t.converter }} = uniffiForward(() => {{ inner }});
{%- when Some((into, from)) %}

const {{ t.converter }} = {
  into(value) {
    return {{ into }};
  },
  from(value) {
    return {{ from }};
  },
  check(value, what) {
    {{ inner }}.check(this.from(value), what);
  },
  lower(value) {
    return {{ inner }}.lower(this.from(value));
  },
  lift(value) {
    return this.into({{ inner }}.lift(value));
  },
  write(value, writer) {
    {{ inner }}.write(this.from(value), writer);
  },
  read(reader) {
    return this.into({{ inner }}.read(reader));
  },
};
{%- endmatch %}
{%- endif %}
{%- endfor %}
