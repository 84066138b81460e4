import { hashTypedData, recoverTypedDataAddress, stringify } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";

import { CAST, CLAIM_ACCEPTANCE_TYPES, claimDomain } from "@openfactor/sdk";
import { demoAccounts, demoLabel } from "../domain/demo-accounts";
import { reviveTypedData } from "./demo-connector";
import { demoSigner, HARDHAT_TEST_MNEMONIC } from "./demo-keys";

describe("demo accounts", () => {
  it("are the seed's cast, on the node's accounts, labelled '<label> — <part>'", () => {
    const accounts = demoAccounts();
    expect(accounts.map((a) => a.name)).toEqual(CAST.map((m) => `${m.label} — ${m.part}`));
    expect(accounts[0].address).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    expect(accounts[1].name).toBe("Acme Textiles — SME");
    expect(accounts[1].address).toBe("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    expect(demoLabel("0x70997970c51812dc3a010c7d01b50e0d17dc79c8")).toBe("Acme Textiles");
    expect(demoLabel("0x0000000000000000000000000000000000000001")).toBeUndefined();
  });

  it("sign with the keys mnemonicToAccount derives one by one, from one seed computed once", async () => {
    for (const demo of demoAccounts()) {
      const expected = mnemonicToAccount(HARDHAT_TEST_MNEMONIC, { addressIndex: demo.index });
      const signer = await demoSigner(demo.index);
      expect(signer.address).toBe(expected.address);
      expect(signer.address).toBe(demo.address); // the generated address is the key's
      const message = `demo account ${demo.key}`;
      expect(await signer.signMessage({ message })).toBe(await expected.signMessage({ message }));
    }
  });
});

describe("reviveTypedData", () => {
  it("signs the same digest as the typed data a dApp asked for (eth_signTypedData_v4 JSON)", async () => {
    const debtor = await demoSigner(demoAccounts()[3].index);
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
        debtor: debtor.address,
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
    const signature = await debtor.signTypedData(revived);
    expect(await recoverTypedDataAddress({ ...definition, signature })).toBe(debtor.address);
  });
});
