// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {Bid, Listing, StandingOffer} from "../types/Market.sol";
import {Role} from "../types/Roles.sol";

import {IGuaranteeEscrow} from "../interfaces/IGuaranteeEscrow.sol";
import {MarketLens} from "../periphery/MarketLens.sol";
import {ClaimMarketHandler} from "./handlers/ClaimMarketHandler.t.sol";
import {Fixture} from "./utils/Fixture.t.sol";
import {vm} from "./utils/Vm.t.sol";

/// @title ClaimMarketInvariantTest
/// @notice Handler-driven invariants of {ClaimMarket} (docs/SECURITY.md M1, I1, I2, I5, I7, D2) with two SMEs, one debtor
/// and three factors (one of them the bank), trading by all four ways while the debtor pays and time passes.
/// @dev The fuzzer calls only the handler's actions (see {targetSelectors}). The handler records unexpected
/// reverts and sales whose money does not add up; the invariants compare the market with the handler's ghost
/// ledger. `afterInvariant` makes everyone exit at the end of every run and requires the market to end with
/// exactly zero.
contract ClaimMarketInvariantTest is Fixture {
    /// @dev Foundry's invariant target selector, read by EDR.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    uint256 internal constant ACTOR_FUNDS = 1_000_000_000e6; // a billion USDC each

    ClaimMarketHandler internal handler;
    address[6] internal actors;
    /// @dev Reads the market's scanning views (listings, a bidder's claims); no escrow here, and neither view reads one.
    MarketLens internal marketLens;

    function setUp() public {
        _deploySystem();
        _deployMarket();
        marketLens = new MarketLens(claims, market, IGuaranteeEscrow(address(0)));
        uint256[3] memory factorKeys = [uint256(0xF0F1), uint256(0xF0F2), uint256(0xBA4C)];
        actors = [
            vm.addr(0x5E01), // SME 1
            vm.addr(0x5E02), // SME 2
            vm.addr(0xDEB7), // debtor
            vm.addr(factorKeys[0]), // factor 1
            vm.addr(factorKeys[1]), // factor 2
            vm.addr(factorKeys[2]) // the bank, a factor
        ];
        Role[6] memory roles = [Role.Originator, Role.Originator, Role.Debtor, Role.Factor, Role.Factor, Role.Factor];
        for (uint256 a = 0; a < actors.length; ++a) {
            _verify(actors[a], roles[a]);
            // SMEs start with nothing: they only ever receive. The debtor pays claims; factors buy.
            if (a == 2) _fund(actors[a], ACTOR_FUNDS);
            if (a >= 3) _fundForMarket(actors[a], ACTOR_FUNDS);
        }
        handler = new ClaimMarketHandler(market, claims, usdc, actors, factorKeys, registry.currentRules());
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev The actions only: not exitAll (the end-of-run check) nor the views.
    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](22);
        selectors[0] = ClaimMarketHandler.issue.selector;
        selectors[1] = ClaimMarketHandler.pay.selector;
        selectors[2] = ClaimMarketHandler.poke.selector;
        selectors[3] = ClaimMarketHandler.transferClaim.selector;
        selectors[4] = ClaimMarketHandler.withdrawFromClaims.selector;
        selectors[5] = ClaimMarketHandler.warp.selector;
        selectors[6] = ClaimMarketHandler.list.selector;
        selectors[7] = ClaimMarketHandler.updateListing.selector;
        selectors[8] = ClaimMarketHandler.delist.selector;
        selectors[9] = ClaimMarketHandler.buy.selector;
        selectors[10] = ClaimMarketHandler.bid.selector; // place, or change the bid it has
        selectors[11] = ClaimMarketHandler.cancelBid.selector;
        selectors[12] = ClaimMarketHandler.acceptBid.selector;
        selectors[13] = ClaimMarketHandler.postStandingOffer.selector;
        selectors[14] = ClaimMarketHandler.cancelStandingOffer.selector;
        selectors[15] = ClaimMarketHandler.sellToOffer.selector;
        selectors[16] = ClaimMarketHandler.releaseExposure.selector;
        selectors[17] = ClaimMarketHandler.signedOffer.selector;
        selectors[18] = ClaimMarketHandler.withdrawFromMarket.selector;
        // Issuing twice as often keeps claims coming.
        selectors[19] = ClaimMarketHandler.issue.selector;
        selectors[20] = ClaimMarketHandler.changeBid.selector;
        selectors[21] = ClaimMarketHandler.collectFees.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    // ================================================================ invariants

    /// @notice The handler saw no unexpected revert (every valid action went through: liveness, R4), and every
    /// sale moved exactly its price: fee + net == price, the fee rounded down, pulled only from the buyer (F1).
    function invariant_noViolations() public view {
        if (handler.violationCount() != 0) revert AssertionFailed(handler.firstViolation());
    }

    /// @notice No sale path fills at a state other than the one it committed to: for every sale, the claim's nonce
    /// just before it was the one its order was priced on (the listing's, the bid's, the signed offer's; for a
    /// standing offer, the one its quote was read at), and every attempt to buy a listing priced on an older nonce was
    /// refused with ClaimMarketStaleListing and moved nothing (a violation otherwise).
    function invariant_fillsAtCommittedState() public view {
        if (handler.staleFills() != 0) revert AssertionFailed(handler.firstStaleFill());
    }

    /// @notice I1 solvency: the market's balance covers its liabilities, which are exactly the ghost escrowed bids
    /// plus the ghost credits (refunds); with no donations the balance is them plus the fees not yet collected,
    /// which is what feesAccrued reports.
    function invariant_I1_solvency() public view {
        uint256 balance = usdc.balanceOf(address(market));
        uint256 liabilities = market.totalLiabilities(address(usdc));
        _assertLe(liabilities, balance, "I1: liabilities above balance");
        _assertEq(liabilities, handler.ghostEscrowTotal() + handler.ghostCreditTotal(), "I1: liabilities vs ghost");
        _assertEq(balance, liabilities + handler.ghostFees(), "I1: balance equals liabilities + fees (no donations)");
        _assertEq(market.feesAccrued(address(usdc)), handler.ghostFees(), "feesAccrued vs ghost");
    }

    /// @notice The ledger, entry by entry: every bid (per claim and factor) and every credit the market reports is
    /// the ghost's, `bidsOf` names exactly each factor's claims with a bid, and bids plus credits add up to the
    /// liabilities (so no bid exists outside the actors').
    function invariant_ledgerMatchesGhost() public view {
        uint256 sum = 0;
        uint256 count = handler.claimCount();
        for (uint256 f = 3; f < actors.length; ++f) {
            uint256[] memory bidOn = marketLens.bidsOf(actors[f], 0, type(uint256).max);
            uint256 next = 0;
            for (uint256 id = 1; id <= count; ++id) {
                (Bid memory b, ) = market.bidOf(id, actors[f]);
                ClaimMarketHandler.BidGhost memory g = handler.bidGhost(id, actors[f]);
                _assertEq(b.amount, g.amount, "bid amount vs ghost");
                _assertEq(b.expiry, g.expiry, "bid expiry vs ghost");
                _assertEq(b.claimNonce, g.claimNonce, "bid nonce vs ghost");
                sum += b.amount;
                if (g.amount == 0) continue;
                _assertTrue(next < bidOn.length, "bidsOf misses a bid");
                _assertEq(bidOn[next++], id, "bidsOf names another claim");
            }
            _assertEq(bidOn.length, next, "bidsOf names a claim without a bid");
        }
        for (uint256 a = 0; a <= actors.length; ++a) {
            address account = a < actors.length ? actors[a] : TREASURY;
            uint256 credit = market.credited(account, address(usdc));
            _assertEq(credit, handler.ghostCredit(account), "credit vs ghost");
            sum += credit;
        }
        _assertEq(sum, market.totalLiabilities(address(usdc)), "bids + credits == liabilities");
    }

    /// @notice I2 conservation: every token is with an actor, the treasury, the claim contract or the market.
    function invariant_I2_conservation() public view {
        uint256 sum = usdc.balanceOf(address(claims)) + usdc.balanceOf(address(market)) + usdc.balanceOf(TREASURY);
        for (uint256 a = 0; a < actors.length; ++a) sum += usdc.balanceOf(actors[a]);
        _assertEq(sum, usdc.totalSupply(), "I2: tokens created or lost");
    }

    /// @notice M1 over every sale: the prices sum to the fees plus the nets, and the fees are never more than the
    /// fee rate of the prices; the fees kept and those the treasury collected account for every fee, and the
    /// treasury is never credited.
    function invariant_M1_salesSplitExactly() public view {
        (uint256 count, uint256 priceSum, uint256 feeSum, uint256 netSum) = handler.ghostSales();
        _assertEq(feeSum + netSum, priceSum, "M1: sum of fees + nets == sum of prices");
        _assertLe(feeSum * 10_000, priceSum * SALE_FEE_BPS, "M1: fees never above the rate");
        if (count == 0) _assertEq(priceSum, 0, "no sale, no price");
        _assertEq(handler.ghostFees() + handler.ghostFeesCollected(), feeSum, "fees kept + collected == fees");
        _assertEq(usdc.balanceOf(TREASURY), handler.ghostFeesCollected(), "the treasury holds what it collected");
        _assertEq(market.credited(TREASURY, address(usdc)), 0, "the treasury is never credited");
    }

    /// @notice Exposure: each standing offer's exposureUsed is the ghost sum of the unreleased exposures of the
    /// claims sold to it, never above its limit; its other terms are as posted.
    function invariant_exposureMatchesGhost() public view {
        uint256 offers = handler.offerCount();
        uint256 count = handler.claimCount();
        for (uint256 i = 0; i < offers; ++i) {
            StandingOffer memory o = market.standingOffer(i);
            ClaimMarketHandler.OfferGhost memory g = handler.offerGhost(i);
            uint256 sum = 0;
            for (uint256 id = 1; id <= count; ++id) {
                ClaimMarketHandler.ClaimGhost memory c = handler.claimGhost(id);
                if (c.exposureOffer == i + 1) sum += c.exposureAmount;
            }
            _assertEq(o.exposureUsed, sum, "exposureUsed == sum of unreleased exposures");
            _assertEq(o.exposureUsed, g.used, "exposureUsed vs ghost");
            _assertLe(o.exposureUsed, o.exposureLimit, "exposure within the limit");
            _assertEq(o.factor, g.factor, "offer factor");
            _assertTrue(o.active == g.active, "offer active flag");
        }
        (, uint256 total) = market.standingOffersOf(actors[2], 0, 0);
        _assertEq(total, offers, "offers posted on the debtor");
    }

    /// @notice I5 custody: a listed claim is locked by the market and held by its seller, and its terms are the
    /// ghost's; an unlisted claim is not locked; every claim is where the ghost says; the scanning view lists
    /// exactly the listed claims, in id order, with or without the debtor and currency filters.
    function invariant_I5_listingsLockedAndHeldBySeller() public view {
        uint256 count = handler.claimCount();
        uint256[] memory ids = marketLens.listings(address(0), address(0), 0, type(uint256).max);
        uint256 listed = 0;
        for (uint256 id = 1; id <= count; ++id) {
            Listing memory entry = market.listing(id);
            ClaimMarketHandler.ClaimGhost memory g = handler.claimGhost(id);
            _assertEq(claims.ownerOf(id), g.holder, "I5: holder vs ghost");
            _assertEq(entry.seller, g.seller, "listing seller vs ghost");
            if (entry.seller != address(0)) {
                _assertTrue(listed < ids.length, "listings() misses a listed claim");
                _assertEq(ids[listed++], id, "listings() names another claim");
                _assertEq(claims.lockedBy(id), address(market), "I5: a listed claim is locked by the market");
                _assertEq(claims.ownerOf(id), entry.seller, "I5: a listed claim is held by its seller");
                _assertEq(entry.askPrice, g.askPrice, "ask vs ghost");
                _assertEq(entry.minBid, g.minBid, "minBid vs ghost");
                _assertEq(entry.deadline, g.deadline, "deadline vs ghost");
                _assertEq(entry.claimNonce, g.listedNonce, "listing nonce vs ghost");
            } else {
                _assertEq(claims.lockedBy(id), address(0), "I5: an unlisted claim is not locked");
            }
        }
        _assertEq(ids.length, listed, "listings() names an unlisted claim");
        _assertEq(listed, handler.listedCount(), "listed count vs ghost");
        // Every claim is on the one debtor and in USDC: the filters keep them all; another debtor has none.
        uint256[] memory filtered = marketLens.listings(actors[2], address(usdc), 0, type(uint256).max);
        _assertTrue(
            keccak256(abi.encode(filtered)) == keccak256(abi.encode(ids)),
            "listings() filtered by the debtor and currency"
        );
        _assertEq(
            marketLens.listings(actors[0], address(0), 0, type(uint256).max).length,
            0,
            "listings() on a non-debtor"
        );
    }

    /// @notice I7 at the end of every run: every bid is cancelled, every account withdraws everything, the treasury
    /// collects the fees, and the market holds exactly zero and owes nothing.
    function afterInvariant() public {
        _exitAndExpectZero();
    }

    // ================================================================ deterministic long run

    /// @notice I7 on a long deterministic pseudo-random sequence (500 actions) through the same handler, with the
    /// invariants checked every 20 actions; then everyone exits and the market is left with exactly zero. Also
    /// proves the handler reaches every action.
    function test_exitLeavesZero() public {
        uint256 seed = uint256(keccak256("OpenFactor market exit-to-zero"));
        handler.setMaxClaims(48);
        for (uint256 step = 0; step < 500; ++step) {
            seed = uint256(keccak256(abi.encode(seed, step)));
            _randomAction(seed);
            invariant_noViolations();
            invariant_fillsAtCommittedState();
            if (step % 20 == 19) _checkAll();
        }
        _checkAll();

        _assertTrue(handler.fills() > 0, "no sale filled");
        string[25] memory actions = [
            "issue",
            "payPart",
            "payInFull",
            "poke",
            "transferClaim",
            "withdrawFromClaims",
            "list",
            "updateListing",
            "delist",
            "buy",
            "buyStaleRefused",
            "bid",
            "raiseBid",
            "lowerBid",
            "cancelBid",
            "acceptBid",
            "postStandingOffer",
            "cancelStandingOffer",
            "sellToOffer",
            "releaseExposure",
            "acceptSignedOffer",
            "cancelSignedOffer",
            "raiseMinOfferNonce",
            "withdrawFromMarket",
            "collectFees"
        ];
        for (uint256 i = 0; i < actions.length; ++i) {
            _assertTrue(handler.successes(actions[i]) > 0, string.concat("action never reached: ", actions[i]));
        }
        _assertTrue(usdc.balanceOf(address(market)) > 0, "something to exit from");
        _exitAndExpectZero();
    }

    function _randomAction(uint256 seed) private {
        uint256 a = uint256(keccak256(abi.encode(seed, "a")));
        uint256 b = uint256(keccak256(abi.encode(seed, "b")));
        uint256 c = uint256(keccak256(abi.encode(seed, "c")));
        uint256 kind = seed % 22;
        if (kind <= 1) handler.issue(a, b, c, a % 2 == 0);
        else if (kind == 2 || kind == 21) handler.pay(a, b);
        else if (kind == 3) handler.poke(a, b % 10 days);
        else if (kind == 4) handler.transferClaim(a, b);
        else if (kind == 5) handler.withdrawFromClaims(a);
        else if (kind == 6) handler.warp(a % 5 days);
        else if (kind == 7) handler.list(a, b, c, a >> 128);
        else if (kind == 8) handler.updateListing(a, b, c, a >> 128);
        else if (kind == 9) handler.delist(a);
        else if (kind == 10) handler.buy(a, b);
        else if (kind == 11) handler.bid(a, b, c, a >> 128);
        else if (kind == 12) handler.changeBid(a, b, c);
        else if (kind == 13) handler.cancelBid(a);
        else if (kind == 14) handler.acceptBid(a);
        else if (kind == 15) handler.postStandingOffer(a, b % 3_000, c, a >> 128, b >> 128);
        else if (kind == 16) handler.cancelStandingOffer(a);
        else if (kind == 17) handler.sellToOffer(a, b);
        else if (kind == 18) handler.releaseExposure(a, b);
        else if (kind == 19) handler.signedOffer(a, b, c, a >> 128);
        else if (kind == 20) {
            handler.withdrawFromMarket(a);
            if (b % 3 == 0) handler.collectFees();
        }
    }

    function _checkAll() private view {
        invariant_noViolations();
        invariant_fillsAtCommittedState();
        invariant_I1_solvency();
        invariant_ledgerMatchesGhost();
        invariant_I2_conservation();
        invariant_M1_salesSplitExactly();
        invariant_exposureMatchesGhost();
        invariant_I5_listingsLockedAndHeldBySeller();
    }

    function _exitAndExpectZero() private {
        handler.exitAll();
        invariant_noViolations();
        _assertEq(market.totalLiabilities(address(usdc)), 0, "I7: market liabilities after everyone exited");
        _assertEq(usdc.balanceOf(address(market)), 0, "I7: market balance after everyone exited");
        _assertEq(market.feesAccrued(address(usdc)), 0, "I7: fees left after the treasury collected");
        _assertEq(usdc.balanceOf(address(claims)), 0, "I7: claim contract balance after everyone exited");
        for (uint256 a = 0; a <= actors.length; ++a) {
            address account = a < actors.length ? actors[a] : TREASURY;
            _assertEq(market.credited(account, address(usdc)), 0, "I7: market credit left after exit");
            if (a < actors.length) _assertEq(claims.owed(account, address(usdc)), 0, "I7: claim credit left");
        }
        uint256 count = handler.claimCount();
        for (uint256 id = 1; id <= count; ++id) {
            _assertEq(claims.lockedBy(id), address(0), "I7: a claim stayed locked after every delisting");
            for (uint256 f = 3; f < actors.length; ++f) {
                (Bid memory b, ) = market.bidOf(id, actors[f]);
                _assertEq(b.amount, 0, "I7: a bid left after exit");
            }
        }
        invariant_I2_conservation();
        invariant_M1_salesSplitExactly();
    }
}
