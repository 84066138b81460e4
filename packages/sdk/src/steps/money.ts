/**
 * Money in and out: the ERC-20 allowance a step pulls against, the pull ledgers every contract pays out of, the
 * treasury's fees, and the local demo stablecoin's mint and faucet. Each returns one call for viem or wagmi.
 */
import type { Address } from "viem";

import { contractCall, type Contracts } from "../calls.ts";

/** The contracts that pull money from a participant, and so need its allowance. */
export type Spender = "claims" | "market" | "escrow" | "auction";

/** The contracts that keep a pull ledger of what they owe each participant. */
export type Ledger = "claims" | "market" | "escrow" | "auction";

/** The contracts that keep fees for the treasury. */
export type FeeKeeper = "market" | "escrow" | "auction";

/**
 * Allows `spender` (the claim contract for a debtor's payment, the market for a purchase or bid, the escrow for a
 * cover or premium, the auction house for a deposit) to pull `amount` of `currency` (the deployment's stablecoin
 * unless named): approve the exact amount of the step that follows.
 */
export const approve = (contracts: Contracts, spender: Spender, amount: bigint, currency?: Address) => ({
  ...contractCall(contracts, "stablecoin", "approve", [contracts[spender], amount]),
  address: currency ?? contracts.stablecoin,
});

/**
 * Withdraws everything `ledger` owes the caller in `currency` to `to`: a holder's payments from the claim contract,
 * a bidder's refunds from the market, a guarantor's credits from the escrow, a bidder's refunds and a seller's
 * forfeits from the auction house. Fails with each contract's `…NothingToWithdraw` when it owes nothing.
 */
export const withdraw = (contracts: Contracts, ledger: Ledger, currency: Address, to: Address) => {
  switch (ledger) {
    case "claims":
      return contractCall(contracts, "claims", "withdraw", [currency, to]);
    case "market":
      return contractCall(contracts, "market", "withdraw", [currency, to]);
    case "escrow":
      return contractCall(contracts, "escrow", "withdraw", [currency, to]);
    case "auction":
      return contractCall(contracts, "auction", "withdraw", [currency, to]);
  }
};

/** The treasury collects the fees `keeper` holds in `currency` to `to` (`…NotTreasury` for anyone else). */
export const collectFees = (contracts: Contracts, keeper: FeeKeeper, currency: Address, to: Address) => {
  switch (keeper) {
    case "market":
      return contractCall(contracts, "market", "withdrawFees", [currency, to]);
    case "escrow":
      return contractCall(contracts, "escrow", "withdrawFees", [currency, to]);
    case "auction":
      return contractCall(contracts, "auction", "withdrawFees", [currency, to]);
  }
};

/** Local demo and tests only: the mock stablecoin's owner mints `amount` base units to `to`. */
export const mintTestDollars = (contracts: Contracts, to: Address, amount: bigint) =>
  contractCall(contracts, "stablecoin", "mint", [to, amount]);

/** Local demo and tests only: anyone takes up to the mock stablecoin's faucet cap. */
export const faucet = (contracts: Contracts, amount: bigint) =>
  contractCall(contracts, "stablecoin", "faucet", [amount]);
