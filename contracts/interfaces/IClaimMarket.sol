// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Bid, Listing, Permit, SaleKind, SignedOffer, StandingOffer} from "../types/Market.sol";

/// @title IClaimMarket
/// @notice Where SMEs sell claims for cash and factors resell them to banks. Four ways to trade, one settlement:
/// every sale is an atomic swap in the claim's currency — the price is pulled from the buyer, the fee (the
/// registry's sale fee in force at the time of the sale) is credited to the treasury, the rest goes to the seller,
/// and the claim goes to the buyer, in one transaction. The first sale of an Accepted claim makes it Financed.
/// @dev Rules common to every sale:
///  - the claim is Accepted or Financed, not Disputed, and the price is positive and at most its outstanding
///    amount (`ClaimMarketPriceAboveOutstanding`);
///  - seller and buyer are different accounts verified in the registry (the buyer as a factor); the transfer
///    rules of the claim contract apply (`canTransfer`);
///  - the market is an agent of the claim contract: it locks listed claims and moves sold ones, so no holder ever
///    approves it for its claims;
///  - money is pulled only from the buyer named by the sale (msg.sender, the bid's escrow, the standing offer's
///    factor, or the signed offer's signer), never from anyone else whatever the arguments;
///  - exact amounts: a currency that delivers less than asked (fee-on-transfer) makes the sale revert;
///  - `fee + net == price` exactly; the fee is rounded down (`price * feeBps / 10_000`);
///  - the seller's net is sent to the seller; the fee is credited to the treasury, which withdraws it (a treasury
///    the stablecoin blocks never stops trading);
///  - refunds (outbid, cancelled, expired or stale bids, lowered bids) are credited to the bidder's ledger and
///    withdrawn with {withdraw}, so no bidder can block another;
///  - pausing the registry stops listing, bidding, posting offers and every sale; it never stops delisting,
///    cancelling, withdrawing or releasing exposure.
interface IClaimMarket {
    // ---------------------------------------------------------------- errors

