import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIpFromHeaders } from "@/lib/http/client-ip";
import { clientIp, stampClientIp } from "@/lib/http/ip-limit";

const request = (forwarded: string | undefined, remote = "203.0.113.9") =>
  ({
    headers: forwarded ? { "x-forwarded-for": forwarded } : {},
    socket: { remoteAddress: remote },
  }) as unknown as IncomingMessage;

describe("client address", () => {
  it.each([
    ["no proxy trusted: the socket, whatever the header says", "6.6.6.6", false, "203.0.113.9"],
    ["trusted proxy: the right-most hop (what our proxy saw)", "6.6.6.6, 190.1.2.3", true, "190.1.2.3"],
    ["trusted proxy without the header: the socket", undefined, true, "203.0.113.9"],
  ])("%s", (_, forwarded, trust, expected) => {
    expect(clientIp(request(forwarded), trust)).toBe(expected);
  });

  it("overwrites a client-sent stamp, so handlers cannot be fooled", () => {
    const req = request("6.6.6.6");
    req.headers[CLIENT_IP_HEADER] = "1.1.1.1";
    stampClientIp(req);
    expect(req.headers[CLIENT_IP_HEADER]).toBe(clientIp(req));
    expect(clientIpFromHeaders(new Headers(req.headers as Record<string, string>))).not.toBe("1.1.1.1");
  });
});
