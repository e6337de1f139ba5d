/** A message on the IMPORTS queue: process (or continue) this import. */
export interface ImportJob {
  importId: string;
}
