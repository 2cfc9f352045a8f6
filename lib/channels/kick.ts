// Lets a webhook wake the channel worker of this process without importing it (and the whole pipeline) into the
// route's bundle. No worker running (tests, `next dev` without server.ts): the stored event waits for one.
const globalForWorker = globalThis as unknown as { __sextinvalleChannelKick?: () => void };

export function kickChannelWorker(): void {
  globalForWorker.__sextinvalleChannelKick?.();
}

export function registerChannelKick(kick: (() => void) | undefined): void {
  globalForWorker.__sextinvalleChannelKick = kick;
}

export function currentChannelKick(): (() => void) | undefined {
  return globalForWorker.__sextinvalleChannelKick;
}
