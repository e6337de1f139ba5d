import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { ssoExchanges } from "../db/schema";

/**
 * Records that a site's SSO token was exchanged; false when it already was. The primary key
 * decides between two exchanges of one token racing: exactly one insert lands.
 */
export async function recordSsoExchange(db: Db, siteId: string, tokenKey: string, expiresAt: number): Promise<boolean> {
  const result = await db.run(sql`
    insert into ${ssoExchanges} (site_id, token_key, expires_at) values (${siteId}, ${tokenKey}, ${expiresAt})
    on conflict (site_id, token_key) do nothing`);
  return result.meta.changes > 0;
}
