// The codicons the inspector webview may show. scripts/build.mjs ships only these: their CSS rules
// and their glyphs in a subset of the codicon font. Imports nothing: the build loads it alone.
export const CODICONS = [
  'arrow-down',
  'check',
  'circle-slash',
  'circle-small',
  'clock',
  'copy',
  'diff',
  'diff-added',
  'diff-modified',
  'diff-removed',
  'error',
  'eye',
  'eye-closed',
  'key',
  'organization',
  'pass',
  'unverified',
  'verified',
  'warning',
  'workspace-trusted',
] as const;

export type Codicon = (typeof CODICONS)[number];
