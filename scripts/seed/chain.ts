/**
 * The seed's way of talking to a chain: transactions sent from the node's unlocked accounts with many in flight
 * (the node assigns the nonces and mines each at once), and a timeline that lets self-contained scenarios wait
 * for a day of the demo's history while the chain's clock only ever moves forward.
 */
import type { NetworkConnection } from "hardhat/types/network";
import {
  type Abi,
  type AbiStateMutability,
  type Address,
  type ContractEventName,
  type ContractFunctionReturnType,
  decodeFunctionResult,
  encodeFunctionData,
  type EncodeFunctionDataParameters,
  type Hex,
  isAddressEqual,
  type Log,
  parseEventLogs,
} from "viem";
import {
  type AbiOf,
  type ArgsOf,
  type ContractCall,
  type ContractName,
  type FunctionOf,
  DAY,
  decodeRevert,
  formatRevert,
  revertDataOf,
} from "@openfactor/sdk";

export type Connection = NetworkConnection<"generic">;

/** Gas for every seed transaction: far above what any of them uses, so no estimate is needed. */
const GAS_LIMIT = 5_000_000n;

/** Requests in flight at once. */
const MAX_IN_FLIGHT = 24;

interface Receipt {
  status: string;
  logs: Log[];
}

export class Chain {
  readonly #provider: Connection["provider"];
  #inFlight = 0;
  readonly #queue: (() => void)[] = [];
  /** Transactions sent so far. */
  transactions = 0;

  constructor(connection: Connection) {
    this.#provider = connection.provider;
  }

  /** One JSON-RPC request, at most MAX_IN_FLIGHT at a time. */
  async request<T>(method: string, params: unknown[] = []): Promise<T> {
    if (this.#inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#inFlight++;
    try {
      return (await this.#provider.request({ method, params })) as T;
    } finally {
      this.#inFlight--;
      this.#queue.shift()?.();
    }
  }

  /**
   * Sends one step (an SDK step's call) from `from`, waits for it to be mined and returns the logs the called
   * contract emitted in it, for `parseEventLogs` with that contract's ABI.
   */
  async send(from: Address, call: ContractCall): Promise<Log[]> {
    const data = encodeFunctionData(call as EncodeFunctionDataParameters);
    let hash: string;
    try {
      hash = await this.request<string>("eth_sendTransaction", [
        { from, to: call.address, data, gas: `0x${GAS_LIMIT.toString(16)}` },
      ]);
    } catch (error) {
      throw new Error(`${call.functionName} from ${from} failed: ${describe(error)}`, { cause: error });
    }
    this.transactions++;
    const receipt = await this.request<Receipt | null>("eth_getTransactionReceipt", [hash]);
    if (receipt === null || receipt.status !== "0x1")
      throw new Error(`${call.functionName} from ${from} was not mined or reverted`);
    return receipt.logs.filter((log) => isAddressEqual(log.address, call.address));
  }

  /** Calls a view function (a `contractCall`) and returns its result, typed from the ABI. */
  async read<
    name extends ContractName,
    functionName extends FunctionOf<name>,
    const args extends ArgsOf<name, functionName>,
  >(
    call: ContractCall<name, functionName, args>,
  ): Promise<ContractFunctionReturnType<AbiOf<name>, AbiStateMutability, functionName, args>> {
    const data = encodeFunctionData(call as EncodeFunctionDataParameters);
    const result = await this.request<Hex>("eth_call", [{ to: call.address, data }, "latest"]);
    return decodeFunctionResult({ abi: call.abi, functionName: call.functionName, data: result } as never) as never;
  }

  /** The latest block's timestamp, in unix seconds. */
  async now(): Promise<bigint> {
    const block = await this.request<{ timestamp: string }>("eth_getBlockByNumber", ["latest", false]);
    return BigInt(block.timestamp);
  }

  /** Moves the chain's clock to `time` (unix seconds) by mining a block then, if it is still ahead. */
  async travelTo(time: bigint): Promise<void> {
    if (time <= (await this.now())) return;
    await this.request("evm_setNextBlockTimestamp", [`0x${time.toString(16)}`]);
    await this.request("evm_mine");
  }
}

/** The first `eventName` event among a step's `logs`, decoded with `abi`; throws when the step emitted none. */
export function eventOf<const abi extends Abi, const eventName extends ContractEventName<abi>>(
  abi: abi,
  eventName: eventName,
  logs: Log[],
) {
  const [event] = parseEventLogs({ abi, eventName, logs });
  if (event === undefined) throw new Error(`the step emitted no ${eventName}`);
  return event;
}

/** A revert in words: the custom error decoded by the system's ABIs when possible. */
function describe(error: unknown): string {
  const data = revertDataOf(error);
  const revert = data === undefined ? undefined : decodeRevert(data);
  if (revert !== undefined) return formatRevert(revert);
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

/**
 * The demo's history, day by day. Scenarios run concurrently; each awaits `at(day)` before acting on that day
 * of the history. Once every running scenario waits, the chain's clock jumps to the earliest day asked for and
 * those scenarios go on, so every scenario keeps its own calendar and none needs to know about the others.
 */
export class Timeline {
  readonly #chain: Chain;
  readonly #start: bigint;
  #running = 0;
  #advancing = false;
  #failure: unknown = undefined;
  readonly #waiting: { time: bigint; resolve: () => void; reject: (error: unknown) => void }[] = [];

  /** `start` is day 0 of the history, in unix seconds. */
  constructor(chain: Chain, start: bigint) {
    this.#chain = chain;
    this.#start = start;
  }

  /** The unix time of `day` of the history (fractions allowed). */
  timeOf(day: number): bigint {
    return this.#start + BigInt(Math.round(day * Number(DAY)));
  }

  /** Runs the scenarios to the end; rejects with the first failure. */
  async run(scenarios: (() => Promise<void>)[]): Promise<void> {
    this.#running += scenarios.length;
    await Promise.all(
      scenarios.map(async (scenario) => {
        try {
          await scenario();
        } catch (error) {
          this.#fail(error);
          throw error;
        } finally {
          this.#running--;
          this.#advance();
        }
      }),
    );
  }

  /** Resolves once the chain's clock has reached `day` of the history (at once if it already has). */
  at(day: number): Promise<void> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ time: this.timeOf(day), resolve, reject });
      this.#running--;
      this.#advance();
    });
  }

  #advance(): void {
    if (this.#running > 0 || this.#advancing || this.#waiting.length === 0 || this.#failure !== undefined) return;
    this.#advancing = true;
    const time = this.#waiting.reduce((earliest, w) => (w.time < earliest ? w.time : earliest), this.#waiting[0].time);
    const due = this.#waiting.filter((w) => w.time === time);
    this.#waiting.splice(0, this.#waiting.length, ...this.#waiting.filter((w) => w.time !== time));
    this.#chain.travelTo(time).then(
      () => {
        this.#advancing = false;
        this.#running += due.length;
        for (const w of due) w.resolve();
      },
      (error: unknown) => {
        this.#advancing = false;
        for (const w of due) w.reject(error);
        this.#fail(error);
      },
    );
  }

  #fail(error: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure = error;
    for (const w of this.#waiting.splice(0)) w.reject(error);
  }
}
