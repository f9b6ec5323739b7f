// ZITADEL's published protos (npm @zitadel/proto, a devDependency) as the authority on its REST
// API: every RPC's google.api.http rule (verb, path template, which fields travel in the body),
// each service's base path (its protoc-gen-openapiv2 option), the request and response messages and
// their validate rules. Tests check the client's requests and the contract server's routes and
// answers against these, so neither can share a misunderstanding with the other.
//
// The package's CommonJS build does not load in Node (its package.json says "type": "module"), so
// it is imported as ESM, once, through loadZitadelProtos().
import type { DescField, DescMessage, DescMethod, DescService } from '@bufbuild/protobuf';
import { hasLoneSurrogate } from '../../../src/core/zitadel/api/validate';
import { routeRequest, templateVariables, type GatewayRoute, type Routed, type Verb } from './gateway';

export interface ProtoRoute extends GatewayRoute {
  /** "zitadel.user.v2.UserService/DeleteUserMetadata" */
  rpc: string;
  method: DescMethod;
  /** "*": every field not bound by the path travels in the body; "": none does (query parameters). */
  body: string;
}

export interface ZitadelProtos {
  /** Every RPC of the auth API v1, management API v1 and user service v2 that has an HTTP rule. */
  routes: ProtoRoute[];
  byRpc(rpc: string): ProtoRoute;
  route(verb: string, rawPath: string): Routed<ProtoRoute>;
  /** min_len/max_len (runes or bytes) of a field from its validate rules, e.g. ("zitadel.user.v2.Metadata", "key"). */
  lengthRule(messageTypeName: string, field: string): { min?: number; max?: number };
  /** What is wrong with where a request's fields travel, for the route it reached. */
  placementProblems(routed: { route: ProtoRoute; params: Record<string, string> }, query: [string, string][], body: string): string[];
  /** What is wrong with `json` as protobuf JSON of `message`: a request (lenient, as protojson reads) or a response (as ZITADEL writes). */
  jsonProblems(json: unknown, message: DescMessage, mode: 'request' | 'response', where?: string): string[];
}

const SERVICES = [
  ['@zitadel/proto/zitadel/auth_pb.js', 'AuthService'],
  ['@zitadel/proto/zitadel/management_pb.js', 'ManagementService'],
  ['@zitadel/proto/zitadel/user/v2/user_service_pb.js', 'UserService'],
] as const;

let loading: Promise<ZitadelProtos> | undefined;

export function loadZitadelProtos(): Promise<ZitadelProtos> {
  loading ??= load();
  return loading;
}

