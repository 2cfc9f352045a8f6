import "dotenv/config";
import { createServer } from "node:http";
import next from "next";
import { assertProductionEnv, env } from "@/lib/env";
import { rejectOverIpLimit, stampClientIp, stripTrailingSlash, wantsServiceInfo } from "@/lib/http/ip-limit";
import { applySecurityHeaders, rejectCrossSite } from "@/lib/http/request-guard";
import { rootServiceInfo } from "@/lib/legacy-api/service-info";
import { log } from "@/lib/log";
import { installRealtime } from "@/lib/realtime/install";
import { handleUpgrade } from "@/lib/realtime/upgrade";

// One HTTP server: Next (pages, route handlers) plus the legacy WebSocket route /ws/chat/{chat_id}.
async function main(): Promise<void> {
  assertProductionEnv();
  const config = env();
  const dev = config.NODE_ENV !== "production";
  const server = createServer();
  const app = next({ dev, hostname: config.HOSTNAME, port: config.PORT, httpServer: server });

  await installRealtime();
  // The agent's catalogue index is built while Next prepares, and the server listens once both are ready: the
  // first customer never pays for it (behind nginx, other instances answer meanwhile).
  const { knowledgeReady, warmKnowledge } = await import("@/lib/chat/knowledge");
  warmKnowledge();
  server.on("upgrade", (req, socket, head) => {
    if (handleUpgrade(req, socket, head)) return;
    // In development Next's own upgrade listener serves HMR; in production nothing else upgrades.
    if (!dev) socket.destroy();
  });

  await app.prepare();
  const handle = app.getRequestHandler();
  server.on("request", async (req, res) => {
    stampClientIp(req);
    applySecurityHeaders(req, res);
    if (rejectCrossSite(req, res)) return;
    if (await rejectOverIpLimit(req, res)) return;
    req.url = stripTrailingSlash(req.url ?? "/");
    if (wantsServiceInfo(req)) {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", vary: "Accept" });
      res.end(req.method === "HEAD" ? undefined : JSON.stringify(rootServiceInfo()));
      return;
    }
    void handle(req, res);
  });
  // Export jobs of the process this one replaces can never finish: say so instead of showing them running.
  const { failInterruptedExports } = await import("@/lib/db/exports");
  const interrupted = await failInterruptedExports().catch((err: unknown) => {
    log.warn("could not mark interrupted exports", { err });
    return 0;
  });
  if (interrupted > 0) log.info("interrupted exports marked failed", { count: interrupted });
  // Expired export files are removed every 15 minutes (also runnable from cron: npm run storage:cleanup).
  const { startStorageCleanup } = await import("@/lib/storage/cleanup");
  startStorageCleanup();
  // Telegram/WhatsApp: stored customer messages → the pipeline, and the outbox → the providers (lib/channels).
  const { startChannelWorkers } = await import("@/lib/channels/worker");
  const channels = startChannelWorkers();
  await knowledgeReady().catch((err: unknown) => log.warn("starting without the catalogue index", { err }));
  server.listen(config.PORT, config.HOSTNAME, () => {
    log.info("server ready", { url: `http://${config.HOSTNAME}:${config.PORT}`, dev });
  });

  const shutdown = (signal: string) => {
    log.info("shutting down", { signal });
    void channels.stop();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
