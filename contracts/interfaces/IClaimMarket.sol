// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Bid, Listing, Permit, SaleKind, SignedOffer, StandingOffer} from "../types/Market.sol";

/// @title IClaimMarket
/// @notice Where SMEs sell claims for cash and factors resell them to banks. Four ways to trade, one settlement:
/// every sale is an atomic swap in the claim's currency — the price is pulled from the buyer, the fee (the
/// registry's sale fee in force at the time of the sale) stays in the market for the treasury to collect, the rest
/// goes to the seller, and the claim goes to the buyer, in one transaction. The first sale of an Accepted claim makes it Financed.
///
/// Every order records the claim nonce it was priced on and fills only at that nonce: a listing (set by {list},
/// re-priced by {updateListing}), an escrowed bid, a signed offer. A standing offer is a rate, not a price: it is
/// priced at the moment of the sale from the claim's state then, with the seller's `minPrice` as its floor. The
/// claim's nonce moves on every transfer, payment, state change (a dispute, an arbiter's dilution) and when a
/// guarantee is activated or released, so none of these can slip under an order priced before it.
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
///  - the seller's net is sent to the seller; the fee stays in the market as surplus above its liabilities, on
///    nobody's ledger, and {withdrawFees} sends the whole surplus ({feesAccrued}) to wherever the registry's current
///    treasury names. Fees belong to whoever is the treasury when they are collected: the operator sets the treasury
///    (row O3 of the operator powers), and a new treasury collects what accrued before it. Tokens sent to the market
///    outside any function (donations) are surplus too and are collected with the fees. A sale never pays the
///    treasury, so a treasury the stablecoin blocks never stops trading (it collects to another address);
///  - a cancelled bid (live, expired or stale) is paid straight to the recipient its bidder names ({cancelBid}),
///    and the part a lowered bid gives back is credited to the bidder's ledger and withdrawn with {withdraw}: each
///    pays one bidder only, so no bidder can block another (one the currency blocks names another recipient);
///  - pausing the registry stops listing, bidding, posting offers and every sale; it never stops delisting,
///    cancelling, withdrawing, collecting fees or releasing exposure.
interface IClaimMarket {
    // ---------------------------------------------------------------- errors

