// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {ClaimState} from "../types/Claim.sol";
import {StoredClaim} from "../types/ClaimRecord.sol";
import {ClaimRules} from "./ClaimRules.sol";
import {PullLedger} from "./PullLedger.sol";

/// @title ClaimUpkeep
/// @notice The claim contract's upkeep steps, deployed once and linked: the moves time makes anyone's to declare (an
/// Issued claim expires, a due one falls Overdue, then Defaulted), a payer taking back what it paid on a claim the
/// arbiter voided, and a debtor paying several claims in full at once. They are rare next to single payments and
/// trades, so they run out of the claim contract's own code (a delegate call, about 3,000 gas a step) to keep that
/// code small.
/// @dev External functions, called by DELEGATECALL: they run in the claim contract's context, so their events are
/// the claim contract's and their reverts are its {IReceivableClaim} errors; they write only the storage they are
/// handed. The claim contract's functions of the same names document each step ({IReceivableClaim}).
library ClaimUpkeep {
    using SafeERC20 for IERC20;

    /// @notice {IReceivableClaim-expire}: an Issued claim past its acceptance deadline becomes Expired.
    /// @param claims The claim contract's records.
    /// @param claimId The claim.
    function expire(mapping(uint256 claimId => StoredClaim claim) storage claims, uint256 claimId) external {
        StoredClaim storage c = ClaimRules.claimIn(claims, claimId, ClaimState.Issued);
        if (block.timestamp <= c.acceptanceDeadline) {
            revert IReceivableClaim.ClaimAcceptanceWindowOpen(claimId, c.acceptanceDeadline, block.timestamp);
        }
        ClaimRules.moveState(c, claimId, ClaimState.Issued, ClaimState.Expired);
    }

    /// @notice {IReceivableClaim-poke}: a due claim past its due date becomes Overdue, and an Overdue one past the
    /// default grace of its rules Defaulted (both in one call when both have passed).
    /// @param claims The claim contract's records.
    /// @param registryAddress The participant registry (an address: a library's ABI names no contract types).
    /// @param claimId The claim.
    /// @return state The claim's state after the call.
    function poke(
        mapping(uint256 claimId => StoredClaim claim) storage claims,
        address registryAddress,
        uint256 claimId
    ) external returns (ClaimState state) {
        StoredClaim storage c;
        (c, state) = ClaimRules.existingWithState(claims, claimId);
        bool movedToOverdue = false;
        if (ClaimRules.isIn(state, ClaimRules.DUE)) {
            if (block.timestamp <= c.dueDate) {
                revert IReceivableClaim.ClaimNotYetOverdue(claimId, c.dueDate, block.timestamp);
            }
            state = ClaimRules.moveState(c, claimId, state, ClaimState.Overdue);
            movedToOverdue = true;
        } else if (state != ClaimState.Overdue) {
            revert IReceivableClaim.ClaimWrongState(claimId, state);
        }
        uint256 grace = IParticipantRegistry(registryAddress).rulesAt(c.rulesVersion).defaultGrace;
        uint256 defaultableAfter = uint256(c.dueDate) + grace;
        if (block.timestamp > defaultableAfter) {
            state = ClaimRules.moveState(c, claimId, state, ClaimState.Defaulted);
        } else if (!movedToOverdue) {
            revert IReceivableClaim.ClaimNotYetDefaultable(claimId, defaultableAfter, block.timestamp);
        }
    }

    /// @notice {IReceivableClaim-reclaimHeldPayment}: the caller takes back, to `to`, what it paid on a claim while it
    /// was Disputed, once the arbiter voided it.
    /// @param claims The claim contract's records.
    /// @param currencies The claim contract's currency table.
    /// @param money The claim contract's money.
    /// @param claimId The Voided claim.
    /// @param to The recipient.
    /// @return amount What was sent.
    function reclaimHeldPayment(
        mapping(uint256 claimId => StoredClaim claim) storage claims,
        mapping(uint256 id => address currency) storage currencies,
        ClaimRules.Money storage money,
        uint256 claimId,
        address to
    ) external returns (uint256 amount) {
        ClaimRules.checkRecipient(to);
        StoredClaim storage c = ClaimRules.claimIn(claims, claimId, ClaimState.Voided);
        mapping(address payer => uint256 amount) storage paid = money.held[claimId][c.disputeCount];
        amount = paid[msg.sender];
        if (amount == 0) revert IReceivableClaim.ClaimNothingHeld(claimId, msg.sender);
        paid[msg.sender] = 0;
        c.heldAmount -= uint128(amount);
        address currency = currencies[c.currencyId];
        PullLedger.removeLiability(money.ledger, currency, amount);
        IERC20(currency).safeTransfer(to, amount);
        emit IReceivableClaim.HeldPaymentReclaimed(claimId, msg.sender, to, amount);
    }

    /// @notice {IReceivableClaim-payInFull}: the caller pays every listed claim whatever it still owes, in one pull.
    /// @param claims The claim contract's records.
    /// @param currencies The claim contract's currency table.
    /// @param money The claim contract's money.
    /// @param claimIds The claims, all in one currency.
    /// @param maxTotal The most the caller agrees to pay.
    /// @return total What was paid.
    function payInFull(
        mapping(uint256 claimId => StoredClaim claim) storage claims,
        mapping(uint256 id => address currency) storage currencies,
        ClaimRules.Money storage money,
        uint256[] calldata claimIds,
        uint256 maxTotal
    ) external returns (uint256 total) {
        if (claimIds.length == 0) revert IReceivableClaim.ClaimEmptyBatch();
        address batchCurrency;
        for (uint256 i = 0; i < claimIds.length; ++i) {
            uint256 claimId = claimIds[i];
            StoredClaim storage c = claims[claimId];
            ClaimState state = c.state;
            uint16 currencyId = c.currencyId; // the same slot as the state: read with it
            // A Settled claim owes nothing and records nothing; it still has to be in the batch's currency.
            bool settled = state == ClaimState.Settled;
            if (!settled) ClaimRules.requirePayable(claimId, state);
            address currency = currencies[currencyId];
            if (i == 0) batchCurrency = currency;
            else if (currency != batchCurrency) {
                revert IReceivableClaim.ClaimBatchCurrencyMismatch(claimId, currency, batchCurrency);
            }
            uint256 remaining = settled ? 0 : ClaimRules.remainingOf(c, state);
            // Disputed with the whole rest held: nothing to record either.
            if (remaining == 0) continue;
            // The holder of record, read through the token (this runs in the claim contract's context).
            address payee = state == ClaimState.Disputed ? address(0) : IERC721(address(this)).ownerOf(claimId);
            ClaimRules.recordPayment(money, c, claimId, state, currency, payee, remaining);
            total += remaining;
        }
        if (total > maxTotal) revert IReceivableClaim.ClaimPaymentAboveMaximum(total, maxTotal);
        // One pull for the whole batch; nothing at all when every claim was already paid.
        if (total != 0) ClaimRules.pullExact(batchCurrency, msg.sender, total);
    }
}
