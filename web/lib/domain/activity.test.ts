import { describe, expect, it } from "vitest";
import type { Address } from "viem";

import {
  blockRange,
  claimIdOf,
  describeActivity,
  newestFirst,
  parseBlockParam,
  type ActivityContract,
  type ActivityFormat,
  type ProtocolEvent,
} from "./activity";
import { ACCESS_ROLES } from "@openfactor/sdk";

const OPERATOR = "0x0000000000000000000000000000000000000001" as Address;
const SME = "0x00000000000000000000000000000000000000a1" as Address;
const DEBTOR = "0x00000000000000000000000000000000000000d1" as Address;
const FACTOR = "0x00000000000000000000000000000000000000f1" as Address;
const USDC = "0x00000000000000000000000000000000000000c1" as Address;
const NAMES: Record<string, string> = {
  [OPERATOR]: "Operator",
  [SME]: "Acme",
  [DEBTOR]: "Northwind",
  [FACTOR]: "Harbor",
};
const f: ActivityFormat = {
  name: (a) => NAMES[a] ?? a,
  amount: (v) => `${v} USDC`,
  date: (t) => `day ${t}`,
  token: (a) => (a === USDC ? "USDC" : a),
};
const ev = (
  contract: ActivityContract,
  eventName: string,
  args: Record<string, unknown>,
  blockNumber = 1n,
  logIndex = 0,
): ProtocolEvent => ({ contract, eventName, args, blockNumber, logIndex });
const say = (e: ProtocolEvent) => describeActivity(e, f);

