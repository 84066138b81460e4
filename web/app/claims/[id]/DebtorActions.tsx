"use client";
/**
 * What the debtor and the other parties may do with a claim besides trading it: pay it, dispute it, reclaim a
 * payment held during a voided dispute, and withdraw what the claim contract owes them.
 */
import { useState } from "react";
import { keccak256, type Hex } from "viem";
import { useConnection } from "wagmi";
import { DISPUTABLE_STATES, disputeClaim, PAYABLE_STATES, payInFull, reclaimHeldPayment } from "@openfactor/sdk";
import { useDeployment } from "../../../lib/data/hooks";
import { useWrite } from "../../../lib/data/tx";
import type { ClaimContext } from "./context";
import { readCall, useContractRead, useContractReads } from "../../../lib/data/contracts";
import { WithdrawLine } from "../../../components/WithdrawLine";

// ---------------------------------------------------------------- debtor, disputes, withdrawals

export function DebtorActions({ ctx }: { ctx: ClaimContext }) {
  const { contracts } = useDeployment();
  const { write, ensureAllowance, busy } = useWrite();
  if (!PAYABLE_STATES.includes(ctx.state) || ctx.outstanding === 0n) return null;
  async function pay() {
    if (contracts === undefined) return;
    if (!(await ensureAllowance(ctx.currency, contracts.claims, ctx.outstanding))) return;
    // payInFull pays whatever is left when the transaction runs, at most what this page shows: a payment someone
    // made meanwhile lowers it instead of failing it.
    await write((c) => payInFull(c, [ctx.id], ctx.outstanding));
  }
  return (
    <div className="card">
      <h3>Pay</h3>
      <p>
        You owe {ctx.amount(ctx.outstanding)} on this claim. The payment goes to its holder of record. You approve
        exactly this amount, then pay what is still owed when the payment runs, never more.
      </p>
      <button type="button" className="primary" disabled={busy} onClick={() => void pay()}>
        Pay {ctx.amount(ctx.outstanding)}
      </button>
    </div>
  );
}

/**
 * The debtor or the holder disputes the claim with an evidence file, hashed (keccak256) in the browser and never
 * uploaded; while the claim is Disputed, it reads who is deciding and what happens to payments meanwhile.
 */
export function DisputeAction({ ctx }: { ctx: ClaimContext }) {
  const { write, busy } = useWrite();
  const [evidence, setEvidence] = useState<{ name: string; hash: Hex }>();
  if (ctx.state === "Disputed")
    return (
      <div className="card">
        <h3>Dispute</h3>
        <p>
          This claim is disputed. The operator&apos;s arbiter decides: upheld (the claim stands), diluted (a lower face
          value) or voided. Until then it cannot be sold, and payments are held, not paid out. Send your evidence file
          to the operator: it is checked against the hash recorded on chain.
        </p>
      </div>
    );
  if (!DISPUTABLE_STATES.includes(ctx.state)) return null;
  return (
    <div className="card">
      <h3>Dispute</h3>
      <p className="muted small">
        A dispute freezes the claim (no sale, payments held) until the operator resolves it. Your evidence file is
        hashed in your browser; only its hash goes on chain, the file is never uploaded.
      </p>
      <label htmlFor="dispute-file">Evidence file</label>
      <input
        id="dispute-file"
        type="file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          setEvidence(undefined);
          if (file)
            void file.arrayBuffer().then((b) => setEvidence({ name: file.name, hash: keccak256(new Uint8Array(b)) }));
        }}
      />
      {evidence && (
        <p className="small">
          {evidence.name} is ready: the dispute records its hash, which identifies this exact file. Keep the file to
          send to the operator.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={busy || evidence === undefined}
          onClick={() => void write((c) => disputeClaim(c, ctx.id, evidence!.hash))}
        >
          Open a dispute
        </button>
      </div>
    </div>
  );
}

/** After a claim is voided, whoever paid during the dispute takes that money back (`reclaimHeldPayment`). */
export function HeldPaymentReclaim({ ctx }: { ctx: ClaimContext }) {
  const { address } = useConnection();
  const { write, busy } = useWrite();
  const { data: held } = useContractRead("claims", "heldPaymentOf", [ctx.id, address], {
    enabled: address !== undefined && ctx.state === "Voided",
  });
  if (ctx.state !== "Voided" || held === undefined || held === 0n) return null;
  return (
    <div className="card">
      <h3>Take back your payment</h3>
      <p>
        The claim was voided after a dispute. You paid {ctx.amount(held)} while it was disputed: it was held, and is
        yours to take back.
      </p>
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => void write((c) => reclaimHeldPayment(c, ctx.id, address!))}
      >
        Take back {ctx.amount(held)}
      </button>
    </div>
  );
}

/**
 * What the claim contract (payments), the market (refunds, outbid bids), the sealed-bid auction house (deposits back,
 * forfeits) and the guarantee escrow (guarantee payouts, premiums, collateral back, recoveries) owe the connected
 * account.
 */
export function Withdrawals({ ctx }: { ctx: ClaimContext }) {
  const { address } = useConnection();
  const { data } = useContractReads(
    [
      readCall("claims", "owed", [address, ctx.currency]),
      readCall("market", "credited", [address, ctx.currency]),
      readCall("escrow", "credited", [address, ctx.currency]),
      readCall("auction", "credited", [address, ctx.currency]),
    ],
    { enabled: address !== undefined },
  );
  const owed = data?.[0]?.result ?? 0n;
  const credited = data?.[1]?.result ?? 0n;
  const escrowed = data?.[2]?.result ?? 0n;
  const auctioned = data?.[3]?.result ?? 0n;
  if (owed === 0n && credited === 0n && escrowed === 0n && auctioned === 0n) return null;
  return (
    <div className="card">
      <h3>Withdraw</h3>
      {owed > 0n && (
        <WithdrawLine ledger="claims" currency={ctx.currency} to={address!} button="Withdraw payments">
          Payments received for you: {ctx.amount(owed)}.
        </WithdrawLine>
      )}
      {credited > 0n && (
        <WithdrawLine ledger="market" currency={ctx.currency} to={address!} button="Withdraw refunds">
          Refunds from the market: {ctx.amount(credited)}.
        </WithdrawLine>
      )}
      {auctioned > 0n && (
        <WithdrawLine ledger="auction" currency={ctx.currency} to={address!} button="Withdraw from the auctions">
          From sealed-bid auctions: {ctx.amount(auctioned)}.
        </WithdrawLine>
      )}
      {escrowed > 0n && (
        <WithdrawLine ledger="escrow" currency={ctx.currency} to={address!} button="Withdraw from the escrow">
          From the guarantee escrow: {ctx.amount(escrowed)}.
        </WithdrawLine>
      )}
      <p className="muted small">These are all your {ctx.token.symbol} balances there, from every claim.</p>
    </div>
  );
}
