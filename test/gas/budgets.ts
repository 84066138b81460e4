/**
 * The gas budgets (docs/gas-budgets.json) and the peer figures the report compares with, and the one verdict both
 * the CI check and `npm run gas` give on a step ({verdict}).
 */
import { readFileSync } from "node:fs";

export const BUDGETS_FILE = new URL("../../docs/gas-budgets.json", import.meta.url);

/**
 * What a step may cost: its receipt gas, and the new storage slots (zero to non-zero) it may write. The slot ceiling
 * is what the step wrote before the re-cut of issue 16: no step may write more new slots than that, because new slots
 * are the cost that grows most when storage is repriced.
 */
export interface Budget {
  gas: number;
  newSlots: number;
}

/** Step name → budget. */
export function readBudgets(): Record<string, Budget> {
  return JSON.parse(readFileSync(BUDGETS_FILE, "utf8")) as Record<string, Budget>;
}

/** The nearest published figure of a peer protocol for a comparable step (receipt gas). */
export interface Peer {
  gas: number;
  label: string;
}

const SEAPORT: Peer = { gas: 88_000, label: "Seaport 1.6 basic order fill" };
const BULLA: Peer = { gas: 148_000, label: "Bulla claim creation" };
const ERC20_TRANSFER: Peer = { gas: 51_000, label: "ERC-20 transfer" };

/**
 * Peer figures for the steps where the comparison is honest: a market sale against a Seaport basic order (one NFT
 * for ERC-20), a claim's creation against Bulla's, and pulling money out of a ledger against a plain ERC-20 transfer
 * (which is what a withdrawal ends with).
 */
export const PEERS: Record<string, Peer> = {
  issue: BULLA,
  issueAccepted: BULLA,
  issueByDebtor: BULLA,
  buy: SEAPORT,
  "accept bid": SEAPORT,
  "fill signed offer": SEAPORT,
  withdraw: ERC20_TRANSFER,
  "withdraw (market)": ERC20_TRANSFER,
  "withdraw (escrow)": ERC20_TRANSFER,
};

/** The verdict on `step`, measured at `gas` writing `newSlots` new slots: a problem to fail on, or undefined. */
export function verdict(
  step: string,
  gas: number,
  newSlots: number,
  budgets: Record<string, Budget>,
): string | undefined {
  const budget = budgets[step];
  if (budget === undefined) return `${step}: no budget in docs/gas-budgets.json`;
  const problems: string[] = [];
  if (gas > budget.gas)
    problems.push(`${gas.toLocaleString("en-US")} gas > budget ${budget.gas.toLocaleString("en-US")}`);
  if (newSlots > budget.newSlots) problems.push(`${newSlots} new slots > ${budget.newSlots}`);
  return problems.length === 0 ? undefined : `OVER BUDGET ${step}: ${problems.join(", ")}`;
}
