// A provider call that did not succeed. `retryable` decides between another attempt (outage, throttling, a
// token being fixed) and a failure for good (the customer blocked the bot, the number is not on WhatsApp).
export class ProviderError extends Error {
  readonly retryable: boolean;
  /** The provider asked us to wait at least this long (Telegram's retry_after). */
  readonly retryAfterMs: number | null;
  /** Provider's own code: Telegram error_code, Graph error code, or `network`. */
  readonly code: string;
  readonly status: number | null;

  constructor(
    message: string,
    options: {
      retryable: boolean;
      code: string;
      status?: number | null;
      retryAfterMs?: number | null;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = "ProviderError";
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.code = options.code;
    this.status = options.status ?? null;
  }
}

export const isProviderError = (e: unknown): e is ProviderError => e instanceof ProviderError;

/** fetch with a deadline; network failures and timeouts become retryable ProviderErrors. */
export async function providerFetch(
  provider: string,
  url: string,
  init: RequestInit,
  timeoutMs = 10_000,
  signal?: AbortSignal,
) {
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    return await fetch(url, { ...init, signal: signal ? AbortSignal.any([deadline, signal]) : deadline });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new ProviderError(timedOut ? `${provider} no respondió a tiempo.` : `No se pudo conectar con ${provider}.`, {
      retryable: true,
      code: "network",
      cause: error,
    });
  }
}

/** The body as JSON, or null when the provider answered something else (an HTML error page from a proxy). */
export async function jsonOrNull(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}
