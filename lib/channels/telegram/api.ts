import { type TelegramConfig, telegramConfig } from "@/lib/channels/config";
import { jsonOrNull, ProviderError, providerFetch } from "@/lib/channels/errors";

// Telegram Bot API calls: POST {base}/bot<token>/<method> with JSON; answers are {ok, result} or
// {ok: false, error_code, description, parameters: {retry_after}}.
type BotApiAnswer = {
  ok?: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
};

function requireConfig(config: TelegramConfig | null): TelegramConfig {
  if (!config)
    throw new ProviderError("Telegram no está configurado (TELEGRAM_BOT_TOKEN).", { retryable: true, code: "config" });
  return config;
}

/** Errors a later attempt can fix: throttling, Telegram's own outages, a bot token being corrected. */
function retryable(status: number): boolean {
  return status === 429 || status >= 500 || status === 401 || status === 404;
}

export async function telegramCall<T>(
  method: string,
  body: Record<string, unknown>,
  options: { timeoutMs?: number; config?: TelegramConfig | null; signal?: AbortSignal } = {},
): Promise<T> {
  const config = requireConfig(options.config === undefined ? telegramConfig() : options.config);
  const response = await providerFetch(
    "Telegram",
    `${config.baseUrl}/bot${config.token}/${method}`,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    options.timeoutMs,
    options.signal,
  );
  const answer = (await jsonOrNull(response)) as BotApiAnswer | null;
  if (response.ok && answer?.ok === true) return answer.result as T;
  const status = answer?.error_code ?? response.status;
  const description = answer?.description ?? `HTTP ${response.status}`;
  const retryAfter = answer?.parameters?.retry_after;
  throw new ProviderError(`Telegram (${method}) respondió ${status}: ${description}`, {
    retryable: retryable(status),
    code: String(status),
    status,
    retryAfterMs: typeof retryAfter === "number" ? retryAfter * 1000 : null,
  });
}

/** Downloads a file the customer sent (voice note, photo); Telegram serves up to 20 MB to bots. */
export async function telegramDownload(fileId: string, maxBytes: number): Promise<{ bytes: Uint8Array; path: string }> {
  const config = requireConfig(telegramConfig());
  const file = await telegramCall<{ file_path?: string; file_size?: number }>("getFile", { file_id: fileId });
  if (!file.file_path)
    throw new ProviderError("Telegram no entregó la ruta del archivo.", { retryable: false, code: "file" });
  if ((file.file_size ?? 0) > maxBytes)
    throw new ProviderError("El archivo es demasiado grande.", { retryable: false, code: "too_big" });
  const response = await providerFetch(
    "Telegram",
    `${config.baseUrl}/file/bot${config.token}/${file.file_path}`,
    {},
    30_000,
  );
  if (!response.ok) {
    throw new ProviderError(`Telegram no entregó el archivo (HTTP ${response.status}).`, {
      retryable: response.status >= 500 || response.status === 429,
      code: String(response.status),
      status: response.status,
    });
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes)
    throw new ProviderError("El archivo es demasiado grande.", { retryable: false, code: "too_big" });
  return { bytes, path: file.file_path };
}
