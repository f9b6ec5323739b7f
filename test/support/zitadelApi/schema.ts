// A small protobuf-JSON reader for the request bodies and query parameters: field names in
// lowerCamelCase (or the proto snake_case name, which protojson also accepts), 64-bit integers as
// numbers or decimal strings, enums by name or number. Stricter than ZITADEL on purpose, so that a
// client mistake fails here instead of passing silently: unknown fields and query parameters are
// refused (ZITADEL's gateway discards them), bytes must be STANDARD PADDED base64 (protojson also
// takes base64url), strings must be well-formed Unicode.

import { hasLoneSurrogate } from '../../../src/core/zitadel/api/validate';

export type Spec =
  | { kind: 'object'; fields: Record<string, Spec>; required?: string[] }
  | { kind: 'array'; of: Spec }
  | { kind: 'string' }
  | { kind: 'bool' }
  | { kind: 'uint64' }
  | { kind: 'uint32' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'bytes' };

export class SchemaError extends Error {}

const STANDARD_PADDED = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function read(value: unknown, spec: Spec, where: string): unknown {
  switch (spec.kind) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SchemaError(`${where}: expected an object`);
      const out: Record<string, unknown> = {};
      for (const [name, v] of Object.entries(value)) {
        const field = name in spec.fields ? name : Object.keys(spec.fields).find((f) => snake(f) === name);
        if (!field) throw new SchemaError(`proto: (${where}) unknown field "${name}"`);
        if (field in out) throw new SchemaError(`proto: (${where}) duplicate field "${name}"`);
        if (v === null) continue;
        out[field] = read(v, spec.fields[field], `${where}.${field}`);
      }
      for (const field of spec.required ?? []) if (!(field in out)) throw new SchemaError(`${where}.${field}: value is required`);
      return out;
    }
    case 'array': {
      if (!Array.isArray(value)) throw new SchemaError(`${where}: expected a list`);
      return value.map((item, i) => read(item, spec.of, `${where}[${i}]`));
    }
    case 'string':
      if (typeof value !== 'string') throw new SchemaError(`${where}: expected a string`);
      if (hasLoneSurrogate(value)) throw new SchemaError(`${where}: string field contains invalid UTF-8`);
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw new SchemaError(`${where}: expected true or false`);
      return value;
    case 'uint64':
    case 'uint32': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
      const max = spec.kind === 'uint32' ? 0xffffffff : Number.MAX_SAFE_INTEGER;
      if (!Number.isInteger(n) || n < 0 || n > max) throw new SchemaError(`${where}: invalid value for ${spec.kind} field: ${JSON.stringify(value)}`);
      return n;
    }
    case 'enum': {
      if (typeof value === 'string' && spec.values.includes(value)) return value;
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < spec.values.length) return spec.values[value];
      throw new SchemaError(`${where}: invalid value for enum field: ${JSON.stringify(value)}`);
    }
    case 'bytes': {
      if (typeof value !== 'string' || !STANDARD_PADDED.test(value)) throw new SchemaError(`${where}: invalid value for bytes field: not standard padded base64`);
      return Buffer.from(value, 'base64');
    }
  }
}

/**
 * Query parameters (routes without a body mapping) into an object of `spec`: a repeated field takes
 * the parameter once per element (keys=a&keys=b), any other field once. Values arrive as text and
 * are read as their field's kind.
 */
export function readQuery(pairs: [string, string][], spec: Extract<Spec, { kind: 'object' }>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, text] of pairs) {
    const field = name in spec.fields ? name : Object.keys(spec.fields).find((f) => snake(f) === name);
    if (!field) throw new SchemaError(`unknown query parameter "${name}"`);
    const fieldSpec = spec.fields[field];
    const element = fieldSpec.kind === 'array' ? fieldSpec.of : fieldSpec;
    const value = read(fromText(text, element), element, `query ${name}`);
    if (fieldSpec.kind === 'array') ((out[field] ??= []) as unknown[]).push(value);
    else if (field in out) throw new SchemaError(`query parameter "${name}" given more than once`);
    else out[field] = value;
  }
  for (const field of spec.required ?? []) if (!(field in out)) throw new SchemaError(`query parameter ${field}: value is required`);
  return out;
}

function fromText(text: string, spec: Spec): unknown {
  if (spec.kind === 'bool') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

const METHODS = ['EQUALS', 'EQUALS_IGNORE_CASE', 'STARTS_WITH', 'STARTS_WITH_IGNORE_CASE', 'CONTAINS', 'CONTAINS_IGNORE_CASE', 'ENDS_WITH', 'ENDS_WITH_IGNORE_CASE'];
export const TEXT_QUERY_METHODS = METHODS.map((m) => `TEXT_QUERY_METHOD_${m}`);
export const TEXT_FILTER_METHODS = METHODS.map((m) => `TEXT_FILTER_METHOD_${m}`);

export type ObjectSpec = Extract<Spec, { kind: 'object' }>;
const object = (fields: Record<string, Spec>, required?: string[]): ObjectSpec => ({ kind: 'object', fields, required });
const entry = object({ key: { kind: 'string' }, value: { kind: 'bytes' } }, ['key', 'value']);
const NONE = object({});

/**
 * The fields of each request outside its path: the body of a body:"*" route, the query of the
 * others. The route test checks these against the request messages in @zitadel/proto. Lists have
 * no minimum: ZITADEL itself answers META-9mm2d for an empty one.
 */
export const schemas = {
  none: NONE,
  /** auth and management v1 _search */
  v1Search: object({
    query: object({ offset: { kind: 'uint64' }, limit: { kind: 'uint32' }, asc: { kind: 'bool' } }),
    queries: { kind: 'array', of: object({ keyQuery: object({ key: { kind: 'string' }, method: { kind: 'enum', values: TEXT_QUERY_METHODS } }, ['key']) }, ['keyQuery']) },
  }),
  v1Set: object({ value: { kind: 'bytes' } }, ['value']),
  v1BulkSet: object({ metadata: { kind: 'array', of: entry } }),
  v1BulkRemove: object({ keys: { kind: 'array', of: { kind: 'string' } } }),
  v2Search: object({
    pagination: object({ offset: { kind: 'uint64' }, limit: { kind: 'uint32' }, asc: { kind: 'bool' } }),
    filters: { kind: 'array', of: object({ keyFilter: object({ key: { kind: 'string' }, method: { kind: 'enum', values: TEXT_FILTER_METHODS } }, ['key']) }, ['keyFilter']) },
  }),
  v2Set: object({ metadata: { kind: 'array', of: entry } }),
  /** Query parameters: keys=a&keys=b */
  v2Delete: object({ keys: { kind: 'array', of: { kind: 'string' } } }),
} satisfies Record<string, ObjectSpec>;
