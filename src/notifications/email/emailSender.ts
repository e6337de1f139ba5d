import type { Env } from "../../env";

/** One e-mail as the provider is asked to send it. */
interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Extra headers: List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers: Record<string, string>;
}

/** The one interface e-mail goes through; `send` throws to have the queue retry. */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** Resend's API; any provider with the same JSON shape (or a proxy in front of another) works through EMAIL_API_URL. */
const DEFAULT_API_URL = "https://api.resend.com/emails";
const SEND_TIMEOUT_MS = 10_000;

/**
 * The HTTP e-mail provider: `POST {EMAIL_API_URL}` with `Authorization: Bearer {EMAIL_API_KEY}`
 * and `{ from, to: [to], subject, text, headers }` (Resend's shape). Undefined when EMAIL_API_KEY
 * or EMAIL_FROM is missing: e-mail is then off, and notifications stay in the widget.
 */
export function httpEmailSender(env: Pick<Env, "EMAIL_API_URL" | "EMAIL_API_KEY" | "EMAIL_FROM">): EmailSender | undefined {
  const { EMAIL_API_KEY: key, EMAIL_FROM: from } = env;
  if (!key || !from) return undefined;
  const url = env.EMAIL_API_URL || DEFAULT_API_URL;
  return {
    async send(message) {
      const response = await fetch(url, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", "User-Agent": "Marginalia-Email/1" },
        body: JSON.stringify({ from, to: [message.to], subject: message.subject, text: message.text, headers: message.headers }),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`The e-mail provider answered ${response.status}`);
    },
  };
}
