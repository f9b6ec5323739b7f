// Counts as whole localized phrases ("1 key", "3 keys"), so each language can say them its own
// way. Shared by the tree and the inspector webview.
import * as l10n from '@vscode/l10n';

export const claimCount = (n: number): string => (n === 1 ? l10n.t('1 claim') : l10n.t('{0} claims', n));
export const keyCount = (n: number): string => (n === 1 ? l10n.t('1 key') : l10n.t('{0} keys', n));
export const roleCount = (n: number): string => (n === 1 ? l10n.t('1 role') : l10n.t('{0} roles', n));
export const itemCount = (n: number): string => (n === 1 ? l10n.t('1 item') : l10n.t('{0} items', n));
export const organizationCount = (n: number): string => (n === 1 ? l10n.t('1 organization') : l10n.t('{0} organizations', n));
export const byteCount = (n: number): string => (n === 1 ? l10n.t('1 byte') : l10n.t('{0} bytes', n));
export const characterCount = (n: number): string => (n === 1 ? l10n.t('1 character') : l10n.t('{0} characters', n));
