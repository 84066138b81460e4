/**
 * The invoice commitment: how a claim identifies its invoice on chain without revealing it.
 *
 *   invoiceCommitment = keccak256(abi.encode(string invoiceNumber, address originator, address debtor,
 *                                            uint64 invoiceDate))
 *
 * `invoiceNumber` is the invoice's number as printed, trimmed of surrounding spaces; `invoiceDate` is the invoice's
 * date as unix seconds at 00:00 UTC. Both parties can recompute it from their own copy of the invoice, and the claim
 * contract refuses a second live claim with the same commitment (double financing). The invoice file itself never
 * leaves the browser: only `documentHash = keccak256(file bytes)` goes on chain.
 */
import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";
import { DAY } from "@openfactor/sdk";

export const INVOICE_COMMITMENT_PARAMETERS = [
  { name: "invoiceNumber", type: "string" },
  { name: "originator", type: "address" },
  { name: "debtor", type: "address" },
  { name: "invoiceDate", type: "uint64" },
] as const;

export function invoiceCommitment(invoice: {
  invoiceNumber: string;
  originator: Address;
  debtor: Address;
  invoiceDate: bigint;
}): Hex {
  return keccak256(
    encodeAbiParameters(INVOICE_COMMITMENT_PARAMETERS, [
      invoice.invoiceNumber.trim(),
      invoice.originator,
      invoice.debtor,
      invoice.invoiceDate,
    ]),
  );
}

/** keccak256 of a file's bytes, computed in the browser (the file is never uploaded). */
export async function documentHash(file: Blob): Promise<Hex> {
  return keccak256(new Uint8Array(await file.arrayBuffer()));
}

/** A date input's value ("2027-01-27") as unix seconds at 00:00 UTC; undefined if empty or invalid. */
export function dateInputToUnix(value: string): bigint | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : BigInt(ms / 1000);
}

/** Seconds in a day. */

/** The due date a date input means: the last second of that day, UTC (paying at that second is on time). */
export function dueDateFromInput(value: string): bigint | undefined {
  const start = dateInputToUnix(value);
  return start === undefined ? undefined : start + DAY - 1n;
}
