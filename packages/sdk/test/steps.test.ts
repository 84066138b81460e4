import { decodeFunctionData, encodeFunctionData, getAddress, type Hex, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";

import {
  abis,
  acceptAuctionBid,
  acceptBid,
  acceptClaim,
  acceptWithSignature,
  ACCESS_ROLES,
  activateGuarantee,
  approve,
  buyClaim,
  callGuarantee,
  cancelBid,
  cancelClaim,
  cancelSignedOffer,
  cancelSignedOffersBelow,
  cancelStandingOffer,
  closeAuction,
  collectFees,
  commitSealedBid,
  type ContractCall,
  type ContractName,
  delist,
  deployments,
  disputeClaim,
  distributeRecovery,
  DisputeOutcome,
  expireClaim,
  faucet,
  fillSignedOffer,
  fillSignedOfferWithPermit,
  grantAccessRole,
  issueAccepted,
  issueByDebtor,
  issueClaim,
  listClaim,
  markOverdue,
  mintTestDollars,
  offerGuarantee,
  openAuction,
  payClaim,
  payInFull,
  placeBid,
  placeBidWithPermit,
  postStandingOffer,
  reclaimHeldPayment,
  reclaimSealedBid,
  rejectClaim,
  releaseExposure,
  releaseGuarantee,
  resolveDispute,
  revealSealedBid,
  revokeAccessRole,
  revokeAcceptanceSignatures,
  revokeParticipant,
  Role,
  sellToStandingOffer,
  sellToStandingOfferWithPermit,
  suspendParticipant,
  takeClaimFromCustody,
  transferClaim,
  unlockClaim,
  updateListing,
  verifyParticipant,
  verifyParticipants,
  withdraw,
  withdrawGuaranteeOffer,
  withdrawSealedBid,
  writeOff,
} from "../src/index.ts";

const contracts = deployments[31337];
const alice = getAddress("0x00000000000000000000000000000000000000a1");
const bob = getAddress("0x00000000000000000000000000000000000000b2");
const hash = (n: number): Hex => `0x${n.toString(16).padStart(64, "0")}`;
const signature: Hex = `0x${"11".repeat(65)}`;
const terms = {
  originator: alice,
  debtor: bob,
  currency: contracts.stablecoin,
  faceValue: 10_000_000_000n,
  dueDate: 1_900_000_000n,
  invoiceCommitment: hash(1),
  documentHash: hash(2),
};
const offer = {
  claimId: 7n,
  claimNonce: 3n,
  price: 9_000n,
  currency: contracts.stablecoin,
  deadline: 1_900_000_000n,
  bidder: alice,
  offerNonce: 4n,
};
const permit = { value: 9_000n, deadline: 1_900_000_000n, v: 27, r: hash(3), s: hash(4) };

/** Each step, the contract and function it must call, and the arguments that call must carry. */
const STEPS: [string, ContractCall, ContractName, string, readonly unknown[]][] = [
  ["issueClaim", issueClaim(contracts, terms), "claims", "issue", [terms, ""]],
  [
    "issueAccepted",
    issueAccepted(contracts, terms, "ipfs://x", 5n, signature),
    "claims",
    "issueAccepted",
    [terms, "ipfs://x", 5n, signature],
  ],
  ["issueByDebtor", issueByDebtor(contracts, terms, "ipfs://y"), "claims", "issueByDebtor", [terms, "ipfs://y"]],
  ["acceptClaim", acceptClaim(contracts, 7n), "claims", "accept", [7n]],
  [
    "acceptWithSignature",
    acceptWithSignature(contracts, 7n, hash(1), hash(2), 5n, signature),
    "claims",
    "acceptWithSignature",
    [7n, hash(1), hash(2), 5n, signature],
  ],
  ["rejectClaim", rejectClaim(contracts, 7n), "claims", "reject", [7n]],
  ["cancelClaim", cancelClaim(contracts, 7n), "claims", "cancel", [7n]],
  ["expireClaim", expireClaim(contracts, 7n), "claims", "expire", [7n]],
  ["revokeAcceptanceSignatures", revokeAcceptanceSignatures(contracts), "claims", "incrementAcceptanceCounter", []],
  ["payClaim", payClaim(contracts, 7n, 500n), "claims", "pay", [7n, 500n]],
  ["payInFull", payInFull(contracts, [7n, 8n], 900n), "claims", "payInFull", [[7n, 8n], 900n]],
  ["reclaimHeldPayment", reclaimHeldPayment(contracts, 7n, bob), "claims", "reclaimHeldPayment", [7n, bob]],
  ["markOverdue", markOverdue(contracts, 7n), "claims", "poke", [7n]],
  ["disputeClaim", disputeClaim(contracts, 7n, hash(9)), "claims", "dispute", [7n, hash(9)]],
  [
    "resolveDispute",
    resolveDispute(contracts, 7n, "Diluted", 800n),
    "claims",
    "resolve",
    [7n, DisputeOutcome.Diluted, 800n],
  ],
  ["writeOff", writeOff(contracts, 7n), "claims", "writeOff", [7n]],
  ["transferClaim", transferClaim(contracts, alice, bob, 7n), "claims", "safeTransferFrom", [alice, bob, 7n]],
  ["unlockClaim", unlockClaim(contracts, 7n), "claims", "unlock", [7n]],
  ["listClaim", listClaim(contracts, 7n, 900n, 800n, 5n), "market", "list", [7n, 900n, 800n, 5n]],
  ["updateListing", updateListing(contracts, 7n, 950n, 0n, 6n), "market", "updateListing", [7n, 950n, 0n, 6n]],
  ["delist", delist(contracts, 7n), "market", "delist", [7n]],
  ["buyClaim", buyClaim(contracts, 7n, 900n), "market", "buy", [7n, 900n]],
  ["placeBid", placeBid(contracts, 7n, 850n, 5n), "market", "bid", [7n, 850n, 5n]],
  [
    "placeBidWithPermit",
    placeBidWithPermit(contracts, 7n, 850n, 5n, permit),
    "market",
    "bidWithPermit",
    [7n, 850n, 5n, permit],
  ],
  ["cancelBid", cancelBid(contracts, 7n, bob), "market", "cancelBid", [7n, bob]],
  ["acceptBid", acceptBid(contracts, 7n, alice, 850n), "market", "acceptBid", [7n, alice, 850n]],
  [
    "postStandingOffer",
    postStandingOffer(contracts, bob, contracts.stablecoin, 800, 15_552_000, 1_000n, 5n),
    "market",
    "postStandingOffer",
    [bob, contracts.stablecoin, 800, 15_552_000, 1_000n, 5n],
  ],
  ["cancelStandingOffer", cancelStandingOffer(contracts, 2n), "market", "cancelStandingOffer", [2n]],
  ["sellToStandingOffer", sellToStandingOffer(contracts, 7n, 2n, 880n), "market", "sellToOffer", [7n, 2n, 880n]],
  [
    "sellToStandingOfferWithPermit",
    sellToStandingOfferWithPermit(contracts, 7n, 2n, 880n, permit),
    "market",
    "sellToOfferWithPermit",
    [7n, 2n, 880n, permit],
  ],
  ["releaseExposure", releaseExposure(contracts, 7n), "market", "releaseExposure", [7n]],
  ["fillSignedOffer", fillSignedOffer(contracts, offer, signature), "market", "acceptSignedOffer", [offer, signature]],
  [
    "fillSignedOfferWithPermit",
    fillSignedOfferWithPermit(contracts, offer, signature, permit),
    "market",
    "acceptSignedOfferWithPermit",
    [offer, signature, permit],
  ],
  ["cancelSignedOffer", cancelSignedOffer(contracts, 4n), "market", "cancelSignedOffer", [4n]],
  ["cancelSignedOffersBelow", cancelSignedOffersBelow(contracts, 9n), "market", "raiseMinOfferNonce", [9n]],
  ["offerGuarantee", offerGuarantee(contracts, 7n, 500n, 10n, 5n), "escrow", "offer", [7n, 500n, 10n, 5n]],
  ["withdrawGuaranteeOffer", withdrawGuaranteeOffer(contracts, 3n), "escrow", "withdrawOffer", [3n]],
  ["activateGuarantee", activateGuarantee(contracts, 3n), "escrow", "activate", [3n]],
  ["callGuarantee", callGuarantee(contracts, 3n, bob), "escrow", "callGuarantee", [3n, bob]],
  ["releaseGuarantee", releaseGuarantee(contracts, 3n), "escrow", "release", [3n]],
  ["distributeRecovery", distributeRecovery(contracts, 7n), "escrow", "distribute", [7n]],
  ["takeClaimFromCustody", takeClaimFromCustody(contracts, 7n), "escrow", "takeClaim", [7n]],
  ["openAuction", openAuction(contracts, 7n, 86_400, 3_600), "auction", "open", [7n, 86_400, 3_600]],
  ["commitSealedBid", commitSealedBid(contracts, 0n, hash(5), 1_000n), "auction", "commitBid", [0n, hash(5), 1_000n]],
  ["withdrawSealedBid", withdrawSealedBid(contracts, 0n), "auction", "withdrawCommitment", [0n]],
  ["revealSealedBid", revealSealedBid(contracts, 0n, 900n, hash(6)), "auction", "revealBid", [0n, 900n, hash(6)]],
  ["acceptAuctionBid", acceptAuctionBid(contracts, 0n, alice, 900n), "auction", "acceptBid", [0n, alice, 900n]],
  ["closeAuction", closeAuction(contracts, 0n), "auction", "close", [0n]],
  ["reclaimSealedBid", reclaimSealedBid(contracts, 0n), "auction", "reclaimBid", [0n]],
  [
    "verifyParticipant",
    verifyParticipant(contracts, alice, "Factor", 5n),
    "registry",
    "verify",
    [alice, Role.Factor, 5n],
  ],
  [
    "verifyParticipants",
    verifyParticipants(contracts, [
      { account: alice, role: "Originator", expiresAt: 5n },
      { account: bob, role: "Guarantor", expiresAt: 6n },
    ]),
    "registry",
    "verifyBatch",
    [
      [alice, bob],
      [Role.Originator, Role.Guarantor],
      [5n, 6n],
    ],
  ],
  ["revokeParticipant", revokeParticipant(contracts, alice, "Debtor"), "registry", "revoke", [alice, Role.Debtor]],
  ["suspendParticipant", suspendParticipant(contracts, alice, true), "registry", "setSuspended", [alice, true]],
  ["grantAccessRole", grantAccessRole(contracts, "Arbiter", bob), "registry", "grantRole", [ACCESS_ROLES.Arbiter, bob]],
  [
    "revokeAccessRole",
    revokeAccessRole(contracts, "Pauser", bob),
    "registry",
    "revokeRole",
    [ACCESS_ROLES.Pauser, bob],
  ],
  ["approve", approve(contracts, "market", 900n), "stablecoin", "approve", [contracts.market, 900n]],
  [
    "withdraw from the claims",
    withdraw(contracts, "claims", contracts.stablecoin, bob),
    "claims",
    "withdraw",
    [contracts.stablecoin, bob],
  ],
  [
    "withdraw from the market",
    withdraw(contracts, "market", contracts.stablecoin, bob),
    "market",
    "withdraw",
    [contracts.stablecoin, bob],
  ],
  [
    "withdraw from the escrow",
    withdraw(contracts, "escrow", contracts.stablecoin, bob),
    "escrow",
    "withdraw",
    [contracts.stablecoin, bob],
  ],
  [
    "withdraw from the auction",
    withdraw(contracts, "auction", contracts.stablecoin, bob),
    "auction",
    "withdraw",
    [contracts.stablecoin, bob],
  ],
  [
    "collectFees from the market",
    collectFees(contracts, "market", contracts.stablecoin, bob),
    "market",
    "withdrawFees",
    [contracts.stablecoin, bob],
  ],
  [
    "collectFees from the escrow",
    collectFees(contracts, "escrow", contracts.stablecoin, bob),
    "escrow",
    "withdrawFees",
    [contracts.stablecoin, bob],
  ],
  [
    "collectFees from the auction",
    collectFees(contracts, "auction", contracts.stablecoin, bob),
    "auction",
    "withdrawFees",
    [contracts.stablecoin, bob],
  ],
  ["mintTestDollars", mintTestDollars(contracts, alice, 1_000n), "stablecoin", "mint", [alice, 1_000n]],
  ["faucet", faucet(contracts, 1_000n), "stablecoin", "faucet", [1_000n]],
];

/**
 * The state-changing functions no participant calls as a step of its own: the agents' hooks (the market, the
 * auction house and the escrow call them), ERC-721 and ERC-20 plumbing the steps do not use, and the operator's
 * one-off administration. Every other state-changing function must have a step.
 */
const NOT_STEPS: Partial<Record<ContractName, string[]>> = {
  claims: ["lock", "agentTransfer", "voidOrders", "approve", "setApprovalForAll", "transferFrom"],
  registry: [
    "acceptDefaultAdminTransfer",
    "applyAgentChange",
    "beginDefaultAdminTransfer",
    "cancelDefaultAdminTransfer",
    "changeDefaultAdminDelay",
    "renounceRole",
    "rollbackDefaultAdminDelay",
    "setAgent",
    "setCurrencyAllowed",
    "setMarketRules",
    "pause",
    "unpause",
  ],
  renderer: ["setGuaranteeEscrow"],
  stablecoin: ["permit", "transfer", "transferFrom", "renounceOwnership", "transferOwnership"],
};

describe("user steps", () => {
  it.each(STEPS)("%s encodes to the function it names with its arguments", (_, call, name, functionName, args) => {
    expect(call.address).toBe(contracts[name]);
    expect(call.abi).toBe(abis[name]);
    const decoded = decodeFunctionData({ abi: abis[name], data: encodeFunctionData(call) });
    expect(decoded.functionName).toBe(functionName);
    expect(decoded.args ?? []).toEqual(args);
  });

  it("covers every state-changing function a participant calls", () => {
    const stepped = new Set(STEPS.map(([, , name, functionName]) => `${name}.${functionName}`));
    const missing = (Object.keys(abis) as ContractName[]).flatMap((name) =>
      (abis[name] as readonly { type: string; name?: string; stateMutability?: string }[])
        .filter(
          (item) => item.type === "function" && item.stateMutability !== "view" && item.stateMutability !== "pure",
        )
        .map((item) => item.name ?? "")
        .filter((functionName) => !stepped.has(`${name}.${functionName}`) && !NOT_STEPS[name]?.includes(functionName))
        .map((functionName) => `${name}.${functionName}`),
    );
    expect(missing).toEqual([]);
  });

  it("approves the currency it is given, the deployment's stablecoin otherwise", () => {
    const currency = getAddress("0x00000000000000000000000000000000000000c3");
    const call = approve(contracts, "escrow", 100n, currency);
    expect(call.address).toBe(currency);
    expect(decodeFunctionData({ abi: abis.stablecoin, data: encodeFunctionData(call) })).toEqual({
      functionName: "approve",
      args: [contracts.escrow, 100n],
    });
    expect(approve(contracts, "claims", 100n).address).toBe(contracts.stablecoin);
    expect(approve(contracts, "claims", 100n, zeroAddress).address).toBe(zeroAddress);
  });
});
