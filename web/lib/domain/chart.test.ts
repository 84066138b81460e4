import { describe, expect, it } from "vitest";

import { amountToNumber, formatCompact, niceMax, scaleLinear, ticks } from "./chart";

describe("niceMax", () => {
  it("rounds up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceMax(7)).toBe(10);
    expect(niceMax(10)).toBe(10);
    expect(niceMax(11)).toBe(20);
    expect(niceMax(23)).toBe(25);
    expect(niceMax(26)).toBe(50);
    expect(niceMax(180)).toBe(200);
    expect(niceMax(1_234_567)).toBe(2_000_000);
    expect(niceMax(0.3)).toBe(0.5);
    expect(niceMax(0.12)).toBe(0.2);
  });
  it("gives 1 for an empty or broken domain", () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(-5)).toBe(1);
    expect(niceMax(Number.NaN)).toBe(1);
    expect(niceMax(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe("ticks", () => {
  it("spaces count + 1 ticks from 0 to the nice top", () => {
    expect(ticks(180, 4)).toEqual([0, 50, 100, 150, 200]);
    expect(ticks(7, 2)).toEqual([0, 5, 10]);
    expect(ticks(0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  it("refuses a count that is not a positive integer", () => {
    expect(() => ticks(10, 0)).toThrow(RangeError);
    expect(() => ticks(10, 1.5)).toThrow(RangeError);
  });
});

describe("scaleLinear", () => {
  it("maps the domain onto the range proportionally", () => {
    const scale = scaleLinear(200, 100);
    expect(scale(0)).toBe(0);
    expect(scale(50)).toBe(25);
    expect(scale(200)).toBe(100);
  });
  it("clamps to the plot area", () => {
    const scale = scaleLinear(200, 100);
    expect(scale(-10)).toBe(0);
    expect(scale(500)).toBe(100);
  });
  it("maps everything to 0 on an empty domain", () => {
    expect(scaleLinear(0, 100)(5)).toBe(0);
  });
});

describe("amountToNumber", () => {
  it("converts base units to whole tokens", () => {
    expect(amountToNumber(1_234_500_000n, 6)).toBe(1234.5);
    expect(amountToNumber(0n, 6)).toBe(0);
    expect(amountToNumber(5n, 0)).toBe(5);
    expect(amountToNumber(10n ** 18n * 3n + 5n * 10n ** 17n, 18)).toBe(3.5);
  });
});

describe("formatCompact", () => {
  it("shortens large numbers", () => {
    expect(formatCompact(1_234_567, "en-US")).toBe("1.2M");
    expect(formatCompact(950, "en-US")).toBe("950");
    expect(formatCompact(25_000, "en-US")).toBe("25K");
  });
});
