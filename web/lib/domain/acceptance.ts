/**
 * The debtor's EIP-712 acceptance of an Issued claim, as the claim contract checks it in `acceptWithSignature`:
 * every term, the keccak256 of the claim's metadata URI (the one it was issued with), the debtor's acceptance
 * counter and a deadline. Pure: the page reads the claim, its URI and the counter (lib/data/acceptance-reads.ts),
 * and signs what this builds.
 *
 * The claim contract has no view of a claim's raw metadata URI: `tokenURI` shows it as `external_url`, but drops
 * the characters JSON or HTML would choke on. The exact URI is read from the input of the transaction that issued
 * the claim (`metadataURIFromIssueInput`); `externalURLOf` is the fallback when that input is not a direct call.
 */
import { decodeFunctionData, keccak256, stringToHex, type Address, type Hex } from "viem";

import { abis, CLAIM_ACCEPTANCE_TYPES, claimDomain, type ClaimTerms } from "@openfactor/sdk";

/** keccak256 of the UTF-8 bytes of a metadata URI (of "" for a claim without one), as the acceptance signs it. */
export const metadataHashOf = (metadataURI: string): Hex => keccak256(stringToHex(metadataURI));

/**
 * The typed data a debtor signs to accept `terms` (the claim's terms as it was issued with them: `claim(id)`'s, and
 * the two hashes of its `ClaimIssued`) with `metadataURI` under `counter` until `deadline`.
 */
export function acceptanceTypedData(
  chainId: bigint | number,
  claims: Address,
  terms: ClaimTerms,
  metadataURI: string,
  counter: bigint,
  deadline: bigint,
) {
  const domain = { ...claimDomain(chainId, claims), verifyingContract: claims };
  const message = {
    originator: terms.originator,
    debtor: terms.debtor,
    currency: terms.currency,
    faceValue: terms.faceValue,
    dueDate: terms.dueDate,
    invoiceCommitment: terms.invoiceCommitment,
    documentHash: terms.documentHash,
    metadataHash: metadataHashOf(metadataURI),
    counter,
    deadline,
  };
  return { domain, types: CLAIM_ACCEPTANCE_TYPES, primaryType: "ClaimAcceptance" as const, message };
}

/**
 * The metadata URI a claim was issued with, read from the input of its issue transaction: a direct call of
 * `issue`, `issueAccepted` or `issueByDebtor` with the claim's invoice commitment. Undefined for any other input
 * (a smart-contract wallet, a batch), from which the URI cannot be read.
 */
export function metadataURIFromIssueInput(input: Hex, invoiceCommitment: Hex): string | undefined {
  let decoded;
  try {
    decoded = decodeFunctionData({ abi: abis.claims, data: input });
  } catch {
    return undefined;
  }
  const { functionName, args } = decoded;
  if (functionName !== "issue" && functionName !== "issueAccepted" && functionName !== "issueByDebtor") {
    return undefined;
  }
  const [terms, metadataURI] = args;
  return terms.invoiceCommitment.toLowerCase() === invoiceCommitment.toLowerCase() ? metadataURI : undefined;
}

/**
 * The `external_url` of a claim's `tokenURI` (base64 JSON), "" when the claim has no metadata URI. Equal to the
 * URI unless it held characters the renderer drops (quotes, backslashes, `<`, `>`, `&`, control characters).
 * Undefined if `tokenURI` is not the renderer's base64 JSON.
 */
export function externalURLOf(tokenURI: string): string | undefined {
  const prefix = "data:application/json;base64,";
  if (!tokenURI.startsWith(prefix)) return undefined;
  try {
    const bytes = Uint8Array.from(atob(tokenURI.slice(prefix.length)), (c) => c.charCodeAt(0));
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { external_url?: unknown };
    return typeof json.external_url === "string" ? json.external_url : "";
  } catch {
    return undefined;
  }
}
