import {
  createPublicClient,
  createWalletClient,
  custom,
  decodeFunctionData,
  encodeAbiParameters,
  encodeErrorResult,
  encodeEventTopics,
  getAddress,
  type Hex,
} from "viem";
import { describe, expect, it } from "vitest";

import { abis, buyClaim, ClaimState, decodeRevert, deployments, payClaim, sendCall, StepError } from "../src/index.ts";

const contracts = deployments[31337];
const debtor = getAddress("0x00000000000000000000000000000000000000d1");
const holder = getAddress("0x00000000000000000000000000000000000000e2");
const txHash: Hex = `0x${"ab".repeat(32)}`;
const blockHash: Hex = `0x${"cd".repeat(32)}`;

/** A claim contract's PaymentReceived log for a payment of 500 on claim 7, as a node reports it. */
function paymentLog(address: Hex, logIndex: number) {
  const topics = encodeEventTopics({
    abi: abis.claims,
    eventName: "PaymentReceived",
    args: { claimId: 7n, payer: debtor, payee: holder },
  });
  // amount 500, amountPaid 500: the event's two unindexed fields.
  const data = encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [500n, 500n]);
  return {
    address,
    topics,
    data,
    blockHash,
    blockNumber: "0x10",
    logIndex: `0x${logIndex.toString(16)}`,
    transactionHash: txHash,
    transactionIndex: "0x0",
    removed: false,
  };
}

/**
 * A node that answers what a send needs: `eth_call` runs `revert` (if given, the call reverts with its data), a sent
 * transaction is mined at once in block 16 with the logs given. Records every transaction sent.
 */
function fakeNode(options: { revert?: Hex; logs?: unknown[] } = {}) {
  const sent: { from: Hex; to: Hex; data: Hex }[] = [];
  const request = async ({ method, params }: { method: string; params?: unknown }) => {
    const [first] = (params ?? []) as [Record<string, Hex>];
    switch (method) {
      case "eth_chainId":
        return "0x7a69";
      case "eth_blockNumber":
        return "0x10";
      case "eth_call":
        if (options.revert !== undefined)
          throw Object.assign(new Error("execution reverted"), { code: 3, data: options.revert });
        return "0x";
      case "eth_estimateGas":
        return "0x30000";
      case "eth_sendTransaction":
        sent.push({ from: first.from, to: first.to, data: first.data });
        return txHash;
      case "eth_getTransactionReceipt":
        return {
          transactionHash: txHash,
          transactionIndex: "0x0",
          blockHash,
          blockNumber: "0x10",
          from: debtor,
          to: contracts.claims,
          cumulativeGasUsed: "0x30000",
          gasUsed: "0x30000",
          effectiveGasPrice: "0x1",
          contractAddress: null,
          logs: options.logs ?? [],
          logsBloom: `0x${"0".repeat(512)}`,
          status: "0x1",
          type: "0x2",
        };
      default:
        throw new Error(`the fake node does not answer ${method}`);
    }
  };
  const transport = custom({ request });
  return {
    sent,
    wallet: createWalletClient({ account: debtor, transport }),
    publicClient: createPublicClient({ transport, pollingInterval: 10 }),
  };
}

describe("sendCall", () => {
  it("sends the step from the wallet's account and returns the called contract's events, decoded", async () => {
    const node = fakeNode({ logs: [paymentLog(contracts.claims, 0), paymentLog(contracts.market, 1)] });
    const receipt = await sendCall(node.wallet, node.publicClient, payClaim(contracts, 7n, 500n));
    expect(node.sent).toHaveLength(1);
    expect(node.sent[0].from.toLowerCase()).toBe(debtor.toLowerCase());
    expect(getAddress(node.sent[0].to)).toBe(contracts.claims);
    expect(decodeFunctionData({ abi: abis.claims, data: node.sent[0].data })).toEqual({
      functionName: "pay",
      args: [7n, 500n],
    });
    expect(receipt.status).toBe("success");
    // The log the market emitted in the same transaction is not the claim contract's: left out.
    expect(receipt.events.map((event) => event.eventName)).toEqual(["PaymentReceived"]);
    expect(receipt.events[0].args).toEqual({
      claimId: 7n,
      payer: debtor,
      payee: holder,
      amount: 500n,
      amountPaid: 500n,
    });
  });

  it("throws the contract's custom error by name and sends nothing when the step would revert", async () => {
    const revert = encodeErrorResult({
      abi: abis.claims,
      errorName: "ClaimWrongState",
      args: [7n, ClaimState.Issued],
    });
    const node = fakeNode({ revert });
    const sending = sendCall(node.wallet, node.publicClient, payClaim(contracts, 7n, 500n));
    await expect(sending).rejects.toThrow(StepError);
    await expect(sending).rejects.toThrow("pay failed: ClaimWrongState(7, 1)");
    await expect(sending).rejects.toMatchObject({ revert: { name: "ClaimWrongState", args: [7n, 1] } });
    expect(node.sent).toHaveLength(0);
  });

  it("names an error raised by another contract of the system than the one called", async () => {
    // The market moves the claim through the claim contract, whose errors are not in the market's ABI.
    const revert = encodeErrorResult({
      abi: abis.claims,
      errorName: "ClaimTransferNotAllowed",
      args: [7n, holder, debtor],
    });
    const node = fakeNode({ revert });
    await expect(sendCall(node.wallet, node.publicClient, buyClaim(contracts, 7n, 900n))).rejects.toThrow(
      `buy failed: ClaimTransferNotAllowed(7, ${holder}, ${debtor})`,
    );
  });

  it("refuses a wallet client without an account", async () => {
    const node = fakeNode();
    const wallet = createWalletClient({ transport: custom({ request: async () => null }) });
    await expect(sendCall(wallet, node.publicClient, payClaim(contracts, 7n, 500n))).rejects.toThrow(
      "pay failed: the wallet client has no account",
    );
  });
});

describe("decodeRevert", () => {
  it("decodes a custom error of any of the system's contracts, and nothing else", () => {
    const data = encodeErrorResult({ abi: abis.escrow, errorName: "EscrowNotHolder", args: [3n, debtor, holder] });
    expect(decodeRevert(data)).toEqual({ name: "EscrowNotHolder", args: [3n, debtor, holder] });
    expect(decodeRevert("0xdeadbeef")).toBeUndefined();
  });
});