    /// @notice The claim is not in a state that can be sold (Accepted or Financed).
    /// @param claimId The claim.
    /// @param state Its current state, as {ClaimState} numbers it.
    error ClaimMarketClaimNotSellable(uint256 claimId, uint8 state);
    /// @notice The caller is not the claim's holder.
    /// @param claimId The claim.
    /// @param caller The account that called.
    /// @param holder The claim's holder (a listed claim's seller is its holder).
    error ClaimMarketNotHolder(uint256 claimId, address caller, address holder);
    /// @notice The account is not verified for the role the action needs (role as the registry numbers it).
    /// @param account The account checked: the bidder, the buyer or the factor posting an offer.
    /// @param role The role it needs, as {Role} numbers it: always Factor (2).
    error ClaimMarketNotVerified(address account, uint8 role);
    /// @notice The claim is not listed: no listing was stored, or the market no longer holds the claim's lock.
    /// @param claimId The claim.
    error ClaimMarketNotListed(uint256 claimId);
    /// @notice The claim is already listed.
    /// @param claimId The claim.
    error ClaimMarketAlreadyListed(uint256 claimId);
    /// @notice The listing is offers-only: it has no ask price to buy at.
    /// @param claimId The claim.
    error ClaimMarketOffersOnly(uint256 claimId);
    /// @notice The listing's deadline (auction end) has passed.
    /// @param claimId The claim.
    /// @param deadline The listing's last second, in unix seconds.
    /// @param nowTimestamp The block's timestamp.
    error ClaimMarketListingEnded(uint256 claimId, uint64 deadline, uint256 nowTimestamp);
    /// @notice A deadline or expiry is not in the future.
    /// @param deadline The listing deadline, bid expiry or standing offer expiry given, in unix seconds.
    /// @param nowTimestamp The block's timestamp.
    error ClaimMarketDeadlineNotInFuture(uint256 deadline, uint256 nowTimestamp);
    /// @notice The price is zero.
    error ClaimMarketZeroPrice();
    /// @notice The price is above what the claim still owes.
    /// @param claimId The claim.
    /// @param price The ask price, bid or sale price, in base units of the claim's currency.
    /// @param outstanding The claim's face value minus its amount paid.
    error ClaimMarketPriceAboveOutstanding(uint256 claimId, uint256 price, uint256 outstanding);
    /// @notice The price moved above the most the buyer will pay.
    /// @param claimId The claim.
    /// @param price The listing's ask price, in base units of the claim's currency.
    /// @param maximum The buyer's `maxPrice`.
    error ClaimMarketPriceAboveMaximum(uint256 claimId, uint256 price, uint256 maximum);
    /// @notice The price moved below the least the seller will take.
    /// @param claimId The claim.
    /// @param price The bid or the standing offer's quote, in base units of the claim's currency.
    /// @param minimum The seller's `minPrice`.
    error ClaimMarketPriceBelowMinimum(uint256 claimId, uint256 price, uint256 minimum);
    /// @notice The bid is below the claim's minimum bid.
    /// @param claimId The claim.
    /// @param amount The bid, in base units of the claim's currency.
    /// @param minimum The larger of 1 % of the claim's outstanding amount (rounded down, at least 1) and the listing's
    /// `minBid`.
    error ClaimMarketBidBelowMinimum(uint256 claimId, uint256 amount, uint256 minimum);
    /// @notice The bidder has no live bid on the claim.
    /// @param claimId The claim.
    /// @param bidder The bidder named (the caller when cancelling).
    error ClaimMarketNoBid(uint256 claimId, address bidder);
    /// @notice The bid expired, or the claim changed since it was placed (nonce).
    /// @param claimId The claim.
    /// @param bidder The bidder named.
    error ClaimMarketBidNotLive(uint256 claimId, address bidder);
    /// @notice A party may not trade with itself.
    /// @param account The account on both sides of the trade.
    error ClaimMarketSelfTrade(address account);
    /// @notice No standing offer has this id.
    /// @param offerId The id asked for (ids start at 0).
    error ClaimMarketUnknownOffer(uint256 offerId);
    /// @notice The standing offer was cancelled or has expired.
    /// @param offerId The standing offer.
    error ClaimMarketOfferNotActive(uint256 offerId);
    /// @notice The caller is not the factor of the standing offer.
    /// @param offerId The standing offer.
    /// @param caller The account that called.
    error ClaimMarketNotOfferFactor(uint256 offerId, address caller);
    /// @notice The claim does not match the standing offer (debtor or currency).
    /// @param offerId The standing offer.
    /// @param claimId The claim offered to it.
    error ClaimMarketOfferMismatch(uint256 offerId, uint256 claimId);
    /// @notice The claim's remaining tenor is outside what the standing offer accepts.
    /// @param offerId The standing offer.
    /// @param remaining Seconds from now to the claim's due date (0 once due).
    /// @param maxTenor The offer's longest accepted remaining tenor, in seconds.
    error ClaimMarketTenorNotAccepted(uint256 offerId, uint256 remaining, uint32 maxTenor);
    /// @notice Selling to the standing offer would pass its exposure limit.
    /// @param offerId The standing offer.
    /// @param needed The claim's outstanding amount (face value minus amount paid), in base units of its currency.
    /// @param available The offer's exposure limit minus the exposure in use (the claim's own, if it was sold to this
    /// offer before, counted as free).
    error ClaimMarketExposureExceeded(uint256 offerId, uint256 needed, uint256 available);
    /// @notice Nothing to release: the claim's exposure is still in use (held by the factor, not settled) or none.
    /// @param claimId The claim.
    error ClaimMarketExposureNotReleasable(uint256 claimId);
    /// @notice The yield, tenor or limit of a standing offer is zero or out of range.
    error ClaimMarketInvalidOffer();
    /// @notice The signed offer's signature is not the bidder's.
    /// @param bidder The signer the offer names.
    error ClaimMarketInvalidSignature(address bidder);
    /// @notice The signed offer was cancelled, used, or is below the bidder's minimum nonce.
    /// @param bidder The bidder.
    /// @param offerNonce The signed offer's nonce.
    error ClaimMarketOfferNonceUsed(address bidder, uint256 offerNonce);
    /// @notice The signed offer's deadline has passed.
    /// @param deadline The signed offer's deadline, in unix seconds.
    /// @param nowTimestamp The block's timestamp.
    error ClaimMarketOfferExpired(uint256 deadline, uint256 nowTimestamp);
    /// @notice The signed offer was made for another nonce of the claim (it moved, was paid or changed state).
    /// @param claimId The claim.
    /// @param signedNonce The claim nonce the offer was signed for.
    /// @param currentNonce The claim's nonce now.
    error ClaimMarketStaleOffer(uint256 claimId, uint256 signedNonce, uint256 currentNonce);
    /// @notice The listing's ask was priced on another nonce of the claim (it was paid, diluted, moved, or its
    /// guarantee changed since): the seller re-prices it with {updateListing} before anyone can buy.
    /// @param claimId The claim.
    /// @param listedNonce The low 32 bits of the claim nonce the listing was priced on (all a listing stores).
    /// @param currentNonce The claim's nonce now.
    error ClaimMarketStaleListing(uint256 claimId, uint256 listedNonce, uint256 currentNonce);
    /// @notice A listing deadline is past the last second a listing can store (2^32 - 1, in the year 2106).
    /// @param deadline The deadline given, in unix seconds.
    /// @param maximum The largest deadline a listing takes.
    error ClaimMarketDeadlineTooFar(uint256 deadline, uint256 maximum);
    /// @notice A listing's ask price or minimum bid is above what a listing can store (2^96 - 1 base units: about
    /// 79 billion units of an 18-decimal currency, 79 * 10^21 of a 6-decimal one).
    /// @param price The ask price or minimum bid given, in base units of the claim's currency.
    /// @param maximum The largest price a listing takes.
    error ClaimMarketPriceTooLarge(uint256 price, uint256 maximum);
    /// @notice The currency is not on the registry's allowlist.
    /// @param currency The ERC-20 given.
    error ClaimMarketCurrencyNotAllowed(address currency);
    /// @notice The signed offer's currency is not the claim's.
    /// @param offered The currency the signed offer names.
    /// @param claimCurrency The claim's currency.
    error ClaimMarketCurrencyMismatch(address offered, address claimCurrency);
    /// @notice The new minimum offer nonce does not raise the current one.
    /// @param current The bidder's minimum offer nonce now.
    /// @param requested The minimum asked for.
    error ClaimMarketNonceNotRaised(uint256 current, uint256 requested);
    /// @notice The currency delivered a different amount than asked.
    /// @param currency The ERC-20 pulled.
    /// @param expected The amount asked for, in its base units.
    /// @param received What the market's balance actually grew by (0 if it shrank).
    error ClaimMarketTransferAmountMismatch(address currency, uint256 expected, uint256 received);
    /// @notice Nothing is owed to the caller in this currency.
    /// @param account The account that called.
    /// @param currency The ERC-20 asked for.
    error ClaimMarketNothingToWithdraw(address account, address currency);
    /// @notice A recipient is the zero address or the market itself.
    /// @param to The address given.
    error ClaimMarketInvalidRecipient(address to);
    /// @notice Only the registry's current treasury collects fees.
    /// @param caller The account that called.
    /// @param treasury The registry's current treasury.
    error ClaimMarketNotTreasury(address caller, address treasury);
    /// @notice The market holds nothing above its liabilities in this currency: no fees to collect.
    /// @param currency The ERC-20 asked for.
    error ClaimMarketNoFeesDue(address currency);

