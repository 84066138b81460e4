// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {Claim, ClaimCore, ClaimState} from "../types/Claim.sol";

/// @title ClaimViews
/// @notice The whole of a claim as the periphery reads it: the claim contract keeps only the views its own rules and
/// the market's and the escrow's steps need (the core, the sale view, the two extras), and these compose the rest.
/// Used by the lenses ({ClaimLens}, {MarketLens}) and the tests, so that the claim's public shape has one home.
library ClaimViews {
    /// @notice The claim: its core and its two extras, as the public {Claim} struct.
    /// @param claims The claim contract.
    /// @param claimId The claim; reverts with {IReceivableClaim-ClaimNotFound} if none.
    /// @return c The claim.
    function claimOf(IReceivableClaim claims, uint256 claimId) internal view returns (Claim memory c) {
        ClaimCore memory core = claims.claimCore(claimId);
        (uint128 heldAmount, bool issuedByDebtor) = claims.claimExtras(claimId);
        c.originator = core.originator;
        c.issuedAt = core.issuedAt;
        c.rulesVersion = core.rulesVersion;
        c.debtor = core.debtor;
        c.dueDate = core.dueDate;
        c.state = core.state;
        c.stateBeforeDispute = core.stateBeforeDispute;
        c.disputeCount = core.disputeCount;
        c.currency = core.currency;
        c.acceptanceDeadline = core.acceptanceDeadline;
        c.faceValue = core.faceValue;
        c.amountPaid = core.amountPaid;
        c.heldAmount = heldAmount;
        c.nonce = core.nonce;
        c.issuedByDebtor = issuedByDebtor;
    }

    /// @notice Face value minus amount paid (held payments not deducted); zero once the claim is Voided.
    /// @param claims The claim contract.
    /// @param claimId The claim; reverts with {IReceivableClaim-ClaimNotFound} if none.
    /// @return Base units of the claim's currency.
    function outstandingOf(IReceivableClaim claims, uint256 claimId) internal view returns (uint256) {
        ClaimCore memory core = claims.claimCore(claimId);
        return owed(core.state, core.faceValue, core.amountPaid);
    }

    /// @notice What a claim in `state` with `faceValue` and `amountPaid` still owes: zero once Voided.
    /// @param state The claim's state.
    /// @param faceValue Its face value.
    /// @param amountPaid What has been paid (held payments not deducted).
    /// @return Base units of the claim's currency.
    function owed(ClaimState state, uint256 faceValue, uint256 amountPaid) internal pure returns (uint256) {
        return state == ClaimState.Voided ? 0 : faceValue - amountPaid;
    }
}
