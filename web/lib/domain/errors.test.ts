import { BaseError, ContractFunctionRevertedError, encodeErrorResult, UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";

import * as generated from "@openfactor/sdk";
import { ERROR_MESSAGES } from "./error-messages";
import {
  decodeRevert,
  describeError,
  findRevertData,
  GENERIC_MESSAGE,
  PROJECT_ERRORS,
  REJECTED_MESSAGE,
  UNKNOWN_REVERT_MESSAGE,
} from "./errors";

const { auctionAbi, claimsAbi, marketAbi, stablecoinAbi } = generated;
const hexOrStack = /0x[0-9a-f]{6,}|\n\s+at /i;

/** Every error of every ABI in the generated file, by contract. */
const errorsByAbi = Object.entries(generated)
  .filter(([, value]) => Array.isArray(value))
  .flatMap(([abi, value]) =>
    (value as readonly { type: string; name?: string }[])
      .filter((item) => item.type === "error")
      .map((item) => [abi, item.name!] as const),
  );

describe("the error table", () => {
  it("reads every ABI of the generated file", () => {
    const abis = new Set(errorsByAbi.map(([abi]) => abi));
    for (const abi of [
      "auctionAbi",
      "claimsAbi",
      "marketAbi",
      "escrowAbi",
      "registryAbi",
      "rendererAbi",
      "stablecoinAbi",
    ]) {
      expect(abis).toContain(abi);
    }
  });

  it.each(errorsByAbi)("%s: %s has a sentence", (_abi, name) => {
    expect(Object.keys(ERROR_MESSAGES)).toContain(name);
  });

  it("has no sentence for an error no contract declares", () => {
    const declared = new Set(errorsByAbi.map(([, name]) => name));
    expect(Object.keys(ERROR_MESSAGES).filter((name) => !declared.has(name))).toEqual([]);
  });

  it.each(PROJECT_ERRORS.map((e) => [e.name, e] as const))("%s decodes to its sentence, without hex", (name, error) => {
    const args = error.inputs.map((input) => {
      if (input.type === "address") return "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
      if (input.type === "bool") return true;
      if (input.type === "string") return "x";
      if (input.type.startsWith("bytes")) return `0x${"11".repeat(32)}`;
      if (input.type === "uint8" || input.type === "uint16") return 3;
      return 86_400n * 15n;
    });
    const data = encodeErrorResult({ abi: [error], errorName: name, args } as never);
    const described = decodeRevert(data);
    expect(described?.errorName).toBe(name);
    expect(described?.message).not.toBe(UNKNOWN_REVERT_MESSAGE);
    expect(described?.message).not.toMatch(hexOrStack);
  });
});

describe("describeError", () => {
  const tenorData = encodeErrorResult({
    abi: claimsAbi,
    errorName: "ClaimTenorOutOfRange",
    args: [400n * 86_400n, 15 * 86_400, 365 * 86_400],
  });

  it("finds revert data in Hardhat's { code: 3, data } shape", () => {
    const rpcError = { code: 3, message: "execution reverted", data: tenorData };
    expect(findRevertData(rpcError)).toBe(tenorData);
    expect(describeError(rpcError)).toEqual({
      message: "The time to the due date is outside the market's rules (15 to 365 days).",
      errorName: "ClaimTenorOutOfRange",
    });
  });

  it("walks viem's cause chain down to a nested RPC error", () => {
    const wrapped = new BaseError("The contract function reverted.", {
      cause: new BaseError("RPC error", {
        cause: Object.assign(new Error("Internal JSON-RPC error."), {
          code: -32603,
          data: { code: 3, data: tenorData },
        }),
      }),
    });
    expect(describeError(wrapped).errorName).toBe("ClaimTenorOutOfRange");
  });

  it("names an error raised by another contract than the one called (the stablecoin inside a market call)", () => {
    const data = encodeErrorResult({
      abi: stablecoinAbi,
      errorName: "ERC20InsufficientBalance",
      args: ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 1n, 2n],
    });
    const error = new ContractFunctionRevertedError({ abi: marketAbi, data, functionName: "bid" });
    expect(describeError(new BaseError("failed", { cause: error }))).toEqual({
      message: "Your balance in this currency is too low.",
      errorName: "ERC20InsufficientBalance",
    });
  });

  it("says in words which auction phase an action needs and which window bounds apply", () => {
    const phase = encodeErrorResult({ abi: auctionAbi, errorName: "AuctionWrongPhase", args: [4n, 1, 2] });
    expect(describeError({ code: 3, data: phase }).message).toBe(
      'The auction is in its "bidding" phase; this needs the "revealing bids" phase.',
    );
    const window = encodeErrorResult({
      abi: auctionAbi,
      errorName: "AuctionWindowOutOfRange",
      args: [60n, 3_600n, 30n * 86_400n],
    });
    expect(describeError({ code: 3, data: window }).message).toBe("The window must be between 1 hour and 30 days.");
  });

  it("gives the neutral sentence for a wallet rejection", () => {
    expect(describeError({ code: 4001, message: "User rejected the request." })).toEqual({
      message: REJECTED_MESSAGE,
      rejected: true,
    });
    const viemRejection = new BaseError("Request failed", {
      cause: new UserRejectedRequestError(new Error("denied")),
    });
    expect(describeError(viemRejection).message).toBe("You rejected the request in your wallet.");
  });

  it("handles Error(string), Panic and unknown selectors without showing hex", () => {
    const reason = encodeErrorResult({
      abi: [{ type: "error", name: "Error", inputs: [{ name: "message", type: "string" }] }],
      errorName: "Error",
      args: ["not allowed"],
    });
    expect(describeError({ code: 3, data: reason }).message).toBe("The contract refused this action: not allowed.");
    const panic = encodeErrorResult({
      abi: [{ type: "error", name: "Panic", inputs: [{ name: "code", type: "uint256" }] }],
      errorName: "Panic",
      args: [0x11n],
    });
    expect(describeError({ code: 3, data: panic }).message).not.toMatch(hexOrStack);
    expect(describeError({ code: 3, data: "0xdeadbeef00" }).message).toBe(UNKNOWN_REVERT_MESSAGE);
  });

  it("falls back to sentences for non-revert failures", () => {
    expect(describeError(new Error("boom\n    at somewhere (file.js:1:1)")).message).toBe(GENERIC_MESSAGE);
    expect(describeError(Object.assign(new Error("x"), { name: "InsufficientFundsError" })).message).toMatch(
      /enough ETH/,
    );
    expect(describeError(Object.assign(new Error("x"), { name: "HttpRequestError" })).message).toMatch(/network/);
  });
});