    /// @notice The claim is not in a state that can be sold (Accepted or Financed).
    error ClaimMarketClaimNotSellable(uint256 claimId, uint8 state);
    /// @notice The caller is not the claim's holder.
    error ClaimMarketNotHolder(uint256 claimId, address caller, address holder);
    /// @notice The account is not verified for the role the action needs (role as the registry numbers it).
    error ClaimMarketNotVerified(address account, uint8 role);
    /// @notice New business is paused in the registry.
    error ClaimMarketPaused();
    /// @notice The claim is not listed.
    error ClaimMarketNotListed(uint256 claimId);
    /// @notice The claim is already listed.
    error ClaimMarketAlreadyListed(uint256 claimId);
    /// @notice The listing is offers-only: it has no ask price to buy at.
    error ClaimMarketOffersOnly(uint256 claimId);
    /// @notice The listing's deadline (auction end) has passed.
    error ClaimMarketListingEnded(uint256 claimId, uint64 deadline, uint256 nowTimestamp);
    /// @notice A deadline or expiry is not in the future.
    error ClaimMarketDeadlineNotInFuture(uint256 deadline, uint256 nowTimestamp);
    /// @notice The price is zero.
    error ClaimMarketZeroPrice();
    /// @notice The price is above what the claim still owes.
    error ClaimMarketPriceAboveOutstanding(uint256 claimId, uint256 price, uint256 outstanding);
    /// @notice The price moved above the most the buyer will pay.
    error ClaimMarketPriceAboveMaximum(uint256 claimId, uint256 price, uint256 maximum);
    /// @notice The price moved below the least the seller will take.
    error ClaimMarketPriceBelowMinimum(uint256 claimId, uint256 price, uint256 minimum);
    /// @notice The bid is below the claim's minimum bid.
    error ClaimMarketBidBelowMinimum(uint256 claimId, uint256 amount, uint256 minimum);
    /// @notice The bidder has no live bid on the claim.
    error ClaimMarketNoBid(uint256 claimId, address bidder);
    /// @notice The bid expired, or the claim changed since it was placed (nonce).
    error ClaimMarketBidNotLive(uint256 claimId, address bidder);
    /// @notice A party may not trade with itself.
    error ClaimMarketSelfTrade(address account);
    /// @notice No standing offer has this id.
    error ClaimMarketUnknownOffer(uint256 offerId);
    /// @notice The standing offer was cancelled or has expired.
    error ClaimMarketOfferNotActive(uint256 offerId);
    /// @notice The caller is not the factor of the standing offer.
    error ClaimMarketNotOfferFactor(uint256 offerId, address caller);
    /// @notice The claim does not match the standing offer (debtor or currency).
    error ClaimMarketOfferMismatch(uint256 offerId, uint256 claimId);
    /// @notice The claim's remaining tenor is outside what the standing offer accepts.
    error ClaimMarketTenorNotAccepted(uint256 offerId, uint256 remaining, uint32 maxTenor);
    /// @notice Selling to the standing offer would pass its exposure limit.
    error ClaimMarketExposureExceeded(uint256 offerId, uint256 needed, uint256 available);
    /// @notice Nothing to release: the claim's exposure is still in use (held by the factor, not settled) or none.
    error ClaimMarketExposureNotReleasable(uint256 claimId);
    /// @notice The yield, tenor or limit of a standing offer is zero or out of range.
    error ClaimMarketInvalidOffer();
    /// @notice The signed offer's signature is not the bidder's.
    error ClaimMarketInvalidSignature(address bidder);
    /// @notice The signed offer was cancelled, used, or is below the bidder's minimum nonce.
    error ClaimMarketOfferNonceUsed(address bidder, uint256 offerNonce);
    /// @notice The signed offer's deadline has passed.
    error ClaimMarketOfferExpired(uint256 deadline, uint256 nowTimestamp);
    /// @notice The signed offer was made for another nonce of the claim (it moved, was paid or changed state).
    error ClaimMarketStaleOffer(uint256 claimId, uint256 signedNonce, uint256 currentNonce);
    /// @notice The currency is not on the registry's allowlist.
    error ClaimMarketCurrencyNotAllowed(address currency);
    /// @notice The signed offer's currency is not the claim's.
    error ClaimMarketCurrencyMismatch(address offered, address claimCurrency);
    /// @notice The new minimum offer nonce does not raise the current one.
    error ClaimMarketNonceNotRaised(uint256 current, uint256 requested);
    /// @notice The currency delivered a different amount than asked.
    error ClaimMarketTransferAmountMismatch(address currency, uint256 expected, uint256 received);
    /// @notice Nothing is owed to the caller in this currency.
    error ClaimMarketNothingToWithdraw(address account, address currency);
    /// @notice A recipient is the zero address or the market itself.
    error ClaimMarketInvalidRecipient(address to);

    // ---------------------------------------------------------------- events

