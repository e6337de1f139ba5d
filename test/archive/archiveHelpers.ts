import { env, exports } from "cloudflare:workers";
import { expect, inject } from "vitest";
import { ADMIN, api, comment, createSite, login } from "../helpers";

/** Gunzips bytes (a download, an R2 object) into text. */
export async function gunzipText(bytes: ArrayBuffer | ReadableStream<Uint8Array>): Promise<string> {
  const stream = bytes instanceof ReadableStream ? bytes : new Blob([bytes]).stream();
  return new Response(stream.pipeThrough(new DecompressionStream("gzip"))).text();
}

/** An export's records, one parsed JSON object a line. */
export const recordsOf = (text: string) =>
  text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown> & { type: string });

/** Downloads a site's export through the admin API and returns the response and its records. */
export async function downloadExport(siteId: string) {
  const res = await exports.default.fetch(new Request(`https://marginalia.test/api/v1/admin/sites/${siteId}/export`, { headers: ADMIN }));
  const text = await gunzipText(await res.arrayBuffer());
  return { res, text, records: recordsOf(text) };
}

/**
 * A site with something of every kind an export holds, and every secret it must leave out:
 * SSO and webhook secrets (and a webhook URL carrying a token), a login provider's client
 * secret, readers with e-mail addresses and sessions, comments published, pending, rejected,
 * reported and deleted (a placeholder with a reply), a moderator grant, a ban and audit entries.
 */
export async function seedRichSite() {
  const site = await createSite();
  // The test receiver, under a name that stands for a credential carried in the URL (as Slack's are).
  const webhookUrl = `${inject("webhookReceiver")}/hook/hook-url-token-1234`;
  expect((await api(`/api/v1/admin/sites/${site.id}`, { method: "PATCH", headers: ADMIN, json: { settings: { webhookUrl } } })).status).toBe(200);
  const clientSecret = "kakao-client-secret-value-5678";
  const provider = await api(`/api/v1/admin/sites/${site.id}/login-providers/kakao`, {
    method: "PUT",
    headers: ADMIN,
    json: { clientId: "kakao-client", clientSecret },
  });
  expect(provider.status).toBe(200);

  const author = await login(site, { sub: "cms-author-1", name: "김기자", email: "author.one@mail.example", badges: ["기자"] });
  const reader = await login(site, { sub: "cms-reader-2", name: "Reader Two", email: "reader.two@mail.example" });
  const moderator = await login(site, { sub: "cms-mod-3", name: "편집국", email: "mod.three@mail.example" });
  expect((await api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: moderator.userId } })).status).toBe(201);

  const top = await comment(site, author, "art-1", "첫 댓글입니다");
  const reply = await comment(site, reader, "art-1", "A reply to the first", { parentId: top.id });
  const doomed = await comment(site, reader, "art-2", "This text will be deleted with a reply under it");
  await comment(site, author, "art-2", "Reply keeping the placeholder", { parentId: doomed.id });
  expect((await api(`/api/v1/comments/${doomed.id}`, { method: "DELETE", headers: reader.auth })).status).toBe(204);
  const rejected = await comment(site, reader, "art-1", "To be rejected by a moderator");
  expect(
    (await api(`/api/v1/moderation/comments/${rejected.id}/reject`, { method: "POST", headers: moderator.auth, json: { reason: "off-topic" } })).status,
  ).toBe(200);
  expect(
    (await api(`/api/v1/comments/${reply.id}/reports`, { method: "POST", headers: author.auth, json: { reason: "spam", note: "looks like an ad" } })).status,
  ).toBe(201);
  expect((await api(`/api/v1/admin/sites/${site.id}/articles/art-3`, { method: "PATCH", headers: ADMIN, json: { premoderation: "all" } })).status).toBe(200);
  const pending = await comment(site, author, "art-3", "Held for review");
  expect(pending.status).toBe("pending");
  expect((await api(`/api/v1/sites/${site.id}/users/${reader.userId}/ban`, { method: "POST", headers: moderator.auth, json: { reason: "spam" } })).status).toBe(
    200,
  );

  const secrets = [site.secret, site.webhookSecret, webhookUrl, "hook-url-token-1234", clientSecret, author.token, reader.token, moderator.token];
  const stored = await env.DB.batch([
    env.DB.prepare("select sso_secret_sealed as v from sites where id = ? union all select webhook_secret_sealed from sites where id = ?").bind(
      site.id,
      site.id,
    ),
    env.DB.prepare("select client_secret_sealed as v from login_providers where site_id = ?").bind(site.id),
    env.DB.prepare("select token_hash as v from sessions where site_id = ?").bind(site.id),
    env.DB.prepare("select email as v from users where site_id = ?").bind(site.id),
    env.DB.prepare("select body_hash as v from comments where site_id = ? and body_hash is not null").bind(site.id),
  ]);
  for (const result of stored) secrets.push(...(result.results as { v: string }[]).map((row) => row.v));
  return { site, author, reader, moderator, ids: { top, reply, doomed, rejected, pending }, secrets };
}
