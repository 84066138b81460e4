/**
 * Sending a step from a script that holds a viem wallet client and public client: simulate, write, wait, and read
 * the events back; a revert comes back as the contract's custom error by name.
 */
import {
  type Abi,
  type Account,
  BaseError,
  type Chain,
  decodeErrorResult,
  type Hex,
  isAddressEqual,
  type ParseEventLogsReturnType,
  parseEventLogs,
  type TransactionReceipt,
} from "viem";

import type { ContractCall } from "../calls.ts";
import { abis } from "../generated/contracts.ts";

/** A custom error decoded from revert data: its name and arguments. */
export interface DecodedRevert {
  name: string;
  args: readonly unknown[];
}

/**
 * The custom error `data` encodes, looked up in every OpenFactor ABI (a market call can revert with the claim
 * contract's error), or undefined when none has it.
 */
export function decodeRevert(data: Hex): DecodedRevert | undefined {
  for (const abi of Object.values(abis) as Abi[]) {
    try {
      const decoded = decodeErrorResult({ abi, data });
      return { name: decoded.errorName, args: decoded.args ?? [] };
    } catch {
      // not this contract's error
    }
  }
  return undefined;
}

/** `Name(arg, …)` for a decoded revert. */
export const formatRevert = (revert: DecodedRevert) => `${revert.name}(${revert.args.map(String).join(", ")})`;

/** The revert data an error from viem or a node carries, if any. */
export function revertDataOf(error: unknown): Hex | undefined {
  const found = error instanceof BaseError ? error.walk((e) => hexData(e) !== undefined) : error;
  const text = JSON.stringify(dataField(found) ?? (error instanceof Error ? error.message : String(error)));
  return hexData(found) ?? (/0x[0-9a-fA-F]{8,}/.exec(text)?.[0] as Hex | undefined);
}

const dataField = (error: unknown) =>
  typeof error === "object" && error !== null ? (error as { data?: unknown }).data : undefined;

function hexData(error: unknown): Hex | undefined {
  const data = dataField(error);
  if (typeof data === "string" && /^0x[0-9a-fA-F]{8,}$/.test(data)) return data as Hex;
  if (typeof data === "object" && data !== null) return hexData(data);
  return undefined;
}

/** A step that reverted or failed to send: `message` names the function and the custom error. */
export class StepError extends Error {
  /** The custom error, when the revert data decodes to one of OpenFactor's. */
  readonly revert: DecodedRevert | undefined;

  constructor(call: ContractCall, error: unknown) {
    const data = revertDataOf(error);
    const revert = data === undefined ? undefined : decodeRevert(data);
    const reason =
      revert !== undefined
        ? formatRevert(revert)
        : error instanceof BaseError
          ? error.shortMessage
          : (error instanceof Error ? error.message : String(error)).split("\n")[0];
    super(`${call.functionName} failed: ${reason}`, { cause: error });
    this.name = "StepError";
    this.revert = revert;
  }
}

/** What {@link sendCall} uses of a viem wallet client (`createWalletClient` with an account): any one will do. */
export interface StepWallet {
  account: Account | undefined;
  chain: Chain | undefined;
  writeContract(parameters: never): Promise<Hex>;
}

/** What {@link sendCall} uses of a viem public client (`createPublicClient`): any one will do. */
export interface StepReader {
  simulateContract(parameters: never): Promise<{ request: unknown }>;
  waitForTransactionReceipt(parameters: { hash: Hex }): Promise<TransactionReceipt>;
}

/** The receipt of a step, with the events its contract emitted in it, decoded. */
export type StepReceipt<abi extends Abi> = TransactionReceipt & { events: ParseEventLogsReturnType<abi> };

/**
 * Sends one step from `walletClient`'s account: simulates it (so a revert is reported before anything is sent),
 * writes it, waits for its receipt and returns it with the events of the called contract decoded. Throws a
 * {@link StepError} naming the custom error when the step reverts.
 */
export async function sendCall<const call extends ContractCall>(
  walletClient: StepWallet,
  publicClient: StepReader,
  call: call,
): Promise<StepReceipt<call["abi"]>> {
  const account = walletClient.account;
  if (account === undefined) throw new StepError(call, new Error("the wallet client has no account"));
  let hash: Hex;
  try {
    const { request } = await publicClient.simulateContract({ ...call, account } as never);
    // A wallet client without a chain sends to whatever chain its node is on, as the simulation did.
    hash = await walletClient.writeContract({ ...(request as object), chain: walletClient.chain ?? null } as never);
  } catch (error) {
    throw new StepError(call, error);
  }
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new StepError(call, new Error(`transaction ${hash} reverted`));
  const logs = receipt.logs.filter((log) => isAddressEqual(log.address, call.address));
  const events = parseEventLogs({ abi: call.abi as Abi, logs }) as unknown as ParseEventLogsReturnType<call["abi"]>;
  return { ...receipt, events };
}
