// The common base of the errors the core throws on purpose: decoding (jwt), sign-in (oidc),
// ZITADEL's APIs (zitadel) and verification with a key the user gives (verify). One contract for
// the one reporter in src/vscode/ui/report.ts: `message` is for the user (what was wrong and what
// to do), `id` is stable for logs, tests and the actions a command offers, and cancellation is
// recognizable everywhere.

export type ErrorDomain = 'jwt' | 'oidc' | 'zitadel' | 'verify';

/** Marks our errors in a way both bundles share (each bundle has its own copy of the classes). */
const BRAND = Symbol.for('token-inspector.InspectorError');

export abstract class InspectorError<Code extends string = string> extends Error {
  /** Each subclass names its domain here too, so that `instanceof` can check it across bundles. */
  static readonly domain?: ErrorDomain;

  /**
   * `instanceof` by brand and domain instead of prototype: an OidcError thrown by the clients
   * bundle (dist/clients.js) is an OidcError for the extension bundle too.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null || (value as { [BRAND]?: unknown })[BRAND] !== true) return false;
    const domain = (this as { domain?: ErrorDomain }).domain;
    return domain === undefined || (value as InspectorError).domain === domain;
  }

  readonly [BRAND] = true;
  abstract readonly domain: ErrorDomain;
  /**
   * True when `message` already says which operation failed ("Listing the metadata of user 42
   * failed: …"); otherwise the reporter puts what the command was doing in front of it.
   */
  readonly namesOperation: boolean = false;

  constructor(
    readonly code: Code,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }

  /** `<domain>/<code>`, e.g. `oidc/timeout`: stable across versions and languages. */
  get id(): string {
    return `${this.domain}/${this.code}`;
  }

  /** More for the log, never shown (e.g. the server's answer, redacted). */
  logDetail(): string | undefined {
    return undefined;
  }
}

/** True when the user (or a timeout they set) stopped the work: nothing to report. */
export function isCancellation(error: unknown): boolean {
  if (error instanceof InspectorError) return error.code === 'cancelled';
  return (error as { name?: unknown } | undefined)?.name === 'AbortError';
}
