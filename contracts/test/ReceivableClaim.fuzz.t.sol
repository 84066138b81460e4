// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {Claim, ClaimState, ClaimTerms, DisputeOutcome} from "../types/Claim.sol";
import {MAX_COVER_SPAN, MarketRules, Role} from "../types/Roles.sol";

import {Fixture} from "./utils/Fixture.t.sol";
import {vm} from "./utils/Vm.t.sol";
import {ClaimViews} from "../libraries/ClaimViews.sol";

/// @title ReceivableClaimFuzzTest
/// @notice Fuzzed money arithmetic and clock of {ReceivableClaim}: partial payments, overpayment, who is credited,
/// withdrawals, dilution bounds, poke timing, acceptance window.
contract ReceivableClaimFuzzTest is Fixture {
    address internal constant ORIGINATOR = address(0xA1);
    address internal constant DEBTOR = address(0xD1);
    address internal constant FACTOR = address(0xF1);
    address internal constant BANK = address(0xF2);
    address internal constant STRANGER = address(0x5A);

    uint256 internal constant TENOR = 90 days;

    address[3] private _holders = [ORIGINATOR, FACTOR, BANK];
    uint256[3] private _credited;

    function setUp() public {
        _deploySystem();
        _verify(ORIGINATOR, Role.Originator);
        _verify(DEBTOR, Role.Debtor);
        _verify(FACTOR, Role.Factor);
        _verify(BANK, Role.Factor);
        _verify(STRANGER, Role.Guarantor);
        _fund(DEBTOR, 0);
        _fund(STRANGER, 0);
    }

    // ================================================================ partial payments

    /// @notice Any sequence of partial payments, each bounded to the outstanding, sums exactly to the face value at
    /// settlement; amountPaid never exceeds the face value; each payment is credited to whoever holds the claim at
    /// that moment (two fuzzed transfer points: originator -> factor -> bank); every holder withdraws exactly what
    /// it was credited and the contract ends empty.
    function testFuzz_partialPaymentsSumToFaceAndFollowTheHolder(
        uint128 faceSeed,
        uint256[12] calldata amountSeeds,
        uint256 stepsSeed,
        uint256 firstTransferSeed,
        uint256 secondTransferSeed
    ) public {
        uint128 face = uint128(_bound(faceSeed, 1, type(uint96).max));
        usdc.mint(DEBTOR, face);
        uint256 id = _issueByDebtor(ORIGINATOR, DEBTOR, face, TENOR);

        uint256 steps = _bound(stepsSeed, 1, amountSeeds.length);
        // Payment i goes to _holders[0] while i < t1, _holders[1] while t1 <= i < t2, _holders[2] after.
        uint256 t1 = _bound(firstTransferSeed, 0, steps);
        uint256 t2 = _bound(secondTransferSeed, t1, steps);

        uint256 sum = 0;
        for (uint256 i = 0; i < steps; ++i) {
            if (i == t1) _transferClaim(id, _holders[0], _holders[1]);
            if (i == t2) _transferClaim(id, _holders[1], _holders[2]); // the first transfer already happened
            uint256 holderIndex = i < t1 ? 0 : (i < t2 ? 1 : 2);
            uint256 outstandingBefore = ClaimViews.outstandingOf(claims, id);
            uint256 amount = i == steps - 1 ? outstandingBefore : _bound(amountSeeds[i], 1, outstandingBefore);
            sum += amount;
            if (_payAndCheckCredit(id, holderIndex, amount, sum)) break;
        }

        _assertEq(sum, face, "payments sum to face value");
        _assertEq(_credited[0] + _credited[1] + _credited[2], face, "credits sum to face value");
        _assertEq(claims.totalLiabilities(address(usdc)), face, "liabilities before exits");
        _assertEq(usdc.balanceOf(address(claims)), face, "balance before exits");

        for (uint256 h = 0; h < 3; ++h) {
            _withdrawExactly(_holders[h], _holders[h], _credited[h]);
        }
        _assertEq(usdc.balanceOf(address(claims)), 0, "contract empty after exits");
        _assertEq(claims.totalLiabilities(address(usdc)), 0, "no liabilities after exits");
    }

    /// @dev The debtor pays `amount`; checks it went to `_holders[holderIndex]` and the running sum. True once
    /// the claim is settled.
    function _payAndCheckCredit(
        uint256 id,
        uint256 holderIndex,
        uint256 amount,
        uint256 sum
    ) private returns (bool settled) {
        address holder = _holders[holderIndex];
        _assertEq(claims.ownerOf(id), holder, "holder of record");
        uint256 owedBefore = claims.owed(holder, address(usdc));
        uint256 nonceBefore = claims.claimCore(id).nonce;

        _payAs(DEBTOR, id, amount);

        _credited[holderIndex] += amount;
        Claim memory c = ClaimViews.claimOf(claims, id);
        _assertEq(claims.owed(holder, address(usdc)), owedBefore + amount, "credited to the holder of record");
        _assertEq(c.amountPaid, sum, "amountPaid is the running sum");
        _assertLe(c.amountPaid, c.faceValue, "amountPaid never exceeds face value");
        _assertEq(ClaimViews.outstandingOf(claims, id), c.faceValue - sum, "outstanding");
        _assertTrue(claims.claimCore(id).nonce > nonceBefore, "a payment bumps the nonce");
        settled = sum == c.faceValue;
        _assertTrue(c.state == (settled ? ClaimState.Settled : ClaimState.Accepted), "Settled iff fully paid");
    }

    /// @notice Paying more than what is left (face - paid - held) always reverts ClaimOverpayment with that
    /// remainder, in a normal state and while Disputed (where held payments count); paying exactly the remainder
    /// goes through.
    function testFuzz_overpaymentRevertsWithOutstanding(
        uint128 faceSeed,
        uint256 paidSeed,
        uint256 heldSeed,
        uint256 excessSeed,
        bool disputed
    ) public {
        uint128 face = uint128(_bound(faceSeed, 1, type(uint96).max));
        usdc.mint(DEBTOR, face);
        uint256 id = _issueByDebtor(ORIGINATOR, DEBTOR, face, TENOR);

        uint256 paid = _bound(paidSeed, 0, face - 1); // leave something to pay, so the claim stays open
        if (paid != 0) _payAs(DEBTOR, id, paid);
        uint256 held = 0;
        if (disputed) {
            vm.prank(DEBTOR);
            claims.dispute(id, keccak256("evidence"));
            held = _bound(heldSeed, 0, face - paid);
            if (held != 0) _payAs(DEBTOR, id, held);
        }
        uint256 remaining = face - paid - held;
        _assertEq(
            remaining,
            ClaimViews.outstandingOf(claims, id) - ClaimViews.claimOf(claims, id).heldAmount,
            "remaining payable"
        );

        uint256 amount = remaining + _bound(excessSeed, 1, type(uint256).max - remaining);
        uint256 nonceBefore = claims.claimCore(id).nonce;
        vm.expectRevert(abi.encodeWithSelector(IReceivableClaim.ClaimOverpayment.selector, id, amount, remaining));
        vm.prank(DEBTOR);
        claims.pay(id, amount);
        _assertEq(claims.claimCore(id).nonce, nonceBefore, "a refused payment changes nothing");
        _assertEq(ClaimViews.claimOf(claims, id).amountPaid, paid, "amountPaid unchanged");

        vm.expectRevert(abi.encodeWithSelector(IReceivableClaim.ClaimZeroAmount.selector, id));
        vm.prank(DEBTOR);
        claims.pay(id, 0);

        if (remaining != 0) {
            _payAs(DEBTOR, id, remaining);
            Claim memory c = ClaimViews.claimOf(claims, id);
            if (disputed) {
                _assertEq(c.heldAmount, face - paid, "held up to the face value");
                _assertTrue(c.state == ClaimState.Disputed, "still Disputed");
            } else {
                _assertEq(c.amountPaid, face, "paid in full");
                _assertTrue(c.state == ClaimState.Settled, "Settled");
            }
        }
    }

    /// @notice Withdrawals return exactly what was credited, across several claims and holders, to any recipient;
    /// the account's credit drops to zero and a second withdrawal reverts.
    function testFuzz_withdrawReturnsExactlyWhatWasCredited(
        uint128[4] calldata faceSeeds,
        uint256[4] calldata paySeeds,
        uint8 soldMask,
        address to
    ) public {
        vm.assume(to != address(0) && to != address(claims));
        uint256 creditedOriginator = 0;
        uint256 creditedFactor = 0;
        for (uint256 i = 0; i < faceSeeds.length; ++i) {
            uint128 face = uint128(_bound(faceSeeds[i], 1, type(uint96).max));
            usdc.mint(STRANGER, face);
            uint256 id = _issueByDebtor(ORIGINATOR, DEBTOR, face, TENOR);
            bool sold = (soldMask >> i) & 1 == 1;
            if (sold) _transferClaim(id, ORIGINATOR, FACTOR);
            uint256 amount = _bound(paySeeds[i], 1, face);
            _payAs(STRANGER, id, amount); // anyone may pay; the holder is credited
            if (sold) creditedFactor += amount;
            else creditedOriginator += amount;
        }
        _assertEq(claims.owed(ORIGINATOR, address(usdc)), creditedOriginator, "originator credit");
        _assertEq(claims.owed(FACTOR, address(usdc)), creditedFactor, "factor credit");
        _assertEq(claims.owed(STRANGER, address(usdc)), 0, "the payer is not credited");

        _withdrawExactly(ORIGINATOR, to, creditedOriginator);
        _withdrawExactly(FACTOR, to, creditedFactor);
        _assertEq(usdc.balanceOf(address(claims)), 0, "contract empty after exits");
        _assertEq(claims.totalLiabilities(address(usdc)), 0, "no liabilities after exits");
    }

    // ================================================================ disputes

    /// @notice resolve(Diluted, newFaceValue) succeeds iff paid + held <= newFaceValue < faceValue and
    /// newFaceValue != 0, and then releases the held payments to the holder; otherwise it reverts
    /// ClaimDisputeFaceValueInvalid with the offending values and changes nothing.
    function testFuzz_resolveDilutionBounds(
        uint128 faceSeed,
        uint256 paidSeed,
        uint256 heldSeed,
        uint128 newFaceSeed,
        bool nearBounds,
        bool sold
    ) public {
        uint128 face = uint128(_bound(faceSeed, 1, type(uint96).max));
        (uint256 id, uint256 paid, uint256 held) = _disputedClaim(face, paidSeed, heldSeed, sold);
        address holder = sold ? FACTOR : ORIGINATOR;
        uint256 paidAndHeld = paid + held;
        // Half the runs pick the new face value around the interesting range [0, face + 1].
        uint128 newFace =
            nearBounds
                ? uint128(_bound(newFaceSeed, 0, face == type(uint128).max ? face : uint256(face) + 1))
                : newFaceSeed;

        bool valid = newFace < face && newFace >= paidAndHeld && newFace != 0;
        uint256 owedBefore = claims.owed(holder, address(usdc));
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IReceivableClaim.ClaimDisputeFaceValueInvalid.selector,
                    id,
                    newFace,
                    face,
                    paidAndHeld
                )
            );
        }
        claims.resolve(id, DisputeOutcome.Diluted, newFace);

        Claim memory c = ClaimViews.claimOf(claims, id);
        if (!valid) {
            _assertTrue(c.state == ClaimState.Disputed, "still Disputed");
            _assertEq(c.faceValue, face, "face value unchanged");
            _assertEq(c.heldAmount, held, "still held");
            return;
        }
        _assertEq(c.faceValue, newFace, "diluted face value");
        _assertEq(c.amountPaid, paidAndHeld, "held payments count as paid");
        _assertEq(c.heldAmount, 0, "nothing held after the dispute");
        _assertEq(claims.heldPaymentOf(id, DEBTOR), 0, "the payer has nothing held any more");
        _assertEq(claims.owed(holder, address(usdc)), owedBefore + held, "held payments go to the holder");
        _assertEq(ClaimViews.outstandingOf(claims, id), newFace - paidAndHeld, "outstanding after dilution");
        // A holder-to-holder transfer keeps an Accepted claim Accepted (only an agent's sale makes it Financed).
        ClaimState expected = newFace == paidAndHeld ? ClaimState.Settled : ClaimState.Accepted;
        _assertTrue(c.state == expected, "back to the state before the dispute, or Settled");
        _assertEq(claims.totalLiabilities(address(usdc)), usdc.balanceOf(address(claims)), "solvent");
    }

    /// @notice Upheld and Voided take exactly the current face value. Upheld credits the held payments to the holder
    /// (Settled if that completes the claim); Voided leaves them reclaimable, each payer getting back exactly what it
    /// paid during the dispute.
    function testFuzz_resolveUpheldOrVoided(
        uint128 faceSeed,
        uint256 paidSeed,
        uint256 heldSeed,
        uint128 newFaceSeed,
        bool voided,
        bool sameFace
    ) public {
        uint128 face = uint128(_bound(faceSeed, 1, type(uint96).max));
        (uint256 id, uint256 paid, uint256 held) = _disputedClaim(face, paidSeed, heldSeed, false);
        DisputeOutcome outcome = voided ? DisputeOutcome.Voided : DisputeOutcome.Upheld;
        uint128 newFace = sameFace ? face : newFaceSeed;
        if (newFace != face) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IReceivableClaim.ClaimDisputeFaceValueInvalid.selector,
                    id,
                    newFace,
                    face,
                    paid + held
                )
            );
            claims.resolve(id, outcome, newFace);
            _assertTrue(ClaimViews.claimOf(claims, id).state == ClaimState.Disputed, "still Disputed");
            return;
        }
        claims.resolve(id, outcome, newFace);
        Claim memory c = ClaimViews.claimOf(claims, id);
        _assertEq(c.faceValue, face, "face value unchanged");
        if (voided) {
            _assertTrue(c.state == ClaimState.Voided, "Voided");
            _assertEq(c.amountPaid, paid, "paid before the dispute stays paid");
            _assertEq(claims.heldPaymentOf(id, DEBTOR), held, "held payment reclaimable");
            if (held != 0) {
                uint256 balanceBefore = usdc.balanceOf(STRANGER);
                vm.prank(DEBTOR);
                uint256 reclaimed = claims.reclaimHeldPayment(id, STRANGER);
                _assertEq(reclaimed, held, "reclaims exactly what was held");
                _assertEq(usdc.balanceOf(STRANGER) - balanceBefore, held, "paid out to the chosen address");
                _assertEq(ClaimViews.claimOf(claims, id).heldAmount, 0, "nothing held after the reclaim");
            }
            _assertEq(claims.heldPaymentOf(id, DEBTOR), 0, "nothing left to reclaim");
        } else {
            _assertEq(c.amountPaid, paid + held, "held payments released");
            _assertEq(c.heldAmount, 0, "nothing held");
            _assertEq(claims.heldPaymentOf(id, DEBTOR), 0, "the payer has nothing held any more");
            _assertTrue(
                c.state == (paid + held == face ? ClaimState.Settled : ClaimState.Accepted),
                "back to Accepted, or Settled"
            );
        }
        _assertEq(claims.totalLiabilities(address(usdc)), usdc.balanceOf(address(claims)), "solvent");
    }

    /// @notice Regression for the finding of testFuzz_resolveDilutionBounds / testFuzz_resolveUpheldOrVoided:
    /// heldPaymentOf kept reporting a payment held during a dispute after Upheld or Diluted had already credited it
    /// to the holder. It must read zero once released, and a later dispute starts from zero.
    function test_heldPaymentOfIsZeroOnceReleased() public {
        usdc.mint(DEBTOR, 100e6);
        uint256 id = _issueByDebtor(ORIGINATOR, DEBTOR, 100e6, TENOR);
        vm.prank(DEBTOR);
        claims.dispute(id, keccak256("first"));
        _payAs(DEBTOR, id, 30e6);
        _assertEq(claims.heldPaymentOf(id, DEBTOR), 30e6, "held during the dispute");

        claims.resolve(id, DisputeOutcome.Upheld, 100e6);
        _assertEq(claims.owed(ORIGINATOR, address(usdc)), 30e6, "released to the holder");
        _assertEq(claims.heldPaymentOf(id, DEBTOR), 0, "nothing held after Upheld");

        vm.prank(DEBTOR);
        claims.dispute(id, keccak256("second"));
        _assertEq(claims.heldPaymentOf(id, DEBTOR), 0, "a new dispute holds nothing yet");
        claims.resolve(id, DisputeOutcome.Voided, 100e6);
        vm.expectRevert(abi.encodeWithSelector(IReceivableClaim.ClaimNothingHeld.selector, id, DEBTOR));
        vm.prank(DEBTOR);
        claims.reclaimHeldPayment(id, DEBTOR);
    }

    // ================================================================ clock

    /// @notice poke: the state is Overdue iff t > dueDate and Defaulted iff t > dueDate + grace, where grace is the
    /// claim's own rules version (a later rules change does not touch it). Two fuzzed pokes at t1 <= t2.
    function testFuzz_pokeTiming(uint256 tenorSeed, uint256 t1Seed, uint256 t2Seed, uint32 newGraceSeed) public {
        uint256 tenor = _bound(tenorSeed, MIN_TENOR, MAX_TENOR);
        uint256 id = _issueByDebtor(ORIGINATOR, DEBTOR, 1_000e6, tenor);
        uint256 due = block.timestamp + tenor;
        uint256 defaultableAfter = due + DEFAULT_GRACE;

        // The operator changes the default grace while the claim is live (A6): the claim keeps its version.
        MarketRules memory rules = registry.currentRules();
        // Any grace the registry accepts: the cover span (max tenor + grace + claim window) stays within MAX_COVER_SPAN.
        rules.defaultGrace = uint32(_bound(newGraceSeed, 1, MAX_COVER_SPAN - MAX_TENOR - GUARANTEE_CLAIM_WINDOW));
        registry.setMarketRules(rules);

        uint256 horizon = defaultableAfter + 90 days;
        uint256 t1 = _bound(t1Seed, block.timestamp, horizon);
        uint256 t2 = _bound(t2Seed, t1, horizon);

        ClaimState state = _pokeAndCheck(id, t1, ClaimState.Accepted, due, defaultableAfter);
        _pokeAndCheck(id, t2, state, due, defaultableAfter);
    }

    /// @notice Z1 boundaries of the clock, second by second: m-1, m, m+1, m+g-1, m+g, m+g+1 (m = due date,
    /// g = default grace): Overdue from m+1, Defaulted from m+g+1.
    function test_pokeBoundaries() public {
        int256[6] memory offsets = [
            int256(-1),
            0,
            1,
            int256(uint256(DEFAULT_GRACE)) - 1,
            int256(uint256(DEFAULT_GRACE)),
            int256(uint256(DEFAULT_GRACE)) + 1
        ];
        ClaimState[6] memory expected = [
            ClaimState.Accepted,
            ClaimState.Accepted,
            ClaimState.Overdue,
            ClaimState.Overdue,
            ClaimState.Overdue,
            ClaimState.Defaulted
        ];
        for (uint256 i = 0; i < offsets.length; ++i) {
            vm.warp(START);
            uint256 id = _issueByDebtor(ORIGINATOR, DEBTOR, 1e6, TENOR);
            uint256 due = ClaimViews.claimOf(claims, id).dueDate;
            uint256 t = uint256(int256(due) + offsets[i]);
            ClaimState state = _pokeAndCheck(id, t, ClaimState.Accepted, due, due + DEFAULT_GRACE);
            _assertEq(uint8(state), uint8(expected[i]), "state at the boundary");
        }
    }

    /// @notice The debtor may accept an Issued claim until its acceptance deadline, inclusive; from the next second
    /// on, accept reverts and anyone may expire it.
    function testFuzz_acceptanceWindow(uint256 dtSeed) public {
        uint256 issuedAt = block.timestamp;
        ClaimTerms memory terms = _terms(ORIGINATOR, DEBTOR, 1e6, 60 days);
        vm.prank(ORIGINATOR);
        uint256 id = claims.issue(terms, "");
        uint256 deadline = issuedAt + ACCEPTANCE_WINDOW;
        uint256 t = _bound(dtSeed, issuedAt, issuedAt + 2 * ACCEPTANCE_WINDOW);
        vm.warp(t);
        if (t <= deadline) {
            vm.expectRevert(
                abi.encodeWithSelector(IReceivableClaim.ClaimAcceptanceWindowOpen.selector, id, deadline, t)
            );
            claims.expire(id);
            vm.prank(DEBTOR);
            claims.accept(id);
            _assertTrue(ClaimViews.claimOf(claims, id).state == ClaimState.Accepted, "accepted within the window");
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(IReceivableClaim.ClaimAcceptanceWindowClosed.selector, id, deadline, t)
            );
            vm.prank(DEBTOR);
            claims.accept(id);
            vm.prank(STRANGER);
            claims.expire(id);
            _assertTrue(ClaimViews.claimOf(claims, id).state == ClaimState.Expired, "expired after the window");
            _assertEq(claims.claimByCommitment(terms.invoiceCommitment), 0, "commitment released");
        }
    }

    // ================================================================ helpers

    function _pokeAndCheck(
        uint256 id,
        uint256 t,
        ClaimState before,
        uint256 due,
        uint256 defaultableAfter
    ) private returns (ClaimState expected) {
        vm.warp(t);
        if (before == ClaimState.Defaulted) {
            vm.expectRevert(
                abi.encodeWithSelector(IReceivableClaim.ClaimWrongState.selector, id, ClaimState.Defaulted)
            );
            claims.poke(id);
            return before;
        }
        if (t > defaultableAfter) expected = ClaimState.Defaulted;
        else if (t > due) expected = ClaimState.Overdue;
        else expected = ClaimState.Accepted;

        if (expected == before) {
            if (before == ClaimState.Accepted) {
                vm.expectRevert(
                    abi.encodeWithSelector(IReceivableClaim.ClaimNotYetOverdue.selector, id, uint64(due), t)
                );
            } else {
                vm.expectRevert(
                    abi.encodeWithSelector(IReceivableClaim.ClaimNotYetDefaultable.selector, id, defaultableAfter, t)
                );
            }
            claims.poke(id);
        } else {
            vm.prank(STRANGER); // anyone may poke
            ClaimState returned = claims.poke(id);
            _assertEq(uint8(returned), uint8(expected), "poke returns the new state");
        }
        Claim memory c = ClaimViews.claimOf(claims, id);
        _assertEq(uint8(c.state), uint8(expected), "state after poke");
    }

    /// @dev An Accepted claim (optionally sold to FACTOR) with `paid` credited, then Disputed by the debtor with
    /// `held` paid during the dispute.
    function _disputedClaim(
        uint128 face,
        uint256 paidSeed,
        uint256 heldSeed,
        bool sold
    ) private returns (uint256 id, uint256 paid, uint256 held) {
        usdc.mint(DEBTOR, face);
        id = _issueByDebtor(ORIGINATOR, DEBTOR, face, TENOR);
        if (sold) _transferClaim(id, ORIGINATOR, FACTOR);
        paid = _bound(paidSeed, 0, face - 1);
        if (paid != 0) _payAs(DEBTOR, id, paid);
        vm.prank(DEBTOR);
        claims.dispute(id, keccak256("goods damaged"));
        held = _bound(heldSeed, 0, face - paid);
        if (held != 0) _payAs(DEBTOR, id, held);
        _assertEq(claims.heldPaymentOf(id, DEBTOR), held, "held payment recorded");
    }

    function _payAs(address payer, uint256 id, uint256 amount) private {
        vm.prank(payer);
        claims.pay(id, amount);
    }

    function _transferClaim(uint256 id, address from, address to) private {
        uint256 nonceBefore = claims.claimCore(id).nonce;
        vm.prank(from);
        claims.transferFrom(from, to, id);
        _assertEq(claims.ownerOf(id), to, "transferred");
        _assertTrue(claims.claimCore(id).nonce > nonceBefore, "a transfer bumps the nonce");
    }

    /// @dev `account` withdraws to `to`; exactly `expected` moves, or it reverts ClaimNothingToWithdraw if zero.
    function _withdrawExactly(address account, address to, uint256 expected) private {
        _assertEq(claims.owed(account, address(usdc)), expected, "owed before withdraw");
        if (expected == 0) {
            vm.expectRevert(
                abi.encodeWithSelector(IReceivableClaim.ClaimNothingToWithdraw.selector, account, address(usdc))
            );
            vm.prank(account);
            claims.withdraw(address(usdc), to);
            return;
        }
        uint256 toBefore = usdc.balanceOf(to);
        uint256 contractBefore = usdc.balanceOf(address(claims));
        vm.prank(account);
        uint256 amount = claims.withdraw(address(usdc), to);
        _assertEq(amount, expected, "withdraw returns the credit");
        _assertEq(usdc.balanceOf(to) - toBefore, expected, "recipient receives the credit");
        _assertEq(contractBefore - usdc.balanceOf(address(claims)), expected, "contract pays the credit");
        _assertEq(claims.owed(account, address(usdc)), 0, "credit cleared");
        vm.expectRevert(
            abi.encodeWithSelector(IReceivableClaim.ClaimNothingToWithdraw.selector, account, address(usdc))
        );
        vm.prank(account);
        claims.withdraw(address(usdc), to);
    }
}
