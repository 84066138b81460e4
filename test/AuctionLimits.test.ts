/**
 * packages/sdk/src/enums.ts's AUCTION_LIMITS is the TypeScript side's one copy of the sealed-bid auction's constants. This test
 * reads every file-level `uintN constant NAME = value;` of contracts/types/Auction.sol (with Solidity's time units)
 * and fails if a value differs or a constant exists on one side only.
 */
import { readFileSync } from "node:fs";

import { expect } from "chai";

import { AUCTION_LIMITS } from "@openfactor/sdk";

const UNITS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3_600, days: 86_400, weeks: 604_800 };

/** Every `uintN constant NAME = <number> [unit];` of Auction.sol, as seconds or plain numbers. */
function solidityConstants(): Map<string, number> {
  const source = readFileSync(new URL("../contracts/types/Auction.sol", import.meta.url), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "");
  const constants = new Map<string, number>();
  for (const [, name, value, unit] of source.matchAll(/\buint\d+\s+constant\s+(\w+)\s*=\s*([\d_]+)\s*(\w+)?\s*;/g)) {
    constants.set(name, Number(value.replaceAll("_", "")) * (unit === undefined ? 1 : UNITS[unit]));
  }
  return constants;
}

describe("packages/sdk/src/enums.ts AUCTION_LIMITS matches contracts/types/Auction.sol", function () {
  const solidity = solidityConstants();

  it("has every constant of Auction.sol and no other", function () {
    expect([...solidity.keys()].sort()).to.deep.equal(Object.keys(AUCTION_LIMITS).sort());
  });

  for (const [name, value] of Object.entries(AUCTION_LIMITS)) {
    it(`${name} is ${value}`, function () {
      expect(value).to.equal(solidity.get(name));
    });
  }
});
