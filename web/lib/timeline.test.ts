import { describe, expect, it } from "vitest";
import type { Address } from "viem";

import { describeEvent, describeTimeline, type ClaimEvent, type TimelineFormat } from "./timeline";

const SME = "0x00000000000000000000000000000000000000a1" as Address;
const DEBTOR = "0x00000000000000000000000000000000000000d1" as Address;
const FACTOR = "0x00000000000000000000000000000000000000f1" as Address;
const BANK = "0x00000000000000000000000000000000000000b1" as Address;
const NAMES: Record<string, string> = {
  [SME]: "Acme",
  [DEBTOR]: "Northwind",
  [FACTOR]: "Harbor",
  [BANK]: "First Bank",
};
const f: TimelineFormat = {
  name: (a) => NAMES[a] ?? a,
  amount: (v) => `${v} USDC`,
  date: (t) => `day ${t}`,
};
const ev = (eventName: string, args: Record<string, unknown>, blockNumber = 1n, logIndex = 0): ClaimEvent => ({
  eventName,
  args,
  blockNumber,
  logIndex,
});

describe("describeEvent", () => {
  it("tells issue, acceptance and state changes", () => {
    expect(describeEvent(ev("ClaimIssued", { originator: SME, debtor: DEBTOR, faceValue: 100n, dueDate: 9n }), f)).toBe(
      "Acme issued the claim on Northwind for 100 USDC, due day 9.",
    );
    expect(describeEvent(ev("ClaimAccepted", { debtor: DEBTOR, relayer: DEBTOR }), f)).toBe(
      "Northwind accepted the claim.",
    );
    expect(describeEvent(ev("ClaimAccepted", { debtor: DEBTOR, relayer: SME }), f)).toBe(
      "Northwind accepted the claim (signature relayed by Acme).",
    );
    expect(describeEvent(ev("ClaimStateChanged", { from: 2, to: 3 }), f)).toBe(
      "State changed from Accepted to Financed.",
    );
  });
  it("tells payments, disputes and guarantees", () => {
    expect(
      describeEvent(ev("PaymentReceived", { payer: DEBTOR, payee: FACTOR, amount: 40n, amountPaid: 60n }), f),
    ).toBe("Northwind paid 40 USDC to Harbor (60 USDC paid in all).");
    expect(describeEvent(ev("ClaimDisputed", { by: DEBTOR, evidenceHash: `0x${"12".repeat(32)}` }), f)).toBe(
      "Northwind disputed the claim, naming its evidence by the file's hash.",
    );
    expect(
      describeEvent(
        ev("ClaimDisputeResolved", { outcome: 1, oldFaceValue: 100n, newFaceValue: 80n, arbiter: BANK }),
        f,
      ),
    ).toBe("First Bank resolved the dispute: face value lowered from 100 USDC to 80 USDC.");
    expect(describeEvent(ev("GuaranteeCalled", { guaranteeId: 2n, holder: FACTOR, paid: 50n }), f)).toBe(
      "Harbor called guarantee #2 and was credited 50 USDC.",
    );
  });
  it("tells listings and bids", () => {
    expect(describeEvent(ev("Listed", { seller: SME, askPrice: 0n, minBid: 0n, deadline: 5n }), f)).toBe(
      "Acme listed the claim for offers only, until day 5.",
    );
    expect(describeEvent(ev("Listed", { seller: SME, askPrice: 95n, minBid: 0n, deadline: 5n }), f)).toBe(
      "Acme listed the claim at 95 USDC, until day 5.",
    );
    expect(describeEvent(ev("BidPlaced", { bidder: FACTOR, amount: 90n }), f)).toBe("Harbor bid 90 USDC.");
  });
  it("leaves out events it does not tell", () => {
    expect(describeEvent(ev("Credited", { account: FACTOR }), f)).toBeUndefined();
  });
});

describe("describeTimeline", () => {
  it("orders by block and log index, and says resold after the first sale", () => {
    const sold = (buyer: Address, seller: Address, kind: number, block: bigint, index: number) =>
      ev("ClaimSold", { seller, buyer, price: 95n, fee: 0n, kind }, block, index);
    const lines = describeTimeline(
      [sold(BANK, FACTOR, 1, 5n, 0), ev("Credited", {}, 4n, 2), sold(FACTOR, SME, 3, 4n, 1)],
      f,
    ).map((l) => l.sentence);
    expect(lines).toEqual([
      "Sold to Harbor by Acme for 95 USDC, to a private offer.",
      "Resold to First Bank by Harbor for 95 USDC, by accepting a bid.",
    ]);
  });
});
