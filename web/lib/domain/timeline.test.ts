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
    expect(describeEvent(ev("GuaranteeCalled", { guaranteeId: 2n, holder: FACTOR, paid: 50n, returned: 0n }), f)).toBe(
      "Harbor called guarantee #2 and was paid 50 USDC.",
    );
  });
  it("tells the guarantee escrow's events", () => {
    expect(
      describeEvent(
        ev("GuaranteeOffered", { guaranteeId: 3n, guarantor: BANK, cover: 80n, premium: 2n, offerExpiry: 7n }),
        f,
      ),
    ).toBe("First Bank offered guarantee #3: cover of 80 USDC for a premium of 2 USDC, open until day 7.");
    expect(describeEvent(ev("GuaranteeOfferWithdrawn", { guaranteeId: 3n, guarantor: BANK }), f)).toBe(
      "First Bank withdrew its offer of guarantee #3.",
    );
    expect(describeEvent(ev("GuaranteeActivated", { guaranteeId: 3n, holder: FACTOR, premium: 2n, fee: 0n }), f)).toBe(
      "Harbor activated guarantee #3, paying a premium of 2 USDC.",
    );
    expect(describeEvent(ev("GuaranteeCalled", { guaranteeId: 3n, holder: FACTOR, paid: 60n, returned: 20n }), f)).toBe(
      "Harbor called guarantee #3 and was paid 60 USDC; 20 USDC of the cover went back to the guarantor.",
    );
    expect(describeEvent(ev("Subrogated", { guarantor: BANK, custody: false }), f)).toBe(
      "The claim went to First Bank, the guarantor, which now collects what the debtor pays.",
    );
    expect(describeEvent(ev("Subrogated", { guarantor: BANK, custody: true }), f)).toBe(
      "The escrow took the claim into custody: First Bank shares in what the debtor pays from now on.",
    );
    expect(describeEvent(ev("RecoveryDistributed", { toHolder: 5n, toGuarantor: 15n }), f)).toBe(
      "Recovered payments distributed: 5 USDC to the holder at the call, 15 USDC to the guarantor.",
    );
    expect(describeEvent(ev("SubrogatedClaimTaken", { guarantor: BANK }), f)).toBe(
      "First Bank took the claim out of the escrow's custody.",
    );
    expect(describeEvent(ev("GuaranteeReleased", { guaranteeId: 3n, guarantor: BANK, amount: 80n }), f)).toBe(
      "Guarantee #3 ended: its collateral of 80 USDC went back to First Bank.",
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

  it("tells a sealed-bid auction's opening and sale, a sale like the market's", () => {
    const lines = describeTimeline(
      [
        ev("AuctionOpened", { auctionId: 0n, claimId: 1n, seller: SME, biddingEnds: 10n, revealEnds: 11n }, 1n, 0),
        ev("AuctionSold", { auctionId: 0n, claimId: 1n, seller: SME, buyer: FACTOR, price: 96n, fee: 1n }, 2n, 0),
        ev("ClaimSold", { seller: FACTOR, buyer: BANK, price: 97n, fee: 0n, kind: 0 }, 3n, 0),
      ],
      f,
    ).map((l) => l.sentence);
    expect(lines).toEqual([
      "Acme opened a sealed-bid auction: sealed bids until day 10, reveals until day 11.",
      "Sold to Harbor by Acme for 96 USDC, in a sealed-bid auction.",
      "Resold to First Bank by Harbor for 97 USDC, at the ask price.",
    ]);
  });
});
