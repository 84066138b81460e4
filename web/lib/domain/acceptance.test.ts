import { encodeFunctionData, hashTypedData, keccak256, stringToHex, toHex, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";

import { abis, type ClaimTerms } from "@openfactor/sdk";
import { acceptanceTypedData, externalURLOf, metadataHashOf, metadataURIFromIssueInput } from "./acceptance";

const TERMS: ClaimTerms = {
  originator: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  debtor: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  currency: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  faceValue: 10_000_000_000n,
  dueDate: 1_800_000_000n,
  invoiceCommitment: `0x${"11".repeat(32)}`,
  documentHash: `0x${"22".repeat(32)}`,
};
const URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/invoice-2026-0042.json";
const DEADLINE = 1_800_000_000n;

/**
 * `acceptanceDigest(TERMS, uri, DEADLINE)` as ReceivableClaim computed it, deployed by the test fixture at CLAIMS on
 * chain 31337 with the debtor's counter at 0 (read once from the contract).
 */
const CLAIMS: Address = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
const CONTRACT_DIGEST_WITH_URI: Hex = "0xaa44d6d111771add027e3e244b2dc11a31adb28aa186b004cb5f5dec1862d6c1";
const CONTRACT_DIGEST_WITHOUT_URI: Hex = "0x9a032e957fbab31308c0fc09c873ac9e850bff0017787f927ca7e4deb66ff73a";

describe("acceptanceTypedData", () => {
  it("hashes the claim's own metadata URI, not the empty string", () => {
    const typed = acceptanceTypedData(31337, CLAIMS, TERMS, URI, 0n, DEADLINE);
    expect(typed.message.metadataHash).toBe(keccak256(stringToHex(URI)));
    expect(typed.message.metadataHash).toBe(metadataHashOf(URI));
    expect(typed.message.metadataHash).not.toBe(metadataHashOf(""));
    expect(typed.primaryType).toBe("ClaimAcceptance");
    expect(typed.domain).toEqual({
      name: "OpenFactor ReceivableClaim",
      version: "1",
      chainId: 31337n,
      verifyingContract: CLAIMS,
    });
  });

  it("gives the digest the contract's acceptanceDigest gives for the same claim and URI", () => {
    expect(hashTypedData(acceptanceTypedData(31337, CLAIMS, TERMS, URI, 0n, DEADLINE))).toBe(CONTRACT_DIGEST_WITH_URI);
    expect(hashTypedData(acceptanceTypedData(31337, CLAIMS, TERMS, "", 0n, DEADLINE))).toBe(
      CONTRACT_DIGEST_WITHOUT_URI,
    );
    // Signing over "" for a claim that has a URI gives another digest: the chain would refuse the signature.
    expect(CONTRACT_DIGEST_WITH_URI).not.toBe(CONTRACT_DIGEST_WITHOUT_URI);
  });
});

describe("metadataURIFromIssueInput", () => {
  const terms = { ...TERMS };
  it("reads the URI from a direct issue, issueAccepted or issueByDebtor call with the claim's commitment", () => {
    const issue = encodeFunctionData({ abi: abis.claims, functionName: "issue", args: [terms, URI] });
    expect(metadataURIFromIssueInput(issue, TERMS.invoiceCommitment)).toBe(URI);
    const byDebtor = encodeFunctionData({ abi: abis.claims, functionName: "issueByDebtor", args: [terms, ""] });
    expect(metadataURIFromIssueInput(byDebtor, TERMS.invoiceCommitment)).toBe("");
    const accepted = encodeFunctionData({
      abi: abis.claims,
      functionName: "issueAccepted",
      args: [terms, URI, DEADLINE, "0x"],
    });
    expect(metadataURIFromIssueInput(accepted, TERMS.invoiceCommitment)).toBe(URI);
  });

  it("reads nothing from another claim's issue, another call or input it cannot decode", () => {
    const other = encodeFunctionData({
      abi: abis.claims,
      functionName: "issue",
      args: [{ ...terms, invoiceCommitment: `0x${"99".repeat(32)}` }, URI],
    });
    expect(metadataURIFromIssueInput(other, TERMS.invoiceCommitment)).toBeUndefined();
    const accept = encodeFunctionData({ abi: abis.claims, functionName: "accept", args: [1n] });
    expect(metadataURIFromIssueInput(accept, TERMS.invoiceCommitment)).toBeUndefined();
    expect(metadataURIFromIssueInput("0x12345678", TERMS.invoiceCommitment)).toBeUndefined();
  });
});

describe("externalURLOf", () => {
  const tokenURI = (json: object) =>
    `data:application/json;base64,${Buffer.from(JSON.stringify(json), "utf8").toString("base64")}`;
  it("reads the external_url, or '' when the claim has none", () => {
    expect(externalURLOf(tokenURI({ name: "OpenFactor claim #1", external_url: URI }))).toBe(URI);
    expect(externalURLOf(tokenURI({ name: "OpenFactor claim #1" }))).toBe("");
    expect(externalURLOf(tokenURI({ external_url: "https://example.com/façade" }))).toBe("https://example.com/façade");
  });
  it("reads nothing from another kind of token URI", () => {
    expect(externalURLOf("ipfs://something")).toBeUndefined();
    expect(externalURLOf(`data:application/json;base64,${toHex("not json").slice(2)}`)).toBeUndefined();
  });
});
