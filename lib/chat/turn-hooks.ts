import type { Intent } from "@/lib/agent/types";

// What a channel hears while a turn runs: stages, the start of the answer, its deltas and tool progress.
export type Stage = "analizando" | "buscando" | "redactando" | "guardando";

export type TurnHooks = {
  onStage?: (stage: Stage) => void;
  onStart?: (intent: Intent) => void;
  onDelta?: (delta: string) => void;
  /** A hosted model's tool started: a Spanish progress line ("Buscando en el catálogo…"). */
  onProgress?: (label: string) => void;
  signal?: AbortSignal;
};

/** The answer starts once: at the hosted loop's first delta, or after planning (legacy clients expect one start). */
export function startingOnce(hooks: TurnHooks): TurnHooks & { start: (intent: Intent) => void } {
  let started = false;
  const start = (intent: Intent) => {
    if (started) return;
    started = true;
    hooks.onStage?.("redactando");
    hooks.onStart?.(intent);
  };
  return {
    ...hooks,
    start,
    // "redactando" is sent by `start`, once, whoever asks for it first.
    onStage: (stage) => {
      if (stage !== "redactando") hooks.onStage?.(stage);
    },
    onStart: start,
  };
}
