// The one home for user-facing text built from untrusted content (token claims and headers,
// provider and ZITADEL answers, file contents). See the README's "Untrusted text" section for
// which VS Code place uses which function.
export { clip, hasHidden, inline, INLINE_LIMIT, visible, type VisibleOptions } from './visible';
export { messageText, noIcons, noLinks } from './plain';
export { mdCode, mdCodeBlock, mdText } from './markdown';
export { vetLink, type VettedLink } from './links';
export { escapeHtml, htmlBlock, htmlText } from './html';
