/**
 * The test wallet itself, driven from a page as the dApp drives it: EIP-6963 announcement, accounts only after the
 * user connects, real signatures by the cast's keys, transactions mined on the test chain, the node's revert shape,
 * rejection and account switching. Viewport-independent, so only in the desktop project (see the config).
 */
import type { Page } from "@playwright/test";
import {
  encodeFunctionData,
  parseUnits,
  recoverMessageAddress,
  recoverTypedDataAddress,
  stringToHex,
  zeroHash,
  type Address,
  type Hex,
} from "viem";

import { CAST, CLAIM_ACCEPTANCE_TYPES, claimDomain } from "@openfactor/sdk";
import { ADDRESSES, CHAIN_ID, CONTRACTS, publicClient, stablecoinBalance } from "../chain.js";
import { expect, test } from "../fixtures.js";
import { USER_REJECTED, WALLET_INFO } from "../wallet.js";

test.beforeEach(async ({ page }) => {
  await page.goto("/");
});

/** Calls the announced provider's request in the page; resolves to {result} or {error: {code, message, data}}. */
async function request(page: Page, method: string, params: unknown[] = []) {
  return page.evaluate(
    async ([m, p]) => {
      const provider = await new Promise<{ request: (args: unknown) => Promise<unknown> }>((resolve) => {
        window.addEventListener(
          "eip6963:announceProvider",
          (event) => resolve((event as CustomEvent).detail.provider),
          { once: true },
        );
        window.dispatchEvent(new Event("eip6963:requestProvider"));
      });
      try {
        return { result: await provider.request({ method: m, params: p }) };
      } catch (error) {
        const { code, message, data } = error as { code: number; message: string; data?: unknown };
        return { error: { code, message, data } };
      }
    },
    [method, params] as const,
  );
}

test("its keys are the node's accounts, in the seed's cast order", async ({ wallet }) => {
  const nodeAccounts = await publicClient.request<{
    Method: "eth_accounts";
    Parameters?: undefined;
    ReturnType: Address[];
  }>({
    method: "eth_accounts",
  });
  for (const member of CAST) {
    expect(wallet.address(member.key).toLowerCase(), member.label).toBe(nodeAccounts[member.account].toLowerCase());
  }
});

