import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loginProviders, type LoginProviderRow } from "../../db/schema";

export async function findLoginProvider(db: Db, siteId: string, id: string): Promise<LoginProviderRow | undefined> {
  return db
    .select()
    .from(loginProviders)
    .where(and(eq(loginProviders.siteId, siteId), eq(loginProviders.id, id)))
    .get();
}

export async function listLoginProviders(db: Db, siteId: string): Promise<LoginProviderRow[]> {
  return db.select().from(loginProviders).where(eq(loginProviders.siteId, siteId)).orderBy(loginProviders.id).all();
}

/** Creates or replaces a site's provider configuration. */
export async function saveLoginProvider(db: Db, row: LoginProviderRow): Promise<void> {
  const { siteId, id, createdAt, ...changes } = row;
  await db
    .insert(loginProviders)
    .values(row)
    .onConflictDoUpdate({ target: [loginProviders.siteId, loginProviders.id], set: changes });
}

export async function deleteLoginProvider(db: Db, siteId: string, id: string): Promise<boolean> {
  const result = await db
    .delete(loginProviders)
    .where(and(eq(loginProviders.siteId, siteId), eq(loginProviders.id, id)))
    .run();
  return result.meta.changes > 0;
}
