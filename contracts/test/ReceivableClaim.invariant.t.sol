// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {Claim, ClaimState, Party} from "../types/Claim.sol";
import {Role} from "../types/Roles.sol";

import {ReceivableClaimHandler, SaleAgent} from "./handlers/ReceivableClaimHandler.t.sol";
import {Fixture} from "./utils/Fixture.t.sol";
import {vm} from "./utils/Vm.t.sol";
import {ClaimViews} from "../libraries/ClaimViews.sol";

/// @title ReceivableClaimInvariantTest
/// @notice Handler-driven invariants of {ReceivableClaim} (I1-I7 in docs/SECURITY.md) with seven verified actors.
/// @dev The fuzzer calls only the handler's actions (see {targetSelectors}). The handler checks every claim
/// against its ghost model after each action (lifecycle, nonces, amounts, custody, held payments) and records any
/// difference or unexpected revert; `invariant_noViolations` surfaces them. `afterInvariant` makes everyone exit
/// at the end of every run and requires the contract to end with exactly zero.
contract ReceivableClaimInvariantTest is Fixture {
    /// @dev Foundry's invariant target selector, read by EDR.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    uint256 internal constant ACTOR_FUNDS = 1_000_000_000e6; // a billion USDC each

    ReceivableClaimHandler internal handler;
    address[7] internal actors;

    function setUp() public {
        _deploySystem();
        // Trusted before the first verification, when an agent change still applies at once.
        SaleAgent agent = new SaleAgent(claims);
        registry.setAgent(address(agent), true);
        uint256[2] memory debtorKeys = [uint256(0xD0D1), uint256(0xD0D2)];
        actors = [
            vm.addr(0xA0A1), // originator 1
            vm.addr(0xA0A2), // originator 2
            vm.addr(debtorKeys[0]), // debtor 1
            vm.addr(debtorKeys[1]), // debtor 2
            vm.addr(0xF0F1), // factor 1
            vm.addr(0xF0F2), // factor 2
            vm.addr(0x5757) // stranger (verified as a guarantor: may hold and pay, nothing more)
        ];
        Role[7] memory roles = [
            Role.Originator,
            Role.Originator,
            Role.Debtor,
            Role.Debtor,
            Role.Factor,
            Role.Factor,
            Role.Guarantor
        ];
        for (uint256 a = 0; a < actors.length; ++a) {
            _verify(actors[a], roles[a]);
            // Originators start with nothing: they only ever receive.
            _fund(actors[a], a < 2 ? 0 : ACTOR_FUNDS);
        }

        address arbiter = vm.addr(0xA4B1);
        registry.grantRole(registry.ARBITER_ROLE(), arbiter);

        handler = new ReceivableClaimHandler(claims, usdc, agent, arbiter, actors, debtorKeys, registry.currentRules());
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev The actions only: not exitAll (the end-of-run check) nor the views.
    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](15);
        selectors[0] = ReceivableClaimHandler.issue.selector;
        selectors[1] = ReceivableClaimHandler.accept.selector;
        selectors[2] = ReceivableClaimHandler.reject.selector;
        selectors[3] = ReceivableClaimHandler.cancel.selector;
        selectors[4] = ReceivableClaimHandler.expire.selector;
        selectors[5] = ReceivableClaimHandler.pay.selector;
        selectors[6] = ReceivableClaimHandler.payInFull.selector;
        selectors[7] = ReceivableClaimHandler.transfer.selector;
        selectors[8] = ReceivableClaimHandler.poke.selector;
        selectors[9] = ReceivableClaimHandler.dispute.selector;
        selectors[10] = ReceivableClaimHandler.resolve.selector;
        selectors[11] = ReceivableClaimHandler.writeOff.selector;
        selectors[12] = ReceivableClaimHandler.withdraw.selector;
        selectors[13] = ReceivableClaimHandler.reclaimHeldPayment.selector;
        selectors[14] = ReceivableClaimHandler.incrementAcceptanceCounter.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    // ================================================================ invariants

    /// @notice The handler saw no unexpected revert and no difference from its model (I3 lifecycle, I4 credits,
    /// I5 custody, I6 nonces and counters, amounts and held payments per claim and per payer).
    function invariant_noViolations() public view {
        if (handler.violationCount() != 0) revert AssertionFailed(handler.firstViolation());
    }

    /// @notice I1 solvency: the balance covers the liabilities, which are exactly the ghost credits plus the
    /// held payments; with no donations in this handler the balance equals them.
    function invariant_I1_solvency() public view {
        uint256 balance = usdc.balanceOf(address(claims));
        uint256 liabilities = claims.totalLiabilities(address(usdc));
        _assertLe(liabilities, balance, "I1: liabilities above balance");
        _assertEq(liabilities, handler.ghostOwedTotal() + handler.ghostHeldTotal(), "I1: liabilities vs ghost");
        _assertEq(balance, liabilities, "I1: balance equals liabilities (no donations)");
    }

    /// @notice Exit-to-zero in the present: what the accounts can withdraw plus what is held on the claims is
    /// exactly the balance, so once everyone exits nothing remains and nobody is short.
    function invariant_ledgerAddsUpToBalance() public view {
        uint256 owedSum = 0;
        for (uint256 a = 0; a < actors.length; ++a) owedSum += claims.owed(actors[a], address(usdc));
        uint256 heldSum = 0;
        uint256 count = claims.claimCount();
        for (uint256 id = 1; id <= count; ++id) heldSum += ClaimViews.claimOf(claims, id).heldAmount;
        _assertEq(owedSum + heldSum, claims.totalLiabilities(address(usdc)), "owed + held == liabilities");
        _assertEq(owedSum + heldSum, usdc.balanceOf(address(claims)), "owed + held == balance");
    }

    /// @notice I2 conservation: every token is with an actor or in the claim contract.
    function invariant_I2_conservation() public view {
        uint256 sum = usdc.balanceOf(address(claims));
        for (uint256 a = 0; a < actors.length; ++a) sum += usdc.balanceOf(actors[a]);
        _assertEq(sum, usdc.totalSupply(), "I2: tokens created or lost");
    }

    /// @notice I3 and I4 from the contract's side: a Settled claim is paid exactly its face value, and its holders
    /// were credited exactly that; no claim is ever paid (or paid and held) beyond its face value.
    function invariant_I3_I4_settledMeansPaidInFull() public view {
        uint256 count = claims.claimCount();
        for (uint256 id = 1; id <= count; ++id) {
            Claim memory c = ClaimViews.claimOf(claims, id);
            _assertLe(uint256(c.amountPaid) + c.heldAmount, c.faceValue, "paid + held <= face");
            _assertEq(handler.ghost(id).credits, c.amountPaid, "I4: credits to holders == amount paid");
            if (c.state == ClaimState.Settled) {
                _assertEq(c.amountPaid, c.faceValue, "I3: Settled => paid == face");
            }
        }
    }

    /// @notice I5 custody: each claim is where the ghost says, and all claims are with the actors.
    function invariant_I5_custody() public view {
        uint256 count = claims.claimCount();
        for (uint256 id = 1; id <= count; ++id) {
            _assertEq(claims.ownerOf(id), handler.ghost(id).holder, "I5: owner vs ghost custody");
        }
        uint256 held = 0;
        for (uint256 a = 0; a < actors.length; ++a) held += claims.balanceOf(actors[a]);
        _assertEq(held, count, "I5: every claim is with an actor");
        // The scanning view names, for each actor and party, exactly the ghost's claims, in id order.
        for (uint256 a = 0; a < actors.length; ++a) {
            for (uint256 p = 0; p < 3; ++p) _assertClaimsOfMatchesGhost(actors[a], Party(p), count);
        }
    }

    /// @dev `claimsOf(account, party)` over every id is exactly the ids where the ghost has `account` as `party`.
    function _assertClaimsOfMatchesGhost(address account, Party party, uint256 count) private view {
        uint256[] memory ids = lens.claimsOf(account, party, 0, type(uint256).max);
        uint256 next = 0;
        for (uint256 id = 1; id <= count; ++id) {
            ReceivableClaimHandler.Ghost memory g = handler.ghost(id);
            address who = party == Party.Holder ? g.holder : (party == Party.Debtor ? g.debtor : g.originator);
            if (who != account) continue;
            _assertTrue(next < ids.length, "I5: claimsOf misses a claim");
            _assertEq(ids[next++], id, "I5: claimsOf names another claim");
        }
        _assertEq(ids.length, next, "I5: claimsOf names a claim of someone else");
    }

    /// @notice I6: the contract's nonces never fall below the last ones the handler saw.
    function invariant_I6_noncesOnlyGrow() public view {
        uint256 count = claims.claimCount();
        for (uint256 id = 1; id <= count; ++id) {
            _assertLe(handler.ghost(id).nonce, claims.claimCore(id).nonce, "I6: nonce below the last seen");
        }
    }

    /// @notice I7 at the end of every run: every actor withdraws everything it is owed, every payer reclaims
    /// what is held on Voided claims, and then the contract holds exactly zero and owes nothing.
    function afterInvariant() public {
        _exitAndExpectZero();
    }

    // ================================================================ deterministic long run

    /// @notice I7 on a long deterministic pseudo-random sequence (400 actions) through the same handler, then
    /// everyone exits and the contract is left with exactly zero. Also proves the handler reaches every action.
    function test_exitLeavesZero() public {
        uint256 seed = uint256(keccak256("OpenFactor exit-to-zero"));
        handler.setSweepEvery(30); // changed claims after every action, all claims every 30 actions
        for (uint256 step = 0; step < 400; ++step) {
            seed = uint256(keccak256(abi.encode(seed, step)));
            _randomAction(seed);
            // Stop at the first violation: a short failing trace (EDR re-runs a failing test with full tracing).
            invariant_noViolations();
        }
        invariant_noViolations();
        invariant_I1_solvency();
        invariant_I2_conservation();
        invariant_I3_I4_settledMeansPaidInFull();

        string[17] memory actions = [
            "issue",
            "accept",
            "reject",
            "cancel",
            "expire",
            "pay",
            "payInFull",
            "transfer",
            "sale",
            "poke",
            "dispute",
            "resolveUpheld",
            "resolveDiluted",
            "resolveVoided",
            "writeOff",
            "withdraw",
            "reclaimHeldPayment"
        ];
        for (uint256 i = 0; i < actions.length; ++i) {
            _assertTrue(handler.successes(actions[i]) > 0, string.concat("action never reached: ", actions[i]));
        }
        _assertTrue(usdc.balanceOf(address(claims)) > 0, "something to exit from");
        _exitAndExpectZero();
    }

    /// @notice The model refuses a dispute past the default grace as the claim does: live claims left far past
    /// their due date plus grace, never poked, are refused with ClaimDisputeTooLate and do not move.
    function test_lateDisputeRefused() public {
        for (uint256 i = 0; i < 6; ++i) {
            handler.issue(i, i + 1, i + 2, i);
            handler.accept(i, false);
        }
        vm.warp(block.timestamp + 3650 days);
        for (uint256 i = 0; i < 6; ++i) handler.dispute(i, i % 2 == 0);
        invariant_noViolations();
        _assertTrue(handler.successes("disputeRefusedLate") > 0, "no late dispute was tried");
        _assertEq(handler.successes("dispute"), 0, "a late dispute was accepted");
    }

    function _randomAction(uint256 seed) private {
        uint256 a = uint256(keccak256(abi.encode(seed, "a")));
        uint256 b = uint256(keccak256(abi.encode(seed, "b")));
        uint256 c = uint256(keccak256(abi.encode(seed, "c")));
        uint256 kind = seed % 16;
        if (kind <= 1) handler.issue(a, b, c, a >> 128);
        else if (kind == 2) handler.accept(a, b % 2 == 0);
        else if (kind == 3) {
            if (b % 2 == 0) handler.reject(a);
            else handler.cancel(a);
        } else if (kind == 4) handler.expire(a, b);
        else if (kind == 5) handler.pay(a, b, c);
        else if (kind == 6) {
            // Paying claims off settles them: one time in eight, so that enough stay open to be poked and disputed.
            if (c % 8 == 0) handler.payInFull([a, b, c], a >> 128);
            else handler.pay(a, b, c);
        } else if (kind == 7) handler.transfer(a, b, c % 2 == 0);
        else if (kind == 8) handler.poke(a, b % 20 days, c);
        else if (kind == 9) handler.dispute(a, b % 2 == 0);
        else if (kind == 10) handler.resolve(a, b, c);
        else if (kind == 11) handler.writeOff(a);
        else if (kind == 12) handler.withdraw(a, b);
        else if (kind == 13) handler.reclaimHeldPayment(a, b, c);
        else if (kind == 14) handler.incrementAcceptanceCounter(a);
        else handler.pay(a, b, 0); // pays the whole remainder: more claims reach Settled
    }

    function _exitAndExpectZero() private {
        handler.exitAll();
        invariant_noViolations();
        _assertEq(claims.totalLiabilities(address(usdc)), 0, "I7: liabilities after everyone exited");
        _assertEq(usdc.balanceOf(address(claims)), 0, "I7: balance after everyone exited");
        for (uint256 a = 0; a < actors.length; ++a) {
            _assertEq(claims.owed(actors[a], address(usdc)), 0, "I7: credit left after exit");
        }
        uint256 count = claims.claimCount();
        for (uint256 id = 1; id <= count; ++id) {
            _assertEq(ClaimViews.claimOf(claims, id).heldAmount, 0, "I7: held payment left after exit");
        }
        invariant_I2_conservation();
    }
}
