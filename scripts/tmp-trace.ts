import { network } from "hardhat";
import { deployMarketSystem } from "../test/fixtures/market.js";
import { measureLifecycle } from "../test/gas/lifecycle.js";
const connection = await network.create();
const system = await deployMarketSystem(connection);
const steps = await measureLifecycle(system);
const want = (process.env.STEPS ?? "buy").split(",");
for (const s of steps) {
  if (!want.includes(s.step)) continue;
  const t: any = await connection.provider.request({ method: "debug_traceTransaction", params: [s.hash, { disableStack: false, disableMemory: true, disableStorage: true }] });
  console.log("==", s.step, s.gas);
  const logs = t.structLogs;
  const perDepth: Record<number, number> = {};
  for (let i = 0; i < logs.length; i++) {
    const l = logs[i];
    const nxt = logs[i + 1];
    let cost = l.gasCost;
    if (["CALL","STATICCALL","DELEGATECALL"].includes(l.op) && nxt && nxt.depth > l.depth) cost = l.gas - nxt.gas; // overhead only
    perDepth[l.depth] = (perDepth[l.depth] ?? 0) + cost;
    if (l.op === "SLOAD" && l.gasCost >= 2100) console.log(`  d${l.depth} pc${l.pc} SLOAD cold ${l.stack[l.stack.length-1]}`);
    if (l.op === "SSTORE") console.log(`  d${l.depth} pc${l.pc} SSTORE ${l.gasCost}`);
    if (["CALL","STATICCALL"].includes(l.op)) console.log(`  d${l.depth} pc${l.pc} ${l.op} to ${l.stack[l.stack.length-2]} cost ${cost}`);
    if (l.op.startsWith("LOG")) console.log(`  d${l.depth} ${l.op} ${l.gasCost}`);
  }
  console.log("  gas per depth (own opcodes):", perDepth);
}
await connection.close();
