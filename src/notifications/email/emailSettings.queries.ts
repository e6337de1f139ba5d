import { and, eq, sql } from "drizzle-orm";
import type { BatchStatement, Db } from "../../db/client";
import { notificationSettings, users } from "../../db/schema";

/**
 * Records the address the site vouched for at login (sealed), or forgets it when the site's
 * latest token vouches for none: e-mail only ever goes to what the site currently stands behind.
 */
export function vouchedEmailStatement(db: Db, userId: string, siteId: string, emailSealed: string | null, now: number): BatchStatement {
  if (emailSealed === null) {
    return db.update(notificationSettings).set({ emailSealed: null, updatedAt: now }).where(eq(notificationSettings.userId, userId));
  }
  return db.run(sql`
    insert into ${notificationSettings} (user_id, site_id, email_sealed, updated_at)
    select ${userId}, ${siteId}, ${emailSealed}, ${now} where exists (select 1 from ${users} where ${users.id} = ${userId})
    on conflict (user_id) do update set email_sealed = excluded.email_sealed, updated_at = excluded.updated_at`);
}

export type EmailSettingsRow = typeof notificationSettings.$inferSelect;

export async function findEmailSettings(db: Db, userId: string): Promise<EmailSettingsRow | undefined> {
  return db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId)).get();
}

/**
 * Turns e-mail on (from now on: earlier notifications are not e-mailed) or off. Turning it on
 * needs the vouched address, so it only updates an existing row that has one; returns whether
 * a row changed.
 */
export async function setEmailOptIn(db: Db, userId: string, on: boolean, now = Date.now()): Promise<boolean> {
  const changed = await db
    .update(notificationSettings)
    .set(on ? { emailOptIn: true, emailedUntil: now, updatedAt: now } : { emailOptIn: false, updatedAt: now })
    .where(and(eq(notificationSettings.userId, userId), on ? sql`${notificationSettings.emailSealed} is not null` : undefined))
    .run();
  return changed.meta.changes > 0;
}
