// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Claim, ClaimState} from "../types/Claim.sol";
import {Subrogation} from "../types/Guarantee.sol";
import {Role} from "../types/Roles.sol";

import {Fixture} from "./utils/Fixture.t.sol";
import {vm} from "./utils/Vm.t.sol";
import {ClaimViews} from "../libraries/ClaimViews.sol";

/// @title GuaranteeEscrowFuzzTest
/// @notice Fuzzes the guarantee escrow's money: the pro-rata split of recoveries on a partially covered claim in
/// custody (random outstanding, cover and payment sequence, distributions in between), the premium fee split, and
/// the call payout min(cover, outstanding) after a random partial payment.
contract GuaranteeEscrowFuzzTest is Fixture {
    address internal constant SME = address(0x5E01);
    address internal constant DEBTOR = address(0xDEB7);
    address internal constant FACTOR = address(0xF0F1);
    address internal constant GUARANTOR = address(0x6A01);
    uint256 internal constant FUNDS = type(uint128).max;
    uint256 internal constant BPS = 10_000;

    function setUp() public {
        _deploySystem();
        _deployEscrow();
        _verify(SME, Role.Originator);
        _verify(DEBTOR, Role.Debtor);
        _verify(FACTOR, Role.Factor);
        _verify(GUARANTOR, Role.Guarantor);
        _fund(DEBTOR, FUNDS);
        address[2] memory payers = [FACTOR, GUARANTOR];
        for (uint256 i = 0; i < payers.length; ++i) {
            usdc.mint(payers[i], FUNDS);
            vm.prank(payers[i]);
            usdc.approve(address(escrow), type(uint256).max);
        }
    }

    // ================================================================ pro-rata split

    /// @notice Partial cover k of an outstanding O at the call; the debtor then pays a random sequence of parts
    /// (summing to at most O, with distributions between some of them). After each distribution the guarantor's
    /// total is floor(total recovered * k / O) and holder + guarantor == total recovered; at full recovery both
    /// shares are exact (k and O - k); the escrow ends holding exactly what it owes.
    function testFuzz_proRataSplit(
        uint128 face,
        uint128 paidBefore,
        uint128 cover,
        uint64[6] memory parts,
        uint8 distributeMask,
        bool payInFull
    ) public {
        face = uint128(_bound(face, 2, 1e15));
        paidBefore = uint128(_bound(paidBefore, 0, face - 2));
        uint256 outstanding = face - paidBefore;
        uint256 k = _bound(cover, 1, outstanding - 1); // partial: custody and a split
        (uint256 claimId, ) = _calledClaim(face, paidBefore, uint128(k), uint128(outstanding));

        uint256 paid = 0;
        for (uint256 i = 0; i < parts.length && paid < outstanding; ++i) {
            uint256 part = _bound(parts[i], 1, outstanding - paid);
            if (payInFull && i == parts.length - 1) part = outstanding - paid;
            vm.prank(DEBTOR);
            claims.pay(claimId, part);
            paid += part;
            if ((distributeMask >> i) & 1 == 1 || paid == outstanding)
                _distributeAndCheck(claimId, paid, k, outstanding);
        }
        if (escrow.subrogation(claimId).recovered != paid) _distributeAndCheck(claimId, paid, k, outstanding);

        if (paid == outstanding) {
            _assertEq(escrow.credited(GUARANTOR, address(usdc)), k, "full recovery: the guarantor gets its cover back");
            // The payout k was paid straight at the call: the ledger holds the uncovered part.
            _assertEq(
                escrow.credited(FACTOR, address(usdc)),
                outstanding - k,
                "full recovery: the holder is credited the uncovered part"
            );
            _assertEq(uint256(ClaimViews.claimOf(claims, claimId).state), uint256(ClaimState.Settled), "settled");
        }
        _assertEq(claims.owed(address(escrow), address(usdc)), 0, "the escrow collected everything");
        _assertEq(
            usdc.balanceOf(address(escrow)),
            escrow.totalLiabilities(address(usdc)),
            "escrow balance == liabilities"
        );
        _assertEq(
            escrow.totalLiabilities(address(usdc)),
            escrow.credited(GUARANTOR, address(usdc)) + escrow.credited(FACTOR, address(usdc)),
            "liabilities == credits"
        );
    }

    // ================================================================ premium

    /// @notice Activation takes exactly the premium from the holder; the escrow keeps floor(premium * fee / 10,000)
    /// as fees (no liability) and the guarantor is paid the rest straight (nothing credited); fee + net == premium;
    /// feeFor agrees; the treasury collects exactly the fee and the liabilities stay.
    function testFuzz_premiumFeeSplit(uint128 face, uint128 cover, uint128 premium) public {
        face = uint128(_bound(face, 1, 1e15));
        cover = uint128(_bound(cover, 1, face));
        premium = uint128(_bound(premium, 0, 1e15));
        uint256 claimId = _financedClaim(face);
        vm.prank(GUARANTOR);
        uint256 gid = escrow.offer(claimId, cover, premium, uint64(block.timestamp + 1 days));
        uint256 before = usdc.balanceOf(FACTOR);
        uint256 guarantorBefore = usdc.balanceOf(GUARANTOR);
        vm.prank(FACTOR);
        escrow.activate(gid);
        uint256 fee = (uint256(premium) * PREMIUM_FEE_BPS) / BPS;
        _assertEq(before - usdc.balanceOf(FACTOR), premium, "the holder paid exactly the premium");
        _assertEq(escrow.feesAccrued(address(usdc)), fee, "fee kept, rounded down");
        _assertEq(escrow.credited(TREASURY, address(usdc)), 0, "the treasury is never credited");
        _assertEq(usdc.balanceOf(GUARANTOR) - guarantorBefore, premium - fee, "guarantor paid the net");
        _assertEq(escrow.credited(GUARANTOR, address(usdc)), 0, "nothing credited to the guarantor");
        (uint256 viewFee, uint256 viewNet) = escrow.feeFor(premium);
        _assertEq(viewFee + viewNet, premium, "fee + net == premium");
        _assertEq(viewFee, fee, "feeFor fee");
        _assertEq(escrow.totalLiabilities(address(usdc)), cover, "liabilities == collateral");
        _assertEq(usdc.balanceOf(address(escrow)), uint256(cover) + fee, "escrow balance");
        if (fee == 0) return;
        vm.prank(TREASURY);
        _assertEq(escrow.withdrawFees(address(usdc), TREASURY), fee, "the treasury collects exactly the fee");
        _assertEq(usdc.balanceOf(TREASURY), fee, "the treasury received the fee");
        _assertEq(escrow.totalLiabilities(address(usdc)), cover, "liabilities untouched");
    }

    // ================================================================ call payout

    /// @notice After a random partial payment, the call sends min(cover, outstanding) straight to the address the
    /// holder names and credits the guarantor the rest of its cover; full cover (cover >= outstanding) moves the claim to the guarantor, partial
    /// cover into the escrow's custody with the record of the call.
    function testFuzz_callPaysMinOfCoverAndOutstanding(uint128 face, uint128 cover, uint128 paidAfterOffer) public {
        face = uint128(_bound(face, 2, 1e15));
        cover = uint128(_bound(cover, 1, face));
        uint256 claimId = _financedClaim(face);
        vm.prank(GUARANTOR);
        uint256 gid = escrow.offer(claimId, cover, 0, uint64(block.timestamp + 1 days));
        vm.prank(FACTOR);
        escrow.activate(gid);
        paidAfterOffer = uint128(_bound(paidAfterOffer, 0, face - 1));
        if (paidAfterOffer != 0) {
            vm.prank(DEBTOR);
            claims.pay(claimId, paidAfterOffer);
        }
        _default(claimId);
        uint256 outstanding = face - paidAfterOffer;
        uint256 expected = cover < outstanding ? cover : outstanding;
        address payee = address(0xBEEF);
        uint256 payeeBefore = usdc.balanceOf(payee);
        uint256 liabilitiesBefore = escrow.totalLiabilities(address(usdc));
        vm.prank(FACTOR);
        uint256 paid = escrow.callGuarantee(gid, payee);
        _assertEq(paid, expected, "paid == min(cover, outstanding)");
        _assertEq(usdc.balanceOf(payee) - payeeBefore, expected, "the payout reached the named address");
        _assertEq(escrow.credited(FACTOR, address(usdc)), 0, "nothing credited to the holder");
        _assertEq(
            liabilitiesBefore - escrow.totalLiabilities(address(usdc)),
            expected,
            "liabilities fell by the payout"
        );
        _assertEq(escrow.credited(GUARANTOR, address(usdc)), cover - expected, "guarantor credited the rest");
        if (cover >= outstanding) {
            _assertEq(claims.ownerOf(claimId), GUARANTOR, "full cover: the claim goes to the guarantor");
        } else {
            _assertEq(claims.ownerOf(claimId), address(escrow), "partial cover: custody");
            Subrogation memory s = escrow.subrogation(claimId);
            _assertEq(s.outstandingAtCall, outstanding, "record: outstanding at call");
            _assertEq(s.covered, expected, "record: covered");
            _assertEq(s.paidAtCall, paidAfterOffer, "record: paid at call");
        }
    }

    // ================================================================ helpers

    /// @dev A claim sold to the factor, paid `paidBefore`, covered `cover` by an active guarantee, defaulted and
    /// called by the factor.
    function _calledClaim(
        uint128 face,
        uint128 paidBefore,
        uint128 cover,
        uint128 outstanding
    ) private returns (uint256 claimId, uint256 gid) {
        claimId = _financedClaim(face);
        if (paidBefore != 0) {
            vm.prank(DEBTOR);
            claims.pay(claimId, paidBefore);
        }
        vm.prank(GUARANTOR);
        gid = escrow.offer(claimId, cover, 0, uint64(block.timestamp + 1 days));
        vm.prank(FACTOR);
        escrow.activate(gid);
        _default(claimId);
        vm.prank(FACTOR);
        _assertEq(escrow.callGuarantee(gid, FACTOR), cover, "call pays the cover");
        Subrogation memory s = escrow.subrogation(claimId);
        _assertEq(s.outstandingAtCall, outstanding, "outstanding at call");
        _assertEq(claims.ownerOf(claimId), address(escrow), "custody");
    }

    /// @dev Distributes and checks the running totals against floor(total * k / O).
    function _distributeAndCheck(uint256 claimId, uint256 total, uint256 k, uint256 outstanding) private {
        uint256 holderBefore = escrow.credited(FACTOR, address(usdc));
        uint256 guarantorBefore = escrow.credited(GUARANTOR, address(usdc));
        Subrogation memory before = escrow.subrogation(claimId);
        escrow.distribute(claimId);
        Subrogation memory s = escrow.subrogation(claimId);
        uint256 toHolder = escrow.credited(FACTOR, address(usdc)) - holderBefore;
        uint256 toGuarantor = escrow.credited(GUARANTOR, address(usdc)) - guarantorBefore;
        _assertEq(toHolder + toGuarantor, total - before.recovered, "a distribution passes on what arrived");
        _assertEq(s.recovered, total, "recovered == total paid since the call");
        _assertEq(s.guarantorRecovered, Math.mulDiv(total, k, outstanding), "guarantor total == floor(total*k/O)");
        _assertLe(s.guarantorRecovered, total, "guarantor share within the total");
    }

    /// @dev Issued by the SME, accepted, held by the factor (a plain transfer: the market is not needed here).
    function _financedClaim(uint128 face) private returns (uint256 claimId) {
        vm.prank(SME);
        claimId = claims.issue(_terms(SME, DEBTOR, face, 30 days), "");
        vm.prank(DEBTOR);
        claims.accept(claimId);
        vm.prank(SME);
        claims.transferFrom(SME, FACTOR, claimId);
    }

    function _default(uint256 claimId) private {
        Claim memory c = ClaimViews.claimOf(claims, claimId);
        vm.warp(uint256(c.dueDate) + DEFAULT_GRACE + 1);
        claims.poke(claimId);
    }
}
