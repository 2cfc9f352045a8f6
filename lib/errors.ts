import { ZodError } from "zod";
import { log } from "@/lib/log";

// One error type for the whole app. `code` is stable for machines; `message` is Spanish for people.
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  invalid_input: "Los datos enviados no son válidos.",
  unauthorized: "Debes iniciar sesión para continuar.",
  forbidden: "No tienes permiso para realizar esta acción.",
  not_found: "No encontramos lo que buscas.",
  conflict: "La operación entra en conflicto con el estado actual.",
  payload_too_large: "El archivo o mensaje es demasiado grande.",
  unsupported_media_type: "El tipo de archivo no está permitido.",
  rate_limited: "Has hecho demasiadas solicitudes. Intenta de nuevo en un momento.",
  unavailable: "El servicio no está disponible en este momento. Intenta más tarde.",
  internal: "Ocurrió un error inesperado. Ya quedó registrado; intenta de nuevo.",
};

export type FieldErrors = Record<string, string>;

// server.ts and Next's bundle each load this module, so there are two AppError classes in one process (the
// rate-limit store built by server.ts throws the other one). A registry-wide symbol marks both.
const APP_ERROR = Symbol.for("sextinvalle.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: FieldErrors;
  readonly retryAfterSeconds?: number;
  /** A more specific machine code for legacy clients (e.g. `modelo_no_disponible`). */
  readonly detailCode?: string;

  constructor(
    code: ErrorCode,
    message?: string,
    options: { fields?: FieldErrors; retryAfterSeconds?: number; detailCode?: string; cause?: unknown } = {},
  ) {
    super(message ?? DEFAULT_MESSAGES[code], { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.detailCode = options.detailCode;
  }
}

export const isAppError = (e: unknown): e is AppError =>
  e instanceof AppError || (typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[APP_ERROR] === true);

/** Turns zod issues into `{ field: Spanish message }`. */
export function fieldErrorsFromZod(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function invalidInput(error: ZodError, message = DEFAULT_MESSAGES.invalid_input): AppError {
  return new AppError("invalid_input", message, { fields: fieldErrorsFromZod(error) });
}

export type ErrorBody = {
  error: { code: string; message: string; fields?: FieldErrors; request_id?: string };
  /** The same message where the previous system's (FastAPI) clients read it: `{"detail": "…"}`. */
  detail: string;
};

// The database being unreachable (down, restarting, out of connections, locked) is an outage, not a bug:
// Prisma's connection codes, the driver adapter's kinds, SQLSTATE classes 08/57P/53300, socket errors.
const OUTAGE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const OUTAGE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const OUTAGE_SOCKET = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]);
const OUTAGE_MESSAGE =
  /Can't reach database server|Connection terminated|timeout exceeded when trying to connect|terminating connection|database system is (starting up|shutting down)|the database system is in recovery|database is locked|SQLITE_BUSY/i;

function isDatabaseOutage(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as {
    code?: unknown;
    kind?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  const cause = e.meta?.driverAdapterError?.cause;
  const sqlState =
    typeof cause?.originalCode === "string" ? cause.originalCode : typeof e.code === "string" ? e.code : "";
  if (typeof e.code === "string" && (OUTAGE_PRISMA.has(e.code) || OUTAGE_SOCKET.has(e.code))) return true;
  if (OUTAGE_KINDS.has(String(cause?.kind ?? e.kind ?? ""))) return true;
  if (/^(08...|57P0[123]|53300)$/.test(sqlState)) return true;
  if (typeof e.message === "string" && OUTAGE_MESSAGE.test(e.message)) return true;
  return isDatabaseOutage(e.cause, depth + 1);
}

export function databaseUnavailable(cause?: unknown): AppError {
  return new AppError(
    "unavailable",
    "La base de datos no está disponible en este momento. Intenta de nuevo en unos segundos.",
    { retryAfterSeconds: 5, cause },
  );
}

/**
 * Database errors that are the request's fault or a race, not a bug. Recognised by their code strings
 * (Prisma's `P…`, PostgreSQL's SQLSTATE, the driver adapter's `kind`) so lib/db stays the only Prisma importer.
 */
function fromDatabaseError(error: unknown): AppError | null {
  if (!error || typeof error !== "object") return null;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
  const cause = (meta?.driverAdapterError?.cause ?? {}) as {
    originalCode?: unknown;
    kind?: unknown;
    constraint?: { fields?: unknown };
  };
  const outOfRange =
    code === "P2020" ||
    code === "P2033" ||
    code === "22003" ||
    cause.originalCode === "22003" ||
    cause.kind === "ValueOutOfRange";
  if (outOfRange) return new AppError("invalid_input", "Un valor numérico está fuera del rango permitido.");
  // PostgreSQL: NUL or an invalid byte sequence in text (every way in refuses them first; this is the last net)
  if (code === "22021" || cause.originalCode === "22021")
    return new AppError("invalid_input", "El texto contiene caracteres no permitidos.", {
      detailCode: "caracteres_no_permitidos",
    });
  if (code === "P2002") {
    const fields = Array.isArray(cause.constraint?.fields)
      ? Object.fromEntries(cause.constraint.fields.map((f) => [String(f), "Ya existe un registro con este valor."]))
      : undefined;
    return new AppError("conflict", "Ya existe un registro con esos datos.", { fields, cause: error });
  }
  if (code === "P2025") return new AppError("not_found", "El registro no existe o ya fue eliminado.", { cause: error });
  if (code === "P2003")
    return new AppError("conflict", "La operación depende de un registro que no existe o que otros datos aún usan.", {
      cause: error,
    });
  return null;
}

/** Normalises any thrown value into an AppError; unknown errors are logged, never exposed. */
export function toAppError(error: unknown, requestId?: string): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError || (error instanceof Error && error.name === "ZodError" && "issues" in error))
    return invalidInput(error as ZodError);
  if (isDatabaseOutage(error)) {
    log.warn("database unavailable", { requestId, err: error });
    return databaseUnavailable(error);
  }
  const known = fromDatabaseError(error);
  if (known) {
    log.warn("database error answered as 4xx", { requestId, code: known.code, err: error });
    return known;
  }
  log.error("unhandled error", { requestId, err: error });
  return new AppError("internal");
}

export function errorBody(error: AppError, requestId?: string): ErrorBody {
  const firstField = error.fields ? Object.values(error.fields)[0] : undefined;
  return {
    error: {
      code: error.detailCode ?? error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(requestId ? { request_id: requestId } : {}),
    },
    // FastAPI put the specific reason there: the first field's message follows the general one
    detail: firstField ? `${error.message.replace(/\.?$/, ".")} ${firstField}` : error.message,
  };
}

export function errorResponse(error: unknown, requestId?: string): Response {
  const appError = toAppError(error, requestId);
  const headers = new Headers({ "content-type": "application/json; charset=utf-8" });
  if (requestId) headers.set("x-request-id", requestId);
  if (appError.retryAfterSeconds !== undefined) headers.set("retry-after", String(appError.retryAfterSeconds));
  return new Response(JSON.stringify(errorBody(appError, requestId)), { status: appError.status, headers });
}