test("announces itself through EIP-6963 with its name, rdns and an SVG icon", async ({ page }) => {
  const infos = await page.evaluate(async () => {
    const seen: unknown[] = [];
    window.addEventListener("eip6963:announceProvider", (event) => seen.push((event as CustomEvent).detail.info));
    window.dispatchEvent(new Event("eip6963:requestProvider"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    return seen;
  });
  expect(infos).toContainEqual(WALLET_INFO);
  expect(WALLET_INFO.icon).toMatch(/^data:image\/svg\+xml,/);
});

test("gives no account until asked, then the active one; answers the chain id", async ({ page, wallet }) => {
  expect(await request(page, "eth_accounts")).toEqual({ result: [] });
  expect(await request(page, "eth_chainId")).toEqual({ result: "0x7a69" });
  expect(await request(page, "net_version")).toEqual({ result: String(CHAIN_ID) });
  expect(await request(page, "eth_requestAccounts")).toEqual({ result: [wallet.address("operator")] });
  expect(await request(page, "eth_accounts")).toEqual({ result: [wallet.address("operator")] });
  expect(await request(page, "eth_blockNumber")).toEqual({ result: expect.stringMatching(/^0x[0-9a-f]+$/) });
});

test("rejectNext makes the next approval fail with 4001, once", async ({ page, wallet }) => {
  wallet.rejectNext();
  expect(await request(page, "eth_requestAccounts")).toEqual({ error: { ...USER_REJECTED, data: undefined } });
  expect(await request(page, "eth_accounts")).toEqual({ result: [] });
  expect(await request(page, "eth_requestAccounts")).toEqual({ result: [wallet.address()] });
});

test("signs messages and EIP-712 typed data with the active key", async ({ page, wallet }) => {
  await wallet.use("debtor1");
  await request(page, "eth_requestAccounts");
  const debtor = wallet.address();

  const message = "OpenFactor test message";
  const personal = await request(page, "personal_sign", [stringToHex(message), debtor]);
  expect(await recoverMessageAddress({ message, signature: personal.result as Hex })).toBe(debtor);

  // As wagmi sends it: JSON, uint256 values as decimal strings.
  const typed = {
    domain: { ...claimDomain(CHAIN_ID, ADDRESSES.claims), verifyingContract: ADDRESSES.claims },
    types: CLAIM_ACCEPTANCE_TYPES,
    primaryType: "ClaimAcceptance" as const,
    message: {
      originator: wallet.address("sme1"),
      debtor,
      currency: ADDRESSES.stablecoin as Address,
      faceValue: parseUnits("12500", 6),
      dueDate: 1_900_000_000n,
      invoiceCommitment: zeroHash,
      documentHash: zeroHash,
      metadataHash: zeroHash,
      counter: 0n,
      deadline: 1_900_000_000n,
    },
  };
  const json = JSON.stringify(typed, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  wallet.rejectNext();
  expect((await request(page, "eth_signTypedData_v4", [debtor, json])).error?.code).toBe(4001);
  const signed = await request(page, "eth_signTypedData_v4", [debtor, json]);
  expect(await recoverTypedDataAddress({ ...typed, signature: signed.result as Hex })).toBe(debtor);

  // Only the active account signs.
  const other = await request(page, "personal_sign", [stringToHex(message), wallet.address("sme1")]);
  expect(other.error?.code).toBe(4100);
});

test("sends transactions signed by the active key; a revert comes back as the node's {code: 3, data}", async ({
  page,
  wallet,
}) => {
  await wallet.use("factor1");
  await request(page, "eth_requestAccounts");
  const from = wallet.address();
  const to = wallet.address("factor2");
  const amount = parseUnits("10", 6);
  const before = await stablecoinBalance(to);

  const sent = await request(page, "eth_sendTransaction", [
    {
      from,
      to: ADDRESSES.stablecoin,
      data: encodeFunctionData({ abi: CONTRACTS.stablecoin.abi, functionName: "transfer", args: [to, amount] }),
    },
  ]);
  const receipt = await publicClient.waitForTransactionReceipt({ hash: sent.result as Hex });
  expect(receipt.status).toBe("success");
  expect(receipt.from.toLowerCase()).toBe(from.toLowerCase());
  expect(await stablecoinBalance(to)).toBe(before + amount);

  const balance = await stablecoinBalance(from);
  const reverted = await request(page, "eth_sendTransaction", [
    {
      from,
      to: ADDRESSES.stablecoin,
      data: encodeFunctionData({
        abi: CONTRACTS.stablecoin.abi,
        functionName: "transfer",
        args: [to, balance + 1n],
      }),
    },
  ]);
  expect(reverted.error?.code).toBe(3);
  // ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)
  expect(reverted.error?.data).toMatch(/^0xe450d38c/);
});

test("use(key) switches the account and tells the page (accountsChanged)", async ({ page, wallet }) => {
  await request(page, "eth_requestAccounts");
  await page.evaluate(() => {
    const heard: unknown[] = [];
    (window as unknown as { heard: unknown[] }).heard = heard;
    window.addEventListener(
      "eip6963:announceProvider",
      (event) =>
        (event as CustomEvent).detail.provider.on("accountsChanged", (accounts: unknown) => heard.push(accounts)),
      { once: true },
    );
    window.dispatchEvent(new Event("eip6963:requestProvider"));
  });
  await wallet.use("bank");
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { heard: unknown[] }).heard))
    .toEqual([[wallet.address("bank")]]);
  expect(await request(page, "eth_accounts")).toEqual({ result: [wallet.address("bank")] });
});
