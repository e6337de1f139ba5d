import type { Db } from "../../db/client";
import type { LoginProviderRow } from "../../db/schema";
import { ApiError } from "../../lib/errors";
import { isPreset, presetFor } from "./presets";
import { findLoginProvider } from "./providerConfig.queries";

/**
 * The site's configuration of a provider, if the site offers it. A built-in provider the site
 * has not set up (or has switched off) is "not enabled"; any other unknown id is "not found".
 */
export async function enabledProvider(db: Db, siteId: string, providerId: string): Promise<LoginProviderRow> {
  const row = await findLoginProvider(db, siteId, providerId);
  if (!row && !isPreset(providerId)) throw new ApiError("provider_not_found", `There is no login provider '${providerId}'`);
  if (!row?.enabled) throw new ApiError("provider_not_enabled", `This site does not offer logging in with ${row?.label ?? presetFor(providerId).label}`);
  return row;
}
