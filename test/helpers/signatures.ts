import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { concat, getBytes, Signature, toBeHex, toBigInt, ZeroHash, type TypedDataDomain } from "ethers";

import { metadataHash, type ClaimTermsStruct } from "../fixtures/system.js";
import { CLAIM_ACCEPTANCE_TYPES } from "@openfactor/sdk";
import type { ReceivableClaim } from "../../types/index.js";

/** The order of the secp256k1 group. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The ClaimAcceptance types in the mutable shape ethers wants. */
export const acceptanceTypes = () => ({ ClaimAcceptance: [...CLAIM_ACCEPTANCE_TYPES.ClaimAcceptance] });

/** The ClaimAcceptance message for `terms` (with `metadataURI`, "" by default) under `counter` until `deadline`. */
export const acceptanceValue = (terms: ClaimTermsStruct, counter: bigint, deadline: bigint, metadataURI = "") => ({
  ...terms,
  metadataHash: metadataHash(metadataURI),
  counter,
  deadline,
});

/** Signs a ClaimAcceptance under any domain (another chain, another deployment). */
export async function signAcceptanceIn(
  signer: HardhatEthersSigner,
  domain: TypedDataDomain,
  terms: ClaimTermsStruct,
  counter: bigint,
  deadline: bigint,
): Promise<string> {
  return signer.signTypedData(domain, acceptanceTypes(), acceptanceValue(terms, counter, deadline));
}

/**
 * The invoice commitment and document hash claim `claimId` was issued with, from its ClaimIssued event (the claim
 * record keeps neither); zero hashes for an id never issued.
 */
export async function issuedHashes(
  claims: ReceivableClaim,
  claimId: bigint,
): Promise<{ invoiceCommitment: string; documentHash: string }> {
  const [event] = await claims.queryFilter(claims.filters.ClaimIssued(claimId));
  if (event === undefined) return { invoiceCommitment: ZeroHash, documentHash: ZeroHash };
  return { invoiceCommitment: event.args.invoiceCommitment, documentHash: event.args.documentHash };
}

/** Relays a debtor's acceptance of claim `claimId` with the two hashes it was issued with ({@link issuedHashes}). */
export async function relayAcceptance(claims: ReceivableClaim, claimId: bigint, deadline: bigint, signature: string) {
  const { invoiceCommitment, documentHash } = await issuedHashes(claims, claimId);
  return claims.acceptWithSignature(claimId, invoiceCommitment, documentHash, deadline, signature);
}

/** The terms of a stored claim, as a debtor signs them. */
export async function termsOfClaim(claims: ReceivableClaim, claimId: bigint): Promise<ClaimTermsStruct> {
  const c = await claims.claimCore(claimId);
  return {
    originator: c.originator,
    debtor: c.debtor,
    currency: c.currency,
    faceValue: c.faceValue,
    dueDate: c.dueDate,
    ...(await issuedHashes(claims, claimId)),
  };
}

/** The malleable twin of a 65-byte signature: s -> n - s and v flipped. ecrecover maps both to the same signer. */
export function highS(signature: string): string {
  const bytes = getBytes(signature);
  const s = toBigInt(bytes.slice(32, 64));
  return concat([bytes.slice(0, 32), toBeHex(SECP256K1_N - s, 32), toBeHex(bytes[64] === 27 ? 28 : 27, 1)]);
}

/** Replaces the v byte of a 65-byte signature. */
export function withV(signature: string, v: number): string {
  const bytes = getBytes(signature);
  return concat([bytes.slice(0, 64), toBeHex(v, 1)]);
}

/** The ERC-2098 compact (64-byte) form of a 65-byte signature: r and yParity-and-s. */
export function compact(signature: string): string {
  const compacted = Signature.from(signature).compactSerialized;
  expect(getBytes(compacted).length).to.equal(64);
  return compacted;
}
