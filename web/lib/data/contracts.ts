"use client";
/**
 * OpenFactor's contracts read by name: `useContractRead("claimLens", "claim", [id])` and
 * `useContractReads([readCall("claimLens", "claim", [id]), readCall("escrow", "guarantee", [gid])])`. The address and
 * the chain come from the deployment (`useDeployment`), the ABI from the generated `abis` map, and the result type
 * from viem's inference over that ABI, so `data` of `claim` is the ABI's `Claim` struct: no call site names an ABI,
 * writes a struct type of its own or casts a result.
 *
 * A read is disabled, and so neither sent nor cached, while the deployment's contracts are unknown (off-chain, or
 * on a chain OpenFactor is not on) or while any of its arguments is `undefined` (an account not yet connected, an
 * id not yet read): `data` stays `undefined` and `isPending` true until all are known. `options.enabled: false`
 * disables it too. Logs are read by name with `contractEvents` and `eventsIn` (logs.ts, shared with the server).
 */
import { useCallback } from "react";
import { useConfig, useReadContract, useReadContracts, type UseReadContractsReturnType } from "wagmi";
import { readContract } from "wagmi/actions";

import { abis, type AbiOf, type ContractName, type ResultOf, type ViewArgsOf, type ViewOf } from "@openfactor/sdk";

export type { ResultOf, ViewArgsOf, ViewOf };
import { useDeployment } from "./deployment";

/** Arguments of which any may still be unknown: the read waits for them. */
export type Pending<args> = { [k in keyof args]: args[k] | undefined };

/** Options of a read by name. */
export interface ReadOptions {
  /** false disables the read (it is also disabled while the contracts or an argument are unknown). */
  enabled?: boolean;
  /** How long a result stays fresh, in milliseconds (react-query's `staleTime`). */
  staleTime?: number;
  /** Re-reads every so many milliseconds. */
  refetchInterval?: number;
}

const known = (args: readonly unknown[]) => args.every((a) => a !== undefined);

/** react-query's options for a read: only those given, so the client's defaults (its `staleTime`) hold otherwise. */
const queryOptions = (enabled: boolean, { staleTime, refetchInterval }: ReadOptions) => ({
  enabled,
  ...(staleTime === undefined ? {} : { staleTime }),
  ...(refetchInterval === undefined ? {} : { refetchInterval }),
});

/**
 * Reads view `functionName(args)` of contract `name` on the deployment's chain (wagmi's `useReadContract`).
 * Disabled while the contracts or any argument are unknown (see the module comment).
 */
export function useContractRead<name extends ContractName, fn extends ViewOf<name>>(
  name: name,
  functionName: fn,
  args: Pending<ViewArgsOf<name, fn>>,
  options: ReadOptions = {},
) {
  const { chainId, contracts } = useDeployment();
  const list = args as unknown as readonly unknown[];
  const enabled = (options.enabled ?? true) && contracts !== undefined && known(list);
  const read = useReadContract({
    address: contracts?.[name],
    abi: abis[name] as AbiOf<ContractName>,
    functionName: functionName as string,
    args: list.length === 0 ? undefined : list,
    chainId,
    query: queryOptions(enabled, options),
  } as never);
  return read as Omit<typeof read, "data"> & { data: ResultOf<name, fn> | undefined };
}

/**
 * A reader for event handlers: `read(name, functionName, args)` reads the chain now (not a hook's cached value) and
 * resolves with the typed result; it rejects without a deployment on the chain read.
 */
export function useContractReader() {
  const config = useConfig();
  const { chainId, contracts } = useDeployment();
  return useCallback(
    async <name extends ContractName, fn extends ViewOf<name>>(
      name: name,
      functionName: fn,
      args: ViewArgsOf<name, fn>,
    ): Promise<ResultOf<name, fn>> => {
      if (contracts === undefined) throw new Error("OpenFactor is not deployed on this network.");
      const call = { address: contracts[name], abi: abis[name], functionName, args, chainId };
      return (await readContract(config, call as never)) as ResultOf<name, fn>;
    },
    [config, chainId, contracts],
  );
}

/** One read of a batch, by name (built by `readCall`); `useContractReads` fills in the address and the chain. */
export interface ReadCall<
  name extends ContractName = ContractName,
  fn extends ViewOf<name> = ViewOf<name>,
  args extends Pending<ViewArgsOf<name, fn>> = Pending<ViewArgsOf<name, fn>>,
