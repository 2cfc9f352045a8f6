import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { checkRateLimit, LIMITS, type RateLimitStore, rateLimitStore } from "@/lib/ratelimit";

// Sign-in throttling: at most LIMITS.loginFailures.max failed attempts per window for one account from one
// IP. Every attempt counts; a successful sign-in clears the counter, so only failures accumulate. Keying by
// account+IP stops guessing without letting someone elsewhere lock a colleague out of their account.
export type LoginGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function loginThrottleSubject(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}|${ip || "desconocida"}`;
}

export async function registerLoginAttempt(
  email: string,
  ip: string,
  store: RateLimitStore = rateLimitStore(),
): Promise<LoginGate> {
  const result = await checkRateLimit(LIMITS.loginFailures, loginThrottleSubject(email, ip), store);
  return result.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: result.retryAfterSeconds };
}

export async function clearLoginAttempts(
  email: string,
  ip: string,
  store: RateLimitStore = rateLimitStore(),
): Promise<void> {
  await store.reset(`${LIMITS.loginFailures.name}:${loginThrottleSubject(email, ip)}`);
}

/** The client's address as decided by server.ts (never a client-supplied X-Forwarded-For). */
export function clientIp(headers: Headers): string {
  return clientIpFromHeaders(headers);
}

export function throttledMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Demasiados intentos fallidos. Por seguridad, espera ${minutes} ${minutes === 1 ? "minuto" : "minutos"} e intenta de nuevo.`;
}
