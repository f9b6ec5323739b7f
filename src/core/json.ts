// JSON from untrusted sources (token parts, metadata values, API answers), made safe to use:
// nesting is bounded before parsing, and what comes out is plain JSON that JSON.stringify,
// structured clone and recursive walks all handle.
import * as l10n from '@vscode/l10n';

/**
 * Objects and arrays nested deeper than this are refused (System.Text.Json's default limit).
 * No real token or API answer comes close; far deeper values make JSON.stringify, structured
 * clone and every recursive walk throw RangeError, and cost JSON.parse itself 150 ms at 1 MB.
 */
export const MAX_JSON_DEPTH = 64;

export type JsonParse =
  | { ok: true; value: unknown; /** What had to be changed to make the value plain JSON. */ problems: string[] }
  | { ok: false; reason: string; tooDeep: boolean };

/**
 * JSON.parse for untrusted text; never throws. Nesting deeper than MAX_JSON_DEPTH is refused
 * before parsing (a linear scan); numbers too large for a double are made plain (see toPlainJson).
 */
export function parseJson(text: string): JsonParse {
  if (exceedsJsonDepth(text)) {
    return { ok: false, reason: l10n.t('it nests objects and arrays more than {0} levels deep', MAX_JSON_DEPTH), tooDeep: true };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: l10n.t('invalid JSON: {0}', (e as Error).message), tooDeep: false };
  }
  const problems: string[] = [];
  return { ok: true, value: mayNotBePlain(text) ? toPlainJson(value, problems) : value, problems };
}

/**
 * Whether a JSON text may hold a number toPlainJson changes: one with an exponent or of 309 or
 * more digits (both can overflow to Infinity), or -0. Cheaper than walking a huge, wide parsed
 * value (V8 enumerates the keys of big objects slowly); on small ones the walk is cheaper still.
 * False positives (in strings) only cost the walk.
 */
function mayNotBePlain(text: string): boolean {
  if (text.length < 65_536 || /[0-9.][eE]|-0/.test(text)) return true;
  // Not /[0-9]{309}/: tried at every digit of a long run, that is 300 steps per character.
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) digits = 0;
    else if (++digits === 309) return true;
  }
  return false;
}

/** JSON objects and arrays only, else `undefined`: "1234" stays text rather than becoming a number. */
export function parseStructuredJson(text: string): unknown {
  const parsed = parseStructured(text);
  return parsed?.ok ? parsed.value : undefined;
}

/** parseJson for objects and arrays only; `undefined` when the text does not start like one. */
export function parseStructured(text: string): JsonParse | undefined {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  return parseJson(text);
}

/**
 * Whether a JSON text nests objects and arrays deeper than `max`, without parsing it: linear,
 * strings skipped. Not a validator: on text that is not JSON the answer only bounds the work.
 */
export function exceedsJsonDepth(text: string, max = MAX_JSON_DEPTH): boolean {
  if (!hasMoreBracketsThan(text, max)) return false; // the common case, found with indexOf alone
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) i = endOfString(text, i);
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

function hasMoreBracketsThan(text: string, max: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) if (++count > max) return true;
  }
  return false;
}

/** Index of the quote closing the string that opens at `open` (or the end of the text). */
function endOfString(text: string, open: number): number {
  for (let i = text.indexOf('"', open + 1); i >= 0; i = text.indexOf('"', i + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return text.length;
}

/**
 * Makes a parsed JSON value plain JSON, in place (it must be freshly parsed, nobody else's):
 * numbers that overflowed to ±Infinity become the text "Infinity" / "-Infinity" (JSON.stringify
 * would silently write null), -0 becomes 0, and containers deeper than `maxDepth` become
 * TOO_DEEP_PLACEHOLDER. Each change is described in `problems`, naming where it was (the first
 * few, then how many more).
 */
export function toPlainJson(value: unknown, problems: string[] = [], maxDepth = MAX_JSON_DEPTH): unknown {
  const walk = new PlainWalk(maxDepth);
  const result = walk.plain(value, maxDepth);
  problems.push(...walk.problems);
  if (walk.unreported > 0) problems.push(l10n.t('{0} more like these', walk.unreported));
  return result;
}

/** What replaces a container nested deeper than MAX_JSON_DEPTH. */
export const TOO_DEEP_PLACEHOLDER = `[nested more than ${MAX_JSON_DEPTH} levels deep: not shown]`;

const REPORTED_PROBLEMS = 3;

class PlainWalk {
  readonly problems: string[] = [];
  unreported = 0;
  /** Indexes and keys from the root to the value being walked; written out only for a problem. */
  private readonly path: (number | string)[] = [];

  constructor(private readonly maxDepth: number) {}

  plain(value: unknown, depthLeft: number): unknown {
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return Object.is(value, -0) ? 0 : value;
      this.report(() => l10n.t('holds a number too large to represent, shown as the text "{0}"', String(value)));
      return String(value);
    }
    if (typeof value !== 'object' || value === null) return value;
    if (depthLeft === 0) {
      this.report(() => l10n.t('nests objects and arrays more than {0} levels deep; the deeper part is not shown', this.maxDepth));
      return TOO_DEEP_PLACEHOLDER;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        this.path.push(i);
        value[i] = this.plain(value[i], depthLeft - 1);
        this.path.pop();
      }
      return value;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      this.path.push(key);
      const before = record[key];
      const after = this.plain(before, depthLeft - 1);
      // An own "__proto__" key (JSON.parse makes one) is an own data property: assignment sets it.
      if (!Object.is(after, before)) record[key] = after;
      this.path.pop();
    }
    return value;
  }

  /** `describe` is called for the first few only: a value may hold a problem per element. */
  private report(describe: () => string): void {
    if (this.problems.length === REPORTED_PROBLEMS) {
      this.unreported++;
      return;
    }
    const problem = describe();
    const path = this.path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('').replace(/^\./, '');
    // `problem` is a predicate: "holds a number too large…".
    this.problems.push(
      path
        ? l10n.t({ message: '"{0}" {1}', args: [path.length > 80 ? `${path.slice(0, 80)}…` : path, problem], comment: ['A place in a JSON value, then what is odd about it'] })
        : l10n.t({ message: 'the value {0}', args: [problem], comment: ['{0}: what is odd about the value, e.g. "holds a number too large to represent"'] }),
    );
  }
}

/**
 * JSON text of any value, for messages; never throws (JSON.stringify throws on deep nesting and
 * `String()` on an object whose toString is not a function) and always returns a string.
 */
export function jsonForMessage(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (e) {
    if (!(e instanceof RangeError)) return '(a value that cannot be shown as JSON)';
    return Array.isArray(value) ? '(an array nested too deeply to show)' : '(an object nested too deeply to show)';
  }
}
