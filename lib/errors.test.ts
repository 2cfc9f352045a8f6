import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, ERROR_STATUS, errorResponse } from "@/lib/errors";
import { log } from "@/lib/log";

describe("errors", () => {
  it.each(Object.entries(ERROR_STATUS))("maps %s to HTTP %i with a Spanish message", async (code, status) => {
    const response = errorResponse(new AppError(code as keyof typeof ERROR_STATUS), "req-1");
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/[a-záéíóúñ]/i);
    expect(body.error.request_id).toBe("req-1");
    expect(response.headers.get("x-request-id")).toBe("req-1");
  });

  it("never leaks an unknown error's message or stack, and logs it with the request id", async () => {
    const spy = vi.spyOn(log, "error").mockImplementation(() => {});
    const response = errorResponse(new Error("SELECT * FROM secret_table failed at /srv/app.ts:42"), "req-2");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/secret_table|app\.ts|stack/);
    expect(JSON.parse(text).error.code).toBe("internal");
    expect(spy).toHaveBeenCalledWith("unhandled error", expect.objectContaining({ requestId: "req-2" }));
    spy.mockRestore();
  });

  it("turns zod failures into invalid_input with field errors", async () => {
    const parsed = z.object({ precio: z.number().int() }).safeParse({ precio: "x" });
    if (parsed.success) throw new Error("expected failure");
    const body = await errorResponse(parsed.error).json();
    expect(body.error.code).toBe("invalid_input");
    expect(Object.keys(body.error.fields)).toEqual(["precio"]);
  });

  it("sets Retry-After on rate limits and prefers a detail code", async () => {
    const limited = errorResponse(new AppError("rate_limited", undefined, { retryAfterSeconds: 17 }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("17");
    const detailed = await errorResponse(
      new AppError("unavailable", "Sin modelo.", { detailCode: "modelo_no_disponible" }),
    ).json();
    expect(detailed.error).toEqual({ code: "modelo_no_disponible", message: "Sin modelo." });
  });
});
