/**
 * The debtor's EIP-712 acceptance of an Issued claim, as the claim contract checks it in `acceptWithSignature`:
 * every term, the keccak256 of the claim's metadata URI (the one it was issued with), the debtor's acceptance
 * counter and a deadline. Pure: the page reads the claim, its URI and the counter, and signs what this builds.
 *
 * The claim contract has no view of a claim's raw metadata URI: `tokenURI` shows it as `external_url`, but drops
 * the characters JSON or HTML would choke on. The exact URI is read from the input of the transaction that issued
 * the claim (`metadataURIFromIssueInput`); `externalURLOf` is the fallback when that input is not a direct call.
 */
import { decodeFunctionData, keccak256, stringToHex, type Address, type Hex, type PublicClient } from "viem";

import { CLAIM_ACCEPTANCE_TYPES, claimDomain, claimsAbi } from "@openfactor/sdk";

/** The terms a debtor accepts, as `claim(id)` returns them. */
export interface AcceptanceTerms {
  originator: Address;
  debtor: Address;
  currency: Address;
  faceValue: bigint;
  dueDate: bigint;
  invoiceCommitment: Hex;
  documentHash: Hex;
}

/** keccak256 of the UTF-8 bytes of a metadata URI (of "" for a claim without one), as the acceptance signs it. */
export const metadataHashOf = (metadataURI: string): Hex => keccak256(stringToHex(metadataURI));

/** The typed data a debtor signs to accept `terms` with `metadataURI` under `counter` until `deadline`. */
export function acceptanceTypedData(
  chainId: bigint | number,
  claims: Address,
  terms: AcceptanceTerms,
  metadataURI: string,
  counter: bigint,
  deadline: bigint,
) {
  const domain = claimDomain(chainId, claims) as {
    name: string;
    version: string;
    chainId: bigint;
    verifyingContract: Address;
  };
  const message = {
    originator: terms.originator,
    debtor: terms.debtor,
    currency: terms.currency,
    faceValue: BigInt(terms.faceValue),
    dueDate: BigInt(terms.dueDate),
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
    decoded = decodeFunctionData({ abi: claimsAbi, data: input });
  } catch {
    return undefined;
  }
  const { functionName, args } = decoded;
  if (functionName !== "issue" && functionName !== "issueAccepted" && functionName !== "issueByDebtor") {
    return undefined;
  }
  const [terms, metadataURI] = args as readonly [{ invoiceCommitment: Hex }, string, ...unknown[]];
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

/**
 * A claim's metadata URI as the dApp could read it (`exact` when read from its issue transaction), and the two hashes
 * its `ClaimIssued` carries (the claim record keeps neither; `acceptWithSignature` takes both).
 */
export interface IssuedMetadataURI {
  uri: string;
  exact: boolean;
  invoiceCommitment: Hex;
  documentHash: Hex;
}

/**
 * Reads the metadata URI claim `claimId` was issued with: from the input of the transaction that emitted its
 * `ClaimIssued` (exact), else from its `tokenURI`'s `external_url` (exact unless the renderer dropped characters).
 * Undefined if its `ClaimIssued` or the URI cannot be read.
 */
export async function readIssuedMetadataURI(
  client: PublicClient,
  claims: Address,
  claimId: bigint,
): Promise<IssuedMetadataURI | undefined> {
  const [log] = await client.getContractEvents({
    address: claims,
    abi: claimsAbi,
    eventName: "ClaimIssued",
    args: { claimId },
    fromBlock: 0n,
  });
  const { invoiceCommitment, documentHash } = log?.args ?? {};
  if (log === undefined || invoiceCommitment === undefined || documentHash === undefined) return undefined;
  const hashes = { invoiceCommitment, documentHash };
  const tx = await client.getTransaction({ hash: log.transactionHash });
  const uri = metadataURIFromIssueInput(tx.input, invoiceCommitment);
  if (uri !== undefined) return { uri, exact: true, ...hashes };
  const shown = externalURLOf(
    await client.readContract({ address: claims, abi: claimsAbi, functionName: "tokenURI", args: [claimId] }),
  );
  return shown === undefined ? undefined : { uri: shown, exact: false, ...hashes };
}
