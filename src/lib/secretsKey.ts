import type { Env } from "../env";
import { seal, unseal } from "./crypto";
import { ApiError } from "./errors";

/** Shortest SECRETS_KEY accepted: 256 bits, as much as the AES key it is hashed into. */
const MIN_SECRETS_KEY_BYTES = 32;

type KeyEnv = Pick<Env, "SECRETS_KEY" | "SECRETS_KEY_PREVIOUS">;

const reported = new Set<string>();

/** Logs a configuration problem once per isolate, not once per request. */
function logOnce(problem: string): void {
  if (reported.has(problem)) return;
  reported.add(problem);
  console.error(`misconfigured: ${problem}`);
}

/** Lets a test see the first log line again. */
export function forgetLoggedProblems(): void {
  reported.clear();
}

function problemWith(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === "") return `the ${name} secret is not set`;
  const bytes = new TextEncoder().encode(value).length;
  if (bytes < MIN_SECRETS_KEY_BYTES) return `the ${name} secret is shorter than ${MIN_SECRETS_KEY_BYTES} bytes`;
  return undefined;
}

function refuse(problem: string): never {
  logOnce(problem);
  throw new ApiError("misconfigured", `The service is misconfigured: ${problem}. Nothing was changed.`);
}

/**
 * SECRETS_KEY, or a 503 `misconfigured` when it is missing or too short. Every request that
 * seals or unseals goes through here, so a Worker deployed without the secret fails closed
 * instead of sealing with a guessable key.
 *
 * @example
 * const key = secretsKey(c.env); // throws ApiError("misconfigured") when unset
 */
export function secretsKey(env: KeyEnv): string {
  const problem = problemWith("SECRETS_KEY", env.SECRETS_KEY);
  if (problem) refuse(problem);
  return env.SECRETS_KEY!;
}

/** The keys a sealed value may be under: the current one, then SECRETS_KEY_PREVIOUS during a rotation. */
function openingKeys(env: KeyEnv): string[] {
  const keys = [secretsKey(env)];
  if (env.SECRETS_KEY_PREVIOUS !== undefined && env.SECRETS_KEY_PREVIOUS !== "") {
    const problem = problemWith("SECRETS_KEY_PREVIOUS", env.SECRETS_KEY_PREVIOUS);
    if (problem) refuse(problem);
    keys.push(env.SECRETS_KEY_PREVIOUS);
  }
  return keys;
}

/** Seals a secret for storage under the current SECRETS_KEY. */
export function sealSecret(env: KeyEnv, plain: string): Promise<string> {
  return seal(plain, secretsKey(env));
}

export interface Unsealed {
  plain: string;
  /** Sealed under SECRETS_KEY_PREVIOUS: re-seal it (POST /api/v1/admin/reseal). */
  stale: boolean;
}

/**
 * Opens a sealed secret with the current key, or with SECRETS_KEY_PREVIOUS while keys are being
 * rotated. A value neither key opens is a configuration error (the key it was sealed with is
 * gone), answered as 503 like a missing key.
 */
export async function openSecret(env: KeyEnv, sealed: string): Promise<Unsealed> {
  const keys = openingKeys(env);
  for (const [index, key] of keys.entries()) {
    try {
      return { plain: await unseal(sealed, key), stale: index > 0 };
    } catch {
      // Not sealed under this key: try the next one.
    }
  }
  refuse(
    keys.length > 1
      ? "a stored secret opens with neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS"
      : "a stored secret does not open with SECRETS_KEY (set SECRETS_KEY_PREVIOUS to the key it was sealed with)",
  );
}

/** Opens a sealed secret (see `openSecret`), returning only its clear text. */
export async function unsealSecret(env: KeyEnv, sealed: string): Promise<string> {
  return (await openSecret(env, sealed)).plain;
}
