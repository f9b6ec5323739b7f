// The output channel, behind redaction: every line that goes to the log (which users paste into
// issues) is redacted first and clipped, whatever its source.
import type * as vscode from 'vscode';
import { redactTokens } from '../../core/redact';
import { clip } from '../../core/text';

/** A log line is at most this long; the rest of a huge answer is not worth a log file. */
const LINE_LIMIT = 20_000;

export interface Log {
  /** Opens the output channel. */
  show(): void;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function redactingLog(channel: vscode.LogOutputChannel): Log {
  // Redacted before clipping: a secret cut in half might no longer be recognized.
  const clean = (message: string) => clip(redactTokens(message), LINE_LIMIT);
  return {
    show: () => channel.show(true),
    trace: (m) => channel.trace(clean(m)),
    debug: (m) => channel.debug(clean(m)),
    info: (m) => channel.info(clean(m)),
    warn: (m) => channel.warn(clean(m)),
    error: (m) => channel.error(clean(m)),
  };
}

/** An error as one log text: its message and stack, whatever was thrown. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}