    // ---------------------------------------------------------------- events

    /// @notice A claim was sold: one event per sale, whatever the way.
    /// @param claimId The claim.
    /// @param seller The holder that sold it, paid `price - fee`.
    /// @param buyer The factor that bought it and now holds it.
    /// @param price What the buyer paid, in base units of the claim's currency.
    /// @param fee The part of `price` kept in the market as a fee, for the treasury to collect.
    /// @param kind How it was sold.
    event ClaimSold(
        uint256 indexed claimId,
        address indexed seller,
        address indexed buyer,
        uint256 price,
        uint256 fee,
        SaleKind kind
    );
    /// @notice The holder listed a claim; the claim is locked until it is sold or delisted.
    /// @param claimId The claim.
    /// @param seller The holder.
    /// @param askPrice The price to buy it at, in base units of the claim's currency; 0 for offers only.
    /// @param minBid The lowest escrowed bid the seller accepts, in the same units.
    /// @param deadline The last second it can be bought or its bids accepted, in unix seconds.
    event Listed(uint256 indexed claimId, address indexed seller, uint256 askPrice, uint256 minBid, uint64 deadline);
    /// @notice The seller changed its listing's terms.
    /// @param claimId The claim.
    /// @param askPrice The new ask price, in base units of the claim's currency; 0 for offers only.
    /// @param minBid The new lowest escrowed bid.
    /// @param deadline The new last second, in unix seconds.
    event ListingUpdated(uint256 indexed claimId, uint256 askPrice, uint256 minBid, uint64 deadline);
    /// @notice A listing ended without a sale: withdrawn by its seller, or cleared as stale by anyone.
    /// @param claimId The claim.
    /// @param seller The listing's seller.
    event Delisted(uint256 indexed claimId, address indexed seller);
    /// @notice `bidder` placed or changed its bid on `claimId` to `amount`, live until `expiry`.
    /// @param claimId The claim.
    /// @param bidder The factor bidding.
    /// @param amount Its whole bid now, in base units of the claim's currency, escrowed in the market.
    /// @param expiry The last second the bid can be accepted, in unix seconds.
    event BidPlaced(uint256 indexed claimId, address indexed bidder, uint256 amount, uint64 expiry);
    /// @notice `bidder` withdrew its bid; its escrowed `amount` was sent to `to`.
    /// @param claimId The claim.
    /// @param bidder The factor that withdrew.
    /// @param to Where the escrow was sent.
    /// @param amount Its escrowed bid, in base units of the claim's currency.
    event BidCancelled(uint256 indexed claimId, address indexed bidder, address to, uint256 amount);
    /// @notice A factor posted a standing rate offer.
    /// @param offerId The new offer's id (ids start at 0).
    /// @param factor The factor that buys, paying from its own allowance.
    /// @param debtor Whose claims it buys.
    /// @param currency The claims' currency.
    /// @param yieldBps The annual simple yield it prices at, in basis points (1 to 10,000).
    /// @param maxTenor The longest remaining time to maturity it accepts, in seconds.
    /// @param exposureLimit The most outstanding face value it holds through the offer at a time, in base units of
    /// `currency`.
    /// @param expiry The last second it can be sold to, in unix seconds.
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
    /// @notice The factor cancelled its standing offer.
    /// @param offerId The offer.
    event StandingOfferCancelled(uint256 indexed offerId);
    /// @notice Exposure of `offerId` was freed for `claimId` (settled, resold or moved on).
    /// @param offerId The standing offer.
    /// @param claimId The claim sold to it.
    /// @param amount The exposure freed, in base units of the claim's currency.
    event ExposureReleased(uint256 indexed offerId, uint256 indexed claimId, uint256 amount);
    /// @notice `bidder` cancelled its signed offer with nonce `offerNonce`.
    /// @param bidder The factor that signed it.
    /// @param offerNonce The offer's nonce.
    event SignedOfferCancelled(address indexed bidder, uint256 offerNonce);
    /// @notice `bidder` cancelled every signed offer with a nonce below `minOfferNonce`.
    /// @param bidder The factor.
    /// @param minOfferNonce Its new minimum nonce.
    event MinOfferNonceRaised(address indexed bidder, uint256 minOfferNonce);
    /// @notice `amount` was credited to `account`'s ledger (a refund).
    /// @param account The bidder credited.
    /// @param currency The ERC-20.
    /// @param amount What was credited, in base units of `currency`.
    event Credited(address indexed account, address indexed currency, uint256 amount);
    /// @notice `account` withdrew its credit in `currency` to `to`.
    /// @param account The account whose credit was paid out.
    /// @param currency The ERC-20 sent.
    /// @param to Where it was sent.
    /// @param amount What was sent, in base units of `currency`.
    event Withdrawn(address indexed account, address indexed currency, address indexed to, uint256 amount);
    /// @notice The treasury collected the market's fees (its surplus above its liabilities) in `currency`.
    /// @param treasury The registry's treasury that collected them.
    /// @param currency The ERC-20 sent.
    /// @param to Where it was sent.
    /// @param amount What was sent, in base units of `currency`.
    event FeesWithdrawn(address indexed treasury, address indexed currency, address indexed to, uint256 amount);

