// The one reporter of failures, used by every command: the log line (with the error's stable id),
// the notification (through notify.ts, so no untrusted text can form a link), the actions the
// command offers, and silence for a cancellation. Errors the core does not throw on purpose are
// internal errors: their stack goes to the log, and the user is told so and where to look.
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

const SHOW_LOG = 'Show Log';

export async function report(error: unknown, { what, actions = [], log }: ReportOptions): Promise<void> {
  const doing = what ?? 'Token Inspector';
  if (isCancellation(error)) {
    log.info(`${doing}: cancelled`);
    return;
  }
  if (!(error instanceof InspectorError)) {
    log.error(`${doing} failed unexpectedly: ${describeThrown(error)}`);
    const choice = await showError(`${what ? `${what} failed` : 'Token Inspector failed'} because of an internal error. The log (Token Inspector output) has the details; please report it.`, SHOW_LOG);
    if (choice === SHOW_LOG) log.show();
    return;
  }
  const detail = error.logDetail();
  log.warn(`${doing} failed [${error.id}]: ${error.message}${detail ? `\n${detail}` : ''}`);
  const message = error.namesOperation || !what ? error.message : `${what} failed: ${error.message}`;
  const choice = await showError(message, ...actions.map((a) => a.label));
  await actions.find((a) => a.label === choice)?.run();
}
