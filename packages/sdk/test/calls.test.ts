import { decodeFunctionData, encodeFunctionData, getAddress } from "viem";
import { describe, expect, it } from "vitest";

import { abis, contractCall, deployments } from "../src/index.ts";

describe("contractCall", () => {
  const contracts = deployments[31337];

  it("names the contract's address and ABI and keeps the function and arguments", () => {
    const call = contractCall(contracts, "market", "buy", [7n, 1_000n]);
    expect(call.address).toBe(contracts.market);
    expect(call.abi).toBe(abis.market);
    expect(call.functionName).toBe("buy");
    expect(call.args).toEqual([7n, 1_000n]);
  });

  it("encodes to the calldata of that function", () => {
    const call = contractCall(contracts, "claims", "accept", [42n]);
    const data = encodeFunctionData(call);
    expect(decodeFunctionData({ abi: abis.claims, data })).toEqual({ functionName: "accept", args: [42n] });
  });

  it("takes an integrator's own addresses", () => {
    const own = { ...contracts, registry: getAddress("0x00000000000000000000000000000000000000aa") };
    expect(contractCall(own, "registry", "participantCount", []).address).toBe(own.registry);
  });
});
