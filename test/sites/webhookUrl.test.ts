import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ipv6Groups } from "../../src/lib/ipAddress";
import { webhookUrlProblem } from "../../src/sites/webhookUrl";

describe("webhookUrlProblem", () => {
  it("accepts public https URLs", () => {
    for (const url of ["https://hooks.example.com/marginalia", "https://8.8.8.8/x", "https://[2001:db8::1]/x", "https://news.example.co.kr:8443/hook?x=1"]) {
      expect(webhookUrlProblem(url), url).toBeUndefined();
    }
  });

  it("refuses anything but https", () => {
    expect(webhookUrlProblem("http://hooks.example.com/x")).toBe("must be an https URL");
    expect(webhookUrlProblem("ftp://hooks.example.com/x")).toBe("must be an https URL");
    expect(webhookUrlProblem("not a url")).toBe("must be a URL");
  });

  it.each([
    ["https://localhost/x", "loopback"],
    ["https://api.localhost/x", "loopback"],
    ["https://127.0.0.1/x", "loopback"],
    ["https://127.1.2.3:8443/x", "loopback"],
    ["https://2130706433/x", "loopback"],
    ["https://0x7f.1/x", "loopback"],
    ["https://0.0.0.0/x", "this network"],
    ["https://10.1.2.3/x", "a private network"],
    ["https://172.16.0.1/x", "a private network"],
    ["https://172.31.255.255/x", "a private network"],
    ["https://192.168.0.10/x", "a private network"],
    ["https://169.254.169.254/latest/meta-data", "link-local"],
    ["https://100.64.0.1/x", "carrier-grade NAT (CGNAT)"],
    ["https://100.127.255.254/x", "carrier-grade NAT (CGNAT)"],
    ["https://[::1]/x", "loopback"],
    ["https://[0:0:0:0:0:0:0:1]/x", "loopback"],
    ["https://[::]/x", "the unspecified address"],
    ["https://[fe80::1]/x", "link-local"],
    ["https://[fd12:3456::1]/x", "a unique-local network"],
    ["https://[fc00::1]/x", "a unique-local network"],
    ["https://[::ffff:127.0.0.1]/x", "loopback"],
    ["https://[::ffff:10.0.0.1]/x", "a private network"],
    ["https://[64:ff9b::192.168.1.1]/x", "a private network"],
  ])("refuses %s (%s)", (url, range) => {
    expect(webhookUrlProblem(url)).toContain(`must not point at ${range}`);
  });

  it("keeps public neighbours of the blocked ranges", () => {
    for (const url of ["https://172.32.0.1/x", "https://100.128.0.1/x", "https://11.0.0.1/x", "https://[fe00::1]/x", "https://[2001:db8::ffff:7f00:1]/x"]) {
      expect(webhookUrlProblem(url), url).toBeUndefined();
    }
  });

  it("allows the DEV_WEBHOOK_HOSTS hosts over http, and only those", () => {
    expect(webhookUrlProblem("http://127.0.0.1:8788/hook", ["127.0.0.1"])).toBeUndefined();
    expect(webhookUrlProblem("http://127.0.0.2:8788/hook", ["127.0.0.1"])).toBe("must be an https URL");
  });

  it("reads every textual form of an IPv6 address as the same groups", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), (groups) => {
        const full = groups.map((g) => g.toString(16)).join(":");
        const url = new URL(`https://[${full}]/`);
        expect(ipv6Groups(full)).toEqual(groups);
        expect(ipv6Groups(url.hostname.slice(1, -1))).toEqual(groups);
      }),
    );
  });
});
