/**
 * The contracts' pull ledgers: what each owes each account in each currency, from the events that credit an account
 * (Credited; in the claim contract PaymentReceived and HeldPaymentsReleased, which credit the holder) and those
 * that pay it out (Withdrawn). Pure.
 */
import type { Hex } from "viem";

import type { LedgerBalanceRow } from "./types.ts";
import { lower } from "./types.ts";

export const ledgerId = (contract: string, account: string, currency: string) =>
  `${contract}:${account.toLowerCase()}:${currency.toLowerCase()}`;

function balance(row: LedgerBalanceRow | undefined, contract: string, account: Hex, currency: Hex): LedgerBalanceRow {
  return (
    row ?? {
      id: ledgerId(contract, account, currency),
      contract,
      account: lower(account),
      currency: lower(currency),
      credited: 0n,
      withdrawn: 0n,
    }
  );
}

export function credited(
  row: LedgerBalanceRow | undefined,
  contract: string,
  account: Hex,
  currency: Hex,
  amount: bigint,
): LedgerBalanceRow {
  const b = balance(row, contract, account, currency);
  return { ...b, credited: b.credited + amount };
}

export function withdrawn(
  row: LedgerBalanceRow | undefined,
  contract: string,
  account: Hex,
  currency: Hex,
  amount: bigint,
): LedgerBalanceRow {
  const b = balance(row, contract, account, currency);
  return { ...b, withdrawn: b.withdrawn + amount };
}