describe("describeActivity", () => {
  it("tells the operator's work on the registry", () => {
    expect(say(ev("registry", "ParticipantVerified", { account: SME, role: 0, expiresAt: 101n, by: OPERATOR }))).toBe(
      "Operator verified Acme as an originator until day 100.",
    );
    expect(say(ev("registry", "ParticipantRevoked", { account: FACTOR, role: 2, by: OPERATOR }))).toBe(
      "Operator revoked Harbor's verification as a factor.",
    );
    expect(say(ev("registry", "ParticipantSuspended", { account: DEBTOR, suspended: true, by: OPERATOR }))).toBe(
      "Operator suspended Northwind in all its roles.",
    );
    expect(say(ev("registry", "ParticipantSuspended", { account: DEBTOR, suspended: false, by: OPERATOR }))).toBe(
      "Operator reinstated Northwind.",
    );
    expect(say(ev("registry", "CurrencyAllowed", { currency: USDC, allowed: true }))).toBe(
      "USDC was allowlisted: new claims may be issued in it.",
    );
    expect(say(ev("registry", "CurrencyAllowed", { currency: USDC, allowed: false }))).toBe(
      "USDC was taken off the allowlist: no new claims in it, live ones go on.",
    );
    const rules = { minTenor: 15 * 86_400, maxTenor: 180 * 86_400, defaultGrace: 30 * 86_400, saleFeeBps: 25 };
    expect(say(ev("registry", "MarketRulesUpdated", { version: 2, rules }))).toBe(
      "Market rules version 2 took effect for new claims: tenors of 15 to 180 days, 30 days of default grace, a sale fee of 0.25%.",
    );
    expect(say(ev("registry", "Paused", { account: OPERATOR }))).toBe(
      "Operator paused new business (issuing, listing, bidding); payments and withdrawals go on.",
    );
    expect(say(ev("registry", "Unpaused", { account: OPERATOR }))).toBe("Operator resumed new business.");
    expect(say(ev("registry", "RoleGranted", { role: ACCESS_ROLES.Pauser, account: FACTOR, sender: OPERATOR }))).toBe(
      "Operator gave Harbor the pauser role.",
    );
  });

  it("tells a withdrawal by the contract it came from", () => {
    const args = { account: FACTOR, currency: USDC, to: FACTOR, amount: 5n };
    expect(say(ev("claims", "Withdrawn", args))).toBe(
      "Harbor withdrew 5 USDC from the claim contract (payments received).",
    );
    expect(say(ev("market", "Withdrawn", { ...args, to: SME }))).toBe(
      "Harbor withdrew 5 USDC from the market (proceeds and refunds) to Acme.",
    );
    expect(say(ev("escrow", "Withdrawn", args))).toBe("Harbor withdrew 5 USDC from the guarantee escrow.");
  });

  it("tells claims as their timeline does, and the market's and escrow's own events", () => {
    expect(say(ev("claims", "ClaimIssued", { originator: SME, debtor: DEBTOR, faceValue: 100n, dueDate: 9n }))).toBe(
      "Acme issued the claim on Northwind for 100 USDC, due day 9.",
    );
    expect(say(ev("market", "ClaimSold", { buyer: FACTOR, seller: SME, price: 90n, kind: 1 }))).toBe(
      "Sold to Harbor by Acme for 90 USDC, by accepting a bid.",
    );
    expect(
      say(
        ev("market", "StandingOfferPosted", {
          offerId: 3n,
          factor: FACTOR,
          debtor: DEBTOR,
          yieldBps: 800,
          exposureLimit: 1000n,
          expiry: 50n,
        }),
      ),
    ).toBe("Harbor posted standing offer #3 on Northwind's claims: 8.00% a year, up to 1000 USDC, until day 50.");
    expect(
      say(
        ev("escrow", "GuaranteeOffered", {
          guaranteeId: 4n,
          claimId: 1n,
          guarantor: FACTOR,
          cover: 80n,
          premium: 2n,
          offerExpiry: 60n,
        }),
      ),
    ).toBe("Harbor offered guarantee #4: cover of 80 USDC for a premium of 2 USDC, open until day 60.");
    expect(
      say(
        ev("claims", "ClaimDisputeResolved", { outcome: 1, oldFaceValue: 100n, newFaceValue: 80n, arbiter: OPERATOR }),
      ),
    ).toBe("Operator resolved the dispute: face value lowered from 100 USDC to 80 USDC.");
  });

  it("leaves out a claim's first state, which its issue tells", () => {
    expect(say(ev("claims", "ClaimStateChanged", { claimId: 1n, from: 0, to: 1 }))).toBeUndefined();
    expect(say(ev("claims", "ClaimStateChanged", { claimId: 1n, from: 2, to: 6 }))).toBe(
      "State changed from Accepted to Disputed.",
    );
  });

  it("leaves bookkeeping out", () => {
    for (const name of [
      "Transfer",
      "Approval",
      "MetadataUpdate",
      "Locked",
      "Unlocked",
      "Credited",
      "EIP712DomainChanged",
    ])
      expect(say(ev("claims", name, {})), name).toBeUndefined();
  });

  it("links an event to its claim when it names one", () => {
    expect(claimIdOf(ev("claims", "ClaimDisputed", { claimId: 7n, by: DEBTOR }))).toBe(7n);
    expect(claimIdOf(ev("registry", "Paused", { account: OPERATOR }))).toBeUndefined();
  });

  it("lists the newest first", () => {
    const events = [ev("claims", "A", {}, 2n, 0), ev("claims", "B", {}, 3n, 1), ev("claims", "C", {}, 3n, 0)];
    expect(newestFirst(events).map((e) => e.eventName)).toEqual(["B", "C", "A"]);
  });
});

describe("activity pages by block range", () => {
  it("ends the first page at the latest block and steps back a page at a time", () => {
    expect(blockRange(undefined, 1000n, 100n)).toEqual({ fromBlock: 901n, toBlock: 1000n, older: 900n });
    expect(blockRange(900n, 1000n, 100n)).toEqual({ fromBlock: 801n, toBlock: 900n, older: 800n, newer: 1000n });
    expect(blockRange(500n, 1000n, 100n)).toEqual({ fromBlock: 401n, toBlock: 500n, older: 400n, newer: 600n });
  });

  it("stops at block 0 and never goes past the latest block", () => {
    expect(blockRange(50n, 1000n, 100n)).toEqual({ fromBlock: 0n, toBlock: 50n, newer: 150n });
    expect(blockRange(99n, 1000n, 100n)).toEqual({ fromBlock: 0n, toBlock: 99n, newer: 199n });
    expect(blockRange(5000n, 1000n, 100n)).toEqual({ fromBlock: 901n, toBlock: 1000n, older: 900n });
    expect(blockRange(undefined, 10n, 100n)).toEqual({ fromBlock: 0n, toBlock: 10n });
  });

  it("reads the block from the URL, ignoring anything else", () => {
    expect(parseBlockParam("123")).toBe(123n);
    expect(parseBlockParam(undefined)).toBeUndefined();
    expect(parseBlockParam("-1")).toBeUndefined();
    expect(parseBlockParam("12abc")).toBeUndefined();
  });
});
