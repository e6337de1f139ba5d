/**
 * DOM building without markup, shared by the reader widget and the moderator dashboard: text is
 * only ever text nodes, so nothing a reader wrote can become HTML. (Both pages' CSP enforces
 * Trusted Types too: any `innerHTML = string` throws.)
 */
export type Child = Node | string | false | null | undefined;
type Props = Record<string, unknown> & { class?: string; on?: Record<string, (e: Event) => void> };

/**
 * Creates an element: props are set as properties (as attributes when they contain a dash, as
 * ARIA and data attributes do), children are appended as nodes or text nodes.
 *
 * @example
 * h("button", { type: "button", class: "m-link", on: { click: save } }, t("save"))
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "on") for (const [type, fn] of Object.entries(value as Record<string, EventListener>)) el.addEventListener(type, fn);
    else if (key === "class") el.className = String(value);
    else if (key.includes("-")) el.setAttribute(key, value === true ? "" : String(value));
    else (el as unknown as Record<string, unknown>)[key] = value;
  }
  append(el, children);
  return el;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) if (child) parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
}
