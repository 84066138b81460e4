import { encodeAbiParameters, keccak256, parseAbiParameters } from "viem";
import { describe, expect, it } from "vitest";

import { dateInputToUnix, documentHash, dueDateFromInput, invoiceCommitment } from "./invoice";

const originator: `0x${string}` = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const debtor: `0x${string}` = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

describe("invoiceCommitment", () => {
  it("is keccak256(abi.encode(invoiceNumber, originator, debtor, invoiceDate)) with the number trimmed", () => {
    const expected = keccak256(
      encodeAbiParameters(parseAbiParameters("string, address, address, uint64"), [
        "INV-2026-001",
        originator,
        debtor,
        1_790_000_000n,
      ]),
    );
    expect(
      invoiceCommitment({ invoiceNumber: " INV-2026-001 ", originator, debtor, invoiceDate: 1_790_000_000n }),
    ).toBe(expected);
  });
  it("changes with every field", () => {
    const base: Parameters<typeof invoiceCommitment>[0] = {
      invoiceNumber: "INV-1",
      originator,
      debtor,
      invoiceDate: 1n,
    };
    const all = [
      base,
      { ...base, invoiceNumber: "INV-2" },
      { ...base, debtor: originator },
      { ...base, invoiceDate: 2n },
    ].map((invoice) => invoiceCommitment(invoice));
    expect(new Set(all).size).toBe(4);
  });
});

describe("documentHash", () => {
  it("hashes the file's bytes", async () => {
    const bytes = new TextEncoder().encode("invoice pdf bytes");
    expect(await documentHash(new Blob([bytes]))).toBe(keccak256(bytes));
  });
});

describe("date inputs", () => {
  it("reads a date input as 00:00 UTC, and a due date as the day's last second", () => {
    expect(dateInputToUnix("2027-01-27")).toBe(BigInt(Date.UTC(2027, 0, 27) / 1000));
    expect(dueDateFromInput("2027-01-27")).toBe(BigInt(Date.UTC(2027, 0, 28) / 1000 - 1));
    expect(dateInputToUnix("27/01/2027")).toBeUndefined();
    expect(dateInputToUnix("")).toBeUndefined();
  });
});
