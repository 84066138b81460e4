import { CLAIM_STATES, DISPUTE_OUTCOMES } from "@openfactor/sdk";
import { describe, expect, it } from "vitest";

import { activityEvent, claim, dispute, ledgerBalance, payment } from "../ponder.schema.ts";
import { claimIssued, claimStateChanged } from "../src/reduce/claims.ts";
import { eventsNamed, recorded, replay } from "./recorded.ts";

const memory = await replay();
const issued = eventsNamed("ClaimIssued");
const rules = eventsNamed("MarketRulesUpdated")[0]!.args.rules as { acceptanceWindow: number };
/** The last recorded event `name` about claim `id`. */
const lastOf = (name: string, id: bigint, key = "claimId") =>
  eventsNamed(name)
    .filter((e) => e.args[key] === id)
    .at(-1);

describe("claims", () => {
  it("one row per ClaimIssued, with the terms it carries", () => {
    expect(memory.rows(claim)).toHaveLength(issued.length);
    for (const { args } of issued) {
      const row = memory.row(claim, args.claimId as bigint)!;
      expect(row.originator).toBe((args.originator as string).toLowerCase());
      expect(row.debtor).toBe((args.debtor as string).toLowerCase());
      expect(row.currency).toBe((args.currency as string).toLowerCase());
      expect(row.dueDate).toBe(args.dueDate);
      expect(row.invoiceCommitment).toBe(args.invoiceCommitment);
      expect(row.documentHash).toBe(args.documentHash);
      expect(row.rulesVersion).toBe(args.rulesVersion);
      expect(row.parentId).toBeNull();
    }
  });

  it("each claim is in the state its last ClaimStateChanged moved it to", () => {
    for (const { args } of issued) {
      const last = lastOf("ClaimStateChanged", args.claimId as bigint)!;
      expect(memory.row(claim, args.claimId as bigint)!.state).toBe(CLAIM_STATES[last.args.to as number]);
    }
  });

  it("each claim is held by the receiver of its last transfer", () => {
    for (const { args } of issued) {
      const last = lastOf("Transfer", args.claimId as bigint, "tokenId")!;
      expect(memory.row(claim, args.claimId as bigint)!.holder).toBe((last.args.to as string).toLowerCase());
    }
  });

  it("an Issued claim may be accepted for the rules' window; one issued Accepted keeps its issue time", () => {
    for (const e of issued) {
      const first = eventsNamed("ClaimStateChanged").find((s) => s.args.claimId === e.args.claimId)!;
      const row = memory.row(claim, e.args.claimId as bigint)!;
      expect(row.issuedAt).toBe(e.at.timestamp);
      const window = CLAIM_STATES[first.args.to as number] === "Issued" ? BigInt(rules.acceptanceWindow) : 0n;
      expect(row.acceptanceDeadline).toBe(e.at.timestamp + window);
    }
  });

  it("the amount paid is the last payment event's running total", () => {
    for (const { args } of issued) {
      const id = args.claimId as bigint;
      const last = [...eventsNamed("PaymentReceived"), ...eventsNamed("HeldPaymentsReleased")]
        .filter((e) => e.args.claimId === id)
        .sort((a, b) => Number(a.at.blockNumber - b.at.blockNumber) || a.at.logIndex - b.at.logIndex)
        .at(-1);
      expect(memory.row(claim, id)!.amountPaid).toBe(last === undefined ? 0n : last.args.amountPaid);
    }
  });

  it("a payment held in a dispute is counted while held and released when the dispute is upheld", () => {
    const held = eventsNamed("PaymentHeld")[0]!;
    const id = held.args.claimId as bigint;
    const kinds = memory
      .rows(payment)
      .filter((p) => p.claimId === id)
      .map((p) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(["Held", "Released"]));
    expect(memory.row(claim, id)!.heldAmount).toBe(0n);
    const opened = lastOf("ClaimDisputed", id)!;
    const resolved = lastOf("ClaimDisputeResolved", id)!;
    const row = memory.row(claim, id)!;
    const d = memory.row(dispute, `${id}:${row.disputeCount}`)!;
    expect(d.openedBy).toBe((opened.args.by as string).toLowerCase());
    expect(d.evidenceHash).toBe(opened.args.evidenceHash);
    expect(d.outcome).toBe(DISPUTE_OUTCOMES[resolved.args.outcome as number]);
    expect(row.stateBeforeDispute).not.toBe("None");
  });

  it("a payment held in a dispute that voided the claim goes back to its payer", () => {
    const [reclaimed] = eventsNamed("HeldPaymentReclaimed");
    const id = reclaimed!.args.claimId as bigint;
    expect(memory.row(claim, id)).toMatchObject({ state: "Voided", heldAmount: 0n });
    expect(memory.row(payment, reclaimed!.at.id)).toMatchObject({
      kind: "Reclaimed",
      payer: (reclaimed!.args.payer as string).toLowerCase(),
      payee: (reclaimed!.args.to as string).toLowerCase(),
      amount: reclaimed!.args.amount,
    });
  });

  it("a written-off claim records its loss", () => {
    const [written] = eventsNamed("ClaimWrittenOff");
    expect(memory.row(claim, written!.args.claimId as bigint)!.writtenOffLoss).toBe(written!.args.loss);
  });

  it("a holder that withdrew is owed nothing more by the claim contract", () => {
    const withdrawals = eventsNamed("Withdrawn", "ReceivableClaim");
    expect(withdrawals.length).toBeGreaterThan(0);
    for (const { args } of withdrawals) {
      const id = `ReceivableClaim:${(args.account as string).toLowerCase()}:${(args.currency as string).toLowerCase()}`;
      const row = memory.row(ledgerBalance, id)!;
      expect(row.credited - row.withdrawn).toBe(0n);
    }
  });
});

describe("claim reducers", () => {
  const e = issued[0]!;
  const row = claimIssued(e.args as never, e.at, undefined);

  it("a new claim waits in None for its first state change, held by its originator", () => {
    expect(row.state).toBe("None");
    expect(row.holder).toBe(row.originator);
    expect(row.amountPaid).toBe(0n);
  });

  it("entering Disputed remembers the state before", () => {
    const financed = { ...row, state: "Financed" as const };
    const args = { claimId: row.id, from: CLAIM_STATES.indexOf("Financed"), to: CLAIM_STATES.indexOf("Disputed") };
    expect(claimStateChanged(financed, args as never, e.at).stateBeforeDispute).toBe("Financed");
  });

  it("a state number the SDK does not know is refused", () => {
    expect(() => claimStateChanged(row, { claimId: row.id, from: 0, to: 99 } as never, e.at)).toThrow(/no member 99/);
  });
});

describe("the activity log", () => {
  it("holds every recorded event once", () => {
    expect(memory.rows(activityEvent)).toHaveLength(recorded.length);
  });

  it("names the claim of an auction's events", () => {
    const opened = eventsNamed("AuctionOpened")[0]!;
    const committed = eventsNamed("BidCommitted")[0]!;
    expect(memory.row(activityEvent, committed.at.id)!.claimId).toBe(opened.args.claimId);
  });

  it("keeps amounts as decimal strings", () => {
    const sold = eventsNamed("ClaimSold")[0]!;
    expect((memory.row(activityEvent, sold.at.id)!.args as Record<string, unknown>).price).toBe(
      String(sold.args.price),
    );
  });
});
