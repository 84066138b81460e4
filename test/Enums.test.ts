/**
 * packages/sdk/src/enums.ts is the TypeScript side's one copy of the Solidity enums' numbering. This test reads every `enum`
 * declaration in contracts/types/ and fails if a list there and here differ in names or order, or if an enum
 * exists on one side only.
 */
import { readdirSync, readFileSync } from "node:fs";

import { expect } from "chai";

import {
  AUCTION_PHASES,
  CLAIM_STATES,
  DISPUTE_OUTCOMES,
  GUARANTEE_STATUSES,
  PARTIES,
  ROLE_NAMES,
  SALE_KINDS,
} from "@openfactor/sdk";

const TYPES_DIR = new URL("../contracts/types/", import.meta.url);

/** Every `enum Name { A, B, … }` in the .sol files of contracts/types/, comments removed. */
function solidityEnums(): Map<string, string[]> {
  const enums = new Map<string, string[]>();
  for (const file of readdirSync(TYPES_DIR).filter((name) => name.endsWith(".sol"))) {
    const source = readFileSync(new URL(file, TYPES_DIR), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    for (const [, name, body] of source.matchAll(/\benum\s+(\w+)\s*\{([^}]*)\}/g)) {
      enums.set(
        name,
        body
          .split(",")
          .map((member) => member.trim())
          .filter(Boolean),
      );
    }
  }
  return enums;
}

const TYPESCRIPT: Record<string, readonly string[]> = {
  Role: ROLE_NAMES,
  ClaimState: CLAIM_STATES,
  DisputeOutcome: DISPUTE_OUTCOMES,
  Party: PARTIES,
  GuaranteeStatus: GUARANTEE_STATUSES,
  SaleKind: SALE_KINDS,
  AuctionPhase: AUCTION_PHASES,
};

describe("packages/sdk/src/enums.ts matches the Solidity enums", function () {
  const solidity = solidityEnums();

  it("has every Solidity enum of contracts/types and no other", function () {
    expect([...solidity.keys()].sort()).to.deep.equal(Object.keys(TYPESCRIPT).sort());
  });

  for (const [name, members] of Object.entries(TYPESCRIPT)) {
    it(`${name}: the same members in the same order`, function () {
      expect(members).to.deep.equal(solidity.get(name));
    });
  }
});
