"use client";
/**
 * Withdrawing what OpenFactor's contracts owe an account: every ledger (the claim contract's payments, the market's,
 * the auction house's and the escrow's credits) pays out through the SDK's `withdraw` step, and the treasury's fees
 * through its `collectFees` step.
 */
import { useCallback } from "react";
import type { Address } from "viem";

import { collectFees as collectFeesStep, withdraw as withdrawStep, type FeeKeeper, type Ledger } from "@openfactor/sdk";
import { useWrite, type WriteResult } from "./tx";

/** A contract that keeps balances for accounts to withdraw. */
export type { Ledger };

/** A contract that keeps fees for the treasury. */
export type FeeLedger = FeeKeeper;

/** `withdraw(ledger, currency, to)` and `collectFees(ledger, currency, to)` through `useWrite`, and its `busy`. */
export function useWithdraw() {
  const { write, busy } = useWrite();
  const withdraw = useCallback(
    (ledger: Ledger, currency: Address, to: Address): Promise<WriteResult> =>
      write((c) => withdrawStep(c, ledger, currency, to)),
    [write],
  );
  const collectFees = useCallback(
    (ledger: FeeLedger, currency: Address, to: Address): Promise<WriteResult> =>
      write((c) => collectFeesStep(c, ledger, currency, to)),
    [write],
  );
  return { withdraw, collectFees, busy };
}
