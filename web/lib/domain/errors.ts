/**
 * Turns a failed call, signature or transaction into one sentence for the user: never hex, never a stack.
 *
 * 1. A wallet rejection (EIP-1193 code 4001, viem's UserRejectedRequestError) anywhere in the cause chain gives a
 *    neutral sentence.
 * 2. Otherwise the revert data is looked for along the whole chain: viem's ContractFunctionRevertedError (`raw`),
 *    an RPC error's `data` (Hardhat's `{ code: 3, data }`), or a nested `data.data` / `error.data`.
 * 3. The data is decoded against every error of every ABI the SDK holds (so an error raised by a
 *    contract other than the one called — the stablecoin inside a payment — is still named), and the name mapped
 *    to a sentence (lib/error-messages.ts). Error(string) and Panic(uint256) are handled too.
 * 4. Known non-revert failures (no funds for gas, no network, wrong chain) get their own sentence; anything else a
 *    generic one.
 */
import { decodeErrorResult, isHex, type Abi, type Hex } from "viem";

import { abis } from "@openfactor/sdk";
import { ERROR_MESSAGES, type ProjectErrorName } from "./error-messages";

export const REJECTED_MESSAGE = "You rejected the request in your wallet.";
export const GENERIC_MESSAGE = "Something went wrong and nothing was changed. Please try again.";
export const UNKNOWN_REVERT_MESSAGE = "The contract refused this action.";

type AbiError = Extract<Abi[number], { type: "error" }>;

/** Every error declared in any of the SDK's ABIs, once per signature. */
export const PROJECT_ERRORS: readonly AbiError[] = (() => {
  const seen = new Map<string, AbiError>();
  for (const abi of Object.values(abis) as Abi[]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const signature = `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
      if (!seen.has(signature)) seen.set(signature, item);
    }
  }
  return [...seen.values()];
})();

export interface DescribedError {
  /** What to show the user. */
  message: string;
  /** The custom error's name, when the failure was a decoded revert. */
  errorName?: string;
  /** True when the user declined in the wallet. */
  rejected?: boolean;
}

type Node = Record<string, unknown>;

/** The error and its causes, outermost first (cycle-safe, at most 20 deep). */
export function causeChain(error: unknown): Node[] {
  const chain: Node[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === "object" && chain.length < 20 && !chain.includes(current as Node)) {
    chain.push(current as Node);
    const node = current as Node;
    current = node.cause ?? node.error ?? (isObject(node.data) && !isHex(node.data) ? node.data : undefined);
  }
  return chain;
}

function isObject(value: unknown): value is Node {
  return value !== null && typeof value === "object";
}

function revertDataOf(node: Node): Hex | undefined {
  for (const candidate of [node.raw, node.data, isObject(node.data) ? node.data.data : undefined]) {
    if (typeof candidate === "string" && isHex(candidate) && candidate.length >= 10) return candidate;
  }
  return undefined;
}

/** The first revert data found along the cause chain. */
export function findRevertData(error: unknown): Hex | undefined {
  for (const node of causeChain(error)) {
    const data = revertDataOf(node);
    if (data !== undefined) return data;
  }
  return undefined;
}

function isRejection(node: Node): boolean {
  return node.code === 4001 || node.name === "UserRejectedRequestError" || node.code === "ACTION_REJECTED";
}

/** The sentence for a decoded error name and arguments. */
export function sentenceFor(errorName: string, args: readonly unknown[] = []): string | undefined {
  const sentence = (ERROR_MESSAGES as Record<string, (typeof ERROR_MESSAGES)[ProjectErrorName]>)[errorName];
  if (sentence === undefined) return undefined;
  return typeof sentence === "function" ? sentence(args) : sentence;
}

/** Decodes revert data against every project error; undefined when the selector is unknown. */
export function decodeRevert(data: Hex): DescribedError | undefined {
  try {
    const decoded = decodeErrorResult({ abi: PROJECT_ERRORS, data });
    const args = decoded.args ?? [];
    if (decoded.errorName === "Error") {
      return { message: `The contract refused this action: ${String(args[0])}.`, errorName: "Error" };
    }
    if (decoded.errorName === "Panic") {
      return { message: "The contract stopped on an internal check. Nothing was changed.", errorName: "Panic" };
    }
    return { message: sentenceFor(decoded.errorName, args) ?? UNKNOWN_REVERT_MESSAGE, errorName: decoded.errorName };
  } catch {
    return undefined;
  }
}

/** One sentence for any failure of a read, simulation, signature or transaction. */
export function describeError(error: unknown): DescribedError {
  const chain = causeChain(error);
  if (chain.some(isRejection)) return { message: REJECTED_MESSAGE, rejected: true };

  const data = findRevertData(error);
  if (data !== undefined) return decodeRevert(data) ?? { message: UNKNOWN_REVERT_MESSAGE };

  // viem may already have decoded the revert against the called contract's ABI.
  for (const node of chain) {
    const decoded = node.data as { errorName?: string; args?: readonly unknown[] } | undefined;
    if (node.name === "ContractFunctionRevertedError" && isObject(decoded) && typeof decoded.errorName === "string") {
      return {
        message: sentenceFor(decoded.errorName, decoded.args ?? []) ?? UNKNOWN_REVERT_MESSAGE,
        errorName: decoded.errorName,
      };
    }
    if (node.name === "ContractFunctionRevertedError") return { message: UNKNOWN_REVERT_MESSAGE };
  }

  const names = new Set(chain.map((n) => n.name));
  if (names.has("InsufficientFundsError"))
    return { message: "Your account does not have enough ETH to pay the network fee." };
  if (names.has("ChainMismatchError") || names.has("ChainNotConfiguredError"))
    return { message: "Your wallet is on a different network. Switch network and try again." };
  if (names.has("ConnectorNotConnectedError") || names.has("ConnectorAccountNotFoundError"))
    return { message: "Connect a wallet first." };
  if (names.has("HttpRequestError") || names.has("TimeoutError") || names.has("WebSocketRequestError"))
    return { message: "The network did not answer. Check your connection and try again." };
  if (names.has("ProviderNotFoundError")) return { message: "No wallet was found in this browser." };
  return { message: GENERIC_MESSAGE };
}