    // ---------------------------------------------------------------- 1. listings

    /// @notice The holder lists a claim: `askPrice` (0 for offers only), `minBid` for escrowed bids, and a
    /// `deadline` that also ends its auction. Locks the claim. The listing records the claim's nonce now: the ask can
    /// be bought only while the claim's nonce is still that one. The listing is one slot: the seller is not stored (it is
    /// the claim's holder, kept in place by the market's lock), the prices are at most 2^96 - 1
    /// (`ClaimMarketPriceTooLarge`), the deadline at most 2^32 - 1 (`ClaimMarketDeadlineTooFar`), and the nonce is kept
    /// as its low 32 bits: an ask could be filled at a claim state it was not priced on only after exactly a multiple
    /// of 2^32 changes of that one claim (each a transaction: a payment, a transfer, a state change).
    /// @param claimId An Accepted or Financed claim held by the caller and not listed (a stored listing whose lock the
    /// market lost is no listing: listing again replaces it).
    /// @param askPrice In base units of the claim's currency, at most its outstanding amount and 2^96 - 1; 0 for offers
    /// only.
    /// @param minBid The lowest escrowed bid, in the same units, at most 2^96 - 1 (the market's floor of 1 % of the
    /// outstanding amount applies when higher).
    /// @param deadline The last second the claim can be bought or its bids accepted, in unix seconds; in the future,
    /// at most 2^32 - 1.
    function list(uint256 claimId, uint128 askPrice, uint128 minBid, uint64 deadline) external;

