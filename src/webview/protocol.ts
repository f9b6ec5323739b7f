// Messages between the extension and the inspector webview. Shared by both bundles, so no
// Node or VS Code imports here.
import type { TokenComparison } from '../core/compare';
import type { TokenInspection } from '../core/inspect';
import type { Check } from '../core/oidc/idTokenChecks';
import type { MetadataComparisonRow, MetadataSource } from '../core/zitadel/metadataSources';

/** Extension → webview: one token, or two compared. */
export type ToWebview = ShowMessage | CompareMessage;

export interface ShowMessage {
  type: 'show';
  /** What the tree calls this token (sub or fingerprint). */
  label: string;
  inspection: TokenInspection;
  /** The checklist: a signed-in profile's ID token checks, or a verification the user ran. */
  checks?: Check[];
  /** Set when `checks` come from "Verify Signature…": what the keys were, and when. */
  verification?: VerificationSummary;
  /** The signed-in user's metadata from every source, when this is a profile's ID token. */
  metadataSources?: { sources: MetadataSource[]; rows: MetadataComparisonRow[] };
  /** VS Code's translations for the display language (vscode.l10n.bundle), when not English. */
  l10n?: Record<string, string>;
}

export interface VerificationSummary {
  /** "the keys of https://issuer.example", "the pasted RSA key (2048 bits)", "the given 32-byte secret". */
  keys: string;
  /** More about the keys (e.g. a certificate's dates are not checked). */
  note?: string;
  /** ISO time. */
  verifiedAt: string;
}

export interface CompareMessage {
  type: 'compare';
  before: { label: string; inspection: TokenInspection };
  after: { label: string; inspection: TokenInspection };
  comparison: TokenComparison;
  l10n?: Record<string, string>;
}

/**
 * Extension → webview: the token this inspector showed is no longer stored (removed, or gone
 * before a window reload restored the panel). `title` and `text` are the extension's own words.
 */
export type GoneMessage = { type: 'gone'; title: string; text: string };

/**
 * What the inspector keeps in its webview state, which VS Code persists in plain storage to
 * restore the panel after a reload: the token's fingerprint only, never the token or a claim.
 * The extension looks the token up in SecretStorage by it.
 */
export interface InspectorState {
  fingerprint: string;
}

/** A persisted state read back (it is plain storage: anything may be in it); `undefined` if it is not ours. */
export function readInspectorState(state: unknown): InspectorState | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { fingerprint } = state as { fingerprint?: unknown };
  return typeof fingerprint === 'string' && /^[0-9a-f]{12}$/.test(fingerprint) ? { fingerprint } : undefined;
}

/** What the webview may ask to copy; the extension looks the text up itself. */
export type CopyTarget =
  | { what: 'token' | 'header' | 'payload' | 'signature' }
  | { what: 'claim'; claim: string }
  | { what: 'metadata-value' | 'metadata-raw'; key: string };

/** Webview → extension. Anything else is ignored (and logged). `verify`: run "Verify Signature…" on the token shown. */
export type FromWebview = { type: 'ready' } | { type: 'verify' } | ({ type: 'copy' } & CopyTarget);

/** Checks a message from the webview; returns it typed, or `undefined` if malformed. */
export function parseFromWebview(message: unknown): FromWebview | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.type === 'ready') return { type: 'ready' };
  if (m.type === 'verify') return { type: 'verify' };
  if (m.type !== 'copy') return undefined;
  switch (m.what) {
    case 'token':
    case 'header':
    case 'payload':
    case 'signature':
      return { type: 'copy', what: m.what };
    case 'claim':
      return typeof m.claim === 'string' ? { type: 'copy', what: 'claim', claim: m.claim } : undefined;
    case 'metadata-value':
    case 'metadata-raw':
      return typeof m.key === 'string' ? { type: 'copy', what: m.what, key: m.key } : undefined;
    default:
      return undefined;
  }
}

/** The text a copy request stands for, or `undefined` if it names nothing in the token. */
export function textToCopy(inspection: TokenInspection, target: CopyTarget): string | undefined {
  switch (target.what) {
    case 'token':
      return inspection.token;
    case 'header':
      return JSON.stringify(inspection.header, null, 2);
    case 'payload':
      return JSON.stringify(inspection.payload, null, 2);
    case 'signature':
      return inspection.signature;
    case 'claim':
      return Object.hasOwn(inspection.payload, target.claim) ? JSON.stringify({ [target.claim]: inspection.payload[target.claim] }, null, 2) : undefined;
    case 'metadata-value':
    case 'metadata-raw': {
      const entry = inspection.metadata.find((m) => m.key === target.key);
      return entry && (target.what === 'metadata-raw' ? entry.raw : entry.value);
    }
  }
}
