// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks

import {ClaimMarket} from "../../ClaimMarket.sol";
import {ReceivableClaim} from "../../ReceivableClaim.sol";
import {ClaimViews} from "../../libraries/ClaimViews.sol";
import {ClaimState} from "../../types/Claim.sol";

import {ITestCurrency} from "../utils/ITestCurrency.t.sol";
import {vm} from "../utils/Vm.t.sol";
import {BaseHandler} from "./BaseHandler.t.sol";

/// @title SystemMarketHandler
/// @notice The market half of the system handler (see {SystemHandler}): the holders list and delist claims, the
/// three factors buy at the ask price, bid, change and cancel bids, the holders accept live bids; everyone
/// withdraws its market credit, and the treasury collects the sale fees the market keeps. A ghost ledger mirrors
/// listings, escrowed bids, credits and the fees kept.
/// @dev A separate contract because the test runner does not recognise a handler above 32 KiB of code. The
/// claim-side handler calls {delistIfListed} before a guarantee call and {exitMarket} at the end of a run.
contract SystemMarketHandler is BaseHandler {
    /// @dev A listing as the model knows it.
    struct ListingGhost {
        address seller; // zero when not listed
        uint128 askPrice;
        uint64 deadline;
        uint64 claimNonce; // the claim's nonce the ask was priced on
    }

    /// @dev One escrowed bid.
    struct BidGhost {
        uint128 amount;
        uint64 expiry;
        uint64 claimNonce;
    }

    uint256 internal constant ACTOR_COUNT = 10;
    uint256 internal constant FIRST_FACTOR = 5;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_WINDOW = 20 days;

    ClaimMarket public market;
    ITestCurrency public currency;
    address public escrow;
    uint256 internal _saleFeeBps;

    mapping(uint256 claimId => ListingGhost ghost) internal _listing;
    mapping(uint256 claimId => mapping(address bidder => BidGhost ghost)) internal _bid;
    /// @notice What the market has credited each account (the actors; never the treasury), as the model says.
    mapping(address account => uint256 amount) public ghostMarketCredit;
    /// @notice Sale fees the market keeps above its liabilities, not yet collected by the treasury.
    uint256 public ghostMarketFees;
    uint256 public ghostBidTotal;

    constructor(
        ClaimMarket market_,
        ReceivableClaim claims_,
        ITestCurrency currency_,
        address escrow_,
        address treasury_,
        uint256 saleFeeBps_,
        address[ACTOR_COUNT] memory actors_
    ) BaseHandler(claims_, address(currency_), treasury_, "system market handler") {
        market = market_;
        currency = currency_;
        escrow = escrow_;
        _saleFeeBps = saleFeeBps_;
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) _actors.push(actors_[a]);
    }

    /// @notice The holder lists a sellable claim at an ask price, with a deadline.
    function list(uint256 claimSeed, uint256 askSeed, uint256 deadlineSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isListable);
        if (!found) return;
        address holder = claims.ownerOf(id);
        uint128 ask = uint128(_bound(askSeed, 1, ClaimViews.outstandingOf(claims, id)));
        uint64 deadline = uint64(block.timestamp + _bound(deadlineSeed, 1, MAX_WINDOW));
        vm.prank(holder);
        try market.list(id, ask, 0, deadline) {} catch (bytes memory err) {
            return _unexpectedRevert("list", err);
        }
        _listing[id] = ListingGhost({
            seller: holder,
            askPrice: ask,
            deadline: deadline,
            claimNonce: uint64(claims.claimCore(id).nonce)
        });
        _done("list");
    }

    /// @notice The seller withdraws a listing, whatever the claim's state.
    function delist(uint256 claimSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isListed);
        if (!found) return;
        _delist(id);
        _done("delist");
    }

    /// @notice A factor other than the seller buys a listed claim at its ask price.
    function buy(uint256 claimSeed, uint256 buyerSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isBuyable);
        if (!found) return;
        address seller = _listing[id].seller;
        address buyer = _factor(buyerSeed);
        if (buyer == seller) buyer = _factor(buyerSeed + 1);
        uint256 price = _listing[id].askPrice;
        uint256 sellerBefore = currency.balanceOf(seller);
        uint256 buyerBefore = currency.balanceOf(buyer);
        uint256 nonceBefore = claims.claimCore(id).nonce;
        vm.prank(buyer);
        try market.buy(id, price) {} catch (bytes memory err) {
            return _unexpectedRevert("buy", err);
        }
        _expectCommittedState(id, _listing[id].claimNonce, nonceBefore);
        if (buyerBefore - currency.balanceOf(buyer) != price) _violation("buy pulled another amount", id);
        _afterSale(id, seller, buyer, price, sellerBefore);
        _done("buy");
    }

    /// @notice A factor other than the holder places or changes its bid on a sellable claim.
    function bid(uint256 claimSeed, uint256 bidderSeed, uint256 amountSeed, uint256 expirySeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isBiddable);
        if (!found) return;
        address bidder = _factor(bidderSeed);
        if (bidder == claims.ownerOf(id)) bidder = _factor(bidderSeed + 1);
        uint256 outstanding = ClaimViews.outstandingOf(claims, id);
        uint256 minimum = outstanding / 100;
        if (minimum == 0) minimum = 1;
        uint256 amount = _bound(amountSeed, minimum, outstanding);
        uint64 expiry = uint64(block.timestamp + _bound(expirySeed, 1, MAX_WINDOW));
        uint256 previous = _bid[id][bidder].amount;
        uint256 before = currency.balanceOf(bidder);
        vm.prank(bidder);
        try market.bid(id, uint128(amount), expiry) {} catch (bytes memory err) {
            return _unexpectedRevert("bid", err);
        }
        uint256 pulled = before - currency.balanceOf(bidder);
        if (amount >= previous) {
            if (pulled != amount - previous) _violation("bid pulled another amount than the raise", id);
            ghostBidTotal += amount - previous;
        } else {
            if (pulled != 0) _violation("a lowered bid pulled money", id);
            ghostMarketCredit[bidder] += previous - amount;
            ghostBidTotal -= previous - amount;
        }
        _bid[id][bidder] = BidGhost({amount: uint128(amount), expiry: expiry, claimNonce: _claimOf(id).nonce});
        _done(previous == 0 ? "bid" : "changeBid");
    }

    /// @notice A bidder lowers one of its live bids to half (at least the minimum bid): the difference is credited to
    /// its refund ledger in the market, the one way a market credit arises now that a cancelled bid is paid straight.
    function lowerBid(uint256 seed) external {
        (uint256 id, address bidder, bool found) = _findBid(seed, true);
        if (!found) return;
        BidGhost storage b = _bid[id][bidder];
        // A bid still fills in its expiry's own second, but a bid placed now must expire later: re-placing it with
        // the same expiry in that second is refused (ClaimMarketDeadlineNotInFuture), as it should be.
        if (b.expiry <= block.timestamp) return;
        uint256 minimum = ClaimViews.outstandingOf(claims, id) / 100;
        if (minimum == 0) minimum = 1;
        uint256 lowered = b.amount / 2;
        if (lowered < minimum) lowered = minimum;
        if (lowered >= b.amount) return;
        uint256 difference = b.amount - lowered;
        uint256 before = currency.balanceOf(bidder);
        vm.prank(bidder);
        try market.bid(id, uint128(lowered), b.expiry) {} catch (bytes memory err) {
            return _unexpectedRevert("lowerBid", err);
        }
        if (currency.balanceOf(bidder) != before) _violation("a lowered bid moved the bidder's money", id);
        ghostMarketCredit[bidder] += difference;
        ghostBidTotal -= difference;
        b.amount = uint128(lowered);
        b.claimNonce = _claimOf(id).nonce;
        _done("lowerBid");
    }

    /// @notice A bidder withdraws one of its bids (live or dead), paid straight back to it.
    function cancelBid(uint256 seed) external {
        (uint256 id, address bidder, bool found) = _findBid(seed, false);
        if (!found) return;
        _cancelBid(id, bidder);
        _done("cancelBid");
    }

    /// @notice The holder sells to a live bid, naming it as its minimum price.
    function acceptBid(uint256 seed) external {
        (uint256 id, address bidder, bool found) = _findBid(seed, true);
        if (!found) return;
        uint256 price = _bid[id][bidder].amount;
        address seller = claims.ownerOf(id);
        uint256 sellerBefore = currency.balanceOf(seller);
        uint256 nonceBefore = claims.claimCore(id).nonce;
        vm.prank(seller);
        try market.acceptBid(id, bidder, price) {} catch (bytes memory err) {
            return _unexpectedRevert("acceptBid", err);
        }
        _expectCommittedState(id, _bid[id][bidder].claimNonce, nonceBefore);
        delete _bid[id][bidder];
        ghostBidTotal -= price;
        _afterSale(id, seller, bidder, price, sellerBefore);
        _done("acceptBid");
    }

    /// @notice An account (an actor or the treasury) withdraws its market credit.
    function withdrawFromMarket(uint256 seed) external {
        (address account, bool found) = _findAccount(seed, _hasMarketCredit);
        if (!found) return;
        _withdrawMarket(account);
        _done("withdrawFromMarket");
    }

    /// @notice The treasury collects the market's surplus (withdrawFees) to itself: the sale fees kept plus
    /// `donated`, what the caller's model says was donated to the market since the last collection. Called by the
    /// system handler, which keeps the donations (not a fuzz target here). Returns false if nothing was due.
    function collectFees(uint256 donated) external returns (bool) {
        uint256 expected = ghostMarketFees + donated;
        if (expected == 0) return false;
        uint256 liabilities = market.totalLiabilities(address(currency));
        uint256 before = currency.balanceOf(treasury);
        vm.prank(treasury);
        try market.withdrawFees(address(currency), treasury) returns (uint256 amount) {
            if (amount != expected) _violation("market.withdrawFees returned another amount than the surplus", 0);
        } catch (bytes memory err) {
            _unexpectedRevert("market.withdrawFees", err);
            return false;
        }
        if (currency.balanceOf(treasury) - before != expected) _violation("market.withdrawFees paid another amount", 0);
        if (market.totalLiabilities(address(currency)) != liabilities) {
            _violation("market.withdrawFees moved the liabilities", 0);
        }
        ghostMarketFees = 0;
        _done("collectMarketFees");
        return true;
    }

    /// @notice The seller withdraws the claim's listing if there is one (the holder does before calling a guarantee).
    function delistIfListed(uint256 id) external {
        if (_listing[id].seller != address(0)) _delist(id);
    }

    /// @notice Every bid cancelled, every listing withdrawn (the end of a run; not a fuzz target).
    function exitMarket() external {
        uint256 count = claims.claimCount();
        for (uint256 id = 1; id <= count; ++id) {
            for (uint256 f = 0; f < 3; ++f) {
                address bidder = _actors[FIRST_FACTOR + f];
                if (_bid[id][bidder].amount != 0) _cancelBid(id, bidder);
            }
            if (_listing[id].seller != address(0)) _delist(id);
        }
    }

    /// @notice Every account withdraws its market credit (the end of a run; not a fuzz target).
    function withdrawAllFromMarket() external {
        for (uint256 a = 0; a <= ACTOR_COUNT; ++a) {
            if (ghostMarketCredit[_account(a)] != 0) _withdrawMarket(_account(a));
        }
    }

    function listingGhost(uint256 claimId) external view returns (ListingGhost memory) {
        return _listing[claimId];
    }

    function bidGhost(uint256 claimId, address bidder) external view returns (BidGhost memory) {
        return _bid[claimId][bidder];
    }

    // ================================================================ model updates

    function _afterSale(uint256 id, address seller, address buyer, uint256 price, uint256 sellerBefore) private {
        uint256 fee = (price * _saleFeeBps) / BPS;
        if (currency.balanceOf(seller) - sellerBefore != price - fee) _violation("sale: seller net != price - fee", id);
        if (claims.ownerOf(id) != buyer) _violation("sale: the claim did not reach the buyer", id);
        ghostMarketFees += fee;
        delete _listing[id];
    }

    function _delist(uint256 id) private {
        vm.prank(_listing[id].seller);
        try market.delist(id) {} catch (bytes memory err) {
            return _unexpectedRevert("delist", err);
        }
        delete _listing[id];
    }

    function _cancelBid(uint256 id, address bidder) private {
        uint256 amount = _bid[id][bidder].amount;
        uint256 before = currency.balanceOf(bidder);
        vm.prank(bidder);
        try market.cancelBid(id, bidder) {} catch (bytes memory err) {
            return _unexpectedRevert("cancelBid", err);
        }
        if (currency.balanceOf(bidder) - before != amount) _violation("cancelBid paid another amount", id);
        delete _bid[id][bidder];
        ghostBidTotal -= amount;
    }

    function _withdrawMarket(address account) private {
        uint256 expected = ghostMarketCredit[account];
        uint256 before = currency.balanceOf(account);
        vm.prank(account);
        try market.withdraw(address(currency), account) returns (uint256 amount) {
            if (amount != expected) _violation("market.withdraw returned another amount than credited", 0);
        } catch (bytes memory err) {
            return _unexpectedRevert("market.withdraw", err);
        }
        if (currency.balanceOf(account) - before != expected) _violation("market.withdraw paid another amount", 0);
        ghostMarketCredit[account] = 0;
    }

    /// @dev No sale fills at a state other than the one its order committed to: the claim's nonce just before the
    /// sale must be the one the listing or the bid was priced on.
    function _expectCommittedState(uint256 id, uint256 committedNonce, uint256 nonceBefore) private {
        if (committedNonce != nonceBefore) _violation("a sale filled at a claim state its order was not priced on", id);
    }

    // ================================================================ selection

    /// @dev Every claim the claim contract holds: the claim-side handler issues them, not this one.
    function _claimTotal() internal view override returns (uint256) {
        return claims.claimCount();
    }

    /// @dev The first (claim, factor) pair from the seed on with a bid; with `liveOnly`, one the holder can accept.
    function _findBid(uint256 seed, bool liveOnly) private view returns (uint256 id, address bidder, bool found) {
        uint256 pairs = claims.claimCount() * 3;
        for (uint256 k = 0; k < pairs; ++k) {
            uint256 pair = (seed + k) % pairs;
            id = pair / 3 + 1;
            bidder = _actors[FIRST_FACTOR + (pair % 3)];
            BidGhost storage b = _bid[id][bidder];
            if (b.amount == 0) continue;
            if (!liveOnly) return (id, bidder, true);
            if (block.timestamp > b.expiry || b.claimNonce != _claimOf(id).nonce) continue;
            if (!_isSellable(id) || claims.ownerOf(id) == bidder || b.amount > ClaimViews.outstandingOf(claims, id))
                continue;
            ListingGhost storage entry = _listing[id];
            if (entry.seller != address(0) && block.timestamp > entry.deadline) continue;
            return (id, bidder, true);
        }
        return (0, address(0), false);
    }

    function _isSellable(uint256 id) private view returns (bool) {
        ClaimState s = _claimOf(id).state;
        return (s == ClaimState.Accepted || s == ClaimState.Financed) && claims.ownerOf(id) != escrow;
    }

    function _isListable(uint256 id) private view returns (bool) {
        return _listing[id].seller == address(0) && _isSellable(id);
    }

    function _isListed(uint256 id) private view returns (bool) {
        return _listing[id].seller != address(0);
    }

    /// @dev A listing priced on the claim's current nonce (a payment, a dispute or a guarantee change since voids it).
    function _isBuyable(uint256 id) private view returns (bool) {
        ListingGhost storage entry = _listing[id];
        if (entry.seller == address(0) || block.timestamp > entry.deadline) return false;
        if (entry.claimNonce != claims.claimCore(id).nonce) return false;
        return _isSellable(id) && entry.askPrice <= ClaimViews.outstandingOf(claims, id);
    }

    function _isBiddable(uint256 id) private view returns (bool) {
        ListingGhost storage entry = _listing[id];
        if (entry.seller != address(0) && block.timestamp > entry.deadline) return false;
        return _isSellable(id);
    }

    function _factor(uint256 seed) private view returns (address) {
        return _actors[FIRST_FACTOR + (seed % 3)];
    }

    function _hasMarketCredit(address account) private view returns (bool) {
        return ghostMarketCredit[account] != 0;
    }
}
