// Markdown for hovers and tooltips. The value must already have its untrusted parts escaped
// (src/core/text: mdText, mdCode, mdCodeBlock); this fixes the rest: no HTML, and command links
// only to the commands named (VS Code checks them when a link is clicked).
import * as vscode from 'vscode';

export function markdown(value: string, options: { commands?: string[]; icons?: boolean } = {}): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value, options.icons ?? false);
  md.supportHtml = false;
  md.isTrusted = options.commands?.length ? { enabledCommands: options.commands } : false;
  return md;
}
