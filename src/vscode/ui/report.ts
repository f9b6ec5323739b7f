// The one reporter of failures, used by every command: the log line (with the error's stable id),
// the notification (through notify.ts, so no untrusted text can form a link), the actions the
// command offers, and silence for a cancellation. Errors the core does not throw on purpose are
// internal errors: their stack goes to the log, and the user is told so and where to look.
import * as vscode from 'vscode';
import { InspectorError, isCancellation } from '../../core/errors';
import { describeThrown, type Log } from './log';
import { showError } from './notify';

export interface ReportAction {
  label: string;
  run(): unknown;
}

export interface ReportOptions {
  /** What the command was doing, as the start of a sentence: "Signing in to Demo issuer". */
  what?: string;
  /** Buttons for the user, e.g. "Try Again"; the chosen one runs. Offered only for errors the core explains. */
  actions?: readonly ReportAction[];
  log: Log;
}

export async function report(error: unknown, { what, actions = [], log }: ReportOptions): Promise<void> {
  // The log stays English (it is pasted into issues); what the user sees is localized.
  const doing = what ?? 'Token Inspector';
  if (isCancellation(error)) {
    log.info(`${doing}: canceled`);
    return;
  }
  if (!(error instanceof InspectorError)) {
    log.error(`${doing} failed unexpectedly: ${describeThrown(error)}`);
    const showLog = vscode.l10n.t('Show Log');
    const message = what
      ? vscode.l10n.t('{0} failed because of an internal error. The log (Token Inspector output) has the details; please report it.', what)
      : vscode.l10n.t('Token Inspector failed because of an internal error. The log (Token Inspector output) has the details; please report it.');
    if ((await showError(message, showLog)) === showLog) log.show();
    return;
  }
  const detail = error.logDetail();
  log.warn(`${doing} failed [${error.id}]: ${error.message}${detail ? `\n${detail}` : ''}`);
  const message = error.namesOperation || !what ? error.message : vscode.l10n.t('{0} failed: {1}', what, error.message);
  const choice = await showError(message, ...actions.map((a) => a.label));
  await actions.find((a) => a.label === choice)?.run();
}
