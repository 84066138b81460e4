// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IClaimMarket} from "./interfaces/IClaimMarket.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {IReceivableClaim} from "./interfaces/IReceivableClaim.sol";
import {Paging} from "./libraries/Paging.sol";
import {PullLedger} from "./libraries/PullLedger.sol";
import {MarketTypedData} from "./libraries/MarketTypedData.sol";
import {Pricing} from "./libraries/Pricing.sol";
import {ClaimCore, ClaimSale, ClaimState} from "./types/Claim.sol";
import {Bid, Listing, Permit, SaleKind, SignedOffer, StandingOffer} from "./types/Market.sol";
import {Role} from "./types/Roles.sol";

/// @title ClaimMarket
/// @notice Discount sale and resale of receivable claims: listings, escrowed bids with auctions, standing rate
/// offers and private signed offers, all settled by one atomic swap.
/// @dev Interface-first: every external function is specified in {IClaimMarket}.
contract ClaimMarket is IClaimMarket, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using PullLedger for PullLedger.Book;

    IReceivableClaim private immutable _claims;
    IParticipantRegistry private immutable _registry;

    /// @dev A listing in one slot. The seller is not stored: it is the claim's holder, whom the market's lock keeps in
    /// place (a locked claim moves only by its locker, and the market moves it only by selling it). A listing exists
    /// iff its slot is non-zero (the deadline is always in the future when set) AND the market holds the claim's lock;
    /// a slot left behind after the market lost the lock is no listing, and {list} overwrites it. Bounds: prices up to
    /// 2^96 - 1 base units, deadlines up to 2^32 - 1 (the year 2106), checked by {list} and {updateListing}; the claim
    /// nonce is kept as its low 32 bits, so an ask could be filled at a claim state it was not priced on only after
    /// exactly a multiple of 2^32 changes of that one claim.
    struct StoredListing {
        uint96 askPrice; // currency base units; 0 = offers only
        uint96 minBid; // currency base units
        uint32 deadline; // unix seconds; never 0 in a stored listing
        uint32 claimNonce; // low 32 bits of the claim nonce the ask was priced on
    }

    /// @dev What a sale step learns from one call to the registry ({IParticipantRegistry-tradeCheck}) and one to the
    /// claim contract ({IReceivableClaim-claimForSale}): the claim's holder (the seller of every sale) and its locker
    /// (the market when the claim is listed) are in `c`.
    struct Trade {
        ClaimSale c;
        bool buyerVerified; // the buyer is a verified factor
        uint16 saleFeeBps; // the sale fee in force
    }

    mapping(uint256 claimId => StoredListing listing) private _listings;

    mapping(uint256 claimId => mapping(address bidder => Bid bid)) private _bids;

    StandingOffer[] private _offers;
    mapping(address debtor => uint256[] offerIds) private _offersByDebtor;
    /// @dev Exposure a claim takes on the standing offer it was sold to, in one slot: the offer id + 1 (0 = none; an
    /// index into `_offers`, far below 2^128) and the amount (outstanding face value, a uint128 of the claim).
    struct Exposure {
        uint128 offerIdPlusOne;
        uint128 amount;
    }

    mapping(uint256 claimId => Exposure exposure) private _exposures;

    /// @dev Used and cancelled signed-offer nonces, 256 to a slot (word = nonce >> 8, bit = nonce & 255), so that using
    /// or cancelling a nonce next to one already spent updates a slot instead of creating one.
    mapping(address bidder => mapping(uint256 word => uint256 bits)) private _offerNonceBits;
    mapping(address bidder => uint256 minimum) private _minOfferNonce;

    PullLedger.Book private _ledger;

    constructor(address claims_) EIP712("OpenFactor ClaimMarket", "1") {
        if (claims_ == address(0)) revert ClaimMarketInvalidRecipient(claims_);
        _claims = IReceivableClaim(claims_);
        _registry = IParticipantRegistry(IReceivableClaim(claims_).registry());
    }

    // ================================================================ 1. listings

    /// @inheritdoc IClaimMarket
    function list(uint256 claimId, uint128 askPrice, uint128 minBid, uint64 deadline) external nonReentrant {
        _requireNotPaused();
        ClaimSale memory c = _claims.claimForSale(claimId);
        _requireSellable(claimId, c.state);
        if (msg.sender != c.holder) revert ClaimMarketNotHolder(claimId, msg.sender, c.holder);
        // The market locks a claim only when listing it: its lock is the listing.
        if (c.locker == address(this)) revert ClaimMarketAlreadyListed(claimId);
        _listings[claimId] = _listingTerms(claimId, c, askPrice, minBid, deadline);
        _claims.lock(claimId);
        emit Listed(claimId, msg.sender, askPrice, minBid, deadline);
    }

    /// @inheritdoc IClaimMarket
    function updateListing(uint256 claimId, uint128 askPrice, uint128 minBid, uint64 deadline) external {
        _requireNotPaused();
        if (_listings[claimId].deadline == 0) revert ClaimMarketNotListed(claimId);
        ClaimSale memory c = _claims.claimForSale(claimId);
        if (c.locker != address(this)) revert ClaimMarketNotListed(claimId);
        if (msg.sender != c.holder) revert ClaimMarketNotHolder(claimId, msg.sender, c.holder);
        _requireSellable(claimId, c.state);
        // Re-pricing: the new ask is priced on the claim as it is now.
        _listings[claimId] = _listingTerms(claimId, c, askPrice, minBid, deadline);
        emit ListingUpdated(claimId, askPrice, minBid, deadline);
    }

    /// @inheritdoc IClaimMarket
    function delist(uint256 claimId) external nonReentrant {
        if (_listings[claimId].deadline == 0) revert ClaimMarketNotListed(claimId);
        address holder = _claims.ownerOf(claimId);
        // Only a listing the market lost the lock of is anyone's to clear. A listing priced on an older nonce is
        // not: anyone can move the nonce (a payment of one base unit does), so it stays the seller's to re-price.
        bool live = _claims.lockedBy(claimId) == address(this);
        if (live && msg.sender != holder) revert ClaimMarketNotHolder(claimId, msg.sender, holder);
        delete _listings[claimId];
        if (live) _claims.unlock(claimId);
        emit Delisted(claimId, holder);
    }

    /// @inheritdoc IClaimMarket
    function buy(uint256 claimId, uint256 maxPrice) external nonReentrant {
        StoredListing memory entry = _listings[claimId];
        Trade memory t = _openTrade(msg.sender);
        if (entry.deadline == 0) revert ClaimMarketNotListed(claimId);
        t.c = _claims.claimForSale(claimId);
        // A listing whose lock the market lost is no listing: its claim may have moved since.
        if (t.c.locker != address(this)) revert ClaimMarketNotListed(claimId);
        if (entry.askPrice == 0) revert ClaimMarketOffersOnly(claimId);
        if (block.timestamp > entry.deadline) revert ClaimMarketListingEnded(claimId, entry.deadline, block.timestamp);
        _requireSellable(claimId, t.c.state);
        // The ask was priced on the claim at the listing's nonce: a payment, dilution, transfer or guarantee change
        // since then voids it until the seller re-prices (updateListing).
        if (entry.claimNonce != uint32(t.c.nonce)) {
            revert ClaimMarketStaleListing(claimId, entry.claimNonce, t.c.nonce);
        }
        if (entry.askPrice > maxPrice) revert ClaimMarketPriceAboveMaximum(claimId, entry.askPrice, maxPrice);
        _pullExact(t.c.currency, msg.sender, entry.askPrice);
        _settle(claimId, t, msg.sender, entry.askPrice, SaleKind.Listing);
    }

    // ================================================================ 2. escrowed bids

    /// @inheritdoc IClaimMarket
    function bid(uint256 claimId, uint128 amount, uint64 expiry) external nonReentrant {
        _bid(claimId, amount, expiry);
    }

    /// @inheritdoc IClaimMarket
    function bidWithPermit(
        uint256 claimId,
        uint128 amount,
        uint64 expiry,
        Permit calldata permit
    ) external nonReentrant {
        _tryPermit(_claims.claimForSale(claimId).currency, msg.sender, permit);
        _bid(claimId, amount, expiry);
    }

    /// @inheritdoc IClaimMarket
    function cancelBid(uint256 claimId, address to) external nonReentrant {
        _requireRecipient(to);
        Bid memory b = _bids[claimId][msg.sender];
        uint256 amount = b.amount;
        if (amount == 0) revert ClaimMarketNoBid(claimId, msg.sender);
        // The bid keeps its claim's currency id: one read of the claim contract's currency table.
        address currency = _claims.currencyAt(b.currencyId);
        delete _bids[claimId][msg.sender];
        // The escrow leaves the liabilities and the market: paid straight to `to`, credited to no ledger.
        _ledger.removeLiability(currency, amount);
        emit BidCancelled(claimId, msg.sender, to, amount);
        IERC20(currency).safeTransfer(to, amount);
    }

    /// @inheritdoc IClaimMarket
    function acceptBid(uint256 claimId, address bidder, uint256 minPrice) external nonReentrant {
        Trade memory t = _openTrade(bidder);
        Bid memory b = _bids[claimId][bidder];
        if (b.amount == 0) revert ClaimMarketNoBid(claimId, bidder);
        t.c = _claims.claimForSale(claimId);
        _requireSellable(claimId, t.c.state);
        if (!_bidLive(b, t.c.nonce)) revert ClaimMarketBidNotLive(claimId, bidder);
        if (b.amount < minPrice) revert ClaimMarketPriceBelowMinimum(claimId, b.amount, minPrice);
        if (msg.sender != t.c.holder) revert ClaimMarketNotHolder(claimId, msg.sender, t.c.holder);
        if (t.c.locker == address(this)) _requireAuctionOpen(claimId, _listings[claimId].deadline);
        delete _bids[claimId][bidder];
        // The escrowed amount leaves the liabilities here; _settle pays it out.
        _ledger.removeLiability(t.c.currency, b.amount);
        _settle(claimId, t, bidder, b.amount, SaleKind.Bid);
    }

    // ================================================================ 3. standing rate offers

    /// @inheritdoc IClaimMarket
    function postStandingOffer(
        address debtor,
        address currency,
        uint32 yieldBps,
        uint32 maxTenor,
        uint128 exposureLimit,
        uint64 expiry
    ) external returns (uint256 offerId) {
        _requireVerifiedFactor();
        if (yieldBps == 0 || yieldBps > Pricing.BPS || maxTenor == 0 || exposureLimit == 0) {
            revert ClaimMarketInvalidOffer();
        }
        if (debtor == address(0) || debtor == msg.sender) revert ClaimMarketInvalidOffer();
        if (!_registry.isCurrencyAllowed(currency)) revert ClaimMarketCurrencyNotAllowed(currency);
        if (expiry <= block.timestamp) revert ClaimMarketDeadlineNotInFuture(expiry, block.timestamp);
        offerId = _offers.length;
        _offers.push(
            StandingOffer({
                factor: msg.sender,
                expiry: expiry,
                maxTenor: maxTenor,
                debtor: debtor,
                yieldBps: yieldBps,
                active: true,
                currency: currency,
                exposureLimit: exposureLimit,
                exposureUsed: 0
            })
        );
        _offersByDebtor[debtor].push(offerId);
        emit StandingOfferPosted(offerId, msg.sender, debtor, currency, yieldBps, maxTenor, exposureLimit, expiry);
    }

    /// @inheritdoc IClaimMarket
    function cancelStandingOffer(uint256 offerId) external {
        StandingOffer storage o = _offerOf(offerId);
        if (o.factor != msg.sender) revert ClaimMarketNotOfferFactor(offerId, msg.sender);
        if (!o.active) revert ClaimMarketOfferNotActive(offerId);
        o.active = false;
        emit StandingOfferCancelled(offerId);
    }

    /// @inheritdoc IClaimMarket
    function sellToOffer(uint256 claimId, uint256 offerId, uint256 minPrice) external nonReentrant {
        _sellToOffer(claimId, offerId, minPrice);
    }

    /// @inheritdoc IClaimMarket
    function sellToOfferWithPermit(
        uint256 claimId,
        uint256 offerId,
        uint256 minPrice,
        Permit calldata factorPermit
    ) external nonReentrant {
        StandingOffer storage o = _offerOf(offerId);
        _tryPermit(o.currency, o.factor, factorPermit);
        _sellToOffer(claimId, offerId, minPrice);
    }

    function _sellToOffer(uint256 claimId, uint256 offerId, uint256 minPrice) private {
        StandingOffer storage o = _offerOf(offerId);
        address factor = o.factor;
        Trade memory t = _openTrade(factor);
        // Priced by days to maturity: the one sale that reads the claim's dates.
        (ClaimCore memory core, address holder, address locker) = _claims.claimForTrade(claimId);
        _requireSellable(claimId, core.state);
        uint256 price = _quote(claimId, core, offerId, o);
        if (price < minPrice) revert ClaimMarketPriceBelowMinimum(claimId, price, minPrice);
        if (msg.sender != holder) revert ClaimMarketNotHolder(claimId, msg.sender, holder);
        t.c.state = core.state;
        t.c.holder = holder;
        t.c.locker = locker;
        t.c.currency = core.currency;
        t.c.faceValue = core.faceValue;
        t.c.amountPaid = core.amountPaid;
        uint256 exposure = t.c.faceValue - t.c.amountPaid;
        uint256 available = o.exposureLimit - o.exposureUsed;
        // A claim coming back to the offer it was sold to: the sale frees its old record (in _settle) first.
        Exposure memory previous = _exposures[claimId];
        if (previous.offerIdPlusOne == offerId + 1) available += previous.amount;
        if (exposure > available) revert ClaimMarketExposureExceeded(offerId, exposure, available);
        // The sale frees the seller's own exposure first (in _settle), then the buyer takes this one.
        _pullExact(t.c.currency, factor, price);
        _settle(claimId, t, factor, price, SaleKind.StandingOffer);
        o.exposureUsed += uint128(exposure);
        _exposures[claimId] = Exposure({offerIdPlusOne: uint128(offerId + 1), amount: uint128(exposure)});
    }

    /// @inheritdoc IClaimMarket
    function releaseExposure(uint256 claimId) external {
        uint256 offerIdPlusOne = _exposures[claimId].offerIdPlusOne;
        if (offerIdPlusOne == 0) revert ClaimMarketExposureNotReleasable(claimId);
        StandingOffer storage o = _offers[offerIdPlusOne - 1];
        ClaimSale memory c = _claims.claimForSale(claimId);
        bool over = c.state == ClaimState.Settled || c.state == ClaimState.Voided;
        if (!over && c.holder == o.factor) revert ClaimMarketExposureNotReleasable(claimId);
        _releaseExposure(claimId);
    }

    /// @inheritdoc IClaimMarket
    function quote(uint256 claimId, uint256 offerId) external view returns (uint256 price) {
        (ClaimCore memory c, , ) = _claims.claimForTrade(claimId);
        _requireSellable(claimId, c.state);
        return _quote(claimId, c, offerId, _offerOf(offerId));
    }

    // ================================================================ 4. signed offers

    /// @inheritdoc IClaimMarket
    function acceptSignedOffer(SignedOffer calldata offer, bytes calldata signature) external nonReentrant {
        _acceptSignedOffer(offer, signature);
    }

    /// @inheritdoc IClaimMarket
    function acceptSignedOfferWithPermit(
        SignedOffer calldata offer,
        bytes calldata signature,
        Permit calldata permit
    ) external nonReentrant {
        _tryPermit(offer.currency, offer.bidder, permit);
        _acceptSignedOffer(offer, signature);
    }

    /// @inheritdoc IClaimMarket
    function cancelSignedOffer(uint256 offerNonce) external {
        if (_offerNonceSpent(msg.sender, offerNonce)) revert ClaimMarketOfferNonceUsed(msg.sender, offerNonce);
        _spendOfferNonce(msg.sender, offerNonce);
        emit SignedOfferCancelled(msg.sender, offerNonce);
    }

    /// @inheritdoc IClaimMarket
    function raiseMinOfferNonce(uint256 newMinimum) external {
        uint256 current = _minOfferNonce[msg.sender];
        if (newMinimum <= current) revert ClaimMarketNonceNotRaised(current, newMinimum);
        _minOfferNonce[msg.sender] = newMinimum;
        emit MinOfferNonceRaised(msg.sender, newMinimum);
    }

    // ================================================================ money

    /// @inheritdoc IClaimMarket
    function withdraw(address currency, address to) external nonReentrant returns (uint256 amount) {
        // Written out, not through _requireRecipient: the jump would cost this step's tight budget 7 gas.
        if (to == address(0) || to == address(this)) revert ClaimMarketInvalidRecipient(to);
        amount = _ledger.withdraw(msg.sender, currency, to);
        if (amount == 0) revert ClaimMarketNothingToWithdraw(msg.sender, currency);
        emit Withdrawn(msg.sender, currency, to, amount);
    }

    /// @inheritdoc IClaimMarket
    function withdrawFees(address currency, address to) external nonReentrant returns (uint256 amount) {
        address treasury = _registry.treasury();
        if (msg.sender != treasury) revert ClaimMarketNotTreasury(msg.sender, treasury);
        _requireRecipient(to);
        amount = _ledger.surplus(currency);
        if (amount == 0) revert ClaimMarketNoFeesDue(currency);
        IERC20(currency).safeTransfer(to, amount);
        emit FeesWithdrawn(treasury, currency, to, amount);
    }

    // ================================================================ views

    /// @inheritdoc IClaimMarket
    /// @dev The stored claim nonce is its low 32 bits; the view reports the claim's whole nonce when they match (the
    /// listing is priced on the claim as it is), the stored bits otherwise (which then differ from the claim's nonce).
    function listing(uint256 claimId) external view returns (Listing memory entry) {
        StoredListing memory stored = _listings[claimId];
        if (stored.deadline == 0) return entry;
        ClaimSale memory c = _claims.claimForSale(claimId);
        if (c.locker != address(this)) return entry;
        entry = Listing({
            seller: c.holder,
            deadline: stored.deadline,
            claimNonce: stored.claimNonce == uint32(c.nonce) ? uint48(c.nonce) : stored.claimNonce,
            askPrice: stored.askPrice,
            minBid: stored.minBid
        });
    }

    /// @inheritdoc IClaimMarket
    function bidOf(uint256 claimId, address bidder) external view returns (Bid memory b, bool live) {
        b = _bids[claimId][bidder];
        live = b.amount != 0 && _bidLive(b, _claims.claimForSale(claimId).nonce);
    }

    /// @inheritdoc IClaimMarket
    function standingOffer(uint256 offerId) external view returns (StandingOffer memory) {
        return _offerOf(offerId);
    }

    /// @inheritdoc IClaimMarket
    function standingOffersOf(
        address debtor,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 total) {
        uint256[] storage all = _offersByDebtor[debtor];
        total = all.length;
        ids = new uint256[](Paging.pageSize(total, offset, limit));
        for (uint256 i = 0; i < ids.length; ++i) ids[i] = all[offset + i];
    }

    /// @inheritdoc IClaimMarket
    function offerNonceUsed(address bidder, uint256 offerNonce) external view returns (bool) {
        return _offerNonceSpent(bidder, offerNonce);
    }

    /// @inheritdoc IClaimMarket
    function minOfferNonce(address bidder) external view returns (uint256) {
        return _minOfferNonce[bidder];
    }

    /// @inheritdoc IClaimMarket
    function offerDigest(SignedOffer calldata offer) external view returns (bytes32) {
        return _hashTypedDataV4(MarketTypedData.hashOffer(offer));
    }

    /// @inheritdoc IClaimMarket
    function credited(address account, address currency) external view returns (uint256) {
        return _ledger.creditOf(account, currency);
    }

    /// @inheritdoc IClaimMarket
    function totalLiabilities(address currency) external view returns (uint256) {
        return _ledger.liabilities(currency);
    }

    /// @inheritdoc IClaimMarket
    function feesAccrued(address currency) external view returns (uint256) {
        return _ledger.surplus(currency);
    }

    /// @inheritdoc IClaimMarket
    function feeFor(uint256 price) external view returns (uint256 fee, uint256 net) {
        // The sale fee in force, from the registry's one-call trade check (the party checked is irrelevant here).
        (, , uint16 saleFeeBps, ) = _registry.tradeCheck(address(0), Role.Factor);
        return Pricing.splitFee(price, saleFeeBps);
    }

    // ================================================================ internal: sales

    /// @dev The one settlement every sale goes through. The price is already in the market (pulled or escrowed,
    /// and not counted as a liability): the fee stays in the market as surplus for the treasury to collect
    /// ({withdrawFees}), the net is sent to the seller, and the claim is moved to the buyer by the claim contract
    /// (Accepted -> Financed on the first sale).
    function _settle(uint256 claimId, Trade memory t, address buyer, uint256 price, SaleKind kind) private {
        address seller = t.c.holder;
        if (seller == buyer) revert ClaimMarketSelfTrade(buyer);
        if (!t.buyerVerified) revert ClaimMarketNotVerified(buyer, uint8(Role.Factor));
        uint256 outstanding = t.c.faceValue - t.c.amountPaid;
        if (price == 0) revert ClaimMarketZeroPrice();
        if (price > outstanding) revert ClaimMarketPriceAboveOutstanding(claimId, price, outstanding);

        // The market's lock is the listing: the sale ends it (agentTransfer lifts the lock).
        if (t.c.locker == address(this)) delete _listings[claimId];
        // Only a sale takes exposure on a standing offer, and a claim's first sale makes it Financed for good (no
        // transition leads back to Accepted): an Accepted claim has no exposure to free, and its sale skips the read.
        if (t.c.state != ClaimState.Accepted && _exposures[claimId].offerIdPlusOne != 0) _releaseExposure(claimId);

        (uint256 fee, uint256 net) = Pricing.splitFee(price, t.saleFeeBps);
        _claims.agentTransfer(claimId, buyer);
        IERC20(t.c.currency).safeTransfer(seller, net);
        emit ClaimSold(claimId, seller, buyer, price, fee, kind);
    }

    function _bid(uint256 claimId, uint128 amount, uint64 expiry) private {
        _requireVerifiedFactor();
        ClaimSale memory c = _claims.claimForSale(claimId);
        _requireSellable(claimId, c.state);
        if (c.holder == msg.sender) revert ClaimMarketSelfTrade(msg.sender);
        if (expiry <= block.timestamp) revert ClaimMarketDeadlineNotInFuture(expiry, block.timestamp);
        uint256 outstanding = c.faceValue - c.amountPaid;
        if (amount > outstanding) revert ClaimMarketPriceAboveOutstanding(claimId, amount, outstanding);
        // A listed claim (the market holds its lock) sets a minimum bid and ends its auction at its deadline.
        StoredListing memory entry;
        if (c.locker == address(this)) entry = _listings[claimId];
        uint256 minimum = _minimumBid(outstanding, entry.minBid);
        if (amount < minimum) revert ClaimMarketBidBelowMinimum(claimId, amount, minimum);
        if (entry.deadline != 0) _requireAuctionOpen(claimId, entry.deadline);

        uint256 previous = _bids[claimId][msg.sender].amount;
        _bids[claimId][msg.sender] = Bid({
            amount: uint96(amount), // at most what the claim owes, below its uint96 face value (above)
            expiry: expiry,
            claimNonce: c.nonce,
            currencyId: c.currencyId
        });
        emit BidPlaced(claimId, msg.sender, amount, expiry);
        if (amount > previous) {
            _pullExact(c.currency, msg.sender, amount - previous);
            _ledger.addLiabilityIndexed(c.currency, amount - previous);
        } else if (amount < previous) {
            // Lowering: the difference leaves the escrow for the refund ledger (still a liability).
            _ledger.creditHeld(msg.sender, c.currency, previous - amount);
            emit Credited(msg.sender, c.currency, previous - amount);
        }
    }

    function _acceptSignedOffer(SignedOffer calldata offer, bytes calldata signature) private {
        Trade memory t = _openTrade(offer.bidder);
        if (block.timestamp > offer.deadline) revert ClaimMarketOfferExpired(offer.deadline, block.timestamp);
        if (_offerNonceSpent(offer.bidder, offer.offerNonce)) {
            revert ClaimMarketOfferNonceUsed(offer.bidder, offer.offerNonce);
        }
        bytes32 digest = _hashTypedDataV4(MarketTypedData.hashOffer(offer));
        if (!SignatureChecker.isValidSignatureNow(offer.bidder, digest, signature)) {
            revert ClaimMarketInvalidSignature(offer.bidder);
        }
        t.c = _claims.claimForSale(offer.claimId);
        _requireSellable(offer.claimId, t.c.state);
        if (offer.claimNonce != t.c.nonce) revert ClaimMarketStaleOffer(offer.claimId, offer.claimNonce, t.c.nonce);
        if (offer.currency != t.c.currency) revert ClaimMarketCurrencyMismatch(offer.currency, t.c.currency);
        if (msg.sender != t.c.holder) revert ClaimMarketNotHolder(offer.claimId, msg.sender, t.c.holder);
        _spendOfferNonce(offer.bidder, offer.offerNonce);
        _pullExact(t.c.currency, offer.bidder, offer.price);
        _settle(offer.claimId, t, offer.bidder, offer.price, SaleKind.SignedOffer);
    }

    // ================================================================ internal: helpers

    function _quote(
        uint256 claimId,
        ClaimCore memory c,
        uint256 offerId,
        StandingOffer storage o
    ) private view returns (uint256) {
        if (!o.active || block.timestamp > o.expiry) revert ClaimMarketOfferNotActive(offerId);
        if (c.debtor != o.debtor || c.currency != o.currency) revert ClaimMarketOfferMismatch(offerId, claimId);
        uint256 remaining = 0;
        if (c.dueDate > block.timestamp) remaining = c.dueDate - block.timestamp;
        if (remaining == 0 || remaining > o.maxTenor)
            revert ClaimMarketTenorNotAccepted(offerId, remaining, o.maxTenor);
        return Pricing.priceForYield(c.faceValue - c.amountPaid, o.yieldBps, remaining);
    }

    function _releaseExposure(uint256 claimId) private {
        Exposure memory exposure = _exposures[claimId];
        uint256 offerId = exposure.offerIdPlusOne - 1;
        uint256 amount = exposure.amount;
        delete _exposures[claimId];
        _offers[offerId].exposureUsed -= uint128(amount);
        emit ExposureReleased(offerId, claimId, amount);
    }

    /// @dev Whether a signed-offer nonce was used or cancelled, one by one or by the bidder's minimum.
    function _offerNonceSpent(address bidder, uint256 offerNonce) private view returns (bool) {
        if (offerNonce < _minOfferNonce[bidder]) return true;
        return (_offerNonceBits[bidder][offerNonce >> 8] >> (offerNonce & 0xff)) & 1 == 1;
    }

    function _spendOfferNonce(address bidder, uint256 offerNonce) private {
        _offerNonceBits[bidder][offerNonce >> 8] |= uint256(1) << (offerNonce & 0xff);
    }

    function _minimumBid(uint256 outstanding, uint256 listed) private pure returns (uint256 minimum) {
        // A floor of 1 % of what the claim still owes keeps dust bids out; a listing may ask for more.
        minimum = outstanding / 100;
        if (minimum == 0) minimum = 1;
        if (listed > minimum) minimum = listed;
    }

    function _bidLive(Bid memory b, uint256 claimNonce) private view returns (bool) {
        return block.timestamp <= b.expiry && b.claimNonce == claimNonce;
    }

    /// @dev The terms of a listing as stored, priced on the claim as it is now; refuses what one slot cannot hold.
    function _listingTerms(
        uint256 claimId,
        ClaimSale memory c,
        uint128 askPrice,
        uint128 minBid,
        uint64 deadline
    ) private view returns (StoredListing memory) {
        if (deadline <= block.timestamp) revert ClaimMarketDeadlineNotInFuture(deadline, block.timestamp);
        if (deadline > type(uint32).max) revert ClaimMarketDeadlineTooFar(deadline, type(uint32).max);
        uint256 outstanding = c.faceValue - c.amountPaid;
        // The ask fits in 96 bits: it is at most what the claim owes, and a claim's face value is at most 2^96 - 1.
        if (askPrice > outstanding) revert ClaimMarketPriceAboveOutstanding(claimId, askPrice, outstanding);
        if (minBid > type(uint96).max) revert ClaimMarketPriceTooLarge(minBid, type(uint96).max);
        return
            StoredListing({
                askPrice: uint96(askPrice), // bounded by the claim's uint96 face value (above)
                minBid: uint96(minBid),
                deadline: uint32(deadline),
                claimNonce: uint32(c.nonce)
            });
    }

    function _requireSellable(uint256 claimId, ClaimState state) private pure {
        if (state != ClaimState.Accepted && state != ClaimState.Financed) {
            revert ClaimMarketClaimNotSellable(claimId, uint8(state));
        }
    }

    function _offerOf(uint256 offerId) private view returns (StandingOffer storage) {
        if (offerId >= _offers.length) revert ClaimMarketUnknownOffer(offerId);
        return _offers[offerId];
    }

    /// @dev Bids on a listed claim are placed and accepted up to the listing's deadline (the auction's end).
    function _requireAuctionOpen(uint256 claimId, uint256 deadline) private view {
        if (block.timestamp > deadline) revert ClaimMarketListingEnded(claimId, uint64(deadline), block.timestamp);
    }

    /// @dev The registry's side of a sale in one call: refuses a pause, and records whether `buyer` is a verified
    /// factor (refused in {_settle}, after the step's own checks) and the sale fee in force.
    function _openTrade(address buyer) private view returns (Trade memory t) {
        bool isPaused;
        (isPaused, t.buyerVerified, t.saleFeeBps, ) = _registry.tradeCheck(buyer, Role.Factor);
        if (isPaused) revert IReceivableClaim.ClaimMarketPaused();
    }

    /// @dev The caller acts as a factor (bids, posts a standing offer): refuses a pause, and a caller not verified.
    function _requireVerifiedFactor() private view {
        (bool isPaused, bool verified, , ) = _registry.tradeCheck(msg.sender, Role.Factor);
        if (isPaused) revert IReceivableClaim.ClaimMarketPaused();
        if (!verified) revert ClaimMarketNotVerified(msg.sender, uint8(Role.Factor));
    }

    /// @dev Money leaves the market only to a real recipient: not the zero address, not the market itself.
    function _requireRecipient(address to) private view {
        if (to == address(0) || to == address(this)) revert ClaimMarketInvalidRecipient(to);
    }

    function _requireNotPaused() private view {
        if (_registry.paused()) revert IReceivableClaim.ClaimMarketPaused();
    }

    /// @dev Pulls exactly `amount` from `from`, refusing tokens that deliver less or more (fee-on-transfer).
    function _pullExact(address currency, address from, uint256 amount) private {
        uint256 received = PullLedger.pullMeasured(currency, from, amount);
        if (received != amount) revert ClaimMarketTransferAmountMismatch(currency, amount, received);
    }

    /// @dev R2: a permit someone already submitted must not make the call fail. The permit is tried; if it fails,
    /// the pull that follows succeeds on the allowance it left, or fails with the token's own error.
    function _tryPermit(address currency, address owner, Permit calldata p) private {
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(currency).permit(owner, address(this), p.value, p.deadline, p.v, p.r, p.s) {} catch {}
    }
}
