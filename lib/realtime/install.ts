import { createLegacyChatUpgrade } from "@/lib/realtime/legacy-ws";
import { registerUpgradeHandler } from "@/lib/realtime/upgrade";

// Wires the realtime features into the custom server. The legacy chat WebSocket registers itself here.
let installed = false;

export async function installRealtime(): Promise<void> {
  if (installed) return;
  installed = true;
  registerUpgradeHandler(createLegacyChatUpgrade());
}
