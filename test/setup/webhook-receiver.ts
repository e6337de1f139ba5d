import { createServer, type Server } from "node:http";
import type { TestProject } from "vitest/node";

/**
 * A real HTTP endpoint on loopback for webhook tests (runs in Node, outside workerd).
 * POST /hook/<name> records the delivery (answering 500 when <name> starts with "fail");
 * GET /received/<name> returns what was recorded for that name.
 */
export default async function setup(project: TestProject) {
  const received = new Map<string, { headers: Record<string, string | string[] | undefined>; body: string }[]>();
  const server: Server = createServer((req, res) => {
    const [, kind, name = ""] = (req.url ?? "").split("/");
    if (req.method === "POST" && kind === "hook") {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.set(name, [...(received.get(name) ?? []), { headers: req.headers, body }]);
        res.writeHead(name.startsWith("fail") ? 500 : 204).end();
      });
      return;
    }
    if (req.method === "GET" && kind === "received") {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(received.get(name) ?? []));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("webhook receiver did not start");
  project.provide("webhookReceiver", `http://127.0.0.1:${address.port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