    /// @notice A claim was sold: one event per sale, whatever the way.
    event ClaimSold(
        uint256 indexed claimId,
        address indexed seller,
        address indexed buyer,
        uint256 price,
        uint256 fee,
        SaleKind kind
    );
    event Listed(uint256 indexed claimId, address indexed seller, uint256 askPrice, uint256 minBid, uint64 deadline);
    event ListingUpdated(uint256 indexed claimId, uint256 askPrice, uint256 minBid, uint64 deadline);
    event Delisted(uint256 indexed claimId, address indexed seller);
    /// @notice `bidder` placed or changed its bid on `claimId` to `amount`, live until `expiry`.
    event BidPlaced(uint256 indexed claimId, address indexed bidder, uint256 amount, uint64 expiry);
    /// @notice `bidder` withdrew its bid; `amount` was credited to its refund ledger.
    event BidCancelled(uint256 indexed claimId, address indexed bidder, uint256 amount);
    event StandingOfferPosted(
        uint256 indexed offerId,
        address indexed factor,
        address indexed debtor,
        address currency,
        uint32 yieldBps,
        uint32 maxTenor,
        uint128 exposureLimit,
        uint64 expiry
    );
    event StandingOfferCancelled(uint256 indexed offerId);
    /// @notice Exposure of `offerId` was freed for `claimId` (settled, resold or moved on).
    event ExposureReleased(uint256 indexed offerId, uint256 indexed claimId, uint256 amount);
    event SignedOfferCancelled(address indexed bidder, uint256 offerNonce);
    event MinOfferNonceRaised(address indexed bidder, uint256 minOfferNonce);
    /// @notice `amount` was credited to `account`'s ledger (fee, refund).
    event Credited(address indexed account, address indexed currency, uint256 amount);
    event Withdrawn(address indexed account, address indexed currency, address indexed to, uint256 amount);

    // ---------------------------------------------------------------- 1. listings

    /// @notice The holder lists a claim: `askPrice` (0 for offers only), `minBid` for escrowed bids, and a
    /// `deadline` that also ends its auction. Locks the claim.
    function list(uint256 claimId, uint128 askPrice, uint128 minBid, uint64 deadline) external;

    /// @notice The seller changes its listing's terms.
    function updateListing(uint256 claimId, uint128 askPrice, uint128 minBid, uint64 deadline) external;

    /// @notice The seller withdraws its listing; unlocks the claim. Never paused. If the listed claim was moved
    /// by another agent or the holder changed, anyone may clear the stale listing.
    function delist(uint256 claimId) external;

    /// @notice Buys a listed claim at its ask price, reverting if that is above `maxPrice` (front-running bound).
    function buy(uint256 claimId, uint256 maxPrice) external;

    // ---------------------------------------------------------------- 2. escrowed bids and auctions

    /// @notice A verified factor places, raises or lowers its one bid on a claim to `amount`, live until
    /// `expiry`; the difference is pulled from it (raise) or credited to its refund ledger (lower). The claim
    /// must be sellable; if listed, before the listing's deadline and at least its `minBid`.
    function bid(uint256 claimId, uint128 amount, uint64 expiry) external;

    /// @notice {bid} with an EIP-2612 permit, tried first and ignored if it fails (someone used it already).
    function bidWithPermit(uint256 claimId, uint128 amount, uint64 expiry, Permit calldata permit) external;

    /// @notice The bidder withdraws its bid (live or dead) into its refund ledger. Never paused.
    function cancelBid(uint256 claimId) external;

    /// @notice The holder sells to `bidder`'s live bid, reverting if it is below `minPrice`; before or at the
    /// listing's deadline when listed. Gas does not depend on how many other bids the claim has.
    function acceptBid(uint256 claimId, address bidder, uint256 minPrice) external;

    // ---------------------------------------------------------------- 3. standing rate offers

    /// @notice A verified factor offers to buy any claim on `debtor` in `currency` at an annual simple yield of
    /// `yieldBps` (at most 10,000), with at most `maxTenor` seconds to maturity, up to `exposureLimit` of
    /// outstanding face value at a time, until `expiry`. Funds stay with the factor until a sale pulls them.
    function postStandingOffer(
        address debtor,
        address currency,
        uint32 yieldBps,
        uint32 maxTenor,
        uint128 exposureLimit,
        uint64 expiry
    ) external returns (uint256 offerId);

    /// @notice The factor cancels its standing offer. Never paused.
    function cancelStandingOffer(uint256 offerId) external;

    /// @notice The holder sells a matching claim to a standing offer at the price {quote} gives now, reverting if
    /// it is below `minPrice`. The price is pulled from the offer's factor.
    function sellToOffer(uint256 claimId, uint256 offerId, uint256 minPrice) external;