    /// @notice The seller changes its listing's terms, re-pricing it: the listing records the claim's nonce now, so a
    /// listing that a payment, dilution or guarantee change made stale can be bought again at the new ask.
    /// @param claimId A claim the caller listed, still Accepted or Financed.
    /// @param askPrice The new ask price, as in {list}.
    /// @param minBid The new lowest escrowed bid.
    /// @param deadline The new last second, in unix seconds; in the future, at most 2^32 - 1.
    function updateListing(uint256 claimId, uint128 askPrice, uint128 minBid, uint64 deadline) external;

    /// @notice The seller (the claim's holder) withdraws its listing; unlocks the claim. Never paused. A listing whose
    /// lock the market lost (the operator stopped trusting the market and the holder unlocked the claim) is no listing
    /// any more; anyone may clear what is left of it. A listing priced on an older claim nonce is only its seller's to withdraw or re-price:
    /// anyone can move a claim's nonce (a payment of one base unit does), so letting anyone clear such a listing
    /// would let anyone end every auction.
    /// @param claimId A listed claim.
    function delist(uint256 claimId) external;

    /// @notice Buys a listed claim at its ask price, reverting if that is above `maxPrice` (front-running bound), or
    /// with `ClaimMarketStaleListing` if the claim's nonce moved since the ask was set (a payment, a dilution, a
    /// guarantee activated or released): nothing moves, and the seller re-prices with {updateListing}.
    /// @param claimId A listed claim with an ask price, before its deadline, at the nonce it was listed at.
    /// @param maxPrice The most the caller pays, in base units of the claim's currency.
    function buy(uint256 claimId, uint256 maxPrice) external;

