import type { LoginProviderRow } from "../../db/schema";
import type { Env } from "../../env";
import { unsealSecret } from "../../lib/secretsKey";
import { ApiError } from "../../lib/errors";
import { secretRefSchema } from "./providerConfig.schemas";

/**
 * The client secret of a provider configuration: the Worker secret it names (`clientSecretRef`),
 * else the one stored sealed, else none (a public client, PKCE only). A named secret that is
 * missing is a configuration error, not a silent fallback.
 *
 * @example
 * await clientSecretOf(row, { ...env, KAKAO_CLIENT_SECRET_DEMO: "s3cret" }) // "s3cret"
 */
export async function clientSecretOf(
  row: Pick<LoginProviderRow, "id" | "clientSecretRef" | "clientSecretSealed">,
  env: Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS" | `${string}CLIENT_SECRET${string}`>,
): Promise<string | undefined> {
  if (row.clientSecretRef !== null) {
    // Only names shaped like a client secret can be read, never ADMIN_TOKEN or SECRETS_KEY.
    const name = secretRefSchema.safeParse(row.clientSecretRef);
    const value = name.success ? env[name.data as `${string}CLIENT_SECRET${string}`] : undefined;
    if (typeof value !== "string" || value === "") {
      console.error(`login provider '${row.id}': ${name.success ? `Worker secret ${name.data} is not set` : "clientSecretRef is not a client secret's name"}`);
      throw new ApiError("provider_misconfigured", "This login is not set up correctly on this site; please tell the site");
    }
    return value;
  }
  if (row.clientSecretSealed !== null) return unsealSecret(env, row.clientSecretSealed);
  return undefined;
}
