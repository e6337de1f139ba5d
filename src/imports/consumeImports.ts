import type { Env } from "../env";
import type { ImportJob } from "./importJob";
import { runImport } from "./runImport";

/** The IMPORTS queue's consumer: one job at a time; an unexpected failure (D1, R2) is retried from the last chunk written. */
export async function consumeImports(batch: MessageBatch<ImportJob>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    try {
      console.log("import", message.body.importId, await runImport(env, message.body));
      message.ack();
    } catch (error) {
      console.warn("import run failed", message.body.importId, String(error));
      message.retry({ delaySeconds: Math.min(10 * 2 ** (message.attempts - 1), 600) });
    }
  }
}
