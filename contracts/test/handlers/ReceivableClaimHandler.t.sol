// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks

import {ReceivableClaim} from "../../ReceivableClaim.sol";
import {IReceivableClaim} from "../../interfaces/IReceivableClaim.sol";
import {MockStablecoin} from "../../mocks/MockStablecoin.sol";
import {ClaimLens} from "../../periphery/ClaimLens.sol";
import {Claim, ClaimState, ClaimTerms, DisputeOutcome} from "../../types/Claim.sol";
import {MarketRules} from "../../types/Roles.sol";

import {BaseHandler} from "./BaseHandler.t.sol";
import {SaleAgent} from "./SaleAgent.t.sol";
import {vm} from "../utils/Vm.t.sol";

/// @title ReceivableClaimHandler
/// @notice Drives {ReceivableClaim} for the invariant tests with seven verified actors (two originators, two
/// debtors, two factors, a stranger). Every action picks a claim and inputs that make the call valid, skips when
/// nothing fits, and keeps a ghost ledger of what the contract should hold. It never relies on reverts: every call
/// is wrapped, and an unexpected revert or any difference between the contract and the ghost ledger is recorded
/// as a violation (a reverting handler call would be silently dropped by the fuzzer), which
/// `invariant_noViolations` reports.
contract ReceivableClaimHandler is BaseHandler {
    /// @dev The model of one claim.
    struct Ghost {
        ClaimState state; // the state the model expects
        ClaimState lastSeen; // the state last read from the contract (for the lifecycle check)
        ClaimState stateBeforeDispute;
        address holder; // custody
        address originator;
        address debtor;
        uint128 face;
        uint128 paid;
        uint128 held;
        uint64 dueDate;
        uint64 acceptanceDeadline;
        uint64 nonce; // last nonce read from the contract
        bool byDebtor; // issued by its debtor: the originator accepts or rejects it, the debtor cancels it
        uint256 credits; // total credited to the claim's holders, read from their `owed` deltas
    }

    uint256 public constant ACTOR_COUNT = 7;
    uint256 internal constant MAX_FACE = 1_000_000e6;
    uint256 internal constant MAX_WARP = 45 days;

    ClaimLens private immutable _lens;
    MockStablecoin public immutable usdc;
    SaleAgent public immutable agent;
    address public immutable arbiter;

    // _actors: 0,1 originators; 2,3 debtors; 4,5 factors; 6 stranger
    uint256[2] internal _debtorKeys;

    mapping(uint256 claimId => Ghost ghost) internal _ghost;
    mapping(uint256 claimId => mapping(address payer => uint256 amount)) internal _heldBy; // current dispute only
    mapping(address account => uint256 amount) public ghostOwed;
    uint256 public ghostOwedTotal;
    uint256 public ghostHeldTotal;
    mapping(address debtor => uint256 counter) public ghostAcceptanceCounter;
    /// @dev The two hashes each claim was issued with: the claim record keeps neither (its ClaimIssued event does).
    mapping(uint256 claimId => bytes32 commitment) private _commitmentOf;
    mapping(uint256 claimId => bytes32 documentHash) private _documentHashOf;

    // Which claims the current action may change (their nonce must move; no other claim's may).
    uint256 private _epoch = 1;
    mapping(uint256 claimId => uint256 epoch) private _touched;
    uint256[] private _touchedList;
    /// @notice Every how many actions all claims are compared with the model (the claims an action changed are
    /// compared after every action). 1 in the fuzz campaigns; long deterministic runs raise it to stay cheap.
    uint256 public sweepEvery = 1;

    constructor(
        ReceivableClaim claims_,
        MockStablecoin usdc_,
        SaleAgent agent_,
        address arbiter_,
        address[ACTOR_COUNT] memory actors_,
        uint256[2] memory debtorKeys_,
        MarketRules memory rules
    ) BaseHandler(claims_, address(usdc_), address(0), "handler") {
        _lens = new ClaimLens(claims_);
        usdc = usdc_;
        agent = agent_;
        arbiter = arbiter_;
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) _actors.push(actors_[a]);
        _debtorKeys = debtorKeys_;
        _useRules(rules);
    }

    // ================================================================ actions

    /// @notice An originator issues (Issued), the debtor issues (Accepted, reverse factoring) or the originator
    /// issues with the debtor's signature (Accepted).
    function issue(uint256 actorSeed, uint256 faceSeed, uint256 tenorSeed, uint256 modeSeed) external {
        address originator = _actors[actorSeed % 2];
        uint256 debtorIndex = (actorSeed >> 8) % 2;
        address debtor = _actors[2 + debtorIndex];
        ClaimTerms memory terms = _newTerms(
            originator,
            debtor,
            _bound(faceSeed, 1, MAX_FACE),
            block.timestamp + _bound(tenorSeed, _minTenor, _maxTenor)
        );
        uint256 mode = modeSeed % 3;
        uint256 id;
        bool ok;
        bool confirmed; // a claim the debtor issued, accepted by the originator in the same action
        if (mode == 0) {
            (id, ok) = _issueAs(originator, terms, false);
        } else if (mode == 1) {
            (id, ok) = _issueAs(debtor, terms, true);
            // Most of the time the originator confirms it at once (reverse factoring as a programme runs it); the
            // rest wait, for the originator to accept or reject, the debtor to cancel, or the window to close.
            if (ok && (modeSeed >> 8) % 4 != 0) (ok, confirmed) = (_acceptAs(originator, id), true);
        } else {
            uint256 deadline = block.timestamp + 1 days;
            bytes memory signature = _signAcceptance(_debtorKeys[debtorIndex], terms, deadline);
            vm.prank(originator);
            try claims.issueAccepted(terms, "", deadline, signature) returns (uint256 newId) {
                (id, ok) = (newId, true);
            } catch (bytes memory err) {
                _unexpectedRevert("issueAccepted", err);
            }
        }
        if (!ok) return;
        _recordIssued(id);
        Ghost storage g = _ghost[id];
        // Issued by the originator or by the debtor: Issued; issued with the debtor's signature: Accepted.
        g.state = mode == 2 || confirmed ? ClaimState.Accepted : ClaimState.Issued;
        g.byDebtor = mode == 1;
        g.lastSeen = g.state; // None -> Issued | Accepted
        g.holder = originator;
        g.originator = originator;
        g.debtor = debtor;
        g.face = terms.faceValue;
        g.dueDate = terms.dueDate;
        _commitmentOf[id] = terms.invoiceCommitment;
        _documentHashOf[id] = terms.documentHash;
        g.acceptanceDeadline = uint64(mode == 2 ? block.timestamp : block.timestamp + _acceptanceWindow);
        if (confirmed) g.nonce = 1; // the originator's acceptance moved the nonce once
        _checkClaim(id); // a new claim starts at nonce 0, so it is checked here rather than as a changed one
        _checkCustodyAndHeld(id);
        _done("issue");
    }

    /// @notice The party asked to confirm accepts an Issued claim within its window: the debtor, itself or through a
    /// relayed signature, or the originator of a claim its debtor issued.
    function accept(uint256 claimSeed, bool relayed) external {
        (uint256 id, bool found) = _find(claimSeed, _isAcceptable);
        if (!found) return;
        Ghost storage g = _ghost[id];
        bool ok;
        if (g.byDebtor || !relayed) {
            ok = _acceptAs(g.byDebtor ? g.originator : g.debtor, id);
        } else {
            uint256 deadline = block.timestamp;
            bytes memory signature = _signAcceptance(_keyOf(g.debtor), _termsOf(id), deadline);
            vm.prank(_actors[6]);
            try claims.acceptWithSignature(id, _commitmentOf[id], _documentHashOf[id], deadline, signature) {
                ok = true;
            } catch (bytes memory err) {
                _unexpectedRevert("acceptWithSignature", err);
            }
        }
        if (!ok) return;
        _touch(id);
        g.state = ClaimState.Accepted;
        _done("accept");
    }

    /// @notice The party asked to confirm rejects an Issued claim: the debtor, or the originator of a claim its
    /// debtor issued.
    function reject(uint256 claimSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isIssued);
        if (!found) return;
        vm.prank(_ghost[id].byDebtor ? _ghost[id].originator : _ghost[id].debtor);
        try claims.reject(id) {
            _endUnaccepted(id, ClaimState.Rejected);
            _done("reject");
        } catch (bytes memory err) {
            _unexpectedRevert("reject", err);
        }
    }

    /// @notice The party that issued an Issued claim cancels it: the originator, or the debtor that issued it.
    function cancel(uint256 claimSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isIssued);
        if (!found) return;
        vm.prank(_ghost[id].byDebtor ? _ghost[id].debtor : _ghost[id].originator);
        try claims.cancel(id) {
            _endUnaccepted(id, ClaimState.Cancelled);
            _done("cancel");
        } catch (bytes memory err) {
            _unexpectedRevert("cancel", err);
        }
    }

    /// @notice Anyone expires an Issued claim, time moving past its acceptance deadline first if needed.
    function expire(uint256 claimSeed, uint256 callerSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isIssued);
        if (!found) return;
        uint256 deadline = _ghost[id].acceptanceDeadline;
        if (block.timestamp <= deadline) vm.warp(deadline + 1);
        vm.prank(_actorAt(callerSeed));
        try claims.expire(id) {
            _endUnaccepted(id, ClaimState.Expired);
            _done("expire");
        } catch (bytes memory err) {
            _unexpectedRevert("expire", err);
        }
    }

    /// @notice An actor holding tokens pays part (or, one time in four, all) of what is left on a payable claim.
    function pay(uint256 claimSeed, uint256 payerSeed, uint256 amountSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isPayable);
        if (!found) return;
        (address payer, bool funded) = _findActor(payerSeed, _holdsTokens);
        if (!funded) return;
        uint256 amount = _amountFor(id, payer, amountSeed);
        address holder = _ghost[id].holder;
        uint256 owedBefore = claims.owed(holder, address(usdc));
        uint256 payerBalanceBefore = usdc.balanceOf(payer);

        if (!_payAs(payer, id, amount)) return;
        uint256 credited = claims.owed(holder, address(usdc)) - owedBefore;
        if (payerBalanceBefore - usdc.balanceOf(payer) != amount) _violation("pay pulled a different amount", id);
        _applyPayment(id, payer, amount, credited);
        _done("pay");
    }

    /// @notice An actor pays off up to three different payable claims in one payInFull, whatever each still owes.
    function payInFull(uint256[3] calldata claimSeeds, uint256 payerSeed) external {
        (address payer, bool funded) = _findActor(payerSeed, _holdsTokens);
        if (!funded) return;
        uint256[] memory ids = new uint256[](3);
        uint256[] memory amounts = new uint256[](3);
        uint256 n = 0;
        uint256 total = 0;
        uint256 budget = usdc.balanceOf(payer);
        for (uint256 k = 0; k < 3; ++k) {
            (uint256 id, bool found) = _find(claimSeeds[k], _isPayable);
            if (!found) continue;
            bool duplicate = false;
            for (uint256 j = 0; j < n; ++j) duplicate = duplicate || ids[j] == id;
            uint256 remaining = _remaining(id);
            if (duplicate || total + remaining > budget) continue;
            total += remaining;
            ids[n] = id;
            amounts[n] = remaining;
            ++n;
        }
        if (n == 0) return;
        (ids, amounts) = (_first(ids, n), _first(amounts, n));
        uint256 payerBalanceBefore = usdc.balanceOf(payer);
        vm.prank(payer);
        try claims.payInFull(ids, total) returns (uint256 pulled) {
            if (pulled != total) _violation("payInFull returned a different total", ids[0]);
        } catch (bytes memory err) {
            return _unexpectedRevert("payInFull", err);
        }
        if (payerBalanceBefore - usdc.balanceOf(payer) != total)
            _violation("payInFull pulled a different total", ids[0]);
        // Different claims may share a holder, so credits are taken from the model; the owed check in
        // _checkAccounts then compares every holder's total with the contract.
        for (uint256 k = 0; k < n; ++k) {
            _applyPayment(ids[k], payer, amounts[k], _ghost[ids[k]].state == ClaimState.Disputed ? 0 : amounts[k]);
        }
        _done("payInFull");
    }

    /// @notice The holder transfers a transferable claim to another verified actor, or the sale agent moves it
    /// (a sale: Accepted becomes Financed).
    function transfer(uint256 claimSeed, uint256 toSeed, bool bySale) external {
        (uint256 id, bool found) = _find(claimSeed, _isTransferable);
        if (!found) return;
        Ghost storage g = _ghost[id];
        address to = _actorAt(toSeed);
        if (to == g.holder) to = _actorAt(toSeed + 1);
        address from = g.holder;
        bool ok;
        bytes memory err;
        if (bySale) {
            try agent.sell(id, to) {
                ok = true;
            } catch (bytes memory e) {
                err = e;
            }
        } else {
            vm.prank(from);
            try claims.transferFrom(from, to, id) {
                ok = true;
            } catch (bytes memory e) {
                err = e;
            }
        }
        if (!ok) return _unexpectedRevert(bySale ? "sale" : "transfer", err);
        _touch(id);
        g.holder = to;
        if (bySale && g.state == ClaimState.Accepted) g.state = ClaimState.Financed;
        _done(bySale ? "sale" : "transfer");
    }

    /// @notice Time moves forward (bounded), then anyone pokes a claim the clock allows to move.
    function poke(uint256 claimSeed, uint256 warpSeed, uint256 callerSeed) external {
        _warpBy(warpSeed, 0, MAX_WARP);
        (uint256 id, bool found) = _find(claimSeed, _isPokeable);
        if (!found) return;
        Ghost storage g = _ghost[id];
        ClaimState expected =
            block.timestamp > uint256(g.dueDate) + _defaultGrace ? ClaimState.Defaulted : ClaimState.Overdue;
        (bool ok, ClaimState returned) = _pokeAs(_actorAt(callerSeed), id);
        if (!ok) return;
        if (returned != expected) _violation("poke returned another state", id);
        _touch(id);
        g.state = expected;
        _done("poke");
    }

    /// @notice The debtor or the holder disputes an Accepted, Financed or Overdue claim; past its due date plus the
    /// grace the claim is in default, declared or not, and the model expects ClaimDisputeTooLate and no change.
    function dispute(uint256 claimSeed, bool byHolder) external {
        (uint256 id, bool found) = _find(claimSeed, _isDisputable);
        if (!found) return;
        Ghost storage g = _ghost[id];
        uint256 disputableUntil = uint256(g.dueDate) + _defaultGrace;
        bool late = block.timestamp > disputableUntil;
        Claim memory before = _claimOf(id);
        vm.prank(byHolder ? g.holder : g.debtor);
        try claims.dispute(id, keccak256(abi.encode("evidence", id, block.timestamp))) {
            if (late) _violation("a dispute past the default grace was accepted", id);
        } catch (bytes memory err) {
            bytes memory tooLate = abi.encodeWithSelector(
                IReceivableClaim.ClaimDisputeTooLate.selector,
                id,
                disputableUntil,
                block.timestamp
            );
            if (!late || keccak256(err) != keccak256(tooLate)) return _unexpectedRevert("dispute", err);
            // Refused: the claim is not touched, so its state and nonce must not have moved.
            if (keccak256(abi.encode(_claimOf(id))) != keccak256(abi.encode(before))) {
                _violation("a refused dispute changed the claim", id);
            }
            return _done("disputeRefusedLate");
        }
        _touch(id);
        g.stateBeforeDispute = g.state;
        g.state = ClaimState.Disputed;
        // A new dispute keys its held payments afresh.
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) _heldBy[id][_actors[a]] = 0;
        _done("dispute");
    }

    /// @notice The arbiter resolves a dispute: Upheld, Diluted (to a valid lower face value) or Voided.
    function resolve(uint256 claimSeed, uint256 outcomeSeed, uint256 faceSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isDisputed);
        if (!found) return;
        Ghost storage g = _ghost[id];
        DisputeOutcome outcome = DisputeOutcome(outcomeSeed % 3);
        uint256 paidAndHeld = uint256(g.paid) + g.held;
        uint256 lowest = paidAndHeld == 0 ? 1 : paidAndHeld;
        uint128 newFace = g.face;
        if (outcome == DisputeOutcome.Diluted) {
            if (lowest < g.face) newFace = uint128(_bound(faceSeed, lowest, g.face - 1));
            else outcome = DisputeOutcome.Upheld; // nothing to dilute
        }
        if (_resolve(id, outcome, newFace)) {
            _done(
                outcome == DisputeOutcome.Upheld
                    ? "resolveUpheld"
                    : (outcome == DisputeOutcome.Diluted ? "resolveDiluted" : "resolveVoided")
            );
        }
    }

    /// @notice The holder writes off a Defaulted claim.
    function writeOff(uint256 claimSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isDefaulted);
        if (!found) return;
        vm.prank(_ghost[id].holder);
        try claims.writeOff(id) {} catch (bytes memory err) {
            return _unexpectedRevert("writeOff", err);
        }
        _touch(id);
        _ghost[id].state = ClaimState.WrittenOff;
        _done("writeOff");
    }

    /// @notice An actor with a credit withdraws all of it, to itself or to another actor.
    function withdraw(uint256 actorSeed, uint256 toSeed) external {
        (address account, bool found) = _findActor(actorSeed, _isOwed);
        if (!found) return;
        uint256 expected = ghostOwed[account];
        if (!_withdrawOwed(account, _actorAt(toSeed), expected, "withdraw")) return;
        ghostOwed[account] = 0;
        ghostOwedTotal -= expected;
        _done("withdraw");
    }

    /// @notice A payer takes back what it paid during the dispute of a Voided claim.
    function reclaimHeldPayment(uint256 claimSeed, uint256 payerSeed, uint256 toSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _hasReclaimable);
        if (!found) return;
        address payer;
        for (uint256 k = 0; k < ACTOR_COUNT; ++k) {
            address candidate = _actorAt(payerSeed + k);
            if (_heldBy[id][candidate] != 0) {
                payer = candidate;
                break;
            }
        }
        _reclaim(id, payer, _actorAt(toSeed));
        _done("reclaimHeldPayment");
    }

    /// @notice A debtor invalidates its outstanding acceptance signatures.
    function incrementAcceptanceCounter(uint256 debtorSeed) external {
        address debtor = _actors[2 + (debtorSeed % 2)];
        vm.prank(debtor);
        try claims.incrementAcceptanceCounter() returns (uint256 counter) {
            if (counter != ++ghostAcceptanceCounter[debtor]) _violation("acceptance counter did not grow by one", 0);
        } catch (bytes memory err) {
            return _unexpectedRevert("incrementAcceptanceCounter", err);
        }
        _done("incrementAcceptanceCounter");
    }

    /// @notice Everyone exits: the arbiter closes every open dispute (Upheld for even ids, Voided for odd ones),
    /// each actor withdraws its whole credit, each payer reclaims what it paid during the dispute of a Voided
    /// claim. Not a fuzz target: the end-of-run check (I7) calls it.
    function exitAll() external {
        for (uint256 id = 1; id <= claimCount; ++id) {
            if (_ghost[id].state == ClaimState.Disputed) {
                _resolve(id, id % 2 == 0 ? DisputeOutcome.Upheld : DisputeOutcome.Voided, _ghost[id].face);
            }
        }
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) {
            address account = _actors[a];
            uint256 expected = ghostOwed[account];
            if (expected == 0) continue;
            if (!_withdrawOwed(account, account, expected, "exit: withdraw")) continue;
            ghostOwed[account] = 0;
            ghostOwedTotal -= expected;
        }
        for (uint256 id = 1; id <= claimCount; ++id) {
            if (_ghost[id].state != ClaimState.Voided) continue;
            for (uint256 a = 0; a < ACTOR_COUNT; ++a) {
                if (_heldBy[id][_actors[a]] != 0) _reclaim(id, _actors[a], _actors[a]);
            }
        }
        for (uint256 id = 1; id <= claimCount; ++id) _checkCustodyAndHeld(id);
        sweepEvery = 1;
        _checkAll();
    }

    /// @notice Sets {sweepEvery} (not a fuzz target).
    function setSweepEvery(uint256 every) external {
        sweepEvery = every == 0 ? 1 : every;
    }

    // ================================================================ views for the invariant test

    function actors() external view returns (address[ACTOR_COUNT] memory all) {
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) all[a] = _actors[a];
    }

    function ghost(uint256 claimId) external view returns (Ghost memory) {
        return _ghost[claimId];
    }

    function heldBy(uint256 claimId, address payer) external view returns (uint256) {
        return _heldBy[claimId][payer];
    }

    /// @notice The lifecycle: may a claim be seen in state `to` right after state `from`? (Same state: yes.)
    /// poke may take Accepted or Financed straight to Defaulted.
    function isAllowedTransition(ClaimState from, ClaimState to) public pure returns (bool) {
        if (from == to) return true;
        if (from == ClaimState.Issued) {
            return
                to == ClaimState.Accepted ||
                to == ClaimState.Rejected ||
                to == ClaimState.Expired ||
                to == ClaimState.Cancelled;
        }
        if (from == ClaimState.Accepted || from == ClaimState.Financed) {
            return
                (from == ClaimState.Accepted && to == ClaimState.Financed) ||
                to == ClaimState.Overdue ||
                to == ClaimState.Defaulted ||
                to == ClaimState.Disputed ||
                to == ClaimState.Settled;
        }
        if (from == ClaimState.Overdue) {
            return to == ClaimState.Defaulted || to == ClaimState.Disputed || to == ClaimState.Settled;
        }
        if (from == ClaimState.Disputed) {
            return
                to == ClaimState.Accepted ||
                to == ClaimState.Financed ||
                to == ClaimState.Overdue ||
                to == ClaimState.Settled ||
                to == ClaimState.Voided;
        }
        if (from == ClaimState.Defaulted) return to == ClaimState.WrittenOff || to == ClaimState.Settled;
        if (from == ClaimState.WrittenOff) return to == ClaimState.Settled;
        return false; // None is never seen; Settled, Rejected, Expired, Cancelled and Voided are terminal
    }

    // ================================================================ model updates

    function _endUnaccepted(uint256 id, ClaimState to) private {
        _touch(id);
        _ghost[id].state = to;
        if (claims.claimByCommitment(_commitmentOf[id]) != 0) {
            _violation("commitment not released", id);
        }
    }

    /// @dev Records a payment of `amount` by `payer`; `credited` is what the holder's `owed` grew by.
    function _applyPayment(uint256 id, address payer, uint256 amount, uint256 credited) private {
        _touch(id);
        Ghost storage g = _ghost[id];
        if (g.state == ClaimState.Disputed) {
            if (credited != 0) _violation("a payment during a dispute was credited", id);
            g.held += uint128(amount);
            _heldBy[id][payer] += amount;
            ghostHeldTotal += amount;
        } else {
            if (credited != amount) _violation("a payment was not credited in full to the holder", id);
            g.paid += uint128(amount);
            g.credits += credited;
            ghostOwed[g.holder] += amount;
            ghostOwedTotal += amount;
            if (g.paid == g.face) g.state = ClaimState.Settled;
        }
    }

    /// @dev The arbiter resolves dispute `id`; updates the model. False if the call reverted.
    function _resolve(uint256 id, DisputeOutcome outcome, uint128 newFace) private returns (bool) {
        Ghost storage g = _ghost[id];
        uint256 owedBefore = claims.owed(g.holder, address(usdc));
        vm.prank(arbiter);
        try claims.resolve(id, outcome, newFace) {} catch (bytes memory err) {
            _unexpectedRevert("resolve", err);
            return false;
        }
        _touch(id);
        if (outcome == DisputeOutcome.Voided) {
            g.state = ClaimState.Voided; // held payments stay, reclaimable by their payers
            return true;
        }
        uint128 held = g.held;
        uint256 credited = claims.owed(g.holder, address(usdc)) - owedBefore;
        if (credited != held) _violation("resolve credited another amount than held", id);
        g.face = newFace;
        g.paid += held;
        g.held = 0;
        g.credits += credited;
        ghostOwed[g.holder] += held;
        ghostOwedTotal += held;
        ghostHeldTotal -= held;
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) _heldBy[id][_actors[a]] = 0; // released to the holder
        g.state = g.paid == g.face ? ClaimState.Settled : g.stateBeforeDispute;
        return true;
    }

    function _reclaim(uint256 id, address payer, address to) private {
        uint256 expected = _heldBy[id][payer];
        uint256 toBefore = usdc.balanceOf(to);
        vm.prank(payer);
        try claims.reclaimHeldPayment(id, to) returns (uint256 amount) {
            if (amount != expected) _violation("reclaim returned another amount than held", id);
        } catch (bytes memory err) {
            return _unexpectedRevert("reclaimHeldPayment", err);
        }
        if (usdc.balanceOf(to) - toBefore != expected) _violation("reclaim paid another amount than held", id);
        _heldBy[id][payer] = 0;
        _ghost[id].held -= uint128(expected);
        ghostHeldTotal -= expected;
    }

    // ================================================================ checks after every action

    /// @dev After every successful action, the claims and accounts are compared with the model.
    function _afterAction() internal override {
        _checkAll();
    }

    /// @dev Compares the claims the action changed with the model, including custody and held payments; every
    /// `sweepEvery` epochs also every other claim's record (which must not have moved). Then the next epoch.
    function _checkAll() private {
        for (uint256 k = 0; k < _touchedList.length; ++k) {
            _checkClaim(_touchedList[k]);
            _checkCustodyAndHeld(_touchedList[k]);
        }
        if (_epoch % sweepEvery == 0) {
            for (uint256 id = 1; id <= claimCount; ++id) {
                if (_touched[id] != _epoch) _checkClaim(id);
            }
        }
        delete _touchedList;
        if (claims.claimCount() != claimCount) _violation("claim count differs", 0);
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) {
            address account = _actors[a];
            if (claims.owed(account, address(usdc)) != ghostOwed[account]) _violation("owed differs from ghost", 0);
            if (a == 2 || a == 3) {
                if (claims.acceptanceCounter(account) != ghostAcceptanceCounter[account]) {
                    _violation("I6: acceptance counter differs", 0);
                }
            }
        }
        ++_epoch;
    }

    function _checkClaim(uint256 id) private {
        Claim memory c = _claimOf(id);
        Ghost storage g = _ghost[id];
        // I3: only lifecycle moves, and exactly the one the model expects.
        if (!isAllowedTransition(g.lastSeen, c.state)) _violation("I3: transition outside the lifecycle", id);
        if (c.state != g.state) _violation("state differs from the model", id);
        if (c.state == ClaimState.Disputed || g.state == ClaimState.Disputed) {
            if (c.stateBeforeDispute != g.stateBeforeDispute) _violation("stateBeforeDispute differs", id);
        }
        g.lastSeen = c.state;
        // I6: nonces only grow; they move on every change of the claim and on nothing else.
        if (c.nonce < g.nonce) _violation("I6: nonce went down", id);
        if (_touched[id] == _epoch) {
            if (c.nonce <= g.nonce) _violation("I6: nonce did not move on a change", id);
        } else if (c.nonce != g.nonce) {
            _violation("I6: nonce moved without a change", id);
        }
        g.nonce = c.nonce;
        // Money of the claim.
        if (c.issuedByDebtor != g.byDebtor) _violation("issuedByDebtor differs", id);
        if (c.faceValue != g.face) _violation("face value differs", id);
        if (c.amountPaid != g.paid) _violation("amountPaid differs", id);
        if (c.heldAmount != g.held) _violation("heldAmount differs", id);
        if (c.amountPaid > c.faceValue) _violation("amountPaid above face value", id);
        if (uint256(c.amountPaid) + c.heldAmount > c.faceValue) _violation("paid and held above face value", id);
        if (g.credits != c.amountPaid) _violation("I4: holders were credited another amount than paid", id);
        if (c.state == ClaimState.Settled) {
            if (c.amountPaid != c.faceValue) _violation("I3: Settled but not fully paid", id);
            if (g.credits != c.faceValue) _violation("I4: a settled claim credited its holders other than face", id);
        }
    }

    function _checkCustodyAndHeld(uint256 id) private {
        // I5: custody.
        if (claims.ownerOf(id) != _ghost[id].holder) _violation("I5: owner differs from ghost custody", id);
        // Held payments per payer (current dispute only; zero once released).
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) {
            address payer = _actors[a];
            if (claims.heldPaymentOf(id, payer) != _heldBy[id][payer]) _violation("heldPaymentOf differs", id);
        }
    }

    // ================================================================ selection

    function _holdsTokens(address account) private view returns (bool) {
        return usdc.balanceOf(account) != 0;
    }

    function _isOwed(address account) private view returns (bool) {
        return ghostOwed[account] != 0;
    }

    /// @dev One time in four the whole remainder (if affordable), otherwise a bounded part of it.
    function _amountFor(uint256 id, address payer, uint256 seed) private view returns (uint256) {
        uint256 remaining = _remaining(id);
        uint256 balance = usdc.balanceOf(payer);
        return _partOrAll(seed, remaining < balance ? remaining : balance, 4);
    }

    function _remaining(uint256 id) private view returns (uint256) {
        Ghost storage g = _ghost[id];
        return uint256(g.face) - g.paid - g.held;
    }

    function _isIssued(uint256 id) private view returns (bool) {
        return _ghost[id].state == ClaimState.Issued;
    }

    function _isAcceptable(uint256 id) private view returns (bool) {
        return _ghost[id].state == ClaimState.Issued && block.timestamp <= _ghost[id].acceptanceDeadline;
    }

    function _isPayable(uint256 id) private view returns (bool) {
        ClaimState s = _ghost[id].state;
        bool payableState =
            s == ClaimState.Accepted ||
                s == ClaimState.Financed ||
                s == ClaimState.Overdue ||
                s == ClaimState.Defaulted ||
                s == ClaimState.WrittenOff ||
                s == ClaimState.Disputed;
        return payableState && _remaining(id) != 0;
    }

    function _isTransferable(uint256 id) private view returns (bool) {
        ClaimState s = _ghost[id].state;
        return
            s == ClaimState.Accepted ||
            s == ClaimState.Financed ||
            s == ClaimState.Overdue ||
            s == ClaimState.Defaulted ||
            s == ClaimState.WrittenOff;
    }

    function _isPokeable(uint256 id) private view returns (bool) {
        Ghost storage g = _ghost[id];
        if (g.state == ClaimState.Accepted || g.state == ClaimState.Financed) return block.timestamp > g.dueDate;
        if (g.state == ClaimState.Overdue) return block.timestamp > uint256(g.dueDate) + _defaultGrace;
        return false;
    }

    function _isDisputable(uint256 id) private view returns (bool) {
        ClaimState s = _ghost[id].state;
        return s == ClaimState.Accepted || s == ClaimState.Financed || s == ClaimState.Overdue;
    }

    function _isDisputed(uint256 id) private view returns (bool) {
        return _ghost[id].state == ClaimState.Disputed;
    }

    function _isDefaulted(uint256 id) private view returns (bool) {
        return _ghost[id].state == ClaimState.Defaulted;
    }

    function _hasReclaimable(uint256 id) private view returns (bool) {
        return _ghost[id].state == ClaimState.Voided && _ghost[id].held != 0;
    }

    // ================================================================ helpers

    function _first(uint256[] memory list, uint256 n) private pure returns (uint256[] memory out) {
        out = new uint256[](n);
        for (uint256 k = 0; k < n; ++k) out[k] = list[k];
    }

    function _touch(uint256 id) private {
        if (_touched[id] == _epoch) return;
        _touched[id] = _epoch;
        _touchedList.push(id);
    }

    function _keyOf(address debtor) private view returns (uint256) {
        return debtor == _actors[2] ? _debtorKeys[0] : _debtorKeys[1];
    }

    function _termsOf(uint256 id) private view returns (ClaimTerms memory) {
        Claim memory c = _claimOf(id);
        return
            ClaimTerms({
                originator: c.originator,
                debtor: c.debtor,
                currency: c.currency,
                faceValue: c.faceValue,
                dueDate: c.dueDate,
                invoiceCommitment: _commitmentOf[id],
                documentHash: _documentHashOf[id]
            });
    }

    function _signAcceptance(uint256 key, ClaimTerms memory terms, uint256 deadline) private returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _lens.acceptanceDigest(terms, "", deadline));
        return abi.encodePacked(r, s, v);
    }
}