    // ---------------------------------------------------------------- 2. escrowed bids and auctions

    /// @notice A verified factor places, raises or lowers its one bid on a claim to `amount`, live until
    /// `expiry`; the difference is pulled from it (raise) or credited to its refund ledger (lower). The claim
    /// must be sellable; if listed, before the listing's deadline and at least its `minBid`.
    /// @param claimId The claim.
    /// @param amount The whole bid (not an increment), in base units of the claim's currency: at most the claim's
    /// outstanding amount and at least the larger of 1 % of it (at least 1) and the listing's `minBid`.
    /// @param expiry The last second the bid can be accepted, in unix seconds; in the future.
    function bid(uint256 claimId, uint128 amount, uint64 expiry) external;

    /// @notice {bid} with an EIP-2612 permit, tried first and ignored if it fails (someone used it already).
    /// @param claimId The claim.
    /// @param amount The whole bid, as in {bid}.
    /// @param expiry The last second the bid can be accepted, in unix seconds.
    /// @param permit The caller's EIP-2612 permit for the market on the claim's currency.
    function bidWithPermit(uint256 claimId, uint128 amount, uint64 expiry, Permit calldata permit) external;

    /// @notice The bidder withdraws its bid (live or dead): the escrowed amount is sent to `to` at once and leaves the
    /// market's liabilities. Never paused. A currency that refuses the transfer (`to` blocklisted) reverts the call
    /// and leaves the bid in place; it blocks only this bidder's own cancel, which it retries with another `to`.
    /// @param claimId The claim the caller bid on.
    /// @param to Where to send the escrow: not zero, not the market (`ClaimMarketInvalidRecipient`).
    function cancelBid(uint256 claimId, address to) external;

    /// @notice The holder sells to `bidder`'s live bid, reverting if it is below `minPrice`; before or at the
    /// listing's deadline when listed. Gas does not depend on how many other bids the claim has.
    /// @param claimId A claim the caller holds.
    /// @param bidder The factor whose bid to take.
    /// @param minPrice The least the caller takes, in base units of the claim's currency.
    function acceptBid(uint256 claimId, address bidder, uint256 minPrice) external;

    // ---------------------------------------------------------------- 3. standing rate offers

    /// @notice A verified factor offers to buy any claim on `debtor` in `currency` at an annual simple yield of
    /// `yieldBps` (at most 10,000), with at most `maxTenor` seconds to maturity, up to `exposureLimit` of
    /// outstanding face value at a time, until `expiry`. Funds stay with the factor until a sale pulls them.
    /// @param debtor Whose claims to buy: not zero, not the caller.
    /// @param currency An allowlisted ERC-20, the claims' currency.
    /// @param yieldBps The annual simple yield, in basis points: 1 to 10,000.
    /// @param maxTenor The longest remaining time to maturity accepted, in seconds; not 0.
    /// @param exposureLimit The most outstanding face value held through the offer at a time, in base units of
    /// `currency`; not 0.
    /// @param expiry The last second the offer can be sold to, in unix seconds; in the future.
    /// @return offerId The new offer's id (ids start at 0).
    function postStandingOffer(
        address debtor,
        address currency,
        uint32 yieldBps,
        uint32 maxTenor,
        uint128 exposureLimit,
        uint64 expiry
    ) external returns (uint256 offerId);

