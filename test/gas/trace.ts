/**
 * Where a transaction's gas goes, read from the node's opcode trace (`debug_traceTransaction`): the storage writes
 * and cold reads that dominate every step, the external calls, the events, and the intrinsic cost (21,000 base and
 * calldata).
 */
import type { Connection } from "../fixtures/system.js";

/** The counts that explain a step's gas. Every count covers the whole transaction, nested calls included. */
export interface Breakdown {
  /** 21,000 base plus calldata (plus access lists, none here). */
  intrinsic: number;
  /** SSTOREs from zero to non-zero: 20,000 each, plus 2,100 when the slot is cold. */
  newSlots: number;
  /** SSTOREs from one non-zero value to another (or to zero): 2,900 each, plus 2,100 when cold. */
  updatedSlots: number;
  /** First reads of a storage slot in the transaction: 2,100 each. */
  coldReads: number;
  /** CALL, STATICCALL and DELEGATECALL to contracts (precompiles such as ecrecover included). */
  calls: number;
  /** First touches of an account in the transaction: 2,600 each. */
  coldAccounts: number;
  /** LOG0-LOG4. */
  events: number;
  /** Gas of the events: 375 each, 375 per topic, 8 per data byte. */
  eventGas: number;
  /** Gas refunded at the end (slots cleared or restored). */
  refund: number;
}

interface StructLog {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  refund?: number;
}

interface Trace {
  gas: number;
  structLogs: StructLog[];
}

const COLD_SLOAD = 2_100;
const COLD_ACCOUNT = 2_600;
const NEW_SLOT = 20_000;
const UPDATED_SLOT = 2_900;
const CALLS = new Set(["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE"]);
/** Opcodes that pay 2,600 on the first touch of an account and 100 after. */
const ACCOUNT_ACCESS = new Set(["BALANCE", "EXTCODESIZE", "EXTCODEHASH", "EXTCODECOPY"]);

/** Traces `hash` on `connection`'s node and counts what its gas paid for. */
export async function breakdown(connection: Connection, hash: string): Promise<Breakdown> {
  const trace = (await connection.provider.request({
    method: "debug_traceTransaction",
    params: [hash, { disableStack: true, disableMemory: true, disableStorage: true }],
  })) as Trace;
  const transaction = await connection.ethers.provider.getTransaction(hash);
  if (transaction === null) throw new Error(`no transaction ${hash}`);
  const logs = trace.structLogs;
  const result: Breakdown = {
    intrinsic: Number(transaction.gasLimit) - logs[0].gas,
    newSlots: 0,
    updatedSlots: 0,
    coldReads: 0,
    calls: 0,
    coldAccounts: 0,
    events: 0,
    eventGas: 0,
    refund: logs.at(-1)?.refund ?? 0,
  };
  logs.forEach((log, i) => {
    if (log.op === "SSTORE") {
      // A cold slot pays 2,100 on top of the write (EIP-2929); rewrites of a dirty slot cost 100.
      if (log.gasCost === NEW_SLOT || log.gasCost === NEW_SLOT + COLD_SLOAD) ++result.newSlots;
      else if (log.gasCost === UPDATED_SLOT || log.gasCost === UPDATED_SLOT + COLD_SLOAD) ++result.updatedSlots;
    } else if (log.op === "SLOAD" && log.gasCost === COLD_SLOAD) {
      ++result.coldReads;
    } else if (CALLS.has(log.op)) {
      ++result.calls;
      // The call's cost is the gas it forwards plus the access cost; the callee's first step shows what it got.
      const next = logs[i + 1];
      const forwarded = next !== undefined && next.depth === log.depth + 1 ? next.gas : 0;
      if (log.gasCost - forwarded >= COLD_ACCOUNT) ++result.coldAccounts;
    } else if (ACCOUNT_ACCESS.has(log.op) && log.gasCost >= COLD_ACCOUNT) {
      ++result.coldAccounts;
    } else if (log.op.startsWith("LOG")) {
      ++result.events;
      result.eventGas += log.gasCost;
    }
  });
  return result;
}

/** One line for a table cell: "24.1k intrinsic · 6 new slots · 3 updates · 19 cold reads · …". */
export function describeBreakdown(b: Breakdown): string {
  const k = (gas: number) => `${(gas / 1000).toFixed(1)}k`;
  const parts = [
    `${k(b.intrinsic)} intrinsic`,
    `${b.newSlots} new slot${b.newSlots === 1 ? "" : "s"}`,
    `${b.updatedSlots} update${b.updatedSlots === 1 ? "" : "s"}`,
    `${b.coldReads} cold read${b.coldReads === 1 ? "" : "s"}`,
    `${b.calls} call${b.calls === 1 ? "" : "s"} (${b.coldAccounts} cold account${b.coldAccounts === 1 ? "" : "s"})`,
    `${b.events} event${b.events === 1 ? "" : "s"} (${k(b.eventGas)})`,
  ];
  if (b.refund !== 0) parts.push(`${k(b.refund)} refund`);
  return parts.join(" · ");
}
