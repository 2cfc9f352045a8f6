import { z } from "zod";

// Every environment variable the app reads, parsed once. Development defaults let a fresh clone run
// without a .env; production refuses to boot without real secrets (see assertProductionEnv).
const DEV_AUTH_SECRET = "dev-only-secret-change-me-0123456789abcdef";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));
const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  HOSTNAME: z.string().default("localhost"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  APP_VERSION: optionalString,
  GIT_COMMIT: optionalString,

  DATABASE_URL: z.string().min(1).default("file:./data/dev.db"),

  AUTH_SECRET: optionalString,
  AUTH_TRUST_HOST: bool,
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(12),
  SEED_ADMIN_PASSWORD: optionalString,
  SEED_VENTAS_PASSWORD: optionalString,
  SEED_GERENTE_PASSWORD: optionalString,

  GOOGLE_GENERATIVE_AI_API_KEY: optionalString,
  GEMINI_MODEL: z.string().default("gemini-2.5-flash"),
  // Another address for the Gemini API (a proxy, or the tests' local wire fake).
  GEMINI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_COMPATIBLE_BASE_URL: optionalString,
  OPENAI_COMPATIBLE_MODEL: z.string().default("llama3.1"),
  OPENAI_COMPATIBLE_API_KEY: optionalString,
  OPENAI_COMPATIBLE_VISION: bool,
  AGENT_RETRIEVAL_TIMEOUT_MS: ms(5_000),
  AGENT_MODEL_TIMEOUT_MS: ms(10_000),
  AGENT_TURN_TIMEOUT_MS: ms(20_000),
  // With a hosted model: `hosted` lets it understand through the typed tools; `offline` keeps it for wording only.
  AGENT_UNDERSTANDING: z.enum(["hosted", "offline"]).default("hosted"),
  AGENT_MAX_TOOL_STEPS: z.coerce.number().int().min(1).max(20).default(6),
  // Hosted-model tokens (in + out) after which the offline path answers; 0 = no limit.
  AGENT_TOKEN_BUDGET_PER_CONVERSATION: z.coerce.number().int().nonnegative().default(200_000),
  AGENT_TOKEN_BUDGET_PER_DAY: z.coerce.number().int().nonnegative().default(5_000_000),

  REDIS_URL: optionalString,
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().positive().default(200),
  TRUST_PROXY: bool,
  WS_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().positive().default(10),
  WS_MAX_CONNECTIONS: z.coerce.number().int().positive().default(2000),
  // Compatibility for legacy chat clients that cannot send chat_token: any chat id is accepted as before.
  LEGACY_CHAT_OPEN_IDS: bool,

  STORAGE_BACKEND: z.enum(["local", "s3", "minio"]).default("local"),
  STORAGE_LOCAL_DIR: z.string().default("./data/storage"),
  STORAGE_SIGNING_SECRET: optionalString,
  S3_BUCKET: optionalString,
  S3_REGION: z.string().default("us-east-1"),
  S3_ENDPOINT: optionalString,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  EXPORT_TTL_HOURS: z.coerce.number().positive().default(72),
  // Where a background export reads, formats and compresses its rows: a worker thread keeps the main event
  // loop (chat, WebSocket) free during a 1 M-row export; `main` runs it on the main thread as before.
  EXPORT_THREAD: z.enum(["worker", "main"]).default("worker"),

  // Messaging channels (lib/channels). A channel is on when its token is set.
  PUBLIC_BASE_URL: optionalString.pipe(z.url({ error: "PUBLIC_BASE_URL must be a URL (https://…)." }).optional()),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "1–256 characters from A-Z, a-z, 0-9, _ and - (Telegram rule).")
      .optional(),
  ),
  TELEGRAM_API_BASE_URL: z.url().default("https://api.telegram.org"),
  TELEGRAM_MODE: z.enum(["webhook", "polling"]).default("webhook"),
  WHATSAPP_ACCESS_TOKEN: optionalString,
  WHATSAPP_APP_SECRET: optionalString,
  WHATSAPP_VERIFY_TOKEN: optionalString,
  WHATSAPP_PHONE_NUMBER_ID: optionalString,
  WHATSAPP_API_BASE_URL: z.url().default("https://graph.facebook.com/v26.0"),
  WHATSAPP_TEMPLATE_NAME: optionalString,
  WHATSAPP_TEMPLATE_LANGUAGE: z.string().default("es"),
  CHANNEL_RETRY_BASE_MS: ms(2_000),
  CHANNEL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
  CHANNEL_WORKER_INTERVAL_MS: ms(1_000),
  QUOTE_VALIDITY_DAYS: z.coerce.number().int().positive().max(365).default(15),
  COMPANY_NIT: optionalString,
  // a product with this many units or fewer is "bajo stock", unless it has its own threshold
  LOW_STOCK_THRESHOLD: z.coerce.number().int().min(0).max(1_000_000).default(10),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; STORAGE_SIGNING_SECRET: string };

let cached: Env | undefined;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  const authSecret = parsed.data.AUTH_SECRET ?? DEV_AUTH_SECRET;
  return {
    ...parsed.data,
    AUTH_SECRET: authSecret,
    STORAGE_SIGNING_SECRET: parsed.data.STORAGE_SIGNING_SECRET ?? authSecret,
  };
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Test helper: forget the cached parse so a test can change process.env. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Production must not start on development defaults; returns the list of problems (empty = ok). */
export function productionProblems(source: Record<string, string | undefined> = process.env): string[] {
  const problems: string[] = [];
  const secret = source.AUTH_SECRET?.trim();
  if (!secret) problems.push("AUTH_SECRET is required (generate one with `openssl rand -base64 32`).");
  else if (secret === DEV_AUTH_SECRET || secret.length < 32) {
    problems.push("AUTH_SECRET must be a random value of at least 32 characters.");
  }
  const backend = source.STORAGE_BACKEND ?? "local";
  if ((backend === "s3" || backend === "minio") && !source.S3_BUCKET) {
    problems.push(`S3_BUCKET is required when STORAGE_BACKEND=${backend}.`);
  }
  if (source.WHATSAPP_ACCESS_TOKEN?.trim()) {
    for (const name of ["WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "WHATSAPP_PHONE_NUMBER_ID"]) {
      if (!source[name]?.trim()) problems.push(`${name} is required when WHATSAPP_ACCESS_TOKEN is set.`);
    }
  }
  if (source.TELEGRAM_BOT_TOKEN?.trim() && (source.TELEGRAM_MODE ?? "webhook") === "webhook") {
    if (!source.TELEGRAM_WEBHOOK_SECRET?.trim())
      problems.push("TELEGRAM_WEBHOOK_SECRET is required for the Telegram webhook (or set TELEGRAM_MODE=polling).");
  }
  return problems;
}

export function assertProductionEnv(source: Record<string, string | undefined> = process.env): void {
  if (source.NODE_ENV !== "production") return;
  const problems = productionProblems(source);
  if (problems.length > 0) {
    throw new Error(`Refusing to start in production:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function databaseFlavour(url: string = env().DATABASE_URL): "sqlite" | "postgres" {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}