    /// @notice The factor cancels its standing offer. Never paused.
    /// @param offerId An active offer the caller posted.
    function cancelStandingOffer(uint256 offerId) external;

    /// @notice The holder sells a matching claim to a standing offer at the price {quote} gives now, reverting if
    /// it is below `minPrice`. The price is pulled from the offer's factor.
    /// @param claimId A claim the caller holds, on the offer's debtor and in its currency, not yet due and due within
    /// the offer's `maxTenor`.
    /// @param offerId An active, unexpired standing offer with room for the claim's outstanding amount.
    /// @param minPrice The least the caller takes, in base units of the claim's currency.
    function sellToOffer(uint256 claimId, uint256 offerId, uint256 minPrice) external;

    /// @notice {sellToOffer} carrying an EIP-2612 permit the offer's factor signed for the market (the dApp hands it
    /// out with the offer): tried first and ignored if it fails (someone used it already), so funds come from the
    /// factor's allowance or its permit. Only the factor's own signature can set that allowance.
    /// @param claimId The claim, as in {sellToOffer}.
    /// @param offerId The standing offer.
    /// @param minPrice The least the caller takes, in base units of the claim's currency.
    /// @param factorPermit The offer factor's EIP-2612 permit for the market on the offer's currency.
    function sellToOfferWithPermit(
        uint256 claimId,
        uint256 offerId,
        uint256 minPrice,
        Permit calldata factorPermit
    ) external;

    /// @notice Frees the exposure a claim takes on its standing offer once the claim is settled, voided, or no
    /// longer held by the offer's factor. Anyone may call it. Never paused.
    /// @param claimId A claim sold to a standing offer whose exposure is still counted.
    function releaseExposure(uint256 claimId) external;

    /// @notice What `offerId` would pay for `claimId` now:
    /// `price = outstanding * (10_000 * 365 days) / (10_000 * 365 days + yieldBps * remainingSeconds)`, rounded
    /// down. Reverts with the same errors as {sellToOffer} when the claim does not qualify.
    /// @param claimId An Accepted or Financed claim.
    /// @param offerId The standing offer.
    /// @return price In base units of the claim's currency.
    function quote(uint256 claimId, uint256 offerId) external view returns (uint256 price);

    // ---------------------------------------------------------------- 4. private signed offers

    /// @notice The holder fills a factor's EIP-712 signed offer (EOA or ERC-1271). The price is pulled from the
    /// signer, who becomes the buyer.
    /// @param offer The offer as signed: for a claim the caller holds, at its current nonce and in its currency, before
    /// its deadline, with a nonce the bidder has not used, cancelled or put below its minimum.
    /// @param signature The bidder's signature over {offerDigest}: ECDSA for an account with no code, or whatever its
    /// ERC-1271 `isValidSignature` accepts.
    function acceptSignedOffer(SignedOffer calldata offer, bytes calldata signature) external;

    /// @notice {acceptSignedOffer} carrying the bidder's EIP-2612 permit, tried first and ignored if it fails.
    /// @param offer The offer as signed, as in {acceptSignedOffer}.
    /// @param signature The bidder's signature over {offerDigest}.
    /// @param permit The bidder's EIP-2612 permit for the market on the offer's currency.
    function acceptSignedOfferWithPermit(
        SignedOffer calldata offer,
        bytes calldata signature,
        Permit calldata permit
    ) external;

    /// @notice The bidder cancels one of its signed offers by nonce.
    /// @param offerNonce A nonce the caller has not used or cancelled, at least its minimum.
    function cancelSignedOffer(uint256 offerNonce) external;

    /// @notice The bidder cancels every signed offer with a nonce below `minOfferNonce`.
    /// @param minOfferNonce The new minimum; above the current one.
    function raiseMinOfferNonce(uint256 minOfferNonce) external;

