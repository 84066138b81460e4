/**
 * Every handler by "Contract:Event". An event of an indexed contract without one here (ERC-721 approvals, ERC-4906
 * metadata updates, order-voiding notices, admin handover steps, fee collections, the renderer's escrow address) is
 * recorded in the activity log only: LOG_ONLY lists them, and a test checks that every ABI event is in one list or the
 * other.
 */
import { auctionHandlers } from "./auction.ts";
import { claimHandlers } from "./claims.ts";
import { escrowHandlers } from "./escrow.ts";
import { marketHandlers } from "./market.ts";
import { registryHandlers } from "./registry.ts";
import type { At } from "../reduce/types.ts";
import type { Store } from "./store.ts";

type AnyHandler = (args: never, at: At, db: Store) => Promise<void>;

export const HANDLERS: Record<string, Record<string, AnyHandler | undefined>> = {
  ReceivableClaim: claimHandlers,
  ClaimMarket: marketHandlers,
  GuaranteeEscrow: escrowHandlers,
  SealedBidAuction: auctionHandlers,
  ParticipantRegistry: registryHandlers,
  ClaimRenderer: {},
};

/** The events that change no table but the activity log, each with why. */
export const LOG_ONLY: Record<string, Record<string, string>> = {
  ReceivableClaim: {
    Approval: "an ERC-721 approval moves nothing; agents move claims, not approved operators",
    ApprovalForAll: "as Approval",
    MetadataUpdate: "ERC-4906 notice for NFT viewers: the claim's own events carry the change",
    BatchMetadataUpdate: "as MetadataUpdate",
    ClaimAccepted: "the ClaimStateChanged beside it sets the state and the acceptance time",
    ClaimOrdersVoided: "a nonce bump for signed orders; the nonce is read from the chain when signing",
  },
  ClaimMarket: {
    EIP712DomainChanged: "OpenZeppelin EIP-712 notice; the domain is fixed at deployment",
    FeesWithdrawn: "the treasury collected fees: no account's credit changes",
  },
  GuaranteeEscrow: { FeesWithdrawn: "as ClaimMarket's" },
  SealedBidAuction: { FeesWithdrawn: "as ClaimMarket's" },
  ParticipantRegistry: {
    RoleAdminChanged: "AccessControl's admin-of-role wiring, set at deployment",
    DefaultAdminDelayChangeCanceled: "admin handover steps: the log is their record",
    DefaultAdminDelayChangeScheduled: "as above",
    DefaultAdminTransferCanceled: "as above",
    DefaultAdminTransferScheduled: "as above",
  },
  ClaimRenderer: { GuaranteeEscrowSet: "the renderer's wiring, set at deployment" },
};