> {
  name: name;
  abi: AbiOf<name>;
  functionName: fn;
  args: args;
}

/** The read of view `functionName(args)` of contract `name`, for `useContractReads`. */
export function readCall<
  name extends ContractName,
  fn extends ViewOf<name>,
  const args extends Pending<ViewArgsOf<name, fn>>,
>(name: name, functionName: fn, args: args): ReadCall<name, fn, args> {
  return { name, abi: abis[name], functionName, args };
}

/** What a `readCall` returns. */
type CallResult<call> = call extends ReadCall<infer name, infer fn> ? ResultOf<name, fn> : unknown;

/** One answer of a batch: `{status, result}` or `{status, error}`, or the bare result when failures throw. */
type Answer<call, allowFailure extends boolean> = allowFailure extends true
  ? | { status: "success"; result: CallResult<call>; error?: undefined }
    | { status: "failure"; error: Error; result?: undefined }
  : CallResult<call>;

/** What a batch of `readCall`s gives: each call's answer typed from its ABI (as wagmi's `useReadContracts`). */
type BatchResult<calls extends readonly unknown[], allowFailure extends boolean> = Omit<
  UseReadContractsReturnType,
  "data"
> & { data: { [k in keyof calls]: Answer<calls[k], allowFailure> } | undefined };

/**
 * Reads a batch of `readCall`s in one multicall on the deployment's chain (wagmi's `useReadContracts`); `data[i]`
 * is `calls[i]`'s `{status, result}` (or its bare result with `allowFailure: false`). Disabled while the contracts
 * or any argument of any call are unknown, and when `calls` is empty.
 */
export function useContractReads<const calls extends readonly ReadCall[], allowFailure extends boolean = true>(
  calls: calls,
  options: ReadOptions & { allowFailure?: allowFailure } = {},
): BatchResult<calls, allowFailure> {
  const { chainId, contracts } = useDeployment();
  const enabled =
    (options.enabled ?? true) &&
    contracts !== undefined &&
    calls.length > 0 &&
    calls.every((c) => known(c.args as readonly unknown[]));
  return useReadContracts({
    contracts: calls.map(({ name, abi, functionName, args }) => ({
      address: contracts?.[name],
      abi,
      functionName,
      args: (args as readonly unknown[]).length === 0 ? undefined : args,
      chainId,
    })),
    allowFailure: options.allowFailure,
    query: queryOptions(enabled, options),
  } as never) as BatchResult<calls, allowFailure>;
}

/** The results of a batch's answers, `undefined` where a read failed or is not back yet. */
export type Results<answers extends readonly unknown[]> = {
  [k in keyof answers]: answers[k] extends { result?: infer result } ? result | undefined : answers[k] | undefined;
};

/**
 * A batch's results by position (`const [claim, holder] = resultsOf(data)`), each typed from its call: a failed or
 * pending read gives `undefined`, as does every position while `answers` is.
 */
export function resultsOf<answers extends readonly unknown[]>(answers: answers | undefined): Results<answers> {
  return (answers ?? []).map((a) => (a as { result?: unknown }).result) as Results<answers>;
}

/** The answers of one item's calls in `useContractReadsFor`. */
type Answers<calls extends readonly unknown[]> = { [k in keyof calls]: Answer<calls[k], true> };

/**
 * The same reads for each of `items` (`callsOf(item)`, e.g. a claim and its holder for each id), in one batch:
 * `data[i]` holds the answers of `items[i]`'s calls, each typed from its ABI. Disabled as `useContractReads`.
 */
export function useContractReadsFor<item, const calls extends readonly ReadCall[]>(
  items: readonly item[],
  callsOf: (item: item) => calls,
  options: ReadOptions = {},
) {
  const groups = items.map(callsOf);
  const read = useContractReads(groups.flat(), options);
  const flat = read.data as readonly unknown[] | undefined;
  let offset = 0;
  const data =
    flat === undefined
      ? undefined
      : groups.map((calls) => {
          const answers = flat.slice(offset, offset + calls.length);
          offset += calls.length;
          return answers as unknown as Answers<calls>;
        });
  return { ...read, data };
}
