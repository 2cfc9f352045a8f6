import { type WhatsappConfig, whatsappConfig } from "@/lib/channels/config";
import { jsonOrNull, ProviderError, providerFetch } from "@/lib/channels/errors";

// WhatsApp Cloud API (Graph) calls with the access token. Errors are {error: {message, type, code,
// error_data: {details}, fbtrace_id}}; the code decides whether another attempt can succeed.
type GraphError = { error?: { message?: string; code?: number; error_data?: { details?: string } } };

/** Throttling (130429, 131056, 80007, 4), Meta's own failures (1, 2, 131000, 131016, 133004), expired token (190). */
const RETRYABLE_CODES = new Set([1, 2, 4, 190, 613, 80007, 130429, 131000, 131016, 131056, 133004]);
/** "Re-engagement message": more than 24 hours since the customer last wrote. */
export const WINDOW_CLOSED_CODE = 131047;

export function requireWhatsapp(config: WhatsappConfig | null = whatsappConfig()): WhatsappConfig {
  if (!config) {
    throw new ProviderError("WhatsApp no está configurado (WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID).", {
      retryable: true,
      code: "config",
    });
  }
  return config;
}

export function graphError(status: number, body: unknown, what: string): ProviderError {
  const error = (body as GraphError | null)?.error;
  const code = error?.code;
  const details = error?.error_data?.details;
  const text = [error?.message ?? `HTTP ${status}`, details].filter(Boolean).join(" — ");
  return new ProviderError(`WhatsApp (${what}) respondió ${code ?? status}: ${text}`, {
    retryable: status === 429 || status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code)),
    code: String(code ?? status),
    status,
  });
}

export async function graphCall<T>(
  method: "GET" | "POST",
  path: string,
  body?: Record<string, unknown>,
  options: { timeoutMs?: number; config?: WhatsappConfig | null } = {},
): Promise<T> {
  const config = requireWhatsapp(options.config === undefined ? whatsappConfig() : options.config);
  const response = await providerFetch(
    "WhatsApp",
    `${config.baseUrl}/${path}`,
    {
      method,
      headers: {
        authorization: `Bearer ${config.accessToken}`,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    },
    options.timeoutMs,
  );
  const json = await jsonOrNull(response);
  if (!response.ok) throw graphError(response.status, json, path.split("/").at(-1) ?? path);
  return json as T;
}

/** A media file the customer sent: Graph gives a short-lived URL that also needs the token. */
export async function whatsappDownload(mediaId: string, maxBytes: number) {
  const config = requireWhatsapp();
  const meta = await graphCall<{ url?: string; mime_type?: string; file_size?: number | string }>("GET", mediaId);
  if (!meta.url)
    throw new ProviderError("WhatsApp no entregó la dirección del archivo.", { retryable: false, code: "media" });
  if (Number(meta.file_size ?? 0) > maxBytes)
    throw new ProviderError("El archivo es demasiado grande.", { retryable: false, code: "too_big" });
  const response = await providerFetch(
    "WhatsApp",
    meta.url,
    { headers: { authorization: `Bearer ${config.accessToken}` } },
    30_000,
  );
  if (!response.ok) throw graphError(response.status, await jsonOrNull(response), "media");
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes)
    throw new ProviderError("El archivo es demasiado grande.", { retryable: false, code: "too_big" });
  return { bytes, mimeType: meta.mime_type ?? null };
}
