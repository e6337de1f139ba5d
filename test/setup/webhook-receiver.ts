import { createServer, type Server } from "node:http";
import type { TestProject } from "vitest/node";

/**
 * A real HTTP endpoint on loopback for webhook tests (runs in Node, outside workerd).
 * POST /hook/<name> records the delivery (answering 500 when <name> starts with "fail");
 * GET /received/<name> returns what was recorded for that name;
 * GET /received/<name>?wait=<ms> answers as soon as something is recorded for that name, or
 * after <ms> with whatever there is (an empty list): a test waits for an event, not a fixed time.
 */
export default async function setup(project: TestProject) {
  const received = new Map<string, { headers: Record<string, string | string[] | undefined>; body: string }[]>();
  const waiting = new Map<string, (() => void)[]>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    const [, kind, name = ""] = url.pathname.split("/");
    if (req.method === "POST" && kind === "hook") {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.set(name, [...(received.get(name) ?? []), { headers: req.headers, body }]);
        for (const wake of waiting.get(name) ?? []) wake();
        waiting.delete(name);
        res.writeHead(name.startsWith("fail") ? 500 : 204).end();
      });
      return;
    }
    if (req.method === "GET" && kind === "received") {
      const answer = () => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(received.get(name) ?? []));
      const wait = Math.min(Number(url.searchParams.get("wait")) || 0, 30_000);
      if (wait === 0 || received.has(name)) return answer();
      let answered = false;
      const finish = () => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        answer();
      };
      const timer = setTimeout(finish, wait);
      waiting.set(name, [...(waiting.get(name) ?? []), finish]);
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
