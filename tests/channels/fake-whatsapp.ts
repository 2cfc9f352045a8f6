import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A local WhatsApp Cloud API (Graph): POST /<version>/<phone-number-id>/messages for text, interactive reply
// buttons, templates and read receipts, media retrieval, and Graph's error bodies
// ({error: {message, type, code, error_data: {messaging_product, details}, fbtrace_id}}).
export const GRAPH_VERSION = "v26.0";

export type GraphMessage = {
  to: string;
  type: string;
  text: string;
  buttons: string[];
  template: { name: string; language: string; parameters: string[] } | null;
  id: string;
};
type Failure = { status: number; body: Record<string, unknown> };

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function graphFailure(status: number, code: number, message: string, details: string): Failure {
  return {
    status,
    body: {
      error: {
        message,
        type: "OAuthException",
        code,
        error_data: { messaging_product: "whatsapp", details },
        fbtrace_id: `A${Math.random().toString(36).slice(2, 12)}`,
      },
    },
  };
}

export type FakeWhatsapp = Awaited<ReturnType<typeof startFakeWhatsapp>>;

export async function startFakeWhatsapp(options: { token: string; phoneNumberId: string; port?: number }) {
  const messages: GraphMessage[] = [];
  const reads: string[] = [];
  const failures: Failure[] = [];
  const media = new Map<string, { mimeType: string; bytes: Buffer }>();
  let counter = 0;
  let base = "";

  const invalid = (what: string) => graphFailure(400, 100, "(#100) Invalid parameter", what);

  function send(body: Record<string, unknown>): { status: number; body: unknown } {
    if (body.messaging_product !== "whatsapp") return invalid("messaging_product must be whatsapp");
    if (body.status === "read") {
      if (typeof body.message_id !== "string") return invalid("message_id is required");
      reads.push(body.message_id);
      return { status: 200, body: { success: true } };
    }
    const queued = failures.shift();
    if (queued) return queued;
    const to = String(body.to ?? "");
    const type = String(body.type ?? "");
    let text = "";
    let buttons: string[] = [];
    let template: GraphMessage["template"] = null;
    if (type === "text") {
      text = String((body.text as { body?: string })?.body ?? "");
      if (!text || text.length > 4096) return invalid("text.body must have 1 to 4096 characters");
    } else if (type === "interactive") {
      const interactive = body.interactive as {
        type?: string;
        body?: { text?: string };
        action?: { buttons?: { type: string; reply: { id: string; title: string } }[] };
      };
      text = interactive?.body?.text ?? "";
      const list = interactive?.action?.buttons ?? [];
      if (interactive?.type !== "button" || !text || text.length > 1024)
        return invalid("interactive.body.text must have 1 to 1024 characters");
      if (
        list.length < 1 ||
        list.length > 3 ||
        list.some((b) => b.type !== "reply" || !b.reply.title || b.reply.title.length > 20)
      )
        return invalid("interactive.action.buttons: 1 to 3 reply buttons, titles up to 20 characters");
      buttons = list.map((b) => `${b.reply.title}|${b.reply.id}`);
    } else if (type === "template") {
      const t = body.template as {
        name?: string;
        language?: { code?: string };
        components?: { parameters?: { text: string }[] }[];
      };
      if (!t?.name || !t.language?.code) return invalid("template.name and template.language.code are required");
      const parameters = (t.components ?? []).flatMap((c) => (c.parameters ?? []).map((p) => p.text));
      if (parameters.some((p) => /[\n\t]| {5,}/.test(p)))
        return graphFailure(
          400,
          132018,
          "(#132018) There was an issue with the parameters in your template.",
          "Param text cannot have new-line/tab characters or more than 4 consecutive spaces",
        );
      template = { name: t.name, language: t.language.code, parameters };
      text = parameters.join(" ");
    } else return invalid(`unsupported message type ${type}`);
    counter += 1;
    const id = `wamid.HBgMNTczMDA${counter.toString().padStart(6, "0")}FQIAERgSQ0ZBQzFFQkFB`;
    messages.push({ to, type, text, buttons, template, id });
    return {
      status: 200,
      body: { messaging_product: "whatsapp", contacts: [{ input: to, wa_id: to }], messages: [{ id }] },
    };
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      reply(401, graphFailure(401, 190, "Invalid OAuth access token - Cannot parse access token", "").body);
      return;
    }
    const raw = await readBody(req);
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts[0] === "media-download" && parts[1]) {
      const file = media.get(parts[1]);
      if (!file) return reply(404, invalid("unknown media").body);
      res.writeHead(200, { "content-type": file.mimeType }).end(file.bytes);
      return;
    }
    if (parts[0] !== GRAPH_VERSION) return reply(400, invalid("unknown version").body);
    if (req.method === "POST" && parts[1] === options.phoneNumberId && parts[2] === "messages") {
      const answer = send(JSON.parse(raw.toString("utf8") || "{}") as Record<string, unknown>);
      return reply(answer.status, answer.body);
    }
    if (req.method === "GET" && parts[1] === options.phoneNumberId && parts.length === 2) {
      return reply(200, {
        verified_name: "Sextinvalle Ltda",
        display_phone_number: "+57 602 555 0101",
        quality_rating: "GREEN",
        id: options.phoneNumberId,
      });
    }
    const file = req.method === "GET" && parts[1] ? media.get(parts[1]) : undefined;
    if (file && parts[1]) {
      return reply(200, {
        messaging_product: "whatsapp",
        url: `${base}/media-download/${parts[1]}`,
        mime_type: file.mimeType,
        sha256: createHmac("sha256", "x").update(file.bytes).digest("hex"),
        file_size: String(file.bytes.length),
        id: parts[1],
      });
    }
    reply(400, graphFailure(400, 100, "Unsupported get request.", "").body);
  });
  await new Promise<void>((r) => server.listen(options.port ?? 0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${base}/${GRAPH_VERSION}`,
    messages,
    reads,
    failNext(times: number, failure: Failure) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    rateLimited: () =>
      graphFailure(429, 130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached."),
    serverError: () => graphFailure(500, 131000, "(#131000) Something went wrong", "Something went wrong"),
    undeliverable: () => graphFailure(400, 131026, "(#131026) Message Undeliverable.", "Unable to deliver message."),
    addMedia(id: string, mimeType: string, bytes: Buffer) {
      media.set(id, { mimeType, bytes });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

// Webhook bodies as Meta sends them, and their signature.
export function sign(body: string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

function envelope(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "576025550101", phone_number_id: phoneNumberId },
              ...value,
            },
            field: "messages",
          },
        ],
      },
    ],
  };
}

export function inboundMessage(
  phoneNumberId: string,
  from: string,
  message: Record<string, unknown>,
  name = "Laura Gómez",
) {
  return envelope(phoneNumberId, {
    contacts: [{ profile: { name }, wa_id: from }],
    messages: [{ from, timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
  });
}

export const textMessage = (id: string, body: string) => ({ id, type: "text", text: { body } });
export const buttonReply = (id: string, buttonId: string, title: string) => ({
  id,
  type: "interactive",
  interactive: { type: "button_reply", button_reply: { id: buttonId, title } },
});

export function statusUpdate(
  phoneNumberId: string,
  wamid: string,
  status: string,
  recipient: string,
  errors?: unknown[],
) {
  return envelope(phoneNumberId, {
    statuses: [
      {
        id: wamid,
        status,
        timestamp: String(Math.floor(Date.now() / 1000)),
        recipient_id: recipient,
        ...(status === "failed"
          ? {}
          : {
              conversation: { id: "c0ffee", origin: { type: "service" } },
              pricing: { billable: true, pricing_model: "PMP", category: "service" },
            }),
        ...(errors ? { errors } : {}),
      },
    ],
  });
}
