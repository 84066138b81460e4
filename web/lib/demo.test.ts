import { hashTypedData, recoverTypedDataAddress, stringify } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";

import { CAST } from "../../scripts/seed/cast";
import { CLAIM_ACCEPTANCE_TYPES, claimDomain } from "../../typed-data/index";
import { demoAccounts, HARDHAT_TEST_MNEMONIC } from "./demo-accounts";
import { reviveTypedData } from "./demo-connector";

describe("demo accounts", () => {
  it("are the seed's cast, on the node's accounts, labelled '<label> — <part>'", () => {
    const accounts = demoAccounts();
    expect(accounts.map((a) => a.name)).toEqual(CAST.map((m) => `${m.label} — ${m.part}`));
    expect(accounts[0].account.address).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    expect(accounts[1].name).toBe("Acme Textiles — SME");
    expect(accounts[1].account.address).toBe("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  });

  it("are the keys mnemonicToAccount derives one by one, from one seed computed once", async () => {
    for (const [i, member] of CAST.entries()) {
      const expected = mnemonicToAccount(HARDHAT_TEST_MNEMONIC, { addressIndex: member.account });
      expect(demoAccounts()[i].account.address).toBe(expected.address);
      const message = `demo account ${member.key}`;
      expect(await demoAccounts()[i].account.signMessage({ message })).toBe(await expected.signMessage({ message }));
    }
  });
});

describe("reviveTypedData", () => {
  it("signs the same digest as the typed data a dApp asked for (eth_signTypedData_v4 JSON)", async () => {
    const [, , , debtor] = demoAccounts();
    const definition = {
      domain: claimDomain(31337, "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9") as {
        name: string;
        version: string;
        chainId: bigint;
        verifyingContract: `0x${string}`;
      },
      types: CLAIM_ACCEPTANCE_TYPES,
      primaryType: "ClaimAcceptance" as const,
      message: {
        originator: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        debtor: debtor.account.address,
        currency: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        faceValue: 10_000_000_000n,
        dueDate: 1_800_000_000n,
        invoiceCommitment: `0x${"11".repeat(32)}`,
        documentHash: `0x${"22".repeat(32)}`,
        metadataHash: `0x${"33".repeat(32)}`,
        counter: 0n,
        deadline: 1_800_000_000n,
      },
    } as const;
    const json = stringify({
      ...definition,
      types: {
        EIP712Domain: [
          { name: "name", type: "string" },
          { name: "version", type: "string" },
          { name: "chainId", type: "uint256" },
          { name: "verifyingContract", type: "address" },
        ],
        ...definition.types,
      },
    });
    const revived = reviveTypedData(json);
    expect(hashTypedData(revived)).toBe(hashTypedData(definition));
    const signature = await debtor.account.signTypedData(revived);
    expect(await recoverTypedDataAddress({ ...definition, signature })).toBe(debtor.account.address);
  });
});
