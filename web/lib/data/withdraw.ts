"use client";
/**
 * Withdrawing what OpenFactor's contracts owe an account: every ledger (the claim contract's payments, the market's,
 * the auction house's and the escrow's credits) pays out with `withdraw(currency, to)`, and the treasury's fees with
 * `withdrawFees(currency, to)`; one place maps a ledger to its call.
 */
import { useCallback } from "react";
import type { Address } from "viem";

import { useWrite, type WriteResult } from "./tx";

/** A contract that keeps balances for accounts to withdraw. */
export type Ledger = "claims" | "market" | "auction" | "escrow";

/** A contract that keeps fees for the treasury. */
export type FeeLedger = "market" | "auction" | "escrow";

/** `withdraw(ledger, currency, to)` and `collectFees(ledger, currency, to)` through `useWrite`, and its `busy`. */
export function useWithdraw() {
  const { write, busy } = useWrite();
  const withdraw = useCallback(
    (ledger: Ledger, currency: Address, to: Address): Promise<WriteResult> => {
      const args = [currency, to] as const;
      if (ledger === "claims") return write("claims", "withdraw", args);
      if (ledger === "market") return write("market", "withdraw", args);
      if (ledger === "auction") return write("auction", "withdraw", args);
      return write("escrow", "withdraw", args);
    },
    [write],
  );
  const collectFees = useCallback(
    (ledger: FeeLedger, currency: Address, to: Address): Promise<WriteResult> => {
      const args = [currency, to] as const;
      if (ledger === "market") return write("market", "withdrawFees", args);
      if (ledger === "auction") return write("auction", "withdrawFees", args);
      return write("escrow", "withdrawFees", args);
    },
    [write],
  );
  return { withdraw, collectFees, busy };
}
