/**
 * The scale benchmark's way of talking to its node fast: JSON-RPC batches over plain HTTP, transactions signed
 * here by local accounts with explicit nonces (the operator's, the node's unlocked deployer, are signed by the
 * node), sent without waiting, then mined many to a block with `evm_mine` (automine off). Every receipt is
 * checked: a failed transaction stops the run with its custom error, decoded by the system's ABIs.
 */
import {
  type Address,
  encodeFunctionData,
  type EncodeFunctionDataParameters,
  type Hex,
  type LocalAccount,
  toHex,
} from "viem";

import { type ContractCall, decodeRevert, formatRevert } from "@openfactor/sdk";

/** JSON-RPC requests per HTTP request. */
const REQUESTS_PER_POST = 500;
/** Transactions signed between two turns of the event loop, so that the node's replies are read meanwhile. */
const SIGN_SLICE = 25;
/** Gas limit of every transaction unless it names its own: above what any of the benchmark's steps uses. */
export const TX_GAS = 400_000n;
/** How often a long phase reports its progress. */
const PROGRESS_EVERY_MS = 30_000;
/** Fee cap: the base fee falls towards zero, since the benchmark's blocks stay under half the gas limit. */
const MAX_FEE_PER_GAS = 10_000_000_000n;

interface RpcReply {
  id: number;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** A log as the node returns it. */
export interface RpcLog {
  address: Address;
  topics: Hex[];
  data: Hex;
}

export interface RpcReceipt {
  transactionHash: Hex;
  status: Hex;
  blockNumber: Hex;
  gasUsed: Hex;
  logs: RpcLog[];
}

/** A node's JSON-RPC endpoint, spoken to in batches. */
export class Rpc {
  constructor(readonly url: string) {}

  /** One request. */
  async call<T>(method: string, params: unknown[] = []): Promise<T> {
    const [result] = await this.batch<T>([{ method, params }]);
    return result;
  }

  /** Several requests in one HTTP request; throws the first error a reply carries. */
  async batch<T>(requests: { method: string; params: unknown[] }[]): Promise<T[]> {
    const body = requests.map((r, id) => ({ jsonrpc: "2.0", id, method: r.method, params: r.params }));
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body, (_, value: unknown) => (typeof value === "bigint" ? toHex(value) : value)),
    });
    if (!response.ok) throw new Error(`${requests[0].method}: the node answered HTTP ${response.status}`);
    const replies = (await response.json()) as RpcReply[];
    const results: T[] = new Array<T>(requests.length);
    for (const reply of replies) {
      if (reply.error !== undefined) throw new RpcError(requests[reply.id].method, reply.error);
      results[reply.id] = reply.result as T;
    }
    return results;
  }
}

/** A JSON-RPC error, with its revert decoded when it carries one. */
export class RpcError extends Error {
  readonly data: unknown;
  /** The custom error in words (`Name(arg, …)`), when the error carries one of the system's. */
  readonly revert: string | undefined;

  constructor(method: string, error: NonNullable<RpcReply["error"]>) {
    const decoded = typeof error.data === "string" ? decodeRevert(error.data as Hex) : undefined;
    const revert = decoded === undefined ? undefined : formatRevert(decoded);
    super(`${method}: ${revert ?? error.message}`);
    this.name = "RpcError";
    this.data = error.data;
    this.revert = revert;
  }
}

/** Who sends a transaction: a local account (signed here) or an account the node holds unlocked. */
export type Sender = LocalAccount | Address;

/** One transaction to send: a contract call (or a builder of one, run just before signing), or a plain transfer. */
export interface Tx {
  from: Sender;
  call?: ContractCall | (() => Promise<ContractCall>);
  /** A plain transfer of `value` wei to `to` when there is no call. */
  to?: Address;
  value?: bigint;
  gas?: bigint;
}

/** A transaction ready to post, and the call it makes (to explain a revert). */
interface Prepared {
  from: Sender;
  method: string;
  params: unknown[];
  call: ContractCall | undefined;
}

const addressOf = (sender: Sender): Address => (typeof sender === "string" ? sender : sender.address);

/** Sends phases of transactions in batches, one block per batch, and counts what it did. */
export class Batcher {
  readonly #rpc: Rpc;
  readonly #chainId: number;
  readonly #batchSize: number;
  readonly #progress: (done: number, total: number) => void;
  readonly #nonces = new Map<Address, Promise<number>>();
  transactions = 0;
  blocks = 0;
  events = 0;
  gasUsed = 0n;
  /**
   * Seconds spent building and signing (while the node works on the batch before), then sending, mining and
   * checking the receipts of each batch.
   */
  readonly time = { sign: 0, send: 0, mine: 0, receipts: 0 };

  /** `progress` hears, every PROGRESS_EVERY_MS during a long phase, how many of its transactions are mined. */
  constructor(rpc: Rpc, chainId: number, batchSize: number, progress: (done: number, total: number) => void) {
    this.#rpc = rpc;
    this.#chainId = chainId;
    this.#batchSize = batchSize;
    this.#progress = progress;
  }

