import type { RollbackLimits } from "./rollBack";

/** A message on the IMPORTS queue: process (or continue) this import. */
export interface ImportJob {
  importId: string;
}

/** How much one queue invocation does before it hands over to the next (D1 statements per invocation are limited). */
export interface RunLimits {
  /** Records (threads, comments) per chunk: one D1 batch each. */
  chunkRecords: number;
  /** Chunks per invocation before the job re-enqueues itself. */
  chunksPerRun: number;
  /** Taking an import back (failed, or by an admin): comments a step deletes and steps per invocation (default 400 and 50). */
  rollback?: RollbackLimits;
}
