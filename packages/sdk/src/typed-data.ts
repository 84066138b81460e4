/**
 * One source of truth for OpenFactor's EIP-712 typed data, imported by the tests, scripts and the dApp.
 * The Solidity side (contracts/libraries/ClaimTypedData.sol) is pinned to these strings by a test.
 */

/** The EIP-712 domain name and version of the ReceivableClaim contract. */
export const CLAIM_DOMAIN = { name: "OpenFactor ReceivableClaim", version: "1" } as const;

/**
 * A debtor's acceptance of every term of a claim, valid until `deadline` under its acceptance counter.
 * `metadataHash` is keccak256 of the UTF-8 bytes of the claim's metadata URI (of "" when it has none), so the
 * debtor also agrees to what the claim links to.
 */
export const CLAIM_ACCEPTANCE_TYPES = {
  ClaimAcceptance: [
    { name: "originator", type: "address" },
    { name: "debtor", type: "address" },
    { name: "currency", type: "address" },
    { name: "faceValue", type: "uint256" },
    { name: "dueDate", type: "uint256" },
    { name: "invoiceCommitment", type: "bytes32" },
    { name: "documentHash", type: "bytes32" },
    { name: "metadataHash", type: "bytes32" },
    { name: "counter", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** The type string the contract hashes into its CLAIM_ACCEPTANCE_TYPEHASH. */
export const CLAIM_ACCEPTANCE_TYPE_STRING =
  "ClaimAcceptance(address originator,address debtor,address currency,uint256 faceValue,uint256 dueDate,bytes32 invoiceCommitment,bytes32 documentHash,bytes32 metadataHash,uint256 counter,uint256 deadline)";

/** Builds the EIP-712 domain of a deployed ReceivableClaim. */
export function claimDomain(chainId: bigint | number, verifyingContract: string) {
  return { ...CLAIM_DOMAIN, chainId: BigInt(chainId), verifyingContract };
}

/** The EIP-712 domain name and version of the ClaimMarket contract. */
export const MARKET_DOMAIN = { name: "OpenFactor ClaimMarket", version: "1" } as const;

/**
 * A factor's private offer for one claim at one price, valid until `deadline` (inclusive) and only while the
 * claim's nonce is still `claimNonce`. `offerNonce` lets the bidder cancel it alone or with all lower ones.
 */
export const OFFER_TYPES = {
  Offer: [
    { name: "claimId", type: "uint256" },
    { name: "claimNonce", type: "uint256" },
    { name: "price", type: "uint256" },
    { name: "currency", type: "address" },
    { name: "deadline", type: "uint256" },
    { name: "bidder", type: "address" },
    { name: "offerNonce", type: "uint256" },
  ],
} as const;

/** The type string the market hashes into its OFFER_TYPEHASH. */
export const OFFER_TYPE_STRING =
  "Offer(uint256 claimId,uint256 claimNonce,uint256 price,address currency,uint256 deadline,address bidder,uint256 offerNonce)";

/** Builds the EIP-712 domain of a deployed ClaimMarket. */
export function marketDomain(chainId: bigint | number, verifyingContract: string) {
  return { ...MARKET_DOMAIN, chainId: BigInt(chainId), verifyingContract };
}

/**
 * The ABI layout of a sealed bid's commitment: keccak256(abi.encode(chainId, auction contract, auctionId, bidder,
 * amount, salt)), as SealedBidAuction's `commitmentOf` computes it. Front ends hash it locally (with their ABI
 * encoder and keccak256): sending the amount to a node before the reveal would unseal it.
 */
export const SEALED_BID_COMMITMENT_PARAMS = [
  { name: "chainId", type: "uint256" },
  { name: "auction", type: "address" },
  { name: "auctionId", type: "uint256" },
  { name: "bidder", type: "address" },
  { name: "amount", type: "uint256" },
  { name: "salt", type: "bytes32" },
] as const;
