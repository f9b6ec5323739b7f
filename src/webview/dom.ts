// Tiny DOM helpers for the inspector webview. Text only ever enters the document as Text
// nodes (`append(string)` / `textContent`) or as plain attribute values; nothing here
// parses markup, so token data cannot become elements.

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
  if (props.title !== undefined) node.title = props.title;
  if (props.id) node.id = props.id;
  if (props.role) node.setAttribute('role', props.role);
  for (const [name, value] of Object.entries(props.aria ?? {})) node.setAttribute(`aria-${name}`, value);
  append(node, ...children);
  return node;
}

/** Appends children; strings and numbers become Text nodes. */
export function append(parent: Node & ParentNode, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** A codicon, hidden from screen readers (the surrounding control carries the label). */
export function icon(name: string, extraClass = ''): HTMLSpanElement {
  const span = el('span', { class: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}` });
  span.setAttribute('aria-hidden', 'true');
  return span;
}

/** A toolbar-style icon button. */
export function iconButton(iconName: string, label: string, onClick: (button: HTMLButtonElement) => void): HTMLButtonElement {
  const button = el('button', { class: 'icon-button', title: label, aria: { label } }, icon(iconName));
  button.type = 'button';
  button.addEventListener('click', () => onClick(button));
  return button;
}

/** A small secondary button with an icon and a text. */
export function textButton(iconName: string, text: string, onClick: (button: HTMLButtonElement) => void, label?: string): HTMLButtonElement {
  const button = el('button', { class: 'text-button', ...(label ? { title: label, aria: { label } } : {}) }, icon(iconName), el('span', { class: 'text-button-label' }, text));
  button.type = 'button';
  button.addEventListener('click', () => onClick(button));
  return button;
}

/** A link to an http(s) URL only; anything else (javascript:, data:, …) stays plain text. */
export function safeLink(text: string): HTMLElement {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || text.trim() !== text) return el('span', {}, text);
  const a = el('a', { title: url.href }, text);
  a.href = url.href;
  a.rel = 'noreferrer noopener';
  return a;
}
