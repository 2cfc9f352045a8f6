import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

// Upgrade handlers the custom server consults before Next (which owns /_next/webpack-hmr in dev).
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

const handlers: UpgradeHandler[] = [];

export function registerUpgradeHandler(handler: UpgradeHandler): void {
  handlers.push(handler);
}

/** Returns true when one of the registered handlers took the socket. */
export function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
  return handlers.some((h) => h(req, socket, head));
}
