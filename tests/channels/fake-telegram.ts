import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A local Telegram Bot API: the methods the shop uses, with Telegram's JSON for answers and errors
// ({ok:false, error_code, description, parameters:{retry_after}}) and MarkdownV2 parsing as strict as Telegram's.
export type BotCall = { method: string; body: Record<string, unknown> };
export type SentMessage = { chatId: string; text: string; raw: string; parseMode: string | null; buttons: string[][] };
type Failure = { status: number; body: Record<string, unknown> };
type Queued = { failure: Failure; match?: (body: Record<string, unknown>) => boolean };

const RESERVED = "_*[]()~`>#+-=|{}.!\\";

/** Telegram's MarkdownV2 rules for what the shop sends: escapes, and *bold* as the only entity. */
export function parseMarkdownV2(text: string): { plain: string } | { error: string } {
  let plain = "";
  let boldFrom: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\\") {
      const next = text[i + 1];
      if (next === undefined) return { error: "Bad Request: can't parse entities: Character '\\' is reserved" };
      plain += next;
      i++;
    } else if (c === "*") {
      boldFrom = boldFrom === null ? Buffer.byteLength(text.slice(0, i)) : null;
    } else if (RESERVED.includes(c)) {
      return {
        error: `Bad Request: can't parse entities: Character '${c}' is reserved and must be escaped with the preceding '\\'`,
      };
    } else plain += c;
  }
  if (boldFrom !== null)
    return { error: `Bad Request: can't parse entities: Can't find end of Bold entity at byte offset ${boldFrom}` };
  return { plain };
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;

