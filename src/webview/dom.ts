// Tiny DOM helpers for the inspector webview. Text only ever enters the document as Text
// nodes (`append(string)` / `textContent`) or as plain attribute values; nothing here
// parses markup, so token data cannot become elements. Hidden characters (bidi controls,
// zero-width, tag characters, lone surrogates) are shown as markers wherever text goes in.
import { clip, vetLink, visible } from '../core/text';
import type { Codicon } from './icons';

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  /** Tooltip. */
  title?: string;
  id?: string;
  /** `aria-*` and `role` attributes, without the prefix for aria: `{ label: 'Copy' }`. */
  aria?: Record<string, string>;
  role?: string;
}

/** Creates an element with classes, tooltip, ARIA attributes and text or element children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.title !== undefined) node.title = attributeText(props.title);
  if (props.id) node.id = props.id;
  if (props.role) node.setAttribute('role', props.role);
  for (const [name, value] of Object.entries(props.aria ?? {})) node.setAttribute(`aria-${name}`, attributeText(value));
  append(node, ...children);
  return node;
}

/** Appends children; strings and numbers become Text nodes. */
export function append(parent: Node & ParentNode, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : typeof child === 'string' ? visible(child, { keepLayout: true }) : child);
  }
}

/** Tooltips and ARIA labels: one visible line of reasonable length. */
function attributeText(text: string): string {
  return visible(clip(text, 500));
}

/** A codicon, hidden from screen readers (the surrounding control carries the label). */
export function icon(name: Codicon, extraClass = ''): HTMLSpanElement {
  const span = el('span', { class: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}` });
  span.setAttribute('aria-hidden', 'true');
  return span;
}

/** Shows another codicon in an icon() span. */
export function setIcon(span: Element, name: Codicon): void {
  const current = Array.from(span.classList).find((c) => c.startsWith('codicon-'));
  if (current) span.classList.replace(current, `codicon-${name}`);
}

/** A toolbar-style icon button. */
export function iconButton(iconName: Codicon, label: string, onClick: (button: HTMLButtonElement) => void): HTMLButtonElement {
  const button = el('button', { class: 'icon-button', title: label, aria: { label } }, icon(iconName));
  button.type = 'button';
  button.addEventListener('click', () => onClick(button));
  return button;
}

/** A small secondary button with an icon and a text. */
export function textButton(iconName: Codicon, text: string, onClick: (button: HTMLButtonElement) => void, label?: string): HTMLButtonElement {
  const button = el('button', { class: 'text-button', ...(label ? { title: label, aria: { label } } : {}) }, icon(iconName), el('span', { class: 'text-button-label' }, text));
  button.type = 'button';
  button.addEventListener('click', () => onClick(button));
  return button;
}

/**
 * A link for an http(s) value whose text is the real target (an IDN host as punycode); the value
 * as written follows when it reads differently. Anything else (javascript:, data:, user info,
 * hidden characters, backslashes…) stays plain text. See vetLink.
 */
export function safeLink(text: string): HTMLElement {
  const link = vetLink(text);
  if (!link) return el('span', {}, text);
  const a = el('a', { title: link.href }, link.text);
  a.href = link.href;
  a.rel = 'noreferrer noopener';
  if (link.text === text || link.text === `${text}/`) return a;
  return el('span', {}, a, ' ', el('span', { class: 'muted' }, `(written as ${text})`));
}
