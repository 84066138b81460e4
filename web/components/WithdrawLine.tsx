"use client";
/**
 * One "withdraw what you are owed" line: what a contract holds for the account, and the button that sends it
 * (`withdraw`, or `withdrawFees` for the treasury's fees), with the usual transaction notices.
 */
import type { ReactNode } from "react";
import type { Address } from "viem";

import { useWithdraw, type Ledger } from "../lib/data/withdraw";

export function WithdrawLine({
  ledger,
  fees = false,
  currency,
  to,
  button,
  children,
  as: Tag = "p",
  className,
}: {
  ledger: Ledger;
  /** Collect the treasury's fees (`withdrawFees`) rather than the account's balance. */
  fees?: boolean;
  currency: Address;
  to: Address;
  /** The button's text. */
  button: string;
  /** What is owed, in words (before the button). */
  children: ReactNode;
  as?: "p" | "li";
  className?: string;
}) {
  const { withdraw, collectFees, busy } = useWithdraw();
  const send = () => (fees && ledger !== "claims" ? collectFees(ledger, currency, to) : withdraw(ledger, currency, to));
  return (
    <Tag className={className}>
      {children}{" "}
      <button type="button" disabled={busy} onClick={() => void send()}>
        {button}
      </button>
    </Tag>
  );
}