  /**
   * Sends `txs` in batches of the batch size: each batch signed, sent, mined in one block and its receipts checked
   * before the next is sent; the next batch is signed while the node mines this one. `onReceipt` sees each receipt
   * with the index of its transaction in `txs`.
   */
  async run(txs: readonly Tx[], onReceipt?: (receipt: RpcReceipt, index: number) => void): Promise<void> {
    let next = txs.length > 0 ? this.#prepare(txs.slice(0, this.#batchSize)) : undefined;
    let reported = Date.now();
    for (let start = 0; next !== undefined; start += this.#batchSize) {
      const requests = await next;
      const end = start + this.#batchSize;
      next = end < txs.length ? this.#prepare(txs.slice(end, end + this.#batchSize)) : undefined;
      // A failed batch stops the run; the batch signed meanwhile is dropped (its rejection handled here).
      next?.catch(() => {});
      await this.#mine(requests, (receipt, i) => onReceipt?.(receipt, start + i));
      if (next !== undefined && Date.now() - reported >= PROGRESS_EVERY_MS) {
        reported = Date.now();
        this.#progress(Math.min(end, txs.length), txs.length);
      }
    }
  }

  /** Builds and signs a batch, a slice at a time so that the node's replies are read in between. */
  async #prepare(batch: readonly Tx[]): Promise<Prepared[]> {
    const t = performance.now();
    const requests: Prepared[] = [];
    for (let i = 0; i < batch.length; i += SIGN_SLICE) {
      requests.push(...(await Promise.all(batch.slice(i, i + SIGN_SLICE).map((tx) => this.#request(tx)))));
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.time.sign += (performance.now() - t) / 1000;
    return requests;
  }

  /** Sends a signed batch, mines it in one block and checks every receipt. */
  async #mine(requests: readonly Prepared[], onReceipt: (receipt: RpcReceipt, index: number) => void) {
    let t = performance.now();
    const lap = (stage: keyof Batcher["time"]) => {
      const now = performance.now();
      this.time[stage] += (now - t) / 1000;
      t = now;
    };
    const hashes: Hex[] = [];
    for (let i = 0; i < requests.length; i += REQUESTS_PER_POST) {
      const posted = requests.slice(i, i + REQUESTS_PER_POST).map(({ method, params }) => ({ method, params }));
      hashes.push(...(await this.#rpc.batch<Hex>(posted)));
    }
    lap("send");
    await this.#rpc.call("evm_mine");
    this.blocks++;
    lap("mine");
    for (let i = 0; i < hashes.length; i += REQUESTS_PER_POST) {
      const slice = hashes.slice(i, i + REQUESTS_PER_POST);
      const receipts = await this.#rpc.batch<RpcReceipt | null>(
        slice.map((hash) => ({ method: "eth_getTransactionReceipt", params: [hash] })),
      );
      for (const [j, receipt] of receipts.entries()) {
        if (receipt === null) throw new Error(`transaction ${slice[j]} was not mined (is the block gas limit high?)`);
        if (receipt.status !== "0x1") await this.#explain(requests[i + j], receipt);
        this.events += receipt.logs.length;
        this.gasUsed += BigInt(receipt.gasUsed);
        onReceipt(receipt, i + j);
      }
    }
    this.transactions += requests.length;
    lap("receipts");
  }

  /** The next nonce of `address` (read from the node the first time), taken in the order of the calls. */
  #nextNonce(address: Address): Promise<number> {
    const previous =
      this.#nonces.get(address) ??
      this.#rpc.call<Hex>("eth_getTransactionCount", [address, "pending"]).then((count) => Number(count) - 1);
    const nonce = previous.then((n) => n + 1);
    this.#nonces.set(address, nonce);
    return nonce;
  }

  /** The JSON-RPC request that sends `tx` (signed here for a local account, by the node for its own) and its call. */
  async #request(tx: Tx): Promise<Prepared> {
    const nonce = this.#nextNonce(addressOf(tx.from));
    const call = typeof tx.call === "function" ? await tx.call() : tx.call;
    const to = call?.address ?? tx.to;
    if (to === undefined) throw new Error("a transaction needs a call or a recipient");
    const data = call === undefined ? undefined : encodeFunctionData(call as EncodeFunctionDataParameters);
    const fields = { to, data, value: tx.value ?? 0n, gas: tx.gas ?? TX_GAS, maxFeePerGas: MAX_FEE_PER_GAS };
    if (typeof tx.from === "string") {
      const params = [{ ...fields, from: tx.from, nonce: toHex(await nonce) }];
      return { from: tx.from, method: "eth_sendTransaction", params, call };
    }
    const signed = await tx.from.signTransaction!({
      ...fields,
      type: "eip1559",
      chainId: this.#chainId,
      nonce: await nonce,
      maxPriorityFeePerGas: 0n,
    });
    return { from: tx.from, method: "eth_sendRawTransaction", params: [signed], call };
  }

  /** Replays a failed transaction on the state before its block and throws its decoded custom error. */
  async #explain({ from, call }: Prepared, receipt: RpcReceipt): Promise<never> {
    const what = `${call?.functionName ?? "transfer"} from ${addressOf(from)} (${receipt.transactionHash})`;
    const before = toHex(BigInt(receipt.blockNumber) - 1n);
    const data = call === undefined ? undefined : encodeFunctionData(call as EncodeFunctionDataParameters);
    try {
      await this.#rpc.call("eth_call", [{ from: addressOf(from), to: call?.address, data }, before]);
    } catch (error) {
      const reason = error instanceof RpcError ? (error.revert ?? error.message) : String(error);
      throw new Error(`${what} reverted: ${reason}`, { cause: error });
    }
    throw new Error(`${what} reverted, but not when replayed alone on the block before`);
  }
}
