// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";

import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {ClaimState} from "../types/Claim.sol";
import {StoredClaim} from "../types/ClaimRecord.sol";

/// @title ClaimRules
/// @notice The lifecycle's state sets and the record-level steps the claim contract and its linked library
/// {ClaimUpkeep} share: finding a claim in a state, moving it to another, and paying money out.
/// @dev Internal functions: compiled into each contract or library that uses them, so they run in the claim
/// contract's context either way (its storage, its events, its {IReceivableClaim} errors). Each state set is a set of
/// bits indexed by {ClaimState}; the SDK's lifecycle table states the same sets and a test pins them against these.
library ClaimRules {
    using SafeERC20 for IERC20;

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

    /// @notice Where money leaves the claim contract: not to nobody, and not to the contract itself (it would sit there
    /// owned by nobody). Reverts with {IReceivableClaim-ClaimZeroAddress} or {IReceivableClaim-ClaimInvalidRecipient}.
    /// @param to The recipient.
    function checkRecipient(address to) internal view {
        if (to == address(0)) revert IReceivableClaim.ClaimZeroAddress();
        if (to == address(this)) revert IReceivableClaim.ClaimInvalidRecipient(to);
    }

    /// @notice Sends `amount` of `currency` the claim contract owed to `to`, and owes that much less.
    /// @param liabilities The claim contract's liabilities per currency.
    /// @param currency The ERC-20.
    /// @param to The recipient (checked by the caller).
    /// @param amount A credit or held payment being paid out.
    function payOut(
        mapping(address currency => uint256 amount) storage liabilities,
        address currency,
        address to,
        uint256 amount
    ) internal {
        // Cannot underflow: the liabilities are the sum of every credit and held payment, `amount` one of them.
        unchecked {
            liabilities[currency] -= amount;
        }
        IERC20(currency).safeTransfer(to, amount);
    }
}
