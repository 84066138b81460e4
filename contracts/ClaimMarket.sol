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
import {ClaimCore, ClaimState} from "./types/Claim.sol";
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

    mapping(uint256 claimId => Listing listing) private _listings;

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
        ClaimCore memory c = _sellable(claimId);
        _requireHolder(claimId, msg.sender);
        if (_listings[claimId].seller != address(0)) revert ClaimMarketAlreadyListed(claimId);
        _checkListingTerms(claimId, c, askPrice, deadline);
        _listings[claimId] = Listing({
            seller: msg.sender,
            deadline: uint40(deadline),
            claimNonce: uint48(c.nonce),
            askPrice: askPrice,
            minBid: minBid
        });
        _claims.lock(claimId);
        emit Listed(claimId, msg.sender, askPrice, minBid, deadline);
    }

    /// @inheritdoc IClaimMarket
    function updateListing(uint256 claimId, uint128 askPrice, uint128 minBid, uint64 deadline) external {
        _requireNotPaused();
        Listing storage entry = _listingOf(claimId);
        if (entry.seller != msg.sender) revert ClaimMarketNotHolder(claimId, msg.sender, entry.seller);
        ClaimCore memory c = _sellable(claimId);
        _checkListingTerms(claimId, c, askPrice, deadline);
        // Re-pricing: the new ask is priced on the claim as it is now.
        entry.claimNonce = uint48(c.nonce);
        entry.askPrice = askPrice;
        entry.minBid = minBid;
        entry.deadline = uint40(deadline);
        emit ListingUpdated(claimId, askPrice, minBid, deadline);
    }

    /// @inheritdoc IClaimMarket
    function delist(uint256 claimId) external nonReentrant {
        Listing storage entry = _listingOf(claimId);
        address seller = entry.seller;
        // Only a listing the seller can no longer fill is anyone's to clear. A listing priced on an older nonce is
        // not: anyone can move the nonce (a payment of one base unit does), so it stays the seller's to re-price.
        bool stale = _isStale(claimId, seller);
        if (msg.sender != seller && !stale) revert ClaimMarketNotHolder(claimId, msg.sender, seller);
        delete _listings[claimId];
        if (_claims.lockedBy(claimId) == address(this)) _claims.unlock(claimId);
        emit Delisted(claimId, seller);
    }

    /// @inheritdoc IClaimMarket
    function buy(uint256 claimId, uint256 maxPrice) external nonReentrant {
        _requireNotPaused();
        Listing memory entry = _listingOf(claimId);
        // A stale listing is no listing: filling it would move a claim its seller may no longer hold.
        if (_isStale(claimId, entry.seller)) revert ClaimMarketNotListed(claimId);
        if (entry.askPrice == 0) revert ClaimMarketOffersOnly(claimId);
        if (block.timestamp > entry.deadline) revert ClaimMarketListingEnded(claimId, entry.deadline, block.timestamp);
        ClaimCore memory c = _sellable(claimId);
        // The ask was priced on the claim at the listing's nonce: a payment, dilution, transfer or guarantee change
        // since then voids it until the seller re-prices (updateListing).
        if (entry.claimNonce != c.nonce) revert ClaimMarketStaleListing(claimId, entry.claimNonce, c.nonce);
        if (entry.askPrice > maxPrice) revert ClaimMarketPriceAboveMaximum(claimId, entry.askPrice, maxPrice);
        _pullExact(c.currency, msg.sender, entry.askPrice);
        _settle(claimId, c, entry.seller, msg.sender, entry.askPrice, SaleKind.Listing);
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
        _tryPermit(_claims.claimCore(claimId).currency, msg.sender, permit);
        _bid(claimId, amount, expiry);
    }

    /// @inheritdoc IClaimMarket
    function cancelBid(uint256 claimId) external nonReentrant {
        Bid memory b = _bids[claimId][msg.sender];
        if (b.amount == 0) revert ClaimMarketNoBid(claimId, msg.sender);
        address currency = _claims.claimCore(claimId).currency;
        delete _bids[claimId][msg.sender];
        // The escrow becomes a refund: it stays a liability until withdrawn.
        _ledger.creditHeld(msg.sender, currency, b.amount);
        emit BidCancelled(claimId, msg.sender, b.amount);
        emit Credited(msg.sender, currency, b.amount);
    }

    /// @inheritdoc IClaimMarket
    function acceptBid(uint256 claimId, address bidder, uint256 minPrice) external nonReentrant {
        _requireNotPaused();
        Bid memory b = _bids[claimId][bidder];
        if (b.amount == 0) revert ClaimMarketNoBid(claimId, bidder);
        ClaimCore memory c = _sellable(claimId);
        if (!_bidLive(b, c)) revert ClaimMarketBidNotLive(claimId, bidder);
        if (b.amount < minPrice) revert ClaimMarketPriceBelowMinimum(claimId, b.amount, minPrice);
        address seller = _requireHolder(claimId, msg.sender);
        _requireAuctionOpen(claimId);
        delete _bids[claimId][bidder];
        // The escrowed amount leaves the liabilities here; _settle pays it out.
        _ledger.removeLiability(c.currency, b.amount);
        _settle(claimId, c, seller, bidder, b.amount, SaleKind.Bid);
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
        _requireNotPaused();
        _requireVerified(msg.sender, Role.Factor);
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
        _requireNotPaused();
        ClaimCore memory c = _sellable(claimId);
        StandingOffer storage o = _offerOf(offerId);
        uint256 price = _quote(claimId, c, offerId, o);
        if (price < minPrice) revert ClaimMarketPriceBelowMinimum(claimId, price, minPrice);
        address seller = _requireHolder(claimId, msg.sender);
        uint256 exposure = c.faceValue - c.amountPaid;
        uint256 available = o.exposureLimit - o.exposureUsed;
        // A claim coming back to the offer it was sold to: the sale frees its old record (in _settle) first.
        Exposure memory previous = _exposures[claimId];
        if (previous.offerIdPlusOne == offerId + 1) available += previous.amount;
        if (exposure > available) revert ClaimMarketExposureExceeded(offerId, exposure, available);
        address factor = o.factor;
        // The sale frees the seller's own exposure first (in _settle), then the buyer takes this one.
        _pullExact(c.currency, factor, price);
        _settle(claimId, c, seller, factor, price, SaleKind.StandingOffer);
        o.exposureUsed += uint128(exposure);
        _exposures[claimId] = Exposure({offerIdPlusOne: uint128(offerId + 1), amount: uint128(exposure)});
    }

    /// @inheritdoc IClaimMarket
    function releaseExposure(uint256 claimId) external {
        uint256 offerIdPlusOne = _exposures[claimId].offerIdPlusOne;
        if (offerIdPlusOne == 0) revert ClaimMarketExposureNotReleasable(claimId);
        StandingOffer storage o = _offers[offerIdPlusOne - 1];
        ClaimCore memory c = _claims.claimCore(claimId);
        bool over = c.state == ClaimState.Settled || c.state == ClaimState.Voided;
        if (!over && _claims.ownerOf(claimId) == o.factor) revert ClaimMarketExposureNotReleasable(claimId);
        _releaseExposure(claimId);
    }

    /// @inheritdoc IClaimMarket
    function quote(uint256 claimId, uint256 offerId) external view returns (uint256 price) {
        return _quote(claimId, _sellable(claimId), offerId, _offerOf(offerId));
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
        if (to == address(0) || to == address(this)) revert ClaimMarketInvalidRecipient(to);
        amount = _ledger.withdraw(msg.sender, currency, to);
        if (amount == 0) revert ClaimMarketNothingToWithdraw(msg.sender, currency);
        emit Withdrawn(msg.sender, currency, to, amount);
    }

    /// @inheritdoc IClaimMarket
    function withdrawFees(address currency, address to) external nonReentrant returns (uint256 amount) {
        address treasury = _registry.currentRules().treasury;
        if (msg.sender != treasury) revert ClaimMarketNotTreasury(msg.sender, treasury);
        if (to == address(0) || to == address(this)) revert ClaimMarketInvalidRecipient(to);
        amount = _ledger.surplus(currency);
        if (amount == 0) revert ClaimMarketNoFeesDue(currency);
        IERC20(currency).safeTransfer(to, amount);
        emit FeesWithdrawn(treasury, currency, to, amount);
    }

    // ================================================================ views

    /// @inheritdoc IClaimMarket
    function listing(uint256 claimId) external view returns (Listing memory) {
        return _listings[claimId];
    }

    /// @inheritdoc IClaimMarket
    function listings(
        address debtor,
        address currency,
        uint256 fromId,
        uint256 count
    ) external view returns (uint256[] memory ids) {
        (uint256 first, uint256 end) = Paging.window(fromId, count, _claims.claimCount());
        ids = new uint256[](end - first);
        uint256 found = 0;
        bool filtered = debtor != address(0) || currency != address(0);
        for (uint256 id = first; id < end; ++id) {
            if (_listings[id].seller == address(0)) continue;
            if (filtered) {
                ClaimCore memory c = _claims.claimCore(id);
                if (debtor != address(0) && c.debtor != debtor) continue;
                if (currency != address(0) && c.currency != currency) continue;
            }
            ids[found++] = id;
        }
        return Paging.truncate(ids, found);
    }

    /// @inheritdoc IClaimMarket
    function bidOf(uint256 claimId, address bidder) external view returns (Bid memory b, bool live) {
        b = _bids[claimId][bidder];
        live = b.amount != 0 && _bidLive(b, _claims.claimCore(claimId));
    }

    /// @inheritdoc IClaimMarket
    function bidsOf(address bidder, uint256 fromId, uint256 count) external view returns (uint256[] memory claimIds) {
        (uint256 first, uint256 end) = Paging.window(fromId, count, _claims.claimCount());
        claimIds = new uint256[](end - first);
        uint256 found = 0;
        for (uint256 id = first; id < end; ++id) {
            if (_bids[id][bidder].amount != 0) claimIds[found++] = id;
        }
        return Paging.truncate(claimIds, found);
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
        return Pricing.splitFee(price, _registry.currentRules().saleFeeBps);
    }

    // ================================================================ internal: sales

    /// @dev The one settlement every sale goes through. The price is already in the market (pulled or escrowed,
    /// and not counted as a liability): the fee stays in the market as surplus for the treasury to collect
    /// ({withdrawFees}), the net is sent to the seller, and the claim is moved to the buyer by the claim contract
    /// (Accepted -> Financed on the first sale).
    function _settle(
        uint256 claimId,
        ClaimCore memory c,
        address seller,
        address buyer,
        uint256 price,
        SaleKind kind
    ) private {
        if (seller == buyer) revert ClaimMarketSelfTrade(buyer);
        _requireVerified(buyer, Role.Factor);
        uint256 outstanding = c.faceValue - c.amountPaid;
        if (price == 0) revert ClaimMarketZeroPrice();
        if (price > outstanding) revert ClaimMarketPriceAboveOutstanding(claimId, price, outstanding);

        if (_listings[claimId].seller != address(0)) delete _listings[claimId];
        if (_exposures[claimId].offerIdPlusOne != 0) _releaseExposure(claimId);

        (uint256 fee, uint256 net) = Pricing.splitFee(price, _registry.currentRules().saleFeeBps);
        _claims.agentTransfer(claimId, buyer);
        IERC20(c.currency).safeTransfer(seller, net);
        emit ClaimSold(claimId, seller, buyer, price, fee, kind);
    }

    function _bid(uint256 claimId, uint128 amount, uint64 expiry) private {
        _requireNotPaused();
        _requireVerified(msg.sender, Role.Factor);
        ClaimCore memory c = _sellable(claimId);
        if (_claims.ownerOf(claimId) == msg.sender) revert ClaimMarketSelfTrade(msg.sender);
        if (expiry <= block.timestamp) revert ClaimMarketDeadlineNotInFuture(expiry, block.timestamp);
        uint256 outstanding = c.faceValue - c.amountPaid;
        if (amount > outstanding) revert ClaimMarketPriceAboveOutstanding(claimId, amount, outstanding);
        uint256 minimum = _minimumBid(claimId, outstanding);
        if (amount < minimum) revert ClaimMarketBidBelowMinimum(claimId, amount, minimum);
        _requireAuctionOpen(claimId);

        uint128 previous = _bids[claimId][msg.sender].amount;
        _bids[claimId][msg.sender] = Bid({amount: amount, expiry: expiry, claimNonce: uint64(c.nonce)});
        emit BidPlaced(claimId, msg.sender, amount, expiry);
        if (amount > previous) {
            _pullExact(c.currency, msg.sender, amount - previous);
            _ledger.addLiability(c.currency, amount - previous);
        } else if (amount < previous) {
            // Lowering: the difference leaves the escrow for the refund ledger (still a liability).
            _ledger.creditHeld(msg.sender, c.currency, previous - amount);
            emit Credited(msg.sender, c.currency, previous - amount);
        }
    }

    function _acceptSignedOffer(SignedOffer calldata offer, bytes calldata signature) private {
        _requireNotPaused();
        if (block.timestamp > offer.deadline) revert ClaimMarketOfferExpired(offer.deadline, block.timestamp);
        if (_offerNonceSpent(offer.bidder, offer.offerNonce)) {
            revert ClaimMarketOfferNonceUsed(offer.bidder, offer.offerNonce);
        }
        bytes32 digest = _hashTypedDataV4(MarketTypedData.hashOffer(offer));
        if (!SignatureChecker.isValidSignatureNow(offer.bidder, digest, signature)) {
            revert ClaimMarketInvalidSignature(offer.bidder);
        }
        ClaimCore memory c = _sellable(offer.claimId);
        if (offer.claimNonce != c.nonce) revert ClaimMarketStaleOffer(offer.claimId, offer.claimNonce, c.nonce);
        if (offer.currency != c.currency) revert ClaimMarketCurrencyMismatch(offer.currency, c.currency);
        address seller = _requireHolder(offer.claimId, msg.sender);
        _spendOfferNonce(offer.bidder, offer.offerNonce);
        _pullExact(c.currency, offer.bidder, offer.price);
        _settle(offer.claimId, c, seller, offer.bidder, offer.price, SaleKind.SignedOffer);
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

    function _minimumBid(uint256 claimId, uint256 outstanding) private view returns (uint256 minimum) {
        // A floor of 1 % of what the claim still owes keeps dust bids out; a listing may ask for more.
        minimum = outstanding / 100;
        if (minimum == 0) minimum = 1;
        uint256 listed = _listings[claimId].minBid;
        if (listed > minimum) minimum = listed;
    }

    function _bidLive(Bid memory b, ClaimCore memory c) private view returns (bool) {
        return block.timestamp <= b.expiry && b.claimNonce == c.nonce;
    }

    /// @dev A listing is stale when the claim left the seller (it cannot, while locked, except by another path such
    /// as a future subrogation) or when the market no longer holds its lock (the operator stopped trusting the
    /// market and the holder unlocked the claim).
    function _isStale(uint256 claimId, address seller) private view returns (bool) {
        return _claims.ownerOf(claimId) != seller || _claims.lockedBy(claimId) != address(this);
    }

    function _checkListingTerms(uint256 claimId, ClaimCore memory c, uint128 askPrice, uint64 deadline) private view {
        if (deadline <= block.timestamp) revert ClaimMarketDeadlineNotInFuture(deadline, block.timestamp);
        if (deadline > type(uint40).max) revert ClaimMarketDeadlineTooFar(deadline, type(uint40).max);
        uint256 outstanding = c.faceValue - c.amountPaid;
        if (askPrice > outstanding) revert ClaimMarketPriceAboveOutstanding(claimId, askPrice, outstanding);
    }

    function _sellable(uint256 claimId) private view returns (ClaimCore memory c) {
        c = _claims.claimCore(claimId);
        if (c.state != ClaimState.Accepted && c.state != ClaimState.Financed) {
            revert ClaimMarketClaimNotSellable(claimId, uint8(c.state));
        }
    }

    function _listingOf(uint256 claimId) private view returns (Listing storage entry) {
        entry = _listings[claimId];
        if (entry.seller == address(0)) revert ClaimMarketNotListed(claimId);
    }

    function _offerOf(uint256 offerId) private view returns (StandingOffer storage) {
        if (offerId >= _offers.length) revert ClaimMarketUnknownOffer(offerId);
        return _offers[offerId];
    }

    /// @dev Returns the holder, which must be `account`.
    function _requireHolder(uint256 claimId, address account) private view returns (address holder) {
        holder = _claims.ownerOf(claimId);
        if (account != holder) revert ClaimMarketNotHolder(claimId, account, holder);
    }

    /// @dev Bids on a listed claim are placed and accepted up to the listing's deadline (the auction's end).
    function _requireAuctionOpen(uint256 claimId) private view {
        Listing storage entry = _listings[claimId];
        if (entry.seller != address(0) && block.timestamp > entry.deadline) {
            revert ClaimMarketListingEnded(claimId, entry.deadline, block.timestamp);
        }
    }

    function _requireVerified(address account, Role role) private view {
        if (!_registry.isVerified(account, role)) revert ClaimMarketNotVerified(account, uint8(role));
    }

    function _requireNotPaused() private view {
        if (_registry.paused()) revert ClaimMarketPaused();
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
