// Wires the realtime features into the custom server. The legacy chat WebSocket registers itself here.
export async function installRealtime(): Promise<void> {}
