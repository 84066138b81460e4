// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {ClaimState, ClaimTerms} from "../types/Claim.sol";
import {MarketRules, Role} from "../types/Roles.sol";

/// @title ClaimIssuance
/// @notice The claim contract's issuance rules, deployed once and linked: every check a new claim's terms must pass,
/// and the events that announce it. Issuing is rare next to paying and trading, so these run out of the claim
/// contract's own code (a delegate call, about 3,000 gas an issue) to keep that code small.
/// @dev External functions, called by DELEGATECALL: they run in the claim contract's context, so their events are
/// the claim contract's and their reverts are its {IReceivableClaim} errors. They read no storage of the caller.
library ClaimIssuance {
    /// @notice Every rule a new claim must meet (the registry's pause, verification, allowlist and market rules; the
    /// claim record's bounds); returns the rules version it is issued under and its acceptance window.
    /// @param terms The proposed terms.
    /// @param registryAddress The participant registry (an address: a library's ABI names no contract types).
    /// @param commitmentInUse The live claim already issued for the terms' invoice commitment, or 0 when the
    /// commitment is free (unused, or its claim ended unaccepted).
    /// @return rulesVersion The current market rules version (it fits 24 bits, or this reverts).
    /// @return acceptanceWindow Those rules' acceptance window, in seconds.
    function checkNewTerms(
        ClaimTerms calldata terms,
        address registryAddress,
        uint256 commitmentInUse
    ) external view returns (uint24 rulesVersion, uint32 acceptanceWindow) {
        IParticipantRegistry registry = IParticipantRegistry(registryAddress);
        if (registry.paused()) revert IReceivableClaim.ClaimMarketPaused();
        _requireVerified(registry, terms.originator, Role.Originator);
        _requireVerified(registry, terms.debtor, Role.Debtor);
        if (terms.originator == terms.debtor) revert IReceivableClaim.ClaimOriginatorIsDebtor(terms.debtor);
        if (!registry.isCurrencyAllowed(terms.currency))
            revert IReceivableClaim.ClaimCurrencyNotAllowed(terms.currency);
        if (terms.faceValue == 0) revert IReceivableClaim.ClaimZeroFaceValue();
        if (terms.faceValue > type(uint96).max) {
            revert IReceivableClaim.ClaimFaceValueTooLarge(terms.faceValue, type(uint96).max);
        }
        if (terms.invoiceCommitment == bytes32(0)) revert IReceivableClaim.ClaimZeroCommitment();
        if (terms.dueDate <= block.timestamp) {
            revert IReceivableClaim.ClaimDueDateNotInFuture(terms.dueDate, block.timestamp);
        }

        uint32 currentVersion = registry.currentRulesVersion();
        rulesVersion = SafeCast.toUint24(currentVersion);
        MarketRules memory rules = registry.rulesAt(currentVersion);
        uint256 tenor = terms.dueDate - block.timestamp;
        if (tenor < rules.minTenor || tenor > rules.maxTenor) {
            revert IReceivableClaim.ClaimTenorOutOfRange(tenor, rules.minTenor, rules.maxTenor);
        }
        if (commitmentInUse != 0)
            revert IReceivableClaim.ClaimCommitmentInUse(terms.invoiceCommitment, commitmentInUse);
        acceptanceWindow = rules.acceptanceWindow;
    }

    /// @notice Announces a new claim: {IReceivableClaim-ClaimIssued} with its terms, then its first
    /// {IReceivableClaim-ClaimStateChanged}.
    /// @param claimId The new claim.
    /// @param terms Its terms.
    /// @param rulesVersion The market rules version it was issued under.
    /// @param initialState Issued, or Accepted for a claim issued with the debtor's signature.
    function emitIssued(
        uint256 claimId,
        ClaimTerms calldata terms,
        uint24 rulesVersion,
        ClaimState initialState
    ) external {
        emit IReceivableClaim.ClaimIssued(
            claimId,
            terms.originator,
            terms.debtor,
            terms.currency,
            terms.faceValue,
            terms.dueDate,
            terms.invoiceCommitment,
            terms.documentHash,
            rulesVersion
        );
        emit IReceivableClaim.ClaimStateChanged(claimId, ClaimState.None, initialState);
    }

    function _requireVerified(IParticipantRegistry registry, address account, Role role) private view {
        if (!registry.isVerified(account, role)) revert IReceivableClaim.ClaimParticipantNotVerified(account, role);
    }
}