async function load(): Promise<ZitadelProtos> {
  const pb = await import('@bufbuild/protobuf');
  const { http } = await import('@zitadel/proto/google/api/annotations_pb.js');
  const { openapiv2_swagger } = await import('@zitadel/proto/protoc-gen-openapiv2/options/annotations_pb.js');
  const { rules } = await import('@zitadel/proto/validate/validate_pb.js');
  const modules = await Promise.all([import(SERVICES[0][0]), import(SERVICES[1][0]), import(SERVICES[2][0])]);
  const { ScalarType } = pb;

  const routes: ProtoRoute[] = [];
  SERVICES.forEach(([, name], i) => {
    const service = modules[i][name] as DescService;
    const basePath = pb.getOption(service.file, openapiv2_swagger).basePath.replace(/\/+$/, '');
    service.methods.forEach((method, order) => {
      if (!pb.hasOption(method, http)) return;
      const rule = pb.getOption(method, http);
      if (rule.pattern.case === undefined || rule.pattern.case === 'custom') return;
      routes.push({ rpc: `${service.typeName}/${method.name}`, method, verb: rule.pattern.case.toUpperCase() as Verb, template: `${basePath}${rule.pattern.value}`, basePath, order, body: rule.body });
    });
  });

  const fieldByName = (message: DescMessage, name: string): DescField | undefined => message.fields.find((f) => f.jsonName === name || f.name === name);

  function lengthRule(messageTypeName: string, fieldName: string): { min?: number; max?: number } {
    const message = findMessage(messageTypeName);
    const field = message && fieldByName(message, fieldName);
    if (!field) throw new Error(`no field ${messageTypeName}.${fieldName} in the protos`);
    if (!pb.hasOption(field, rules)) return {};
    let type = pb.getOption(field, rules).type;
    if (type.case === 'repeated' && type.value.items) type = type.value.items.type;
    if (type.case !== 'string' && type.case !== 'bytes') return {};
    const n = (v: bigint | undefined) => (v === undefined ? undefined : Number(v));
    return { min: n(type.value.minLen), max: n(type.value.maxLen) };
  }

  function findMessage(typeName: string): DescMessage | undefined {
    const seen = new Set<string>();
    const stack = routes.flatMap((r) => [r.method.input, r.method.output]);
    while (stack.length) {
      const m = stack.pop()!;
      if (m.typeName === typeName) return m;
      if (seen.has(m.typeName)) continue;
      seen.add(m.typeName);
      for (const f of m.fields) if (f.message) stack.push(f.message);
    }
    return undefined;
  }

  function placementProblems({ route, params }: { route: ProtoRoute; params: Record<string, string> }, query: [string, string][], body: string): string[] {
    const input = route.method.input;
    const problems: string[] = [];
    const pathFields = templateVariables(route.template);
    for (const name of pathFields) {
      const field = fieldByName(input, name);
      if (!field) problems.push(`path variable {${name}} is no field of ${input.typeName}`);
      if (!params[name]) problems.push(`path variable {${name}} is empty`);
    }
    const free = input.fields.filter((f) => !pathFields.includes(f.name));
    if (route.body === '*') {
      if (query.length) problems.push(`query parameters ${query.map(([k]) => k).join(', ')} on a route whose fields all travel in the body`);
      if (body === '') return problems;
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return [...problems, 'the body is not JSON'];
      }
      if (!isObject(json)) return [...problems, 'the body is not a JSON object'];
      for (const name of Object.keys(json)) {
        const field = fieldByName(input, name);
        if (field && pathFields.includes(field.name)) problems.push(`"${name}" travels in the path, not in the body`);
      }
      return [...problems, ...jsonProblems(json, input, 'request', 'body', pathFields)];
    }
    if (route.body !== '') return [...problems, `body "${route.body}" (a single field) is not expected by these tests`];
    if (body !== '') problems.push(`a body on a route without a body mapping: ZITADEL ignores it (${body.slice(0, 80)})`);
    const counts = new Map<string, number>();
    for (const [name, value] of query) {
      const field = free.find((f) => f.jsonName === name || f.name === name);
      if (!field) {
        problems.push(`query parameter "${name}" is no field of ${input.typeName} outside the path`);
        continue;
      }
      counts.set(field.name, (counts.get(field.name) ?? 0) + 1);
      if (field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message')) problems.push(`query parameter "${name}" is a message`);
      const scalar = field.fieldKind === 'list' ? field.scalar : field.fieldKind === 'scalar' ? field.scalar : undefined;
      if (scalar === ScalarType.STRING && hasLoneSurrogate(value)) problems.push(`query parameter "${name}" is not valid UTF-8`);
    }
    for (const [name, n] of counts) if (n > 1 && fieldByName(input, name)!.fieldKind !== 'list') problems.push(`query parameter "${name}" given ${n} times for a single field`);
    return problems;
  }

  function jsonProblems(json: unknown, message: DescMessage, mode: 'request' | 'response', where = 'body', skip: string[] = []): string[] {
    const problems: string[] = [];
    const check = (value: unknown, at: string, field: DescField, element: boolean): void => {
      const kind = element ? (field.fieldKind === 'list' ? field.listKind : field.fieldKind) : field.fieldKind;
      if (kind === 'list') {
        if (!Array.isArray(value)) return void problems.push(`${at}: expected a list`);
        if (mode === 'response' && value.length === 0) problems.push(`${at}: an empty list is left out of protobuf JSON`);
        value.forEach((v, i) => check(v, `${at}[${i}]`, field, true));
        return;
      }
      if (kind === 'message') {
        const sub = field.message!;
        if (sub.typeName === 'google.protobuf.Timestamp') {
          if (typeof value !== 'string' || !RFC3339.test(value)) problems.push(`${at}: expected an RFC 3339 timestamp, got ${JSON.stringify(value)}`);
          return;
        }
        if (!isObject(value)) return void problems.push(`${at}: expected an object`);
        problems.push(...jsonProblems(value, sub, mode, at));
        return;
      }
      if (kind === 'enum') {
        const names = field.enum!.values.map((v) => v.name);
        const ok = (typeof value === 'string' && names.includes(value)) || (mode === 'request' && typeof value === 'number' && field.enum!.values.some((v) => v.number === value));
        if (!ok) problems.push(`${at}: ${JSON.stringify(value)} is no value of ${field.enum!.typeName}`);
        if (mode === 'response' && value === names[0]) problems.push(`${at}: the zero value is left out of protobuf JSON`);
        return;
      }
      problems.push(...scalarProblems(value, at, field.scalar!, mode));
    };
    if (!isObject(json)) return [`${where}: expected an object`];
    const oneofs = new Map<string, string>();
    for (const [name, value] of Object.entries(json)) {
      const field = fieldByName(message, name);
      if (!field) {
        problems.push(`${where}: "${name}" is no field of ${message.typeName}`);
        continue;
      }
      if (skip.includes(field.name)) continue;
      if (mode === 'response' && name !== field.jsonName) problems.push(`${where}: "${name}" is written as "${field.jsonName}"`);
      if (value === null) continue;
      if (field.oneof) {
        const other = oneofs.get(field.oneof.name);
        if (other) problems.push(`${where}: "${other}" and "${name}" are both set in oneof ${field.oneof.name}`);
        oneofs.set(field.oneof.name, name);
      }
      check(value, `${where}.${name}`, field, false);
    }
    return problems;
  }

  function scalarProblems(value: unknown, at: string, scalar: number, mode: 'request' | 'response'): string[] {
    const bad = (what: string) => [`${at}: expected ${what}, got ${JSON.stringify(value)}`];
    switch (scalar) {
      case ScalarType.STRING:
        if (typeof value !== 'string') return bad('a string');
        if (hasLoneSurrogate(value)) return bad('valid UTF-8 (a lone surrogate)');
        return mode === 'response' && value === '' ? [`${at}: an empty string is left out of protobuf JSON`] : [];
      case ScalarType.BOOL:
        if (typeof value !== 'boolean') return bad('true or false');
        return mode === 'response' && !value ? [`${at}: false is left out of protobuf JSON`] : [];
      case ScalarType.BYTES:
        if (typeof value !== 'string') return bad('base64 text');
        if (mode === 'response' ? !STANDARD_PADDED_BASE64.test(value) : !ANY_BASE64.test(value)) return bad(mode === 'response' ? 'standard padded base64' : 'base64');
        return [];
      case ScalarType.INT64:
      case ScalarType.UINT64:
      case ScalarType.SINT64:
      case ScalarType.FIXED64:
      case ScalarType.SFIXED64:
        if (mode === 'response' && typeof value !== 'string') return bad('a 64-bit integer as a JSON string');
        if (!(typeof value === 'string' ? /^-?\d+$/.test(value) : Number.isInteger(value))) return bad('a 64-bit integer');
        return mode === 'response' && value === '0' ? [`${at}: zero is left out of protobuf JSON`] : [];
      case ScalarType.INT32:
      case ScalarType.UINT32:
      case ScalarType.SINT32:
      case ScalarType.FIXED32:
      case ScalarType.SFIXED32:
        if (!(Number.isInteger(value) || (mode === 'request' && typeof value === 'string' && /^-?\d+$/.test(value)))) return bad('a 32-bit integer');
        if ((scalar === ScalarType.UINT32 || scalar === ScalarType.FIXED32) && Number(value) < 0) return bad('an unsigned integer');
        return mode === 'response' && value === 0 ? [`${at}: zero is left out of protobuf JSON`] : [];
      default:
        return typeof value === 'number' ? [] : bad('a number');
    }
  }

  return {
    routes,
    byRpc(rpc) {
      const found = routes.find((r) => r.rpc === rpc);
      if (!found) throw new Error(`no RPC ${rpc} with an HTTP rule in @zitadel/proto`);
      return found;
    },
    route: (verb, rawPath) => routeRequest(routes, verb, rawPath),
    lengthRule,
    placementProblems,
    jsonProblems: (json, message, mode, where) => jsonProblems(json, message, mode, where),
  };
}

// protojson writes 0, 3, 6 or 9 fractional digits and "Z".
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})?Z$/;
const STANDARD_PADDED_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ANY_BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