    // ---------------------------------------------------------------- money

    /// @notice Withdraws everything credited to the caller in `currency` (refunds) to `to`. Never paused.
    /// @param currency The ERC-20 to withdraw.
    /// @param to Where to send it: not zero, not the market.
    /// @return amount What was sent, in base units of `currency`.
    function withdraw(address currency, address to) external returns (uint256 amount);

    /// @notice The registry's current treasury collects the fees: sends everything the market holds in `currency`
    /// above its liabilities ({feesAccrued}: sale fees and donations) to `to`. Liabilities (escrowed bids, credits)
    /// are untouched. Never paused. Reverts with `ClaimMarketNotTreasury` for any other caller,
    /// `ClaimMarketInvalidRecipient` for a zero or market recipient and `ClaimMarketNoFeesDue` when nothing is due.
    /// @param currency The ERC-20 to collect.
    /// @param to Where to send it: not zero, not the market.
    /// @return amount What was sent, in base units of `currency`.
    function withdrawFees(address currency, address to) external returns (uint256 amount);

    // ---------------------------------------------------------------- views

    /// @notice The listing of a claim: its seller is the claim's holder; every field is zero if the claim is not
    /// listed (no listing stored, or the market no longer holds the claim's lock). `claimNonce` is the claim's nonce
    /// when the ask is priced on the claim as it is, and the stored low 32 bits of the nonce it was priced on when not.
    /// @param claimId The claim.
    function listing(uint256 claimId) external view returns (Listing memory);

    /// @notice `bidder`'s bid on `claimId` (amount zero if none) and whether it can be accepted now.
    /// @param claimId The claim.
    /// @param bidder The bidder.
    function bidOf(uint256 claimId, address bidder) external view returns (Bid memory, bool live);

    /// @notice A standing offer.
    /// @param offerId The offer (ids start at 0).
    function standingOffer(uint256 offerId) external view returns (StandingOffer memory);

    /// @notice Ids of the standing offers ever posted on `debtor`, paginated. Worst-case gas: 30,000 + 2,600 per id
    /// returned, whatever the offers past the page or on other debtors. With 1,000 participants each posting an offer
    /// on one debtor: about 2.6 million gas for all 1,000 in one page.
    /// @param debtor The debtor.
    /// @param offset Index of the first id to return.
    /// @param limit The most ids to return.
    function standingOffersOf(
        address debtor,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 total);

    /// @notice Whether a bidder's signed-offer nonce is used or cancelled (one by one, or below its minimum).
    /// @param bidder The bidder.
    /// @param offerNonce The nonce.
    function offerNonceUsed(address bidder, uint256 offerNonce) external view returns (bool);
    /// @notice The bidder's minimum signed-offer nonce: every offer below it is cancelled.
    /// @param bidder The bidder.
    function minOfferNonce(address bidder) external view returns (uint256);

    /// @notice The EIP-712 digest of a signed offer, as the bidder signs it.
    /// @param offer The offer.
    function offerDigest(SignedOffer calldata offer) external view returns (bytes32);

    /// @notice What the market owes `account` in `currency` (refunds).
    /// @param account The account.
    /// @param currency The ERC-20.
    function credited(address account, address currency) external view returns (uint256);
    /// @notice What the market owes in `currency` in total: escrowed bids plus everything credited and not withdrawn.
    /// @param currency The ERC-20.
    function totalLiabilities(address currency) external view returns (uint256);
    /// @notice The fees the treasury can collect in `currency` now: the market's balance minus {totalLiabilities}
    /// (sale fees kept since the last collection, plus donations).
    /// @param currency The ERC-20.
    function feesAccrued(address currency) external view returns (uint256);

    /// @notice The sale fee now: (fee, net) for `price` under the registry's current rules.
    /// @param price A sale price, in base units of the claim's currency.
    function feeFor(uint256 price) external view returns (uint256 fee, uint256 net);
}
