/** One site to back up: a message of the `marginalia-backups` queue (its own file: env.ts names it, so it imports nothing). */
export interface BackupMessage {
  siteId: string;
}
