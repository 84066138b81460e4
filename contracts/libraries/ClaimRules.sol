// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";

import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {ClaimState} from "../types/Claim.sol";
import {StoredClaim} from "../types/ClaimRecord.sol";
import {PullLedger} from "./PullLedger.sol";

/// @title ClaimRules
/// @notice The lifecycle's state sets and the record-level steps the claim contract and its linked library
/// {ClaimUpkeep} share: finding a claim in a state, moving it to another, recording a payment, and checking where
/// money goes.
/// @dev Internal functions: compiled into each contract or library that uses them, so they run in the claim
/// contract's context either way (its storage, its events, its {IReceivableClaim} errors). Each state set is a set of
/// bits indexed by {ClaimState}; the SDK's lifecycle table states the same sets and a test pins them against these.
library ClaimRules {
    /// @notice The claim contract's money: its pull ledger (what each holder may withdraw, and everything the contract
    /// owes, per currency) and the payments held while a claim is Disputed, per claim, dispute and payer (also
    /// liabilities, credited to nobody until the dispute ends).
    struct Money {
        PullLedger.Book ledger;
        mapping(uint256 claimId => mapping(uint16 dispute => mapping(address payer => uint256 amount))) held;
    }

    /// @notice The states a claim may move between holders in.
    uint256 internal constant TRANSFERABLE =
        (1 << uint256(ClaimState.Accepted)) |
            (1 << uint256(ClaimState.Financed)) |
            (1 << uint256(ClaimState.Overdue)) |
            (1 << uint256(ClaimState.Defaulted)) |
            (1 << uint256(ClaimState.WrittenOff));
    /// @notice The states a claim falls Overdue from when its due date passes unpaid.
    uint256 internal constant DUE = (1 << uint256(ClaimState.Accepted)) | (1 << uint256(ClaimState.Financed));
    /// @notice The states a claim may be disputed in.
    uint256 internal constant DISPUTABLE = DUE | (1 << uint256(ClaimState.Overdue));
    /// @notice The states in which payments made during the last dispute are held: Disputed, and Voided (reclaimable).
    uint256 internal constant HOLDING = (1 << uint256(ClaimState.Disputed)) | (1 << uint256(ClaimState.Voided));
    /// @notice The states a claim may be paid in: the transferable ones, and Disputed (payments are held).
    uint256 internal constant PAYABLE = TRANSFERABLE | (1 << uint256(ClaimState.Disputed));
    /// @notice The states of a claim that ended unaccepted: its invoice commitment is free for a corrected claim.
    uint256 internal constant ENDED_UNACCEPTED =
        (1 << uint256(ClaimState.Rejected)) | (1 << uint256(ClaimState.Expired)) | (1 << uint256(ClaimState.Cancelled));

    /// @notice Whether `state` is in `states`, a set of bits indexed by {ClaimState}.
    /// @param state The state.
    /// @param states The set.
    /// @return Whether it is in.
    function isIn(ClaimState state, uint256 states) internal pure returns (bool) {
        return (states >> uint256(state)) & 1 == 1;
    }

    /// @notice Claim `claimId`'s record and its state, read once; reverts with {IReceivableClaim-ClaimNotFound}.
    /// @param claims The claim contract's records.
    /// @param claimId The claim.
    /// @return c The record.
    /// @return state Its state.
    function existingWithState(
        mapping(uint256 claimId => StoredClaim claim) storage claims,
        uint256 claimId
    ) internal view returns (StoredClaim storage c, ClaimState state) {
        c = claims[claimId];
        state = c.state;
        if (state == ClaimState.None) revert IReceivableClaim.ClaimNotFound(claimId);
    }

    /// @notice Claim `claimId`'s record, which must be in state `expected` ({IReceivableClaim-ClaimNotFound},
    /// {IReceivableClaim-ClaimWrongState} otherwise). Reads the state once (each field read is a storage read).
    /// @param claims The claim contract's records.
    /// @param claimId The claim.
    /// @param expected The state it must be in.
    /// @return c The record.
    function claimIn(
        mapping(uint256 claimId => StoredClaim claim) storage claims,
        uint256 claimId,
        ClaimState expected
    ) internal view returns (StoredClaim storage c) {
        c = claims[claimId];
        ClaimState state = c.state;
        // One comparison on the way through (`expected` is never None); an unknown id is told apart only on failure.
        if (state != expected) {
            if (state == ClaimState.None) revert IReceivableClaim.ClaimNotFound(claimId);
            revert IReceivableClaim.ClaimWrongState(claimId, state);
        }
    }

    /// @notice Moves claim `claimId` from state `from` (its state now, which the caller has read) to `to`, bumping its
    /// nonce, and emits {IReceivableClaim-ClaimStateChanged} and a MetadataUpdate.
    /// @param c The claim's record.
    /// @param claimId The claim.
    /// @param from Its state now.
    /// @param to Its new state.
    /// @return `to`.
    function moveState(
        StoredClaim storage c,
        uint256 claimId,
        ClaimState from,
        ClaimState to
    ) internal returns (ClaimState) {
        // One word write of slot 1 ({StoredClaim}'s declaration order): the state (bits 160 to 167) and the nonce bump
        // (bits 168 to 207). The nonce cannot reach 2^40 (each bump is a transaction), so the add never carries into
        // the locker id.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let stateSlot := add(c.slot, 1)
            let word := add(sload(stateSlot), shl(168, 1))
            sstore(stateSlot, or(and(word, not(shl(160, 0xff))), shl(160, and(to, 0xff))))
        }
        emit IReceivableClaim.ClaimStateChanged(claimId, from, to);
        emit IERC4906.MetadataUpdate(claimId);
        return to;
    }

    /// @notice Reverts unless a claim in `state` may be paid ({PAYABLE}): {IReceivableClaim-ClaimNotFound} for an
    /// unknown claim, {IReceivableClaim-ClaimWrongState} otherwise.
    /// @param claimId The claim.
    /// @param state Its state.
    function requirePayable(uint256 claimId, ClaimState state) internal pure {
        if (!isIn(state, PAYABLE)) {
            if (state == ClaimState.None) revert IReceivableClaim.ClaimNotFound(claimId);
            revert IReceivableClaim.ClaimWrongState(claimId, state);
        }
    }

    /// @notice What a payable claim still owes: its face value less what was paid and, while Disputed, less what is
    /// held (payments are held only while Disputed, and stay held once Voided, where paying is refused, so the held
    /// amount is read only when it counts).
    /// @param c The claim's record.
    /// @param state Its state, in {PAYABLE}.
    /// @return remaining Base units.
    function remainingOf(StoredClaim storage c, ClaimState state) internal view returns (uint256 remaining) {
        // Slot 2 ({StoredClaim}'s declaration order) read once: the face value (bits 0 to 95) less the amount paid
        // (bits 96 to 191). Cannot underflow, here or below: amount paid plus amount held never exceeds the face value
        // (each payment is at most the remainder, a dilution keeps the face value at or above both, a reclaim only
        // lowers the held amount).
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let word := sload(add(c.slot, 2))
            let mask96 := 0xffffffffffffffffffffffff
            remaining := sub(and(word, mask96), and(shr(96, word), mask96))
        }
        unchecked {
            if (state == ClaimState.Disputed) remaining -= c.heldAmount;
        }
    }

    /// @notice Records a payment of `amount` by the caller on a claim, which the caller has checked (payable, and
    /// 0 < `amount` <= {remainingOf}): credited to `payee`, the holder of record, or held while Disputed. The caller
    /// pulls the money ({pullExact}). Emits {IReceivableClaim-PaymentReceived} (and the state change when it settles)
    /// or {IReceivableClaim-PaymentHeld}, and a MetadataUpdate.
    /// @param money The claim contract's money.
    /// @param c The claim's record.
    /// @param claimId The claim.
    /// @param state Its state.
    /// @param currency Its currency.
    /// @param payee Its holder of record (unused while Disputed).
    /// @param amount Base units.
    function recordPayment(
        Money storage money,
        StoredClaim storage c,
        uint256 claimId,
        ClaimState state,
        address currency,
        address payee,
        uint256 amount
    ) internal {
        PullLedger.addLiability(money.ledger, currency, amount);
        if (state == ClaimState.Disputed) {
            ++c.nonce;
            c.heldAmount += uint128(amount);
            money.held[claimId][c.disputeCount][msg.sender] += amount;
            emit IReceivableClaim.PaymentHeld(claimId, msg.sender, amount);
            emit IERC4906.MetadataUpdate(claimId);
            return;
        }
        PullLedger.creditHeld(money.ledger, payee, currency, amount);
        uint256 paid;
        bool settles;
        uint256 settled = uint256(ClaimState.Settled);
        // Word-wise ({StoredClaim}'s declaration order): slot 2 read once for the face value (bits 0 to 95) and the
        // amount paid (bits 96 to 191) and written with the new amount paid; then slot 1 written with the nonce bump
        // (bits 168 to 207), two when the payment settles (the payment's and the state change's), and the state
        // (bits 160 to 167). The compiler's field code reread and masked the slots once per field. The amount paid
        // cannot pass the face value (a uint96; the caller checked the remainder), and the nonce cannot reach 2^40
        // (each bump is a transaction), so neither add carries into the next field.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let moneySlot := add(c.slot, 2)
            let moneyWord := sload(moneySlot)
            let mask96 := 0xffffffffffffffffffffffff
            paid := add(and(shr(96, moneyWord), mask96), amount)
            settles := eq(paid, and(moneyWord, mask96))
            sstore(moneySlot, add(moneyWord, shl(96, amount)))
            let stateSlot := add(c.slot, 1)
            let word := add(sload(stateSlot), shl(168, add(1, settles)))
            if settles {
                word := or(and(word, not(shl(160, 0xff))), shl(160, settled))
            }
            sstore(stateSlot, word)
        }
        emit IReceivableClaim.PaymentReceived(claimId, msg.sender, payee, amount, paid);
        if (settles) emit IReceivableClaim.ClaimStateChanged(claimId, state, ClaimState.Settled);
        // One MetadataUpdate per payment, settling included.
        emit IERC4906.MetadataUpdate(claimId);
    }

    /// @notice Pulls exactly `amount` of `currency` from `from`, refusing tokens that deliver less or more
    /// (fee-on-transfer): {IReceivableClaim-ClaimTransferAmountMismatch}.
    /// @param currency The ERC-20.
    /// @param from The payer.
    /// @param amount Base units.
    function pullExact(address currency, address from, uint256 amount) internal {
        uint256 received = PullLedger.pullMeasured(currency, from, amount);
        if (received != amount) revert IReceivableClaim.ClaimTransferAmountMismatch(currency, amount, received);
    }

    /// @notice Where money leaves the claim contract: not to nobody, and not to the contract itself (it would sit there
    /// owned by nobody). Reverts with {IReceivableClaim-ClaimZeroAddress} or {IReceivableClaim-ClaimInvalidRecipient}.
    /// @param to The recipient.
    function checkRecipient(address to) internal view {
        if (to == address(0)) revert IReceivableClaim.ClaimZeroAddress();
        if (to == address(this)) revert IReceivableClaim.ClaimInvalidRecipient(to);
    }
}
