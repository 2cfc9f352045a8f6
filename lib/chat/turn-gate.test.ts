import { describe, expect, it } from "vitest";
import { createTurnGate } from "./turn-gate";

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const settle = () => new Promise<void>((r) => setImmediate(r));

describe("turn gate", () => {
  it("runs at most `limit` turns at once and admits the others in arrival order", async () => {
    const gate = createTurnGate(2);
    const started: number[] = [];
    const turns = Array.from({ length: 5 }, () => deferred());
    let running = 0;
    let most = 0;
    const done = turns.map((d, i) =>
      gate(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await d.promise;
        running--;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    turns[1]?.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    // a turn arriving while others wait queues behind them
    const late = deferred();
    const lateDone = gate(async () => {
      started.push(9);
      await late.promise;
      return 9;
    });
    turns[0]?.resolve();
    turns[2]?.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    turns[3]?.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4, 9]);
    turns[4]?.resolve();
    late.resolve();
    expect(await Promise.all([...done, lateDone])).toEqual([0, 1, 2, 3, 4, 9]);
    expect(most).toBe(2);
  });

  it("frees the slot of a turn that fails", async () => {
    const gate = createTurnGate(1);
    await expect(gate(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate(async () => "next")).toBe("next");
  });
});
