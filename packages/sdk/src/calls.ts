/**
 * Contract calls by name: `contractCall(contracts, "claims", "accept", [id])` gives the address, ABI, function name
 * and arguments of one call, typed from the generated ABI (a wrong function name or argument is a type error).
 * The object is what viem's `readContract`, `simulateContract` and `writeContract` and wagmi's hooks take, so the
 * dApp, the seed and an integrator's scripts all describe a call the same way.
 */
import type { Address, ContractFunctionArgs, ContractFunctionName, ContractFunctionReturnType } from "viem";

import { abis, type ContractName } from "./generated/contracts.ts";

/** One deployment's contract addresses by name (an entry of `deployments`, or an integrator's own). */
export type Contracts = { readonly [name in ContractName]: Address };

/** The ABI of contract `name`. */
export type AbiOf<name extends ContractName> = (typeof abis)[name];

/** A function of contract `name` (any mutability). */
export type FunctionOf<name extends ContractName> = ContractFunctionName<AbiOf<name>>;

/** The arguments of `functionName` on contract `name`. */
export type ArgsOf<name extends ContractName, functionName extends FunctionOf<name>> = ContractFunctionArgs<
  AbiOf<name>,
  "pure" | "view" | "nonpayable" | "payable",
  functionName
>;

/** A view (or pure) function of contract `name`. */
export type ViewOf<name extends ContractName> = ContractFunctionName<AbiOf<name>, "pure" | "view">;

/** The arguments of view `functionName` of contract `name`. */
export type ViewArgsOf<name extends ContractName, functionName extends ViewOf<name>> = ContractFunctionArgs<
  AbiOf<name>,
  "pure" | "view",
  functionName
>;

/**
 * What view `functionName` of contract `name` returns, as viem decodes it: a struct is an object with the ABI's
 * field names (`ResultOf<"claims", "claim">` is the stored claim), several outputs a tuple.
 */
export type ResultOf<name extends ContractName, functionName extends ViewOf<name>> = ContractFunctionReturnType<
  AbiOf<name>,
  "pure" | "view",
  functionName
>;

/** One call, ready for viem or wagmi. */
export interface ContractCall<
  name extends ContractName = ContractName,
  functionName extends FunctionOf<name> = FunctionOf<name>,
  args extends ArgsOf<name, functionName> = ArgsOf<name, functionName>,
> {
  address: Address;
  abi: AbiOf<name>;
  functionName: functionName;
  args: args;
}

/** The call of `functionName(args)` on contract `name` of `contracts`. */
export function contractCall<
  name extends ContractName,
  functionName extends FunctionOf<name>,
  const args extends ArgsOf<name, functionName>,
>(contracts: Contracts, name: name, functionName: functionName, args: args): ContractCall<name, functionName, args> {
  return { address: contracts[name], abi: abis[name], functionName, args };
}
