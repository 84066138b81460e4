/**
 * Every custom error of every OpenFactor contract (and the OpenZeppelin errors their ABIs include), in words a
 * business user understands. Typed against the generated ABIs: a new contract error without a sentence here fails
 * the type check, and errors.test.ts fails too.
 */
import type { ContractErrorName } from "viem";

import { type AbiOf, CLAIM_STATES, type ContractName } from "@openfactor/sdk";
import { formatDuration, PHASE_WORDS, phaseName } from "./auction";

/** Every custom error any OpenFactor contract's ABI declares, by name. */
export type ProjectErrorName = { [name in ContractName]: ContractErrorName<AbiOf<name>> }[ContractName];

/** "settled", "in dispute": a claim state as words in a sentence. */
const stateWords = (state: unknown) => {
  const name = CLAIM_STATES[Number(state)] ?? "None";
  return name === "WrittenOff" ? "written off" : name === "Disputed" ? "in dispute" : name.toLowerCase();
};

const days = (seconds: unknown) => Math.round(Number(seconds) / 86_400);

/** A sentence, or a function of the error's arguments returning one (never hex, never a stack). */
export type ErrorSentence = string | ((args: readonly unknown[]) => string);

export const ERROR_MESSAGES: Record<ProjectErrorName, ErrorSentence> = {
  // ---------------------------------------------------------------- SealedBidAuction
  AuctionAlreadyEnded: "This auction has already ended (sold or closed).",
  AuctionAlreadyRevealed: "You have already revealed this bid.",
  AuctionAmountOutOfRange:
    "The bid must be more than zero and not more than its deposit: check the reveal code, or commit a larger deposit.",
  AuctionBidNotRevealed: "This bid was never revealed, so it cannot be accepted.",
  AuctionClaimNotSellable: (args) =>
    `This claim is ${stateWords(args[1])}: only an accepted or financed claim can be auctioned.`,
  AuctionDepositOutOfRange:
    "The deposit must be at least 1 % of what the claim still owes and at most all of it, and cover your bid.",
  AuctionEmptyCommitment: "The sealed bid is missing: enter your price again.",
  AuctionInvalidRecipient: "The recipient address is not valid.",
  AuctionNoBid: "There is no sealed bid from this account in this auction.",
  AuctionNotSeller: "Only the claim's holder, who runs this auction, can do this.",
  AuctionNotVerified: "Only a factor verified by the operator can bid in or win an auction.",
  AuctionNothingToWithdraw: "You have nothing to withdraw from the auctions in this currency.",
  AuctionNotTreasury: "Only the current treasury account can collect the auctions' fees.",
  AuctionNoFeesDue: "The auction house holds no fees to collect in this currency.",
  AuctionPaused: "The platform is paused by its operator: auctions cannot be opened, bid in or decided now.",
  AuctionPriceBelowMinimum: "The bid is now lower than the least you agreed to accept.",
  AuctionRevealMismatch:
    "This amount and reveal code do not match your sealed bid: use the reveal code saved when you bid.",
  AuctionSelfTrade: "You cannot bid in your own auction.",
  AuctionTransferAmountMismatch: "The currency moved a different amount than expected; this token is not supported.",
  AuctionUnknown: "There is no auction with this number.",
  AuctionWindowOutOfRange: (args) =>
    `The window must be between ${formatDuration(Number(args[1]))} and ${formatDuration(Number(args[2]))}.`,
  AuctionWrongPhase: (args) =>
    `The auction is in its "${PHASE_WORDS[phaseName(Number(args[1]))].toLowerCase()}" phase; this needs the "${PHASE_WORDS[phaseName(Number(args[2]))].toLowerCase()}" phase.`,
  // ---------------------------------------------------------------- ReceivableClaim
  ClaimAcceptanceWindowClosed: "The time for the debtor to confirm this claim has run out.",
  ClaimAcceptanceWindowOpen: "The debtor still has time to confirm this claim; it cannot be expired yet.",
  ClaimBatchCurrencyMismatch: "Claims paid together must all be in the same currency: pay each currency separately.",
  ClaimCommitmentInUse: "This invoice already backs a live claim: the same invoice cannot be financed twice.",
  ClaimCurrencyNotAllowed: "This currency is not accepted on the platform.",
  ClaimDisputeFaceValueInvalid:
    "The new face value must be lower than the current one and not below what has already been paid.",
  ClaimDisputeTooLate:
    "The claim is past its grace period after the due date and is in default; it can no longer be disputed.",
  ClaimDueDateNotInFuture: "The due date must be in the future.",
  ClaimEmptyBatch: "Choose at least one claim to pay.",
  ClaimFaceValueTooLarge: "The face value is larger than a claim can hold.",
  ClaimInvalidRecipient: "The recipient address is not valid.",
  ClaimInvalidSignature: "The debtor's signature does not match these claim terms.",
  ClaimInvoiceHashesMismatch:
    "The invoice commitment or document hash given is not the one this claim was issued with.",
  ClaimIsLocked: "This claim is locked by an agent (for example in an escrow) and cannot move right now.",
  ClaimIssuedByDebtor: "The debtor issued this claim: only its supplier can confirm it.",
  ClaimMarketPaused: "The platform is paused by its operator; try again later.",
  ClaimMissingAccessRole: "Your account does not have the operator permission this action needs.",
  ClaimNotAgent: "Only a trusted agent contract can do this.",
  ClaimNotDisputant: "Only the debtor or the current holder can do this for this claim.",
  ClaimIdTableFull: "The claim contract has no room for another currency or agent.",
  ClaimNotFound: "There is no claim with this number.",
  ClaimUnknownCurrencyId: "The claim contract has no currency with this number.",
  ClaimNotLockedByCaller: "This claim is not locked by you.",
  ClaimNotYetDefaultable: "The claim is still within its grace period after the due date; it cannot default yet.",
  ClaimNotYetOverdue: "The claim is not past its due date yet.",
  ClaimNothingHeld: "No payment from you is being held for this claim.",
  ClaimNothingToWithdraw: "You have nothing to withdraw in this currency.",
  ClaimOriginatorIsDebtor: "The supplier and the debtor must be different businesses.",
  ClaimOverpayment: "This payment is more than the claim still owes.",
  ClaimParticipantNotVerified: "An account involved is not verified by the operator for this role.",
  ClaimPaymentAboveMaximum: "The claims now owe more than the amount shown: reload the page and check before paying.",
  ClaimSignatureExpired: "The signature has expired; ask for a new one.",
  ClaimTenorOutOfRange: (args) =>
    `The time to the due date is outside the market's rules (${days(args[1])} to ${days(args[2])} days).`,
  ClaimTransferAmountMismatch: "The currency moved a different amount than expected; this token is not supported.",
  ClaimTransferNotAllowed: "This claim can only move between verified participants, and not while it is frozen.",
  ClaimUnauthorized: "Your account is not the one allowed to do this for this claim.",
  ClaimWrongState: (args) => `This claim is ${stateWords(args[1])}, which does not allow this action.`,
  ClaimZeroAddress: "An address is missing.",
  ClaimZeroAmount: "The amount must be more than zero.",
  ClaimZeroCommitment: "The invoice reference is missing.",
  ClaimZeroFaceValue: "The face value must be more than zero.",
  // ---------------------------------------------------------------- ERC-721 (claims)
  ERC721IncorrectOwner: "This account does not own the claim.",
  ERC721InsufficientApproval: "You are not allowed to move this claim.",
  ERC721InvalidApprover: "This account cannot give approvals for claims.",
  ERC721InvalidOperator: "This operator address is not valid.",
  ERC721InvalidOwner: "This owner address is not valid.",
  ERC721InvalidReceiver: "The receiving address cannot hold claims.",
  ERC721InvalidSender: "The sending address is not valid.",
  ERC721NonexistentToken: "There is no claim with this number.",
  // ---------------------------------------------------------------- shared OpenZeppelin utilities
  InvalidShortString: "A contract name is not valid.",
  ReentrancyGuardReentrantCall: "The transaction tried to re-enter the contract and was refused.",
  SafeERC20FailedOperation: "The currency transfer failed: check your balance and approval.",
  StringTooLong: "A text value is too long.",
  StringsInsufficientHexLength: "A value could not be displayed.",
  ECDSAInvalidSignature: "The signature is not valid.",
  ECDSAInvalidSignatureLength: "The signature is not valid.",
  ECDSAInvalidSignatureS: "The signature is not valid.",
  AccessControlBadConfirmation: "The confirmation address must be your own.",
  AccessControlUnauthorizedAccount: "Your account does not have the permission this action needs.",
  AccessControlEnforcedDefaultAdminDelay:
    "The admin handover is not due yet, or needs its waiting period: the new admin accepts once the delay has passed.",
  AccessControlEnforcedDefaultAdminRules:
    "The admin role changes hands only in two steps: begin the handover, then accept it.",
  AccessControlInvalidDefaultAdmin: "Only the account named in the pending admin handover can accept it.",
  SafeCastOverflowedUintDowncast: "A number is too large for this setting.",
  EnforcedPause: "The platform is paused by its operator; try again later.",
  ExpectedPause: "The platform is not paused.",
  OwnableInvalidOwner: "This owner address is not valid.",
  OwnableUnauthorizedAccount: "Only the owner can do this.",
  // ---------------------------------------------------------------- GuaranteeEscrow
  EscrowAlreadyGuaranteed: "This claim already has an active guarantee.",
  EscrowAmountAboveLimit: "The cover and the premium can each be at most 2^96 − 1 base units of the currency.",
  EscrowCallWindowClosed: "The time to call this guarantee has ended.",
  EscrowClaimDefaultable: "This claim is already past its grace period; it can no longer be covered.",
  EscrowCurrencyNotAllowed: "This currency is not accepted on the platform.",
  EscrowExpiryNotInFuture: "The offer's expiry must be in the future.",
  EscrowGuarantorHoldsClaim: "The guarantor already holds this claim.",
  EscrowGuarantorIsDebtor: "The debtor cannot guarantee its own debt.",
  EscrowInvalidCover: "The cover must be more than zero and not more than the claim still owes.",
  EscrowInvalidRecipient: "The recipient address is not valid.",
  EscrowNoSubrogation: "There is no recovery share for this claim.",
  EscrowNotGuarantor: "Only the guarantor can do this.",
  EscrowNotHolder: "Only the claim's current holder can do this.",
  EscrowNotReleasable: "This guarantee's collateral cannot be released yet.",
  EscrowNotVerified: "An account involved is not verified by the operator for this role.",
  EscrowNothingToDistribute: "There is nothing to distribute for this claim.",
  EscrowNothingToWithdraw: "You have nothing to withdraw in this currency.",
  EscrowNoFeesDue: "The escrow holds no fees to collect in this currency.",
  EscrowNotTreasury: "Only the market's current treasury account can collect the fees.",
  EscrowOfferExpired: "This guarantee offer has expired.",
  EscrowPartialCover: "The guarantee covers only part of the claim; the guarantor cannot take it over.",
  EscrowPaused: "The platform is paused by its operator; try again later.",
  EscrowSelfGuarantee: "You cannot buy cover from yourself.",
  EscrowTransferAmountMismatch: "The currency moved a different amount than expected; this token is not supported.",
  EscrowUnknownGuarantee: "There is no guarantee with this number.",
  EscrowWrongClaimState: (args) => `The claim is ${stateWords(args[1])}, which does not allow this action.`,
  EscrowWrongStatus: "The guarantee is not in a state that allows this action.",
  PullLedgerTooManyCurrencies: "The guarantee escrow has no room for another currency.",
  // ---------------------------------------------------------------- ClaimMarket
  ClaimMarketAlreadyListed: "This claim is already listed for sale.",
  ClaimMarketBidBelowMinimum: "Your bid is below the seller's minimum.",
  ClaimMarketBidNotLive: "This bid is no longer live (cancelled, expired or replaced).",
  ClaimMarketClaimNotSellable: (args) => `This claim is ${stateWords(args[1])}, so it cannot be sold.`,
  ClaimMarketCurrencyMismatch: "The offer is in a different currency from the claim.",
  ClaimMarketCurrencyNotAllowed: "This currency is not accepted on the platform.",
  ClaimMarketDeadlineNotInFuture: "The deadline must be in the future.",
  ClaimMarketDeadlineTooFar: "The deadline is too far in the future.",
  ClaimMarketExposureExceeded: "This sale would take the factor beyond the exposure limit of its offer.",
  ClaimMarketExposureNotReleasable: "This exposure cannot be released yet.",
  ClaimMarketInvalidOffer: "The offer's terms are not valid.",
  ClaimMarketInvalidRecipient: "The recipient address is not valid.",
  ClaimMarketInvalidSignature: "The offer's signature is not valid.",
  ClaimMarketListingEnded: "This listing has ended.",
  ClaimMarketNoBid: "There is no bid from this account on this claim.",
  ClaimMarketNonceNotRaised: "The new cancellation counter must be higher than the current one.",
  ClaimMarketNotHolder: "Only the claim's current holder can do this.",
  ClaimMarketNotListed: "This claim is not listed for sale.",
  ClaimMarketNotOfferFactor: "Only the factor who posted this offer can change it.",
  ClaimMarketNotVerified: "An account involved is not verified by the operator for this role.",
  ClaimMarketNothingToWithdraw: "You have nothing to withdraw in this currency.",
  ClaimMarketNoFeesDue: "The market holds no fees to collect in this currency.",
  ClaimMarketNotTreasury: "Only the market's current treasury account can collect the fees.",
  ClaimMarketOfferExpired: "This offer has expired.",
  ClaimMarketOfferMismatch: "This offer does not apply to this claim.",
  ClaimMarketOfferNonceUsed: "This offer has already been used or cancelled.",
  ClaimMarketOfferNotActive: "This offer is no longer active.",
  ClaimMarketOffersOnly: "The seller takes offers only: this claim cannot be bought at once.",
  ClaimMarketPriceAboveMaximum: "The price is now higher than the most you agreed to pay.",
  ClaimMarketPriceAboveOutstanding: "The price cannot be more than the claim still owes.",
  ClaimMarketPriceBelowMinimum: "The price is now lower than the least you agreed to accept.",
  ClaimMarketPriceTooLarge: "The price is larger than a listing can hold.",
  ClaimMarketSelfTrade: "You cannot trade with yourself.",
  ClaimMarketStaleListing:
    "The claim changed after this listing was priced (a payment, a dilution or a guarantee); the seller must re-price it before it can be bought.",
  ClaimMarketStaleOffer: "The claim changed after this offer was signed; the offer no longer applies.",
  ClaimMarketTenorNotAccepted: "The claim's time to maturity is longer than this offer accepts.",
  ClaimMarketTransferAmountMismatch:
    "The currency moved a different amount than expected; this token is not supported.",
  ClaimMarketUnknownOffer: "There is no offer with this number.",
  ClaimMarketZeroPrice: "The price must be more than zero.",
  // ---------------------------------------------------------------- ParticipantRegistry
  RegistryAgentNotContract: "Only a contract can be made a trusted agent of the claims.",
  RegistryAgentUnchanged: "That agent already has this setting.",
  RegistryAgentChangeAlreadyPending:
    "A change of this agent is already announced; withdraw it before announcing another.",
  RegistryAgentChangeNotDue: (args) =>
    `This agent change takes effect only after its waiting period: ${days(Number(args[1]) - Number(args[2]))} more day(s).`,
  RegistryAgentChangeNotPending: "No change of this agent is announced.",
  RegistryCurrencyNotContract: "This currency address is not a token contract.",
  RegistryCurrencyUnchanged: "This currency already has this setting.",
  RegistryExpiryNotInFuture: "The verification's expiry must be in the future.",
  RegistryFeeTooHigh: "The sale fee is above the platform's cap.",
  RegistryInvalidTenor: "The minimum tenor must be more than zero and below the maximum.",
  RegistryLengthMismatch: "Each account needs exactly one role and one expiry.",
  RegistryRoleNotHeld: "This account does not hold that role.",
  RegistrySuspensionUnchanged: "This account already has this suspension setting.",
  RegistryUnknownRulesVersion: "There is no such version of the market rules.",
  RegistryZeroAddress: "An address is missing.",
  RegistryZeroTreasury: "The treasury address is missing.",
  RegistryZeroWindow: "The time windows of the market rules must be more than zero.",
  RegistryCoverSpanTooLong: (args) =>
    `The maximum tenor, default grace and guarantee claim window add up to more than ${days(args[3])} days.`,
  // ---------------------------------------------------------------- ClaimRenderer
  RendererEscrowNotContract: "The escrow address is not a contract.",
  RendererMissingAccessRole: "Your account does not have the operator permission this action needs.",
  // ---------------------------------------------------------------- stablecoin (ERC-20, permit, demo faucet)
  ERC20InsufficientAllowance: "The contract is not approved to take this amount from your account.",
  ERC20InsufficientBalance: "Your balance in this currency is too low.",
  ERC20InvalidApprover: "This account cannot give approvals.",
  ERC20InvalidReceiver: "The receiving address is not valid.",
  ERC20InvalidSender: "The sending address is not valid.",
  ERC20InvalidSpender: "The approved address is not valid.",
  ERC2612ExpiredSignature: "The permit signature has expired; sign again.",
  ERC2612InvalidSigner: "The permit was not signed by the account paying.",
  InvalidAccountNonce: "The permit was already used; sign again.",
  MockStablecoinFaucetCapExceeded: "The demo faucet gives at most a fixed amount at a time.",
};