    /// @notice {sellToOffer} carrying an EIP-2612 permit the offer's factor signed for the market (the dApp hands it
    /// out with the offer): tried first and ignored if it fails (someone used it already), so funds come from the
    /// factor's allowance or its permit. Only the factor's own signature can set that allowance.
    function sellToOfferWithPermit(
        uint256 claimId,
        uint256 offerId,
        uint256 minPrice,
        Permit calldata factorPermit
    ) external;

    /// @notice Frees the exposure a claim takes on its standing offer once the claim is settled, voided, or no
    /// longer held by the offer's factor. Anyone may call it. Never paused.
    function releaseExposure(uint256 claimId) external;

    /// @notice What `offerId` would pay for `claimId` now:
    /// `price = outstanding * (10_000 * 365 days) / (10_000 * 365 days + yieldBps * remainingSeconds)`, rounded
    /// down. Reverts with the same errors as {sellToOffer} when the claim does not qualify.
    function quote(uint256 claimId, uint256 offerId) external view returns (uint256 price);

    // ---------------------------------------------------------------- 4. private signed offers

    /// @notice The holder fills a factor's EIP-712 signed offer (EOA or ERC-1271). The price is pulled from the
    /// signer, who becomes the buyer.
    function acceptSignedOffer(SignedOffer calldata offer, bytes calldata signature) external;

    /// @notice {acceptSignedOffer} carrying the bidder's EIP-2612 permit, tried first and ignored if it fails.
    function acceptSignedOfferWithPermit(
        SignedOffer calldata offer,
        bytes calldata signature,
        Permit calldata permit
    ) external;

    /// @notice The bidder cancels one of its signed offers by nonce.
    function cancelSignedOffer(uint256 offerNonce) external;

    /// @notice The bidder cancels every signed offer with a nonce below `minOfferNonce`.
    function raiseMinOfferNonce(uint256 minOfferNonce) external;

    // ---------------------------------------------------------------- money

    /// @notice Withdraws everything credited to the caller in `currency` (refunds, fees) to `to`. Never paused.
    function withdraw(address currency, address to) external returns (uint256 amount);

    // ---------------------------------------------------------------- views

    /// @notice The listing of a claim (seller zero if not listed).
    function listing(uint256 claimId) external view returns (Listing memory);

    /// @notice Claim ids listed now, oldest first, paginated; `debtor` and `currency` filter when not zero.
    function listings(
        address debtor,
        address currency,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 total);

    /// @notice `bidder`'s bid on `claimId` (amount zero if none) and whether it can be accepted now.
    function bidOf(uint256 claimId, address bidder) external view returns (Bid memory, bool live);

    /// @notice Bidders with a bid on `claimId`, paginated (bids withdrawn are removed).
    function bidders(
        uint256 claimId,
        uint256 offset,
        uint256 limit
    ) external view returns (address[] memory list, uint256 total);

    /// @notice A standing offer.
    function standingOffer(uint256 offerId) external view returns (StandingOffer memory);

    /// @notice Ids of the standing offers ever posted on `debtor`, paginated.
    function standingOffersOf(
        address debtor,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 total);

    /// @notice Whether a bidder's signed-offer nonce is used or cancelled, and its minimum nonce.
    function offerNonceUsed(address bidder, uint256 offerNonce) external view returns (bool);
    function minOfferNonce(address bidder) external view returns (uint256);

    /// @notice The EIP-712 digest of a signed offer, as the bidder signs it.
    function offerDigest(SignedOffer calldata offer) external view returns (bytes32);

    /// @notice What the market owes `account` in `currency` (refunds, fees), and in total (escrowed bids included).
    function credited(address account, address currency) external view returns (uint256);
    function totalLiabilities(address currency) external view returns (uint256);

    /// @notice The sale fee now: (fee, net) for `price` under the registry's current rules.
    function feeFor(uint256 price) external view returns (uint256 fee, uint256 net);
}
