import * as oauth from "oauth4webapi";
import { z } from "zod";
import { ApiError } from "../../lib/errors";
import { profileFromClaims, type SocialProfile } from "./profile";
import { httpOptions } from "./transport";

/** Naver's profile answer (https://openapi.naver.com/v1/nid/me): `resultcode` "00" and the member in `response`. */
const naverMeSchema = z.object({
  resultcode: z.literal("00"),
  response: z.looseObject({ id: z.string().min(1).max(255) }),
});

/**
 * Naver's token endpoint reports errors with status 200 and `{ error, error_description }`;
 * turned into the error the OAuth library would raise for a standard provider.
 */
export async function rejectNaverTokenError(response: Response): Promise<void> {
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { error?: unknown; error_description?: unknown } | undefined;
  if (body && typeof body.error === "string") {
    const description = typeof body.error_description === "string" ? body.error_description : undefined;
    throw new oauth.ResponseBodyError("Naver token error", { cause: { error: body.error, error_description: description }, response });
  }
}

/** The Naver member behind an access token, from its profile API. */
export async function naverProfile(profileUrl: string, accessToken: string, label: string): Promise<SocialProfile> {
  const response = await oauth.protectedResourceRequest(accessToken, "GET", new URL(profileUrl), undefined, undefined, httpOptions(profileUrl));
  const parsed = naverMeSchema.safeParse(await response.json().catch(() => undefined));
  if (!response.ok || !parsed.success) {
    console.error("naver profile refused", response.status);
    throw new ApiError("provider_error", `${label} did not share your profile; please try again`);
  }
  const member = parsed.data.response;
  return profileFromClaims("naver", label, member, member.id);
}
