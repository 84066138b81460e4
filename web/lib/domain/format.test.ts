import { describe, expect, it } from "vitest";

import {
  daysUntil,
  formatAmount,
  formatBps,
  formatDate,
  formatShortDate,
  formatDaysToMaturity,
  formatYield,
  parseAmount,
  shortAddress,
} from "./format";

describe("formatAmount", () => {
  it("formats base units exactly in the token's decimals", () => {
    expect(formatAmount(10_000_000_000n, 6, { locale: "en-US" })).toBe("10,000.00");
    expect(formatAmount(1n, 6, { locale: "en-US" })).toBe("0.000001");
    expect(formatAmount(123_456_789n, 6, { locale: "en-US", symbol: "USDC" })).toBe("123.456789 USDC");
    expect(formatAmount(0n, 6, { locale: "en-US" })).toBe("0.00");
  });
  it("keeps every digit of amounts beyond 2^53", () => {
    expect(formatAmount(123_456_789_012_345_678_901_234_567n, 18, { locale: "en-US" })).toBe(
      "123,456,789.012345678901234567",
    );
  });
  it("uses the locale's separators", () => {
    expect(formatAmount(1_234_500_000n, 6, { locale: "de-DE" })).toBe("1.234,50");
  });
  it("handles zero decimals and negatives", () => {
    expect(formatAmount(1234n, 0, { locale: "en-US" })).toBe("1,234");
    expect(formatAmount(-1_500_000n, 6, { locale: "en-US" })).toBe("-1.50");
  });
});

describe("parseAmount", () => {
  it("parses exactly into base units", () => {
    expect(parseAmount("10,000.50", 6)).toBe(10_000_500_000n);
    expect(parseAmount("0.000001", 6)).toBe(1n);
    expect(parseAmount(" 42 ", 6)).toBe(42_000_000n);
    expect(parseAmount("1.", 6)).toBe(1_000_000n);
  });
  it("refuses what is not an amount in the token's precision", () => {
    expect(parseAmount("0.0000001", 6)).toBeUndefined();
    expect(parseAmount("-1", 6)).toBeUndefined();
    expect(parseAmount("1e6", 6)).toBeUndefined();
    expect(parseAmount("", 6)).toBeUndefined();
    expect(parseAmount("abc", 6)).toBeUndefined();
  });
});

describe("dates and maturity", () => {
  const due = Date.UTC(2027, 0, 27) / 1000;
  it("formats a date in the given locale", () => {
    expect(formatDate(due, { locale: "en-GB", timeZone: "UTC" })).toBe("27 January 2027");
    expect(formatDate(BigInt(due), { locale: "en-US", timeZone: "UTC" })).toBe("January 27, 2027");
    expect(formatShortDate(due, { locale: "en-GB", timeZone: "UTC" })).toBe("27 Jan 2027");
  });
  it("counts days to maturity, rounding a part day up, and days overdue", () => {
    expect(daysUntil(due, due - 42 * 86_400)).toBe(42);
    expect(daysUntil(due, due - 41.5 * 86_400)).toBe(42);
    expect(daysUntil(due, due)).toBe(0);
    expect(daysUntil(due, due + 3 * 86_400 + 10)).toBe(-3);
    expect(formatDaysToMaturity(due, due - 86_400)).toBe("in 1 day");
    expect(formatDaysToMaturity(due, due - 42 * 86_400)).toBe("in 42 days");
    expect(formatDaysToMaturity(due, due)).toBe("due today");
    expect(formatDaysToMaturity(due, due + 86_400)).toBe("1 day overdue");
    expect(formatDaysToMaturity(BigInt(due), BigInt(due + 3 * 86_400))).toBe("3 days overdue");
  });
});

describe("yields", () => {
  it("shows annual yields as percentages with two decimals", () => {
    expect(formatYield(0.085, { locale: "en-US" })).toBe("8.50%");
    expect(formatBps(1_100, { locale: "en-US" })).toBe("11.00%");
    expect(formatBps(950n, { locale: "en-US" })).toBe("9.50%");
  });
});

describe("shortAddress", () => {
  it("keeps 0x, four digits, an ellipsis and the last four", () => {
    expect(shortAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")).toBe("0x7099…79C8");
  });
  it("leaves anything else as it is", () => {
    expect(shortAddress("not an address")).toBe("not an address");
  });
});
