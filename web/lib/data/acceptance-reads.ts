/**
 * What a debtor's signed acceptance needs beyond the claim record: the metadata URI the claim was issued with and
 * the two hashes its `ClaimIssued` carries (the record keeps none of them; lib/domain/acceptance.ts builds what is
 * signed from them).
 */
import type { Hex, PublicClient } from "viem";

import { contractCall, type Contracts } from "@openfactor/sdk";
import { externalURLOf, metadataURIFromIssueInput } from "../domain/acceptance";
import { contractEvents } from "./logs";

/** The logs are read from block 0: the generated file records no deployment block. */
const FROM_BLOCK = 0n;

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
  contracts: Contracts,
  claimId: bigint,
): Promise<IssuedMetadataURI | undefined> {
  const [log] = await contractEvents(client, contracts, "claims", {
    eventName: "ClaimIssued",
    args: { claimId },
    fromBlock: FROM_BLOCK,
  });
  const { invoiceCommitment, documentHash } = log?.args ?? {};
  if (log === undefined || invoiceCommitment === undefined || documentHash === undefined) return undefined;
  const hashes = { invoiceCommitment, documentHash };
  const tx = await client.getTransaction({ hash: log.transactionHash });
  const uri = metadataURIFromIssueInput(tx.input, invoiceCommitment);
  if (uri !== undefined) return { uri, exact: true, ...hashes };
  const shown = externalURLOf(await client.readContract(contractCall(contracts, "claims", "tokenURI", [claimId])));
  return shown === undefined ? undefined : { uri: shown, exact: false, ...hashes };
}
