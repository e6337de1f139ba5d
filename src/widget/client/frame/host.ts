/** Talking to the host page (embed.js): only to and from the origin the service vetted. */
import { isMessage, NS, type FrameMessage, type HostMessage } from "../protocol";
import { state } from "./app";

type Outgoing = FrameMessage extends infer M ? (M extends { ns: string } ? Omit<M, "ns"> : never) : never;

export const embedded = () => window.parent !== window;

export function toHost(message: Outgoing): void {
  if (embedded()) window.parent.postMessage({ ns: NS, ...message }, state.config.origin);
}

/** Messages from the embedding page; anything from another window or origin is ignored. */
export function onHostMessage(handler: (message: HostMessage) => void): void {
  addEventListener("message", (event) => {
    if (event.source !== window.parent || event.origin !== state.config.origin || !isMessage(event.data)) return;
    handler(event.data as HostMessage);
  });
}

/** Keeps the iframe as tall as the content (the host sets the height it is told). */
export function reportHeight(): void {
  let last = 0;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    toHost({ type: "resize", height });
  };
  new ResizeObserver(send).observe(document.documentElement);
  send();
}
