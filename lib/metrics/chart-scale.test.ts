import { describe, expect, it } from "vitest";
import { dayLabel, niceTicks, tickLabel } from "@/lib/metrics/chart-scale";

describe("chart axes", () => {
  it("picks round steps that cover the largest value", () => {
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(1_230_000)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
    expect(niceTicks(8)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0, 1]);
    // counts never get a 2,5 step or fractions
    expect(niceTicks(9)).toEqual([0, 5, 10]);
    expect(niceTicks(2)).toEqual([0, 1, 2]);
  });

  it("labels ticks in es-CO, short for large amounts", () => {
    expect(tickLabel(1_500_000, true)).toBe("$ 1,5 M");
    expect(tickLabel(500_000, true)).toBe("$ 500 mil");
    expect(tickLabel(2_500, false)).toBe("2.500");
    expect(dayLabel("2026-11-25")).toBe("25/11");
  });
});
