import type { Env } from "../env";
import type { ImportJob } from "./importJob";
import { runImport } from "./runImport";

/** The IMPORTS queue's consumer: one job at a time; an unexpected failure (D1, R2) is retried from the last chunk written. */
export async function consumeImports(batch: MessageBatch<ImportJob>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    try {
      const outcome = await runImport(env, message.body);
      console.log("import", message.body.importId, outcome);
      // Another run holds the import (a duplicate delivery): try again once it is done or its lease ran out.
      if (outcome === "busy") message.retry({ delaySeconds: 30 });
      else message.ack();
    } catch (error) {
      console.warn("import run failed", message.body.importId, String(error));
      message.retry({ delaySeconds: Math.min(10 * 2 ** (message.attempts - 1), 600) });
    }
  }
}
