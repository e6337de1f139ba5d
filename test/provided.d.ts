// Values the global setup provides to tests (see test/setup/webhook-receiver.ts).
export {};

declare module "vitest" {
  export interface ProvidedContext {
    webhookReceiver: string;
  }
}
