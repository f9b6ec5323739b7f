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
