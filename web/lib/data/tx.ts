"use client";
/**
 * useWrite: every contract write goes through the same steps, so the user always sees the same story.
 * 1. simulate the call with the connected account (a revert is shown in words before any wallet opens);
 * 2. "Confirm in your wallet" while the wallet prompts;
 * 3. "Pending…" with a link to the transaction (the explorer on public chains, /tx/<hash> on the local chain);
 * 4. "Confirmed" once mined; then every wagmi/react-query cache is invalidated so all views refresh.
 * ERC-20 allowances are raised to the exact amount needed, as a step of their own (`ensureAllowance`), and
 * EIP-2612 permits are signed by `signPermit` for the contracts' *WithPermit entry points.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { erc20Abi, parseSignature, type Address, type Hash, type TransactionReceipt } from "viem";
import { useConfig } from "wagmi";
import {
  getConnection,
  readContract,
  signTypedData,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
  type SimulateContractParameters,
} from "wagmi/actions";

import { useNotices } from "./notices";
import { stablecoinAbi, type ContractCall, type Contracts } from "@openfactor/sdk";
import { useDeployment } from "./hooks";
import { transactionLink } from "./chains";
import { describeError } from "../domain/errors";

export type WriteResult = { ok: true; hash: Hash; receipt: TransactionReceipt } | { ok: false; message: string };

/**
 * One write, as a function of the deployment's contract addresses: an SDK step (`(contracts) => payClaim(contracts,
 * id, amount)`) or, for an operator's call without one, `contractCall`.
 */
export type Step = (contracts: Contracts) => ContractCall;

/** The contract-write hook: `write(step)` runs the steps above and resolves with the outcome (never throws). */
export function useWrite() {
  const config = useConfig();
  const { contracts } = useDeployment();
  const queryClient = useQueryClient();
  const { show, clear } = useNotices();
  const [busy, setBusy] = useState(false);

  const send = useCallback(
    async (call: SimulateContractParameters): Promise<WriteResult> => {
      const connection = getConnection(config);
      if (connection.address === undefined) {
        const message = "Connect a wallet first.";
        show({ kind: "error", text: message });
        return { ok: false, message };
      }
      let hash: Hash | undefined;
      try {
        clear();
        const { request } = await simulateContract(config, {
          ...call,
          account: connection.address,
        });
        show({ kind: "status", text: "Confirm in your wallet" });
        hash = await writeContract(config, request);
        const chainId = connection.chainId ?? config.state.chainId;
        const link = { ...transactionLink(chainId, hash), label: "View the transaction" };
        show({ kind: "status", text: "Pending…", link });
        const receipt = await waitForTransactionReceipt(config, { hash });
        if (receipt.status !== "success") throw new Error("reverted");
        show({ kind: "status", text: "Confirmed", link });
        await queryClient.invalidateQueries();
        return { ok: true, hash, receipt };
      } catch (error) {
        const { message } = describeError(error);
        show({ kind: "error", text: message });
        return { ok: false, message };
      }
    },
    [config, queryClient, show, clear],
  );

  /**
   * `write(step)`: sends the call `step` makes for the deployment on the wallet's chain through the steps above,
   * e.g. `write((contracts) => acceptClaim(contracts, id))` with the SDK's typed steps (or `contractCall` for an
   * operator's call that has no step). Resolves with the outcome; without a deployment on the wallet's chain it
   * says so and sends nothing.
   */
  const write = useCallback(
    async (step: Step): Promise<WriteResult> => {
      if (contracts === undefined) {
        const message = "OpenFactor is not deployed on this network.";
        show({ kind: "error", text: message });
        return { ok: false, message };
      }
      setBusy(true);
      try {
        return await send(step(contracts) as unknown as SimulateContractParameters);
      } finally {
        setBusy(false);
      }
    },
    [contracts, send, show],
  );

  /**
   * Makes sure `spender` may take `amount` of `token` from the connected account: approves exactly `amount`
   * when the allowance is lower (a transaction of its own, with the same notices). Resolves true when enough.
   */
  const ensureAllowance = useCallback(
    async (token: Address, spender: Address, amount: bigint): Promise<boolean> => {
      const owner = getConnection(config).address;
      if (owner === undefined) return false;
      const allowance = await readContract(config, {
        address: token,
        abi: erc20Abi,
        functionName: "allowance",
        args: [owner, spender],
      });
      if (allowance >= amount) return true;
      setBusy(true);
      try {
        const approve = { address: token, abi: erc20Abi, functionName: "approve", args: [spender, amount] } as const;
        const result = await send(approve as unknown as SimulateContractParameters);
        return result.ok;
      } finally {
        setBusy(false);
      }
    },
    [config, send],
  );

  return { write, ensureAllowance, busy };
}

/** The permit the contracts' *WithPermit entry points take (types/Market.sol `Permit`). */
export interface PermitSignature {
  value: bigint;
  deadline: bigint;
  v: number;
  r: `0x${string}`;
  s: `0x${string}`;
}

/**
 * Signs an EIP-2612 permit for `spender` to take exactly `value` of `token` until `deadline`. Resolves undefined
 * when the token has no permit (no `nonces`/`DOMAIN_SEPARATOR`), so the caller falls back to `ensureAllowance`.
 */
export async function signPermit(
  config: ReturnType<typeof useConfig>,
  token: Address,
  spender: Address,
  value: bigint,
  deadline: bigint,
): Promise<PermitSignature | undefined> {
  const { address: owner, chainId } = getConnection(config);
  if (owner === undefined || chainId === undefined) return undefined;
  let nonce: bigint;
  let name: string;
  let version = "1";
  try {
    [nonce, name] = await Promise.all([
      readContract(config, { address: token, abi: stablecoinAbi, functionName: "nonces", args: [owner] }),
      readContract(config, { address: token, abi: stablecoinAbi, functionName: "name" }),
    ]);
    const domain = await readContract(config, { address: token, abi: stablecoinAbi, functionName: "eip712Domain" });
    version = domain[2];
  } catch {
    return undefined;
  }
  const signature = await signTypedData(config, {
    domain: { name, version, chainId, verifyingContract: token },
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner, spender, value, nonce, deadline },
  });
  const { v, r, s, yParity } = parseSignature(signature);
  return { value, deadline, v: Number(v ?? BigInt(yParity + 27)), r, s };
}
