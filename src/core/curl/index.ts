// "Copy as curl": the guide's ways to get metadata as shell commands. No VS Code here.
export { idTokenJqCommand, myMetadataCommand, userinfoCommand, userMetadataCommand, type ShellCommand, type TokenRef, type TokenVariable, type UserMetadataCall } from './commands';
export { shellQuote } from './shell';
