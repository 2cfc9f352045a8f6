// A first-come first-served gate for CPU-bound chat turns. A turn answered by the offline model is CPU from start
// to end, with short waits (database, Redis, bus) in between. Started all at once, a burst of such turns
// interleaves at every wait, so each one ends only when nearly all of them have: 100 WebSocket messages sent
// together were all answered after about the whole burst's CPU time (p50 close to p99). Admitting a few at a
// time, in arrival order, lets the first ones finish first; the waits of the admitted ones still overlap.

export type TurnGate = <T>(turn: () => Promise<T>) => Promise<T>;

export function createTurnGate(limit: number): TurnGate {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (turn) => {
    if (running < limit) running++;
    else await new Promise<void>((admit) => waiting.push(admit));
    try {
      return await turn();
    } finally {
      // the slot passes straight to the next in line, so a turn arriving now cannot overtake it
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