export async function startFakeTelegram(token: string, port = 0) {
  const calls: BotCall[] = [];
  const sent: SentMessage[] = [];
  const failures = new Map<string, Queued[]>();
  const files = new Map<string, { path: string; bytes: Buffer }>();
  const updates: unknown[] = [];
  let messageId = 1000;
  let webhook = { url: "", secret: "" };

  const ok = (result: unknown) => ({ status: 200, body: { ok: true, result } });
  const fail = (status: number, description: string, extra: Record<string, unknown> = {}) => ({
    status,
    body: { ok: false, error_code: status, description, ...extra },
  });

  function handle(method: string, body: Record<string, unknown>): { status: number; body: unknown } {
    const list = failures.get(method) ?? [];
    const at = list.findIndex((q) => !q.match || q.match(body));
    if (at >= 0) return (list.splice(at, 1)[0] as Queued).failure;
    switch (method) {
      case "sendMessage": {
        const raw = String(body.text ?? "");
        if (!raw.trim()) return fail(400, "Bad Request: message text is empty");
        if (raw.length > 4096) return fail(400, "Bad Request: message is too long");
        const parseMode = typeof body.parse_mode === "string" ? body.parse_mode : null;
        let text = raw;
        if (parseMode === "MarkdownV2") {
          const parsed = parseMarkdownV2(raw);
          if ("error" in parsed) return fail(400, parsed.error);
          text = parsed.plain;
        }
        const markup = body.reply_markup as
          | { inline_keyboard?: { text: string; callback_data: string }[][] }
          | undefined;
        const buttons = (markup?.inline_keyboard ?? []).map((row) => row.map((b) => `${b.text}|${b.callback_data}`));
        sent.push({ chatId: String(body.chat_id), text, raw, parseMode, buttons });
        messageId += 1;
        return ok({
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: body.chat_id, type: "private" },
          text,
        });
      }
      case "answerCallbackQuery":
        return body.callback_query_id
          ? ok(true)
          : fail(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
      case "editMessageReplyMarkup":
        return ok(true);
      case "getFile": {
        const file = files.get(String(body.file_id));
        if (!file) return fail(400, "Bad Request: invalid file_id");
        return ok({
          file_id: body.file_id,
          file_unique_id: `u-${body.file_id}`,
          file_size: file.bytes.length,
          file_path: file.path,
        });
      }
      case "getMe":
        return ok({ id: 7_000_000_001, is_bot: true, first_name: "Sextinvalle", username: "sextinvalle_bot" });
      case "setWebhook":
        webhook = { url: String(body.url ?? ""), secret: String(body.secret_token ?? "") };
        return ok(true);
      case "deleteWebhook":
        webhook = { url: "", secret: "" };
        return ok(true);
      case "getWebhookInfo":
        return ok({ url: webhook.url, has_custom_certificate: false, pending_update_count: 0 });
      default:
        return fail(404, "Not Found");
    }
  }

  async function getUpdates(body: Record<string, unknown>) {
    if (webhook.url)
      return fail(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const offset = typeof body.offset === "number" ? body.offset : 0;
    const pick = () => updates.filter((u) => (u as { update_id: number }).update_id >= offset);
    if (pick().length === 0) await new Promise((r) => setTimeout(r, Math.min(Number(body.timeout ?? 0) * 1000, 150)));
    // confirmed updates (below the offset) are forgotten, as Telegram does
    for (let i = updates.length - 1; i >= 0; i--)
      if ((updates[i] as { update_id: number }).update_id < offset) updates.splice(i, 1);
    return ok(pick());
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      const found = [...files.values()].find((f) => f.path === file[2]);
      res.writeHead(file[1] === token && found ? 200 : 404).end(file[1] === token ? found?.bytes : undefined);
      return;
    }
    const call = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    let answer: { status: number; body: unknown } = fail(404, "Not Found");
    if (call && call[1] !== token) answer = fail(401, "Unauthorized");
    else if (call) {
      const method = call[2] as string;
      const body = await readBody(req);
      calls.push({ method, body });
      answer = method === "getUpdates" ? await getUpdates(body) : handle(method, body);
    }
    res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    calls,
    sent,
    /** The next `times` calls of `method` (for `chatId`, if given) answer this instead. */
    failNext(method: string, times: number, failure: Failure, chatId?: string) {
      const match =
        chatId === undefined ? undefined : (body: Record<string, unknown>) => String(body.chat_id) === chatId;
      failures.set(method, [
        ...(failures.get(method) ?? []),
        ...Array.from({ length: times }, () => ({ failure, match })),
      ]);
    },
    tooManyRequests: (retryAfter: number): Failure =>
      fail(429, `Too Many Requests: retry after ${retryAfter}`, { parameters: { retry_after: retryAfter } }),
    serverError: (): Failure => fail(502, "Bad Gateway"),
    blocked: (): Failure => fail(403, "Forbidden: bot was blocked by the user"),
    addFile(fileId: string, path: string, bytes: Buffer) {
      files.set(fileId, { path, bytes });
    },
    queueUpdate(update: unknown) {
      updates.push(update);
    },
    webhook: () => webhook,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

// Update objects as Telegram sends them.
let nextUpdateId = 500_000;
const person = (id: number) => ({ id, is_bot: false, first_name: "Carlos", last_name: "Ruiz", language_code: "es" });

export function textUpdate(chatId: number, messageId: number, text: string) {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: messageId,
      from: person(chatId),
      chat: { id: chatId, first_name: "Carlos", last_name: "Ruiz", type: "private" },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(text.startsWith("/")
        ? { entities: [{ offset: 0, length: text.split(" ")[0]?.length ?? 1, type: "bot_command" }] }
        : {}),
    },
  };
}

export function callbackUpdate(chatId: number, messageId: number, data: string) {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `cbq-${nextUpdateId}`,
      from: person(chatId),
      message: {
        message_id: messageId,
        from: { id: 7_000_000_001, is_bot: true, first_name: "Sextinvalle", username: "sextinvalle_bot" },
        chat: { id: chatId, first_name: "Carlos", type: "private" },
        date: Math.floor(Date.now() / 1000),
        text: "Resumen del pedido",
      },
      chat_instance: "-812345678901234567",
      data,
    },
  };
}

export function voiceUpdate(chatId: number, messageId: number, fileId: string) {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: messageId,
      from: person(chatId),
      chat: { id: chatId, first_name: "Carlos", type: "private" },
      date: Math.floor(Date.now() / 1000),
      voice: { duration: 3, mime_type: "audio/ogg", file_id: fileId, file_unique_id: `u-${fileId}`, file_size: 5120 },
    },
  };
}
