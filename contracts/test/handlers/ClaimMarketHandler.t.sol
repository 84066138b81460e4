// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks, max-states-count (a model has many ledgers) off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks, max-states-count

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ClaimMarket} from "../../ClaimMarket.sol";
import {ReceivableClaim} from "../../ReceivableClaim.sol";
import {ClaimViews} from "../../libraries/ClaimViews.sol";
import {IClaimMarket} from "../../interfaces/IClaimMarket.sol";
import {Pricing} from "../../libraries/Pricing.sol";
import {MockStablecoin} from "../../mocks/MockStablecoin.sol";
import {Claim, ClaimState} from "../../types/Claim.sol";
import {SignedOffer} from "../../types/Market.sol";
import {MarketRules} from "../../types/Roles.sol";

import {vm} from "../utils/Vm.t.sol";
import {BaseHandler} from "./BaseHandler.t.sol";

/// @title ClaimMarketHandler
/// @notice Drives {ClaimMarket} for the invariant tests with six verified actors: two SMEs, one debtor and three
/// factors (the third is the bank). Claims are issued and accepted, then listed, bid on, sold by each of the four
/// ways, resold, paid by the debtor, poked past their due date, moved by plain transfers; standing offers are
/// posted and cancelled, signed offers signed (with the factors' keys) and filled or cancelled; everyone withdraws
/// from the market and from the claim contract; time moves. Every action picks inputs that make the call valid and
/// skips when nothing fits; it never relies on reverts: an unexpected revert, or a sale whose money does not add
/// up, is recorded as a violation that `invariant_noViolations` reports. A ghost ledger mirrors what the market
/// should hold: escrowed bids, credits, listings, standing offers and their exposure, and the sum of every sale.
contract ClaimMarketHandler is BaseHandler {
    using Strings for uint256;

    /// @dev The model of one claim's market side.
    struct ClaimGhost {
        address holder; // custody
        address seller; // the listing's seller; zero when not listed
        uint128 askPrice;
        uint128 minBid;
        uint64 deadline;
        uint64 listedNonce; // the claim's nonce when the listing was set or last re-priced
        uint256 exposureOffer; // standing offer id + 1 the claim takes exposure on; 0 = none
        uint256 exposureAmount;
    }

    /// @dev The model of one escrowed bid.
    struct BidGhost {
        uint128 amount;
        uint64 expiry;
        uint64 claimNonce; // the claim's nonce when placed
    }

    /// @dev The model of one standing offer.
    struct OfferGhost {
        address factor;
        uint64 expiry;
        uint32 maxTenor;
        uint32 yieldBps;
        bool active;
        uint128 limit;
        uint128 used; // exposure taken and not released
    }

    /// @dev Sums over every sale: price, and the fee and the net as measured from the balances they reached.
    struct Sales {
        uint256 count;
        uint256 priceSum;
        uint256 feeSum;
        uint256 netSum;
    }

    /// @dev Balances around a sale.
    struct Snap {
        uint256 seller;
        uint256 buyer;
        uint256 fees; // the market's feesAccrued
        uint256 market;
    }

    uint256 public constant ACTOR_COUNT = 6; // 0, 1 SMEs; 2 debtor; 3, 4 factors; 5 the bank (a factor)
    uint256 internal constant FIRST_FACTOR = 3;
    uint256 internal constant FACTOR_COUNT = 3;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_OFFERS = 10;
    uint256 internal constant MAX_FACE = 1_000_000e6;
    uint256 internal constant MAX_WARP = 10 days;
    /// @dev The longest listing, bid or signed offer the actors make.
    uint256 internal constant MAX_WINDOW = 30 days;

    ClaimMarket public immutable market;
    MockStablecoin public immutable usdc;
    uint256 public immutable feeBps;

    uint256[FACTOR_COUNT] internal _factorKeys;

    mapping(uint256 claimId => ClaimGhost ghost) internal _claim;
    mapping(uint256 claimId => mapping(address bidder => BidGhost ghost)) internal _bid;
    OfferGhost[] internal _offers;
    mapping(address account => uint256 amount) public ghostCredit;
    uint256 public ghostCreditTotal;
    uint256 public ghostEscrowTotal;
    /// @notice Sale fees the market keeps above its liabilities, not yet collected by the treasury.
    uint256 public ghostFees;
    /// @notice Sale fees the treasury collected (withdrawFees), in total.
    uint256 public ghostFeesCollected;
    Sales public ghostSales;
    uint256 public listedCount;
    mapping(address bidder => uint256 nonce) internal _nextOfferNonce;
    /// @notice How many claims the actors issue at most: 16 in the fuzz campaigns (short runs); long deterministic
    /// runs raise it so that claims keep coming.
    uint256 public maxClaims = 16;

    /// @notice Sales that went through, and those among them that filled at a claim nonce other than the one their
    /// order committed to (the listing's, the bid's, the signed offer's, or the one a standing offer's quote was read
    /// at): the second must stay 0.
    uint256 public fills;
    uint256 public staleFills;
    string public firstStaleFill;

    constructor(
        ClaimMarket market_,
        ReceivableClaim claims_,
        MockStablecoin usdc_,
        address[ACTOR_COUNT] memory actors_,
        uint256[FACTOR_COUNT] memory factorKeys_,
        MarketRules memory rules
    ) BaseHandler(claims_, address(usdc_), rules.treasury, "market handler") {
        market = market_;
        usdc = usdc_;
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) _actors.push(actors_[a]);
        _factorKeys = factorKeys_;
        feeBps = rules.saleFeeBps;
        _useRules(rules);
    }

    // ================================================================ claims

    /// @notice An SME issues a claim on the debtor and the debtor accepts it, or the debtor issues it and the SME
    /// accepts it.
    function issue(uint256 smeSeed, uint256 faceSeed, uint256 tenorSeed, bool byDebtor) external {
        if (claimCount >= maxClaims) return;
        address sme = _actors[smeSeed % 2];
        address debtor = _actors[2];
        // One claim in eight is tiny (1..1,000 base units): fees and yields round to zero or one there.
        uint256 face = _boundFace(faceSeed, 1e6, MAX_FACE);
        // Half the claims are short (up to 30 days), so that due dates, poke and standing offers' tenors come up.
        uint256 tenor = _bound(tenorSeed, _minTenor, tenorSeed % 2 == 0 ? 30 days : _maxTenor);
        (uint256 id, bool ok) = _issueAccepted(_newTerms(sme, debtor, face, block.timestamp + tenor), byDebtor);
        if (!ok) return;
        _recordIssued(id);
        _claim[id].holder = sme;
        _done("issue");
    }

    /// @notice The debtor pays part of a claim or (one time in three) all that is left.
    function pay(uint256 claimSeed, uint256 amountSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isPayable);
        if (!found) return;
        uint256 outstanding = ClaimViews.outstandingOf(claims, id);
        uint256 amount = _partOrAll(amountSeed, outstanding, 3);
        if (!_payAs(_actors[2], id, amount)) return;
        _done(amount == outstanding ? "payInFull" : "payPart");
    }

    /// @notice Time moves forward (up to ten days), then anyone moves a claim past its due date to Overdue (or
    /// Defaulted): it can no longer be sold, and its listing and bids stay until withdrawn.
    function poke(uint256 claimSeed, uint256 warpSeed) external {
        _warpBy(warpSeed, 0, MAX_WARP);
        (uint256 id, bool found) = _find(claimSeed, _isDueForPoke);
        if (!found) return;
        (bool ok, ) = _pokeAs(address(this), id);
        if (!ok) return;
        _done("poke");
    }

    /// @notice The holder of an unlisted claim hands it to another actor without the market (no price); half the
    /// time a claim that carries exposure on a standing offer, if any, so that it leaves the offer's factor.
    function transferClaim(uint256 claimSeed, uint256 toSeed) external {
        (uint256 id, bool found) = (0, false);
        if (claimSeed % 2 == 0) (id, found) = _find(claimSeed >> 1, _isTransferableWithExposure);
        if (!found) (id, found) = _find(claimSeed >> 1, _isTransferable);
        if (!found) return;
        address from = _claim[id].holder;
        address to = _nonDebtor(toSeed);
        if (to == from) to = _nonDebtor(toSeed + 1);
        vm.prank(from);
        try claims.transferFrom(from, to, id) {} catch (bytes memory err) {
            return _unexpectedRevert("transferClaim", err);
        }
        _claim[id].holder = to;
        _done("transferClaim");
    }

    /// @notice An actor owed money by the claim contract withdraws it.
    function withdrawFromClaims(uint256 actorSeed) external {
        (address account, bool found) = _findActor(actorSeed, _isOwedByClaims);
        if (!found) return;
        if (!_withdrawOwed(account, account, claims.owed(account, address(usdc)), "claims.withdraw")) return;
        _done("withdrawFromClaims");
    }

    /// @notice Time moves forward by up to ten days.
    function warp(uint256 secondsSeed) external {
        _warpBy(secondsSeed, 1, MAX_WARP);
        _done("warp");
    }

    // ================================================================ 1. listings

    /// @notice The holder lists a sellable claim: an ask price (one time in four offers-only), a minimum bid
    /// (half the time none) and a deadline.
    function list(uint256 claimSeed, uint256 askSeed, uint256 minBidSeed, uint256 deadlineSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isListable);
        if (!found) return;
        ClaimGhost storage g = _claim[id];
        (uint128 ask, uint128 minBid, uint64 deadline) = _listingTerms(id, askSeed, minBidSeed, deadlineSeed);
        vm.prank(g.holder);
        try market.list(id, ask, minBid, deadline) {} catch (bytes memory err) {
            return _unexpectedRevert("list", err);
        }
        (g.seller, g.askPrice, g.minBid, g.deadline) = (g.holder, ask, minBid, deadline);
        g.listedNonce = uint64(claims.claimCore(id).nonce);
        ++listedCount;
        _done("list");
    }

    /// @notice The seller changes a listing's terms.
    function updateListing(uint256 claimSeed, uint256 askSeed, uint256 minBidSeed, uint256 deadlineSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isListedAndSellable);
        if (!found) return;
        ClaimGhost storage g = _claim[id];
        (uint128 ask, uint128 minBid, uint64 deadline) = _listingTerms(id, askSeed, minBidSeed, deadlineSeed);
        vm.prank(g.seller);
        try market.updateListing(id, ask, minBid, deadline) {} catch (bytes memory err) {
            return _unexpectedRevert("updateListing", err);
        }
        (g.askPrice, g.minBid, g.deadline) = (ask, minBid, deadline);
        g.listedNonce = uint64(claims.claimCore(id).nonce);
        _done("updateListing");
    }

    /// @notice The seller withdraws a listing, whatever the claim's state or the deadline.
    function delist(uint256 claimSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isListed);
        if (!found) return;
        _delist(id);
        _done("delist");
    }

    /// @notice A factor other than the seller buys a listed claim at its ask price. If the claim moved since the ask
    /// was set (paid, say), the listing is stale: the buy must fail with ClaimMarketStaleListing and move nothing.
    function buy(uint256 claimSeed, uint256 buyerSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isBuyable);
        if (!found) return;
        ClaimGhost storage g = _claim[id];
        if (g.listedNonce != claims.claimCore(id).nonce) return _buyStale(id, buyerSeed);
        uint256 price = g.askPrice;
        (address buyer, bool funded) = _findFactor(buyerSeed, g.seller, price);
        if (!funded) return;
        address seller = g.seller;
        Snap memory before = _snap(seller, buyer);
        uint256 nonceBefore = claims.claimCore(id).nonce;
        vm.prank(buyer);
        try market.buy(id, price) {} catch (bytes memory err) {
            return _unexpectedRevert("buy", err);
        }
        _recordFill("buy", id, g.listedNonce, nonceBefore);
        _afterSale(id, seller, buyer, price, before, true);
        _done("buy");
    }

    /// @dev A factor tries to buy a listing priced on an older nonce: refused with ClaimMarketStaleListing, and the
    /// claim, the buyer's and the seller's balances and the market's stay as they were.
    function _buyStale(uint256 id, uint256 buyerSeed) private {
        ClaimGhost storage g = _claim[id];
        address buyer = _factor(buyerSeed);
        if (buyer == g.seller) buyer = _factor(buyerSeed + 1);
        uint256 nonceBefore = claims.claimCore(id).nonce;
        Snap memory before = _snap(g.seller, buyer);
        vm.prank(buyer);
        try market.buy(id, g.askPrice) {
            _recordFill("buy of a stale listing", id, g.listedNonce, nonceBefore);
            return _violation("a stale listing was bought", id);
        } catch (bytes memory err) {
            bytes memory expected = abi.encodeWithSelector(
                IClaimMarket.ClaimMarketStaleListing.selector,
                id,
                g.listedNonce,
                nonceBefore
            );
            if (keccak256(err) != keccak256(expected)) return _violation("a stale buy failed with another error", id);
        }
        Snap memory after_ = _snap(g.seller, buyer);
        if (keccak256(abi.encode(before)) != keccak256(abi.encode(after_))) _violation("a refused buy moved money", id);
        if (claims.ownerOf(id) != g.seller) _violation("a refused buy moved the claim", id);
        _done("buyStaleRefused");
    }

    // ================================================================ 2. escrowed bids

    /// @notice A factor other than the holder places its bid on a biddable claim, or changes the one it has (live
    /// or dead), to an amount between the claim's minimum bid and what it owes.
    function bid(uint256 claimSeed, uint256 bidderSeed, uint256 amountSeed, uint256 expirySeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isBiddable);
        if (!found) return;
        address bidder = _factor(bidderSeed);
        if (bidder == _claim[id].holder) bidder = _factor(bidderSeed + 1);
        _placeBid(id, bidder, amountSeed, expirySeed);
    }

    /// @notice A bidder raises or (one time in two) lowers one of its bids on a claim still open to bids.
    function changeBid(uint256 seed, uint256 amountSeed, uint256 expirySeed) external {
        uint256 pairs = claimCount * FACTOR_COUNT;
        for (uint256 k = 0; k < pairs; ++k) {
            uint256 pair = (seed + k) % pairs;
            uint256 id = pair / FACTOR_COUNT + 1;
            address bidder = _actors[FIRST_FACTOR + (pair % FACTOR_COUNT)];
            if (_bid[id][bidder].amount == 0 || bidder == _claim[id].holder || !_isBiddable(id)) continue;
            return _placeBid(id, bidder, amountSeed, expirySeed);
        }
    }

    function _placeBid(uint256 id, address bidder, uint256 amountSeed, uint256 expirySeed) private {
        uint256 outstanding = ClaimViews.outstandingOf(claims, id);
        uint256 previous = _bid[id][bidder].amount;
        uint256 minimum = _minimumBid(id, outstanding);
        uint256 most = previous + usdc.balanceOf(bidder);
        if (most > outstanding) most = outstanding;
        // Half the changes of an existing bid lower it, when it is above the minimum.
        if (amountSeed % 2 == 0 && previous > minimum && previous - 1 < most) most = previous - 1;
        if (most < minimum) return;
        uint256 amount = _bound(amountSeed >> 1, minimum, most);
        uint64 expiry = uint64(block.timestamp + _bound(expirySeed, 1, MAX_WINDOW));
        uint256 balanceBefore = usdc.balanceOf(bidder);
        vm.prank(bidder);
        try market.bid(id, uint128(amount), expiry) {} catch (bytes memory err) {
            return _unexpectedRevert("bid", err);
        }
        uint256 pulled = balanceBefore - usdc.balanceOf(bidder);
        if (amount >= previous) {
            if (pulled != amount - previous) _violation("bid pulled another amount than the raise", id);
            ghostEscrowTotal += amount - previous;
        } else {
            if (pulled != 0) _violation("a lowered bid pulled money", id);
            _creditGhost(bidder, previous - amount);
            ghostEscrowTotal -= previous - amount;
        }
        _bid[id][bidder] = BidGhost({amount: uint128(amount), expiry: expiry, claimNonce: _claimOf(id).nonce});
        _done(previous == 0 ? "bid" : (amount > previous ? "raiseBid" : (amount < previous ? "lowerBid" : "renewBid")));
    }

    /// @notice A bidder withdraws one of its bids (live or dead): the escrow is paid straight back to it.
    function cancelBid(uint256 seed) external {
        (uint256 id, address bidder, bool found) = _findBid(seed, false);
        if (!found) return;
        _cancelBid(id, bidder, "cancelBid");
        _done("cancelBid");
    }

    function _cancelBid(uint256 id, address bidder, string memory step) private {
        uint256 amount = _bid[id][bidder].amount;
        uint256 before = usdc.balanceOf(bidder);
        vm.prank(bidder);
        try market.cancelBid(id, bidder) {} catch (bytes memory err) {
            return _unexpectedRevert(step, err);
        }
        if (usdc.balanceOf(bidder) - before != amount) _violation("cancelBid paid another amount than escrowed", id);
        delete _bid[id][bidder];
        ghostEscrowTotal -= amount;
    }

    /// @notice The holder sells to a live bid (before the listing's deadline when listed), naming the bid as its
    /// minimum price.
    function acceptBid(uint256 seed) external {
        (uint256 id, address bidder, bool found) = _findBid(seed, true);
        if (!found) return;
        uint256 price = _bid[id][bidder].amount;
        address seller = _claim[id].holder;
        Snap memory before = _snap(seller, bidder);
        uint256 nonceBefore = claims.claimCore(id).nonce;
        vm.prank(seller);
        try market.acceptBid(id, bidder, price) {} catch (bytes memory err) {
            return _unexpectedRevert("acceptBid", err);
        }
        _recordFill("acceptBid", id, _bid[id][bidder].claimNonce, nonceBefore);
        delete _bid[id][bidder];
        ghostEscrowTotal -= price;
        _afterSale(id, seller, bidder, price, before, false);
        _done("acceptBid");
    }

    // ================================================================ 3. standing offers

    /// @notice A factor posts a standing offer on the debtor: yield 1..10,000 bps, tenor up to the market's
    /// maximum, an exposure limit (one time in three tight: between one and two times a claim's outstanding
    /// amount), an expiry.
    function postStandingOffer(
        uint256 factorSeed,
        uint256 yieldSeed,
        uint256 tenorSeed,
        uint256 limitSeed,
        uint256 expirySeed
    ) external {
        if (_offers.length >= MAX_OFFERS) return;
        OfferGhost memory o = OfferGhost({
            factor: _factor(factorSeed),
            expiry: uint64(block.timestamp + _bound(expirySeed, 1, 2 * MAX_WINDOW)),
            maxTenor: uint32(_bound(tenorSeed, 1 days, _maxTenor)),
            yieldBps: uint32(_bound(yieldSeed, 1, BPS)),
            active: true,
            limit: uint128(_bound(limitSeed, MAX_FACE, 4 * MAX_FACE)),
            used: 0
        });
        // One offer in three is sized on a claim the factor sees: room for it, but not for twice it.
        if (limitSeed % 3 == 0 && claimCount != 0) {
            uint256 sized = ClaimViews.outstandingOf(claims, ((limitSeed >> 2) % claimCount) + 1);
            if (sized != 0) o.limit = uint128(_bound(limitSeed >> 8, sized, 2 * sized - 1));
        }
        vm.prank(o.factor);
        try market.postStandingOffer(_actors[2], address(usdc), o.yieldBps, o.maxTenor, o.limit, o.expiry) returns (
            uint256 offerId
        ) {
            if (offerId != _offers.length) _violation("standing offer ids are not sequential", 0);
        } catch (bytes memory err) {
            return _unexpectedRevert("postStandingOffer", err);
        }
        _offers.push(o);
        _done("postStandingOffer");
    }

    /// @notice A factor cancels one of its active standing offers.
    function cancelStandingOffer(uint256 offerSeed) external {
        uint256 count = _offers.length;
        for (uint256 k = 0; k < count; ++k) {
            uint256 offerId = (offerSeed + k) % count;
            OfferGhost storage o = _offers[offerId];
            if (!o.active) continue;
            vm.prank(o.factor);
            try market.cancelStandingOffer(offerId) {} catch (bytes memory err) {
                return _unexpectedRevert("cancelStandingOffer", err);
            }
            o.active = false;
            return _done("cancelStandingOffer");
        }
    }

    /// @notice The holder sells a claim to a standing offer it qualifies for (tenor, exposure left, the factor's
    /// funds) at the price the yield gives now, which must equal `quote`.
    function sellToOffer(uint256 claimSeed, uint256 offerSeed) external {
        (uint256 id, uint256 offerId, uint256 price, bool found) = _findOfferSale(claimSeed, offerSeed);
        if (!found) return;
        address seller = _claim[id].holder;
        address factor = _offers[offerId].factor;
        uint256 exposure = ClaimViews.outstandingOf(claims, id);
        // A standing offer is priced at the sale: the state it commits to is the one its quote was read at.
        uint256 quotedNonce = claims.claimCore(id).nonce;
        try market.quote(id, offerId) returns (uint256 quoted) {
            if (quoted != price) _violation("quote differs from priceForYield", id);
        } catch (bytes memory err) {
            return _unexpectedRevert("quote", err);
        }
        Snap memory before = _snap(seller, factor);
        uint256 nonceBefore = claims.claimCore(id).nonce;
        vm.prank(seller);
        try market.sellToOffer(id, offerId, price) {} catch (bytes memory err) {
            return _unexpectedRevert("sellToOffer", err);
        }
        _recordFill("sellToOffer", id, quotedNonce, nonceBefore);
        _afterSale(id, seller, factor, price, before, true);
        ClaimGhost storage g = _claim[id];
        g.exposureOffer = offerId + 1;
        g.exposureAmount = exposure;
        _offers[offerId].used += uint128(exposure);
        _done("sellToOffer");
    }

    /// @notice Anyone frees the exposure of a claim that is settled or no longer with the offer's factor.
    function releaseExposure(uint256 claimSeed, uint256 callerSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isReleasable);
        if (!found) return;
        vm.prank(_actorAt(callerSeed));
        try market.releaseExposure(id) {} catch (bytes memory err) {
            return _unexpectedRevert("releaseExposure", err);
        }
        _releaseGhost(id);
        _done("releaseExposure");
    }

    // ================================================================ 4. signed offers

    /// @notice A factor other than the holder signs a private offer for a sellable claim (at its current nonce,
    /// within its funds); three times in four the holder fills it, otherwise the factor cancels it (by nonce or
    /// by raising its minimum nonce) and the holder's attempt to fill it must fail.
    function signedOffer(uint256 claimSeed, uint256 bidderSeed, uint256 priceSeed, uint256 modeSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isSellable);
        if (!found) return;
        address holder = _claim[id].holder;
        (SignedOffer memory offer, bytes memory signature) = _signOffer(id, holder, bidderSeed, priceSeed, modeSeed);
        if (offer.price == 0) return;
        if (modeSeed % 4 == 3) return _cancelSignedOffer(offer, signature, holder, (modeSeed >> 2) % 2 == 0);

        Snap memory before = _snap(holder, offer.bidder);
        uint256 nonceBefore = claims.claimCore(id).nonce;
        vm.prank(holder);
        try market.acceptSignedOffer(offer, signature) {} catch (bytes memory err) {
            return _unexpectedRevert("acceptSignedOffer", err);
        }
        _recordFill("acceptSignedOffer", id, offer.claimNonce, nonceBefore);
        if (!market.offerNonceUsed(offer.bidder, offer.offerNonce)) {
            _violation("a filled offer's nonce is not used", id);
        }
        _afterSale(id, holder, offer.bidder, offer.price, before, true);
        _done("acceptSignedOffer");
    }

    // ================================================================ money out of the market

    /// @notice The treasury collects the fees the market kept (withdrawFees), to itself.
    function collectFees() external {
        if (ghostFees == 0) return;
        _collectFees();
        _done("collectFees");
    }

    /// @notice An account (an actor or the treasury) with a credit in the market withdraws all of it.
    function withdrawFromMarket(uint256 accountSeed) external {
        (address account, bool found) = _findAccount(accountSeed, _hasMarketCredit);
        if (!found) return;
        _withdrawFromMarket(account);
        _done("withdrawFromMarket");
    }

    /// @notice Everyone exits (the end-of-run check, not a fuzz target): every bid is cancelled, every listing
    /// withdrawn, every releasable exposure freed, every account withdraws all it is owed by the market and by
    /// the claim contract, and the treasury collects the fees.
    function exitAll() external {
        for (uint256 id = 1; id <= claimCount; ++id) {
            for (uint256 f = 0; f < FACTOR_COUNT; ++f) {
                address bidder = _actors[FIRST_FACTOR + f];
                if (_bid[id][bidder].amount == 0) continue;
                _cancelBid(id, bidder, "exit: cancelBid");
            }
            if (_claim[id].seller != address(0)) _delist(id);
            if (_isReleasable(id)) {
                try market.releaseExposure(id) {} catch (bytes memory err) {
                    return _unexpectedRevert("exit: releaseExposure", err);
                }
                _releaseGhost(id);
            }
        }
        for (uint256 a = 0; a <= ACTOR_COUNT; ++a) {
            address account = _account(a);
            if (ghostCredit[account] != 0) _withdrawFromMarket(account);
            if (a == ACTOR_COUNT) continue;
            uint256 owed = claims.owed(account, address(usdc));
            if (owed == 0) continue;
            if (!_withdrawOwed(account, account, owed, "exit: claims.withdraw")) return;
        }
        if (ghostFees != 0) _collectFees();
    }

    /// @notice Sets {maxClaims} (not a fuzz target).
    function setMaxClaims(uint256 count) external {
        maxClaims = count;
    }

    // ================================================================ views for the invariant test

    function actors() external view returns (address[ACTOR_COUNT] memory all) {
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) all[a] = _actors[a];
    }

    function claimGhost(uint256 claimId) external view returns (ClaimGhost memory) {
        return _claim[claimId];
    }

    function bidGhost(uint256 claimId, address bidder) external view returns (BidGhost memory) {
        return _bid[claimId][bidder];
    }

    function offerCount() external view returns (uint256) {
        return _offers.length;
    }

    function offerGhost(uint256 offerId) external view returns (OfferGhost memory) {
        return _offers[offerId];
    }

    // ================================================================ model updates

    /// @dev Checks a sale's money (fee + net == price, the fee's rounding, who paid, what the market keeps) and
    /// custody, then moves the model: sums, fees kept, holder, listing cleared, old exposure released.
    function _afterSale(
        uint256 id,
        address seller,
        address buyer,
        uint256 price,
        Snap memory before,
        bool pulledFromBuyer
    ) private {
        Snap memory after_ = _snap(seller, buyer);
        uint256 net = after_.seller - before.seller;
        // The fee is what the market keeps above its liabilities: its feesAccrued grew by exactly that.
        uint256 fee = after_.fees - before.fees;
        if (fee + net != price) _violation("M1: sale fee + net != price", id);
        if (fee != (price * feeBps) / BPS) _violation("M1: sale fee is not price * fee rate rounded down", id);
        if (pulledFromBuyer) {
            if (before.buyer - after_.buyer != price) _violation("sale pulled another amount from the buyer", id);
            if (after_.market - before.market != fee) _violation("the market kept more or less than the fee", id);
        } else {
            if (after_.buyer != before.buyer) _violation("an accepted bid moved the bidder's wallet", id);
            if (before.market - after_.market != net) _violation("the escrow released more or less than the net", id);
        }
        if (claims.ownerOf(id) != buyer) _violation("the claim did not reach the buyer", id);
        ghostSales.count += 1;
        ghostSales.priceSum += price;
        ghostSales.feeSum += fee;
        ghostSales.netSum += net;
        ghostFees += fee;
        ClaimGhost storage g = _claim[id];
        g.holder = buyer;
        if (g.seller != address(0)) {
            (g.seller, g.askPrice, g.minBid, g.deadline, g.listedNonce) = (address(0), 0, 0, 0, 0);
            --listedCount;
        }
        if (g.exposureOffer != 0) _releaseGhost(id);
    }

    function _releaseGhost(uint256 id) private {
        ClaimGhost storage g = _claim[id];
        _offers[g.exposureOffer - 1].used -= uint128(g.exposureAmount);
        (g.exposureOffer, g.exposureAmount) = (0, 0);
    }

    function _creditGhost(address account, uint256 amount) private {
        ghostCredit[account] += amount;
        ghostCreditTotal += amount;
    }

    function _delist(uint256 id) private {
        ClaimGhost storage g = _claim[id];
        vm.prank(g.seller);
        try market.delist(id) {} catch (bytes memory err) {
            return _unexpectedRevert("delist", err);
        }
        if (claims.lockedBy(id) != address(0)) _violation("a delisted claim stayed locked", id);
        (g.seller, g.askPrice, g.minBid, g.deadline, g.listedNonce) = (address(0), 0, 0, 0, 0);
        --listedCount;
    }

    function _collectFees() private {
        uint256 expected = ghostFees;
        uint256 liabilities = market.totalLiabilities(address(usdc));
        uint256 before = usdc.balanceOf(treasury);
        vm.prank(treasury);
        try market.withdrawFees(address(usdc), treasury) returns (uint256 amount) {
            if (amount != expected) _violation("withdrawFees returned another amount than the fees kept", 0);
        } catch (bytes memory err) {
            return _unexpectedRevert("market.withdrawFees", err);
        }
        if (usdc.balanceOf(treasury) - before != expected) _violation("withdrawFees paid another amount", 0);
        if (market.totalLiabilities(address(usdc)) != liabilities) _violation("withdrawFees moved the liabilities", 0);
        ghostFees = 0;
        ghostFeesCollected += expected;
    }

    function _withdrawFromMarket(address account) private {
        uint256 expected = ghostCredit[account];
        uint256 before = usdc.balanceOf(account);
        vm.prank(account);
        try market.withdraw(address(usdc), account) returns (uint256 amount) {
            if (amount != expected) _violation("market.withdraw returned another amount than credited", 0);
        } catch (bytes memory err) {
            return _unexpectedRevert("market.withdraw", err);
        }
        if (usdc.balanceOf(account) - before != expected) _violation("market.withdraw paid another amount", 0);
        ghostCredit[account] = 0;
        ghostCreditTotal -= expected;
    }

    /// @dev A factor other than `holder` signs an offer for `id` at its current nonce, priced within what the
    /// claim owes and what the factor holds (price 0: nothing to offer).
    function _signOffer(
        uint256 id,
        address holder,
        uint256 bidderSeed,
        uint256 priceSeed,
        uint256 modeSeed
    ) private returns (SignedOffer memory offer, bytes memory signature) {
        uint256 index = bidderSeed % FACTOR_COUNT;
        if (_actors[FIRST_FACTOR + index] == holder) index = (index + 1) % FACTOR_COUNT;
        address bidder = _actors[FIRST_FACTOR + index];
        uint256 most = ClaimViews.outstandingOf(claims, id);
        if (usdc.balanceOf(bidder) < most) most = usdc.balanceOf(bidder);
        if (most == 0) return (offer, signature);
        offer = SignedOffer({
            claimId: id,
            claimNonce: claims.claimCore(id).nonce,
            price: _bound(priceSeed, 1, most),
            currency: address(usdc),
            deadline: block.timestamp + _bound(modeSeed >> 4, 0, MAX_WINDOW),
            bidder: bidder,
            offerNonce: _nextOfferNonce[bidder]++
        });
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_factorKeys[index], market.offerDigest(offer));
        signature = abi.encodePacked(r, s, v);
    }

    /// @dev The bidder cancels the signed offer (by nonce, or by raising its minimum past it); filling it must
    /// then fail with ClaimMarketOfferNonceUsed and move nothing (F2).
    function _cancelSignedOffer(
        SignedOffer memory offer,
        bytes memory signature,
        address holder,
        bool byNonce
    ) private {
        vm.prank(offer.bidder);
        if (byNonce) {
            try market.cancelSignedOffer(offer.offerNonce) {} catch (bytes memory err) {
                return _unexpectedRevert("cancelSignedOffer", err);
            }
        } else {
            try market.raiseMinOfferNonce(offer.offerNonce + 1) {} catch (bytes memory err) {
                return _unexpectedRevert("raiseMinOfferNonce", err);
            }
        }
        if (!market.offerNonceUsed(offer.bidder, offer.offerNonce)) _violation("a cancelled offer's nonce is free", 0);
        vm.prank(holder);
        try market.acceptSignedOffer(offer, signature) {
            _violation("F2: a cancelled signed offer was filled", offer.claimId);
        } catch (bytes memory err) {
            if (bytes4(err) != IClaimMarket.ClaimMarketOfferNonceUsed.selector) {
                _violation("a cancelled signed offer failed with another error", offer.claimId);
            }
        }
        _done(byNonce ? "cancelSignedOffer" : "raiseMinOfferNonce");
    }

    // ================================================================ selection

    /// @dev The first (claim, factor) pair from the seed on with a bid; with `liveOnly`, one the holder can
    /// accept now.
    function _findBid(uint256 seed, bool liveOnly) private view returns (uint256 id, address bidder, bool found) {
        uint256 pairs = claimCount * FACTOR_COUNT;
        for (uint256 k = 0; k < pairs; ++k) {
            uint256 pair = (seed + k) % pairs;
            id = pair / FACTOR_COUNT + 1;
            bidder = _actors[FIRST_FACTOR + (pair % FACTOR_COUNT)];
            BidGhost storage b = _bid[id][bidder];
            if (b.amount == 0) continue;
            if (!liveOnly) return (id, bidder, true);
            if (block.timestamp > b.expiry || b.claimNonce != claims.claimCore(id).nonce) continue;
            if (!_isSellable(id)) continue;
            ClaimGhost storage g = _claim[id];
            if (g.seller != address(0) && block.timestamp > g.deadline) continue;
            return (id, bidder, true);
        }
        return (0, address(0), false);
    }

    /// @dev The first (claim, standing offer) pair from the seeds on that a sale can go through now, with its
    /// price; half the time claims that already take exposure on an offer (moved on without a sale) come first, and
    /// for each claim that offer comes first. Exposure is counted as the spec states it: the claim's own exposure on
    /// the same offer is freed by the sale itself.
    function _findOfferSale(
        uint256 claimSeed,
        uint256 offerSeed
    ) private view returns (uint256 id, uint256 offerId, uint256 price, bool found) {
        uint256 count = claimCount;
        if (count == 0 || _offers.length == 0) return (0, 0, 0, false);
        for (uint256 pass = offerSeed % 2; pass < 2; ++pass) {
            for (uint256 k = 0; k < count; ++k) {
                id = ((claimSeed + k) % count) + 1;
                if (pass == 0 && _claim[id].exposureOffer == 0) continue;
                if (!_isSellable(id)) continue;
                (offerId, price) = _offerFor(id, offerSeed >> 1);
                if (price != 0) return (id, offerId, price, true);
            }
        }
        return (0, 0, 0, false);
    }

    /// @dev The offer `id` can be sold to now (its own exposure offer first, then from the seed on) and the price.
    function _offerFor(uint256 id, uint256 offerSeed) private view returns (uint256 offerId, uint256 price) {
        uint256 own = _claim[id].exposureOffer;
        if (own != 0) {
            price = _offerPrice(id, own - 1);
            if (price != 0) return (own - 1, price);
        }
        uint256 offers = _offers.length;
        for (uint256 j = 0; j < offers; ++j) {
            offerId = (offerSeed + j) % offers;
            price = _offerPrice(id, offerId);
            if (price != 0) return (offerId, price);
        }
        return (0, 0);
    }

    /// @dev What `offerId` pays for `id` now, or 0 if the sale cannot go through.
    function _offerPrice(uint256 id, uint256 offerId) private view returns (uint256 price) {
        OfferGhost storage o = _offers[offerId];
        ClaimGhost storage g = _claim[id];
        if (!o.active || block.timestamp > o.expiry || o.factor == g.holder) return 0;
        Claim memory c = _claimOf(id);
        if (c.dueDate <= block.timestamp || c.dueDate - block.timestamp > o.maxTenor) return 0;
        uint256 exposure = c.faceValue - c.amountPaid;
        uint256 available = o.limit - o.used;
        if (g.exposureOffer == offerId + 1) available += g.exposureAmount;
        if (exposure > available) return 0;
        price = Pricing.priceForYield(exposure, o.yieldBps, c.dueDate - block.timestamp);
        if (usdc.balanceOf(o.factor) < price) return 0;
    }

    /// @dev The first factor from the seed on, other than `exclude`, holding at least `amount`.
    function _findFactor(uint256 seed, address exclude, uint256 amount) private view returns (address, bool) {
        for (uint256 k = 0; k < FACTOR_COUNT; ++k) {
            address factor = _factor(seed + k);
            if (factor != exclude && usdc.balanceOf(factor) >= amount) return (factor, true);
        }
        return (address(0), false);
    }

    function _listingTerms(
        uint256 id,
        uint256 askSeed,
        uint256 minBidSeed,
        uint256 deadlineSeed
    ) private view returns (uint128 ask, uint128 minBid, uint64 deadline) {
        uint256 outstanding = ClaimViews.outstandingOf(claims, id);
        ask = askSeed % 4 == 0 ? 0 : uint128(_bound(askSeed >> 2, 1, outstanding));
        minBid = minBidSeed % 2 == 0 ? 0 : uint128(_bound(minBidSeed >> 1, 1, outstanding));
        deadline = uint64(block.timestamp + _bound(deadlineSeed, 1, MAX_WINDOW));
    }

    /// @dev As the market computes it: 1 % of what the claim owes (at least 1), or the listing's higher minimum.
    function _minimumBid(uint256 id, uint256 outstanding) private view returns (uint256 minimum) {
        minimum = outstanding / 100;
        if (minimum == 0) minimum = 1;
        if (_claim[id].seller != address(0) && _claim[id].minBid > minimum) minimum = _claim[id].minBid;
    }

    function _isSellable(uint256 id) private view returns (bool) {
        ClaimState s = _claimOf(id).state;
        return s == ClaimState.Accepted || s == ClaimState.Financed;
    }

    function _isListable(uint256 id) private view returns (bool) {
        return _claim[id].seller == address(0) && _isSellable(id);
    }

    function _isListed(uint256 id) private view returns (bool) {
        return _claim[id].seller != address(0);
    }

    function _isListedAndSellable(uint256 id) private view returns (bool) {
        return _claim[id].seller != address(0) && _isSellable(id);
    }

    /// @dev A listing with an ask, before its deadline, on a sellable claim: buyable at its ask if priced on the
    /// claim's current nonce (then the ask is within what the claim owes), or stale (a buy must be refused).
    function _isBuyable(uint256 id) private view returns (bool) {
        ClaimGhost storage g = _claim[id];
        if (g.seller == address(0) || g.askPrice == 0 || block.timestamp > g.deadline) return false;
        if (!_isSellable(id)) return false;
        return g.listedNonce != claims.claimCore(id).nonce || g.askPrice <= ClaimViews.outstandingOf(claims, id);
    }

    function _isBiddable(uint256 id) private view returns (bool) {
        ClaimGhost storage g = _claim[id];
        if (g.seller != address(0) && block.timestamp > g.deadline) return false;
        if (!_isSellable(id)) return false;
        uint256 outstanding = ClaimViews.outstandingOf(claims, id);
        return _minimumBid(id, outstanding) <= outstanding;
    }

    function _isPayable(uint256 id) private view returns (bool) {
        Claim memory c = _claimOf(id);
        bool payableState =
            c.state == ClaimState.Accepted ||
                c.state == ClaimState.Financed ||
                c.state == ClaimState.Overdue ||
                c.state == ClaimState.Defaulted;
        return payableState && c.amountPaid < c.faceValue;
    }

    function _isTransferable(uint256 id) private view returns (bool) {
        if (_claim[id].seller != address(0)) return false; // locked by the market
        ClaimState s = _claimOf(id).state;
        return
            s == ClaimState.Accepted ||
            s == ClaimState.Financed ||
            s == ClaimState.Overdue ||
            s == ClaimState.Defaulted;
    }

    function _isTransferableWithExposure(uint256 id) private view returns (bool) {
        return _claim[id].exposureOffer != 0 && _isTransferable(id);
    }

    function _isReleasable(uint256 id) private view returns (bool) {
        ClaimGhost storage g = _claim[id];
        if (g.exposureOffer == 0) return false;
        if (_claimOf(id).state == ClaimState.Settled) return true;
        return g.holder != _offers[g.exposureOffer - 1].factor;
    }

    // ================================================================ helpers

    function _factor(uint256 seed) private view returns (address) {
        return _actors[FIRST_FACTOR + (seed % FACTOR_COUNT)];
    }

    /// @dev SMEs and factors: who may hold a claim here.
    function _nonDebtor(uint256 seed) private view returns (address) {
        uint256 index = seed % (ACTOR_COUNT - 1);
        return _actors[index < 2 ? index : index + 1];
    }

    function _isOwedByClaims(address account) private view returns (bool) {
        return claims.owed(account, address(usdc)) != 0;
    }

    function _hasMarketCredit(address account) private view returns (bool) {
        return ghostCredit[account] != 0;
    }

    function _snap(address seller, address buyer) private view returns (Snap memory) {
        return
            Snap({
                seller: usdc.balanceOf(seller),
                buyer: usdc.balanceOf(buyer),
                fees: market.feesAccrued(address(usdc)),
                market: usdc.balanceOf(address(market))
            });
    }

    /// @dev Counts a fill, and a stale one if the claim's nonce just before it was not the one its order committed to.
    function _recordFill(string memory action, uint256 id, uint256 committedNonce, uint256 nonceBefore) private {
        ++fills;
        if (committedNonce == nonceBefore) return;
        if (staleFills++ == 0) firstStaleFill = string.concat(action, " (claim ", id.toString(), ")");
    }
}
