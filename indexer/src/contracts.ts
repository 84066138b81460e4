/**
 * The OpenFactor contracts the indexer follows: every one that emits events, by the name its handlers use, with its
 * ABI and deployed address from the SDK (the one home of both). The claim contract's ABI already carries the events
 * its linked libraries (ClaimIssuance, ClaimUpkeep) emit from its address. The local demo's stablecoin is not
 * OpenFactor's and is left out.
 */
import { abis, deployments, type ContractName } from "@openfactor/sdk";
import type { Abi, Address } from "viem";

/** The indexed contracts: the handlers' name for each, and the SDK's key for its ABI and address. */
export const INDEXED_CONTRACTS = {
  ReceivableClaim: "claims",
  ClaimMarket: "market",
  GuaranteeEscrow: "escrow",
  SealedBidAuction: "auction",
  ParticipantRegistry: "registry",
  ClaimRenderer: "renderer",
} as const satisfies Record<string, ContractName>;

export type IndexedContract = keyof typeof INDEXED_CONTRACTS;

/** The ABI of an indexed contract. */
export const abiOf = <C extends IndexedContract>(name: C) => abis[INDEXED_CONTRACTS[name]];

/** Every event name an indexed contract's ABI declares, in ABI order. */
export function eventNamesOf(name: IndexedContract): string[] {
  return (abiOf(name) as Abi).filter((item) => item.type === "event").map((item) => item.name);
}

/** The indexed contracts' addresses on `chainId`, from the SDK's deployments; throws if it knows none there. */
export function addressesOn(chainId: number): Record<IndexedContract, Address> {
  const deployed = (deployments as Record<number, Record<ContractName, Address> | undefined>)[chainId];
  if (deployed === undefined) {
    throw new Error(`the SDK has no OpenFactor deployment on chain ${chainId} (packages/sdk deployments)`);
  }
  return Object.fromEntries(Object.entries(INDEXED_CONTRACTS).map(([name, key]) => [name, deployed[key]])) as Record<
    IndexedContract,
    Address
  >;
}
