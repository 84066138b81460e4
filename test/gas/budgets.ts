/**
 * The gas budgets (docs/gas-budgets.json), their documented exceptions (docs/gas-exceptions.json) and the peer
 * figures the report compares with, and the one verdict both the CI check and `npm run gas` give on a step.
 */
import { readFileSync } from "node:fs";

export const BUDGETS_FILE = new URL("../../docs/gas-budgets.json", import.meta.url);
export const EXCEPTIONS_FILE = new URL("../../docs/gas-exceptions.json", import.meta.url);

/** Calldata and timestamps differ by a few zero bytes between runs; anything above this is a real change. */
export const TOLERANCE = 0.002;
/** An exception whose ceiling is this much above the measured gas overstates the cost and must be lowered. */
export const EXCEPTION_SLACK = 0.01;

/**
 * A budget the design cannot meet without breaking a rule: the measured ceiling the step is allowed instead, and
 * the storage writes (and other costs) that make the budget impossible.
 */
export interface GasException {
  /** Receipt gas the step may use, at most; kept within {EXCEPTION_SLACK} of the measured figure. */
  ceiling: number;
  /** The storage writes and other costs the step cannot shed, with their gas. */
  writes: string;
  /** Why they cannot go: the rule, view or guarantee each one serves. */
  reason: string;
}

/** Step name → budget (receipt gas). */
export function readBudgets(): Record<string, number> {
  return JSON.parse(readFileSync(BUDGETS_FILE, "utf8")) as Record<string, number>;
}

/** Step name → documented exception. */
export function readExceptions(): Record<string, GasException> {
  return JSON.parse(readFileSync(EXCEPTIONS_FILE, "utf8")) as Record<string, GasException>;
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

/** How a measured step stands against its budget and exception. `problem` is set when the check must fail. */
export interface Verdict {
  budget: number | undefined;
  exception: GasException | undefined;
  problem: string | undefined;
}

/** The verdict on `step` measured at `gas`. */
export function verdict(
  step: string,
  gas: number,
  budgets: Record<string, number>,
  exceptions: Record<string, GasException>,
): Verdict {
  const budget = budgets[step];
  const exception = exceptions[step];
  let problem: string | undefined;
  if (budget === undefined) {
    problem = `${step}: no budget in docs/gas-budgets.json`;
  } else if (exception === undefined) {
    if (gas > budget * (1 + TOLERANCE)) problem = `${step}: ${gas} > budget ${budget}`;
  } else if (gas <= budget * (1 + TOLERANCE)) {
    problem = `${step}: ${gas} meets the budget ${budget}; remove its exception from docs/gas-exceptions.json`;
  } else if (gas > exception.ceiling * (1 + TOLERANCE)) {
    problem = `${step}: ${gas} > documented exception ${exception.ceiling} (budget ${budget})`;
  } else if (gas < exception.ceiling * (1 - EXCEPTION_SLACK)) {
    problem = `${step}: ${gas} is well under its exception ${exception.ceiling}; lower the exception's ceiling`;
  }
  return { budget, exception, problem };
}
