"use client";
/**
 * A guarantor offers cover on one claim: the cover (escrowed at once, so the escrow is allowed exactly that amount
 * first), the premium the holder pays to activate it, shown as an annual rate of the cover, and how long the holder
 * may activate it. Used on the guarantor page and on a claim's page.
 */
import { forwardRef, useState, type FormEvent } from "react";
import type { Address } from "viem";

import { formatAmount, formatDateTime, formatYield, parseAmount } from "../../lib/domain/format";
import { guaranteeRate } from "../../lib/domain/guarantees";
import { useChainNow, useDeployment, useNamer, type TokenInfo } from "../../lib/data/hooks";
import { dueDateFromInput } from "../../lib/domain/invoice";
import { useWrite } from "../../lib/data/tx";
import { Problems } from "../../components/Problems";
import { offerGuarantee } from "@openfactor/sdk";

/** How long an offer stays open when no date is chosen: a week, or until the claim's grace ends if sooner. */
const DEFAULT_OPEN_SECONDS = 7n * 86_400n;
/** From the first to the last second of a day. */
const LAST_SECOND_OF_DAY = 86_399n;

export interface CoverTarget {
  id: bigint;
  debtor: Address;
  currency: Address;
  /** What the claim still owes: the most the cover may be. */
  outstanding: bigint;
  dueDate: bigint;
  /** The last second cover may be activated: due date plus the default grace of the claim's rules. */
  coverableUntil: bigint;
}

export const OfferCoverForm = forwardRef<HTMLHeadingElement, { target: CoverTarget; token: TokenInfo }>(
  function OfferCoverForm({ target, token }, headingRef) {
    const { contracts } = useDeployment();
    const now = useChainNow();
    const name = useNamer();
    const { write, ensureAllowance, busy } = useWrite();
    const [coverText, setCoverText] = useState("");
    const [premiumText, setPremiumText] = useState("");
    const [until, setUntil] = useState("");
    const [problems, setProblems] = useState<string[]>([]);
    const amount = (v: bigint) => formatAmount(v, token.decimals, { symbol: token.symbol });

    const cover = parseAmount(coverText, token.decimals);
    const premium = parseAmount(premiumText, token.decimals);
    const rate =
      cover !== undefined && cover > 0n && premium !== undefined && now !== undefined
        ? guaranteeRate({ cover, premium, activatedAt: 0n }, target.dueDate, now)
        : undefined;
    const defaultExpiry =
      now === undefined
        ? undefined
        : now + DEFAULT_OPEN_SECONDS < target.coverableUntil
          ? now + DEFAULT_OPEN_SECONDS
          : target.coverableUntil;

    async function submit(event: FormEvent) {
      event.preventDefault();
      if (contracts === undefined || now === undefined) return;
      const list: string[] = [];
      // A day means its last second, but never past the end of the claim's grace (the offer could not be used).
      const chosen = until === "" ? defaultExpiry : dueDateFromInput(until);
      const tooLate = chosen !== undefined && chosen - LAST_SECOND_OF_DAY > target.coverableUntil;
      const expiry = chosen !== undefined && chosen > target.coverableUntil ? target.coverableUntil : chosen;
      if (cover === undefined || cover === 0n) list.push("Enter the cover as an amount.");
      else if (cover > target.outstanding)
        list.push(`The cover cannot be more than the claim still owes (${amount(target.outstanding)}).`);
      if (premium === undefined) list.push("Enter the premium as an amount (0 for none).");
      if (expiry === undefined || expiry <= now) list.push("Choose a date in the future for the offer to stay open.");
      else if (tooLate)
        list.push(
          `The holder can activate cover only until ${formatDateTime(target.coverableUntil)}, when the claim's grace ends: choose that day or earlier.`,
        );
      setProblems(list);
      if (list.length > 0) return;
      // The escrow pulls the cover at once: allow it exactly that amount (if not already), then offer.
      if (!(await ensureAllowance(target.currency, contracts.escrow, cover!))) return;
      const result = await write((c) => offerGuarantee(c, target.id, cover!, premium!, expiry!));
      if (result.ok) {
        setCoverText("");
        setPremiumText("");
        setUntil("");
      }
    }

    return (
      <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="cover-title">
        <h3 id="cover-title" ref={headingRef} tabIndex={-1}>
          Offer cover on claim #{target.id.toString()}
        </h3>
        <p className="small">
          {name(target.debtor)} still owes {amount(target.outstanding)}, due {formatDateTime(target.dueDate)}. Your
          cover is escrowed in full when you offer; you can withdraw it until the holder activates the offer.
        </p>
        <label htmlFor="cover-amount">
          Cover ({token.symbol})<span className="field-hint">At most {amount(target.outstanding)}.</span>
        </label>
        <input id="cover-amount" inputMode="decimal" value={coverText} onChange={(e) => setCoverText(e.target.value)} />
        <label htmlFor="cover-premium">
          Premium ({token.symbol})<span className="field-hint">Paid by the holder when it activates the cover.</span>
        </label>
        <input
          id="cover-premium"
          inputMode="decimal"
          value={premiumText}
          onChange={(e) => setPremiumText(e.target.value)}
          aria-describedby="cover-rate"
        />
        <p id="cover-rate" className="small" aria-live="polite">
          {rate !== undefined
            ? `That is ${formatYield(rate)} a year of the cover, to the due date.`
            : "The premium is shown here as an annual rate of the cover, to the due date."}
        </p>
        <label htmlFor="cover-until">
          Open until
          <span className="field-hint">
            {defaultExpiry !== undefined ? `Empty: ${formatDateTime(defaultExpiry)}.` : "The last day to activate."}
          </span>
        </label>
        <input id="cover-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        <Problems list={problems} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || now === undefined}>
            Offer cover
          </button>
        </div>
      </form>
    );
  },
);
