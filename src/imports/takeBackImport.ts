import { and, eq, sql } from "drizzle-orm";
import { runSteps, type Db } from "../db/client";
import { comments, imports, sessions, users, type ImportRow } from "../db/schema";
import type { Env } from "../env";
import { ApiError } from "../lib/errors";

/**
 * An admin takes a finished import back (a wrong article rule, the wrong site, the wrong file):
 * the import is marked `rolling_back` and queued, and the consumer deletes everything it wrote
 * as it does for a failed import (`rollBack`), then marks it `rolled_back`. Refused (409
 * `import_in_use`, with the counts) once readers have built on it: a reply of another comment
 * to one of its comments, or a session of one of its authors' accounts (a restore's readers log
 * in to theirs), since taking those back would orphan a reader's reply or delete a reader's
 * account. (An author linked to a reader's SSO account is no longer the import's: it stays.)
 * Reactions, folds, reports and notifications of its comments go with them. Only a `done`
 * import: a failed one was taken back already, a running one is not finished (409 `state_changed`).
 */
export async function takeBackImport(db: Db, env: Pick<Env, "IMPORTS">, row: ImportRow, now = Date.now()): Promise<ImportRow> {
  if (row.status !== "done") throw new ApiError("state_changed", `Only a finished import can be taken back; this one is ${row.status}`);
  const mine = sql`select ${comments.id} from ${comments} where ${comments.importId} = ${row.id}`;
  const replies = sql`from ${comments} where ${comments.siteId} = ${row.siteId} and ${comments.importId} is not ${row.id} and ${comments.parentId} in (${mine})`;
  const logins = sql`from ${sessions} where ${sessions.userId} in (select ${users.id} from ${users} where ${users.importId} = ${row.id})`;
  const { counted, marked } = await runSteps(db, {
    counted: db.all<{ replies: number; loggedInAuthors: number }>(
      sql`select (select count(*) ${replies}) as replies, (select count(distinct ${sessions.userId}) ${logins}) as loggedInAuthors`,
    ),
    // Marked only while still done and unused: the counts and the mark are one batch, so nothing slips between them.
    marked: db
      .update(imports)
      .set({ status: "rolling_back", updatedAt: now })
      .where(and(eq(imports.id, row.id), eq(imports.status, "done"), sql`not exists (select 1 ${replies})`, sql`not exists (select 1 ${logins})`)),
  });
  const inUse = (counted as { replies: number; loggedInAuthors: number }[])[0] ?? { replies: 0, loggedInAuthors: 0 };
  if (inUse.replies > 0 || inUse.loggedInAuthors > 0) {
    throw new ApiError("import_in_use", "Readers have replied to this import's comments or logged in to its authors' accounts: it cannot be taken back", inUse);
  }
  if (marked.meta.changes === 0) throw new ApiError("state_changed", "The import changed meanwhile; read it again");
  await env.IMPORTS?.send({ importId: row.id });
  return { ...row, status: "rolling_back", updatedAt: now };
}
