// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Claim, ClaimState} from "../../types/Claim.sol";
import {Guarantee, GuaranteeStatus, Subrogation} from "../../types/Guarantee.sol";
import {Bid, Listing} from "../../types/Market.sol";
import {Role} from "../../types/Roles.sol";

import {SystemHandler} from "../handlers/SystemHandler.t.sol";
import {SystemMarketHandler} from "../handlers/SystemMarketHandler.t.sol";

import {Fixture} from "./Fixture.t.sol";
import {ITestCurrency} from "./ITestCurrency.t.sol";
import {vm} from "./Vm.t.sol";
import {ClaimViews} from "../../libraries/ClaimViews.sol";

/// @title SystemInvariantBase
/// @notice Handler-driven invariants across the claim contract, the market and the guarantee escrow (docs/SECURITY.md
/// I1-I5, I7, D2) with ten actors: three originators (the first also a guarantor, for recourse), two debtors,
/// three factors (the third, the bank, also a guarantor) and two guarantors (the second is suspended and restored
/// at times). Claims are sold, guaranteed, paid, defaulted, disputed, called and recovered while tokens are donated
/// straight to the contracts.
/// @dev The fuzzer calls only the handler's actions (see {targetSelectors}). The handler records unexpected reverts
/// and money that differs from its model; the invariants compare the three contracts with the model. Donations are
/// nobody's liability: the market's and the escrow's are surplus, collected by the treasury with their fees. At the
/// end of every run everyone exits, the treasury collects, the market and the escrow hold exactly zero and the claim
/// contract exactly what was donated to it, and none owes anything.
/// The currency is the concrete suite's choice ({_deployCurrency}): a 6-decimal ERC-20 (SystemInvariantTest), a
/// USDT-style token whose calls return nothing and whose approve refuses to change a non-zero allowance
/// (SystemUsdtInvariantTest), an 18-decimal ERC-20 (SystemDaiInvariantTest). Amounts scale with its decimals; the
/// test and the handlers approve and transfer through SafeERC20 only.
abstract contract SystemInvariantBase is Fixture {
    using SafeERC20 for IERC20;

    /// @dev Foundry's invariant target selector, read by EDR.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    /// @dev Each actor's funds, in whole tokens (scaled by the currency's decimals): a billion.
    uint256 internal constant ACTOR_FUNDS_WHOLE_TOKENS = 1_000_000_000;

    /// @dev The currency every claim of the run is in, allowlisted by {setUp}.
    ITestCurrency internal currency;
    SystemHandler internal handler;
    SystemMarketHandler internal marketHandler;
    address[10] internal actors;

    function setUp() public {
        _deploySystem();
        _deployMarket();
        _deployEscrow();
        currency = _deployCurrency();
        if (!registry.isCurrencyAllowed(address(currency))) registry.setCurrencyAllowed(address(currency), true);
        actors = [
            vm.addr(0x0A01), // originator 1, also a guarantor (recourse)
            vm.addr(0x0A02), // originator 2
            vm.addr(0x0A03), // originator 3
            vm.addr(0xDEB1), // debtor 1
            vm.addr(0xDEB2), // debtor 2
            vm.addr(0xF0F1), // factor 1
            vm.addr(0xF0F2), // factor 2
            vm.addr(0xBA4C), // the bank: factor and guarantor
            vm.addr(0x6A01), // guarantor 1
            vm.addr(0x6A02) // guarantor 2 (suspended at times)
        ];
        marketHandler = new SystemMarketHandler(
            market,
            claims,
            currency,
            address(escrow),
            TREASURY,
            SALE_FEE_BPS,
            actors
        );
        handler = new SystemHandler(
            marketHandler,
            escrow,
            claims,
            registry,
            currency,
            address(this),
            actors,
            registry.currentRules()
        );
        Role[10] memory roles = [
            Role.Originator,
            Role.Originator,
            Role.Originator,
            Role.Debtor,
            Role.Debtor,
            Role.Factor,
            Role.Factor,
            Role.Factor,
            Role.Guarantor,
            Role.Guarantor
        ];
        for (uint256 a = 0; a < actors.length; ++a) {
            _verify(actors[a], roles[a]);
            // Everyone may pay something: debtors the claims, factors prices, holders premiums, guarantors cover.
            currency.mint(actors[a], ACTOR_FUNDS_WHOLE_TOKENS * 10 ** currency.decimals());
            vm.startPrank(actors[a]);
            IERC20(address(currency)).forceApprove(address(claims), type(uint256).max);
            IERC20(address(currency)).forceApprove(address(market), type(uint256).max);
            IERC20(address(currency)).forceApprove(address(escrow), type(uint256).max);
            vm.stopPrank();
        }
        _verify(actors[0], Role.Guarantor);
        _verify(actors[7], Role.Guarantor);
    }

    /// @dev The currency of the run, deployed by the concrete suite (the test contract may mint it); {setUp}
    /// allowlists it.
    function _deployCurrency() internal virtual returns (ITestCurrency);

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](2);
        targets[0] = address(handler);
        targets[1] = address(marketHandler);
    }

    /// @dev The actions only: not exitAll, exitMarket, delistIfListed, setLimits (the end-of-run and helper calls)
    /// nor the views. Issuing, paying, offering, activating and warping come twice, so that claims keep coming and
    /// reach default within a run.
    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](26);
        selectors[0] = SystemHandler.issue.selector;
        selectors[1] = SystemHandler.pay.selector;
        selectors[2] = SystemHandler.warp.selector;
        selectors[3] = SystemHandler.poke.selector;
        selectors[4] = SystemHandler.writeOff.selector;
        selectors[5] = SystemHandler.dispute.selector;
        selectors[6] = SystemHandler.resolve.selector;
        selectors[7] = SystemHandler.toggleSuspension.selector;
        selectors[8] = SystemHandler.offerCover.selector;
        selectors[9] = SystemHandler.withdrawOffer.selector;
        selectors[10] = SystemHandler.activate.selector;
        selectors[11] = SystemHandler.callGuarantee.selector;
        selectors[12] = SystemHandler.release.selector;
        selectors[13] = SystemHandler.distribute.selector;
        selectors[14] = SystemHandler.takeClaim.selector;
        selectors[15] = SystemHandler.withdrawFromClaims.selector;
        selectors[16] = SystemHandler.withdrawFromEscrow.selector;
        selectors[17] = SystemHandler.donate.selector;
        selectors[18] = SystemHandler.issue.selector;
        selectors[19] = SystemHandler.pay.selector;
        selectors[20] = SystemHandler.offerCover.selector;
        selectors[21] = SystemHandler.activate.selector;
        selectors[22] = SystemHandler.warp.selector;
        selectors[23] = SystemHandler.releaseEarly.selector;
        selectors[24] = SystemHandler.callLate.selector;
        selectors[25] = SystemHandler.collectFees.selector;
        bytes4[] memory marketSelectors = new bytes4[](8);
        marketSelectors[0] = SystemMarketHandler.list.selector;
        marketSelectors[1] = SystemMarketHandler.delist.selector;
        marketSelectors[2] = SystemMarketHandler.buy.selector;
        marketSelectors[3] = SystemMarketHandler.bid.selector;
        marketSelectors[4] = SystemMarketHandler.cancelBid.selector;
        marketSelectors[5] = SystemMarketHandler.acceptBid.selector;
        marketSelectors[6] = SystemMarketHandler.withdrawFromMarket.selector;
        marketSelectors[7] = SystemMarketHandler.lowerBid.selector;
        targets = new FuzzSelector[](2);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
        targets[1] = FuzzSelector({addr: address(marketHandler), selectors: marketSelectors});
    }

    // ================================================================ invariants

    /// @notice Every action expected to succeed did (liveness, R4), and moved exactly the money the model says:
    /// sale nets and fees, premiums and their fee, call payouts, distributions, every withdrawal.
    function invariant_noViolations() public view {
        if (handler.violationCount() != 0) revert AssertionFailed(handler.firstViolation());
        if (marketHandler.violationCount() != 0) revert AssertionFailed(marketHandler.firstViolation());
    }

    /// @notice I1 solvency, per contract: the token balance covers totalLiabilities, and totalLiabilities is exactly
    /// the sum of the ledger entries and escrowed items the model knows, entry by entry:
    ///  - claims: every account's credit (the escrow's included) + payments held by disputes or reclaimable;
    ///  - market: escrowed bids + credits;
    ///  - escrow: collateral of Offered and Active guarantees (as the escrow reports them) + credits + recoveries it
    ///    collected from the claim contract for a claim not distributed yet.
    /// Balances are exact too: liabilities + donations not collected (+ for the market and the escrow, the fees they
    /// keep, which is their feesAccrued with those donations).
    function invariant_I1_solvency() public view {
        (uint256 claimsSum, uint256 marketSum, uint256 escrowSum) = _ledgerSums();

        uint256 claimsLiabilities = claims.totalLiabilities(address(currency));
        _assertEq(claimsLiabilities, claimsSum, "I1: claim-contract liabilities != credits + held");
        _assertLe(claimsLiabilities, currency.balanceOf(address(claims)), "I1: claim contract insolvent");
        _assertEq(
            currency.balanceOf(address(claims)),
            claimsLiabilities + handler.ghostDonated(address(claims)),
            "I1: claim-contract balance != liabilities + donations"
        );

        uint256 marketLiabilities = market.totalLiabilities(address(currency));
        _assertEq(marketLiabilities, marketSum, "I1: market liabilities != bids + credits");
        _assertLe(marketLiabilities, currency.balanceOf(address(market)), "I1: market insolvent");
        uint256 marketSurplus = handler.ghostDonated(address(market)) + marketHandler.ghostMarketFees();
        _assertEq(
            currency.balanceOf(address(market)),
            marketLiabilities + marketSurplus,
            "I1: market balance != liabilities + donations + fees"
        );
        _assertEq(market.feesAccrued(address(currency)), marketSurplus, "I1: market feesAccrued != donations + fees");

        uint256 escrowLiabilities = escrow.totalLiabilities(address(currency));
        _assertEq(
            escrowLiabilities,
            escrowSum + handler.ghostEscrowFloat(),
            "I1: escrow liabilities != collateral + credits + undistributed"
        );
        _assertLe(escrowLiabilities, currency.balanceOf(address(escrow)), "I1: escrow insolvent");
        uint256 escrowSurplus = handler.ghostDonated(address(escrow)) + handler.ghostEscrowFees();
        _assertEq(
            currency.balanceOf(address(escrow)),
            escrowLiabilities + escrowSurplus,
            "I1: escrow balance != liabilities + donations + fees"
        );
        _assertEq(escrow.feesAccrued(address(currency)), escrowSurplus, "I1: escrow feesAccrued != donations + fees");
    }

    /// @notice I2 conservation: every token minted is with an actor, the treasury or one of the three contracts.
    function invariant_I2_conservation() public view {
        uint256 sum =
            currency.balanceOf(address(claims)) +
                currency.balanceOf(address(market)) +
                currency.balanceOf(address(escrow)) +
                currency.balanceOf(TREASURY);
        for (uint256 a = 0; a < actors.length; ++a) sum += currency.balanceOf(actors[a]);
        _assertEq(sum, currency.totalSupply(), "I2: tokens created or lost");
    }

    /// @notice I3: every guarantee is in the status the model moved it to (Offered -> Withdrawn | Active, Active ->
    /// Released | Called, nothing else) with the terms it was offered on; each claim's guarantee is the model's; a
    /// called claim is never held by the holder who called it, and that holder never received more than the claim
    /// owed at the call (payout + its share of recoveries); `guaranteesOf` names exactly the model's guarantees of
    /// each guarantor and of each claim.
    function invariant_I3_guaranteesAndCalls() public view {
        uint256 count = handler.guaranteeCount();
        _assertEq(escrow.guaranteeCount(), count, "I3: guarantee count");
        for (uint256 gid = 1; gid <= count; ++gid) {
            Guarantee memory g = escrow.guarantee(gid);
            SystemHandler.GuaranteeGhost memory m = handler.guaranteeGhost(gid);
            _assertEq(uint256(g.status), uint256(m.status), "I3: guarantee status vs model");
            _assertEq(g.guarantor, m.guarantor, "I3: guarantor");
            _assertEq(g.claimId, m.claimId, "I3: claim");
            _assertEq(g.cover, m.cover, "I3: cover");
            _assertEq(g.premium, m.premium, "I3: premium");
        }
        uint256 claimCount = handler.claimCount();
        for (uint256 id = 1; id <= claimCount; ++id) {
            SystemHandler.ClaimGhost memory c = handler.claimGhost(id);
            _assertEq(escrow.guaranteeOfClaim(id), c.guaranteeId, "I3: guarantee of claim vs model");
            bool active = c.guaranteeId != 0 && escrow.guarantee(c.guaranteeId).status == GuaranteeStatus.Active;
            _assertTrue(escrow.isGuaranteed(id) == active, "I3: isGuaranteed");
            if (c.caller == address(0)) continue;
            _assertTrue(claims.ownerOf(id) != c.caller, "I3: a called claim is back with its caller");
            _assertLe(c.callerReceived, c.outstandingAtCall, "I3: the caller received more than was owed at the call");
        }
        for (uint256 a = 0; a < actors.length; ++a) _assertGuaranteesOfMatchesModel(0, actors[a], count);
        for (uint256 id = 1; id <= claimCount; ++id) _assertGuaranteesOfMatchesModel(id, address(0), count);
    }

    /// @notice I4: every debtor payment reached a holder or the escrow (amountPaid == paid to holders + paid to the
    /// escrow); the escrow passed on exactly what it received for a claim (distributed + pending == received); a
    /// settled claim was paid exactly its face value in total.
    function invariant_I4_paymentsAddUp() public view {
        uint256 count = handler.claimCount();
        for (uint256 id = 1; id <= count; ++id) {
            Claim memory c = ClaimViews.claimOf(claims, id);
            SystemHandler.ClaimGhost memory m = handler.claimGhost(id);
            _assertEq(c.amountPaid, m.paidToHolders + m.paidToEscrow, "I4: amountPaid != payments credited");
            _assertEq(c.heldAmount, m.held, "I4: held vs model");
            (uint256 toHolder, uint256 toGuarantor) = escrow.pendingRecovery(id);
            _assertEq(m.distributed + toHolder + toGuarantor, m.paidToEscrow, "I4: escrow passed on != received");
            if (c.state == ClaimState.Settled) {
                _assertEq(m.paidToHolders + m.paidToEscrow, c.faceValue, "I4: settled claim not paid face value");
            }
        }
    }

    /// @notice I5 custody: a claim the escrow holds has an open subrogation record and vice versa; the pro-rata
    /// split is exact: guarantorRecovered == floor(recovered * covered / outstandingAtCall), recovered <=
    /// outstandingAtCall and the recovered payments are part of amountPaid; a listed claim is locked by the market
    /// and held by its seller, an unlisted one is not locked.
    function invariant_I5_custody() public view {
        uint256 count = handler.claimCount();
        for (uint256 id = 1; id <= count; ++id) {
            Subrogation memory s = escrow.subrogation(id);
            bool open = s.guarantor != address(0) && !s.released;
            address owner = claims.ownerOf(id);
            _assertTrue((owner == address(escrow)) == open, "I5: escrow custody without an open subrogation");
            if (s.guarantor != address(0)) {
                _assertEq(
                    s.guarantorRecovered,
                    Math.mulDiv(s.recovered, s.covered, s.outstandingAtCall),
                    "I5: guarantor share != floor(recovered * covered / outstanding)"
                );
                _assertLe(s.recovered, s.outstandingAtCall, "I5: recovered above outstanding at call");
                _assertLe(s.covered, s.outstandingAtCall, "I5: covered above outstanding at call");
                _assertLe(
                    uint256(s.paidAtCall) + s.recovered,
                    ClaimViews.claimOf(claims, id).amountPaid,
                    "I5: recovered unpaid"
                );
            }
            Listing memory entry = market.listing(id);
            _assertEq(entry.seller, marketHandler.listingGhost(id).seller, "I5: listing seller vs model");
            if (entry.seller != address(0)) {
                _assertEq(claims.lockedBy(id), address(market), "I5: listed claim not locked by the market");
                _assertEq(owner, entry.seller, "I5: listed claim not held by its seller");
            } else {
                _assertEq(claims.lockedBy(id), address(0), "I5: unlisted claim locked");
            }
        }
    }

    /// @notice I8, a live guarantee's cover is honoured: the holder's call of an Active guarantee on a claim past
    /// its grace and within `dueDate + defaultGrace + guaranteeClaimWindow` never reverted (declared Defaulted or
    /// not, listed or not: the handler delists first, whatever either party's verification); and an Active
    /// guarantee's cover never went back to its guarantor before the claim was Settled or Voided or the cover ended
    /// (a dispute keeps it), unless the guarantor itself held the claim.
    function invariant_I8_coverHonoured() public view {
        _assertTrue(!handler.ghostCallRefusedInWindow(), "I8: the holder's call within the window was refused");
        _assertTrue(!handler.ghostCoverReleasedEarly(), "I8: an active guarantee's cover was released early");
    }

    /// @notice I7 at the end of every run: everyone exits and the treasury collects; the market and the escrow hold
    /// zero, the claim contract exactly what was donated to it.
    function afterInvariant() public {
        _exitAndExpectDonationsOnly();
    }

    // ================================================================ deterministic long run

    /// @notice I7 on a long deterministic pseudo-random sequence (800 actions, 24 claims, 48 guarantees) with every
    /// invariant checked every 20 actions; then everyone exits, the treasury collects the market's and the escrow's
    /// surplus, and only the claim contract holds anything: its donations. Also proves
    /// the handler reaches every action (full and partial cover calls, custody, takeClaim, recourse, disputes, early
    /// releases refused).
    function test_exitLeavesOnlyDonations() public {
        handler.setLimits(24, 48);
        uint256 seed = uint256(keccak256("OpenFactor system exit"));
        for (uint256 step = 0; step < 800; ++step) {
            seed = uint256(keccak256(abi.encode(seed, step)));
            _randomAction(seed);
            invariant_noViolations();
            if (step % 20 == 19) _checkAll();
        }
        _checkAll();
        string[24] memory reached = [
            "issue",
            "payPart",
            "payInFull",
            "poke",
            "buy",
            "acceptBid",
            "offerFullCover",
            "offerPartialCover",
            "withdrawOffer",
            "activate",
            "callFullCover",
            "callPartialCover",
            "release",
            "distribute",
            "withdrawFromClaims",
            "withdrawFromMarket",
            "lowerBid",
            "withdrawFromEscrow",
            "resolveDiluted",
            "donate",
            "releaseEarlyRefused",
            "callLate",
            "callAtCoverEnd",
            "collectFees"
        ];
        for (uint256 i = 0; i < reached.length; ++i) {
            uint256 times = handler.successes(reached[i]) + marketHandler.successes(reached[i]);
            _assertTrue(times > 0, string.concat("action never reached: ", reached[i]));
        }
        _exitAndExpectDonationsOnly();
    }

    function _randomAction(uint256 seed) private {
        uint256 a = uint256(keccak256(abi.encode(seed, "a")));
        uint256 b = uint256(keccak256(abi.encode(seed, "b")));
        uint256 c = uint256(keccak256(abi.encode(seed, "c")));
        uint256 kind = seed % 30;
        if (kind <= 1) handler.issue(a, b, c, a >> 128);
        else if (kind <= 3) handler.pay(a, b);
        else if (kind == 4) handler.callLate(a, b);
        else if (kind <= 6) handler.warp(a % 8 days);
        else if (kind == 7) handler.poke(a);
        else if (kind == 8) handler.writeOff(a);
        else if (kind == 9) handler.dispute(a, b % 2 == 0);
        else if (kind == 10) handler.resolve(a, b, c);
        else if (kind == 11) handler.toggleSuspension();
        else if (kind == 12) marketHandler.list(a, b, c);
        else if (kind == 13) marketHandler.delist(a);
        else if (kind == 14) marketHandler.buy(a, b);
        else if (kind == 15) marketHandler.bid(a, b, c, a >> 128);
        else if (kind == 16) {
            if (b % 2 == 0) marketHandler.cancelBid(a);
            else marketHandler.lowerBid(a);
        } else if (kind == 17) marketHandler.acceptBid(a);
        else if (kind <= 19) handler.offerCover(a, b, c, a >> 128, b >> 128);
        else if (kind == 20) handler.withdrawOffer(a);
        else if (kind <= 22) handler.activate(a);
        else if (kind == 23) handler.callGuarantee(a);
        else if (kind == 24) {
            handler.release(a, b);
            handler.releaseEarly(b, c);
        } else if (kind == 25) handler.distribute(a, b);
        else if (kind == 26) handler.takeClaim(a);
        else if (kind == 27) handler.withdrawFromClaims(a);
        else if (kind == 28) {
            marketHandler.withdrawFromMarket(a);
            if (b % 3 == 0) handler.collectFees(c);
        } else {
            handler.withdrawFromEscrow(a);
            if (b % 4 == 0) handler.donate(b, c);
        }
    }

    function _checkAll() private view {
        invariant_noViolations();
        invariant_I8_coverHonoured();
        invariant_I1_solvency();
        invariant_I2_conservation();
        invariant_I3_guaranteesAndCalls();
        invariant_I4_paymentsAddUp();
        invariant_I5_custody();
    }

    /// @dev Sums the model's entries and compares each with the contract's view: claim credits (actors, the
    /// treasury, the escrow) + held payments; market bids + credits; escrow collateral + credits.
    function _ledgerSums() private view returns (uint256 claimsSum, uint256 marketSum, uint256 escrowSum) {
        for (uint256 a = 0; a <= actors.length + 1; ++a) {
            address account = a < actors.length ? actors[a] : (a == actors.length ? TREASURY : address(escrow));
            uint256 owed = claims.owed(account, address(currency));
            _assertEq(owed, handler.ghostClaimsOwed(account), "claim-contract credit vs model");
            claimsSum += owed;
            if (a > actors.length) continue;
            uint256 marketCredit = market.credited(account, address(currency));
            _assertEq(marketCredit, marketHandler.ghostMarketCredit(account), "market credit vs model");
            marketSum += marketCredit;
            uint256 escrowCredit = escrow.credited(account, address(currency));
            _assertEq(escrowCredit, handler.ghostEscrowCredit(account), "escrow credit vs model");
            escrowSum += escrowCredit;
        }
        uint256 count = handler.claimCount();
        for (uint256 id = 1; id <= count; ++id) {
            claimsSum += ClaimViews.claimOf(claims, id).heldAmount;
            for (uint256 f = 5; f < 8; ++f) {
                (Bid memory b, ) = market.bidOf(id, actors[f]);
                _assertEq(b.amount, marketHandler.bidGhost(id, actors[f]).amount, "bid vs model");
                marketSum += b.amount;
            }
        }
        uint256 collateral = 0;
        uint256 guarantees = handler.guaranteeCount();
        for (uint256 gid = 1; gid <= guarantees; ++gid) {
            Guarantee memory g = escrow.guarantee(gid);
            if (g.status == GuaranteeStatus.Offered || g.status == GuaranteeStatus.Active) collateral += g.cover;
        }
        _assertEq(collateral, handler.ghostCollateral(), "collateral vs model");
        escrowSum += collateral;
    }

    /// @dev `guaranteesOf(claimId, guarantor)` over every id is exactly the model's guarantees with that claim (0:
    /// any) and that guarantor (zero: any), in id order.
    function _assertGuaranteesOfMatchesModel(uint256 claimId, address guarantor, uint256 count) private view {
        uint256[] memory ids = escrow.guaranteesOf(claimId, guarantor, 0, type(uint256).max);
        uint256 next = 0;
        for (uint256 gid = 1; gid <= count; ++gid) {
            SystemHandler.GuaranteeGhost memory m = handler.guaranteeGhost(gid);
            if (claimId != 0 && m.claimId != claimId) continue;
            if (guarantor != address(0) && m.guarantor != guarantor) continue;
            _assertTrue(next < ids.length, "I3: guaranteesOf misses a guarantee");
            _assertEq(ids[next++], gid, "I3: guaranteesOf names another guarantee");
        }
        _assertEq(ids.length, next, "I3: guaranteesOf names a guarantee outside the filters");
    }

    function _exitAndExpectDonationsOnly() private {
        handler.exitAll();
        invariant_noViolations();
        _checkAll();
        _assertEq(
            currency.balanceOf(address(claims)),
            handler.ghostDonated(address(claims)),
            "I7: the claim contract holds more or less than its donations after everyone exited"
        );
        _assertEq(currency.balanceOf(address(market)), 0, "I7: market balance after everyone exited");
        _assertEq(currency.balanceOf(address(escrow)), 0, "I7: escrow balance after everyone exited");
        _assertEq(market.feesAccrued(address(currency)), 0, "I7: market fees left after the treasury collected");
        _assertEq(escrow.feesAccrued(address(currency)), 0, "I7: escrow fees left after the treasury collected");
        _assertEq(claims.totalLiabilities(address(currency)), 0, "I7: claim-contract liabilities after exit");
        _assertEq(market.totalLiabilities(address(currency)), 0, "I7: market liabilities after exit");
        _assertEq(escrow.totalLiabilities(address(currency)), 0, "I7: escrow liabilities after exit");
        _assertEq(handler.ghostEscrowFloat(), 0, "I7: undistributed recoveries after exit");
        uint256 guarantees = handler.guaranteeCount();
        for (uint256 gid = 1; gid <= guarantees; ++gid) {
            GuaranteeStatus status = escrow.guarantee(gid).status;
            _assertTrue(
                status == GuaranteeStatus.Withdrawn ||
                    status == GuaranteeStatus.Released ||
                    status == GuaranteeStatus.Called,
                "I7: a guarantee is still open after exit"
            );
        }
        uint256 count = handler.claimCount();
        for (uint256 id = 1; id <= count; ++id) {
            ClaimState state = ClaimViews.claimOf(claims, id).state;
            _assertTrue(state == ClaimState.Settled || state == ClaimState.Voided, "I7: a claim is still open");
        }
    }
}
