// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {ClaimState, ClaimTerms} from "../types/Claim.sol";
import {CommitmentEntry, StoredClaim} from "../types/ClaimRecord.sol";
import {MarketRules, Role} from "../types/Roles.sol";

/// @title ClaimIssuance
/// @notice The claim contract's issuance, deployed once and linked: every check a new claim's terms must pass, the
/// new record, its metadata URI and its entry in the double-financing index, and the events that announce it.
/// Issuing is rare next to paying and trading, so it runs out of the claim contract's own code (one delegate call,
/// about 3,000 gas an issue) to keep that code small; the claim contract assigns the id and the currency's id, and
/// mints the token.
/// @dev An external function, called by DELEGATECALL: it runs in the claim contract's context, so its events are the
/// claim contract's and its reverts are its {IReceivableClaim} errors; it writes only the storage it is handed.
library ClaimIssuance {
    /// @notice The claim contract's storage that issuing writes.
    struct Records {
        mapping(uint256 claimId => StoredClaim claim) claims;
        mapping(uint256 claimId => string uri) metadataURIs;
        mapping(bytes32 invoiceCommitment => CommitmentEntry entry) claimByCommitment;
    }

    /// @notice What the claim contract decided before issuing: the new id, the currency's id, who issues and how.
    struct NewClaim {
        uint256 claimId; // the next claim id
        uint16 currencyId; // the terms' currency's claim-local id
        ClaimState initialState; // Issued, or Accepted for a claim issued with the debtor's signature
        bool byDebtor; // the debtor issues it (reverse factoring)
        uint256 commitmentInUse; // the live claim already issued for the commitment, or 0 when it is free
    }

    /// @notice Checks `terms` against every issuance rule, then writes claim `n.claimId`'s record, its metadata URI and
    /// its commitment's entry, and emits {IReceivableClaim-ClaimIssued} and its first
    /// {IReceivableClaim-ClaimStateChanged}. The caller mints the token.
    /// @param records The claim contract's records.
    /// @param registryAddress The participant registry (an address: a library's ABI names no contract types).
    /// @param terms The proposed terms.
    /// @param metadataURI The claim's metadata URI (may be empty).
    /// @param n The id, the currency's id, the initial state, the issuer and the commitment's current claim.
    function issue(
        Records storage records,
        address registryAddress,
        ClaimTerms calldata terms,
        string calldata metadataURI,
        NewClaim calldata n
    ) external {
        (uint24 rulesVersion, uint32 acceptanceWindow) = _checkNewTerms(terms, registryAddress, n.commitmentInUse);
        // An Issued claim waits for the other party; one accepted at issue has nothing to wait for.
        uint40 acceptanceDeadline = uint40(block.timestamp);
        if (n.initialState == ClaimState.Issued) acceptanceDeadline += acceptanceWindow;
        // Word by word, the three slots of a new record ({StoredClaim}'s declaration order, lowest bits first): the
        // fields left out (nonce, lockerId, disputeCount, amountPaid, the state before a dispute) start at zero, and
        // the held amount's slot is never written. The due date fits: the rules bounded it by the block time plus a
        // uint32 maximum tenor, and the face value by type(uint96).max.
        {
            uint256 w0 =
                uint256(uint160(terms.originator)) |
                    (uint256(uint40(block.timestamp)) << 160) |
                    (uint256(uint40(terms.dueDate)) << 200);
            uint256 w1 =
                uint256(uint160(terms.debtor)) |
                    (uint256(n.initialState) << 160) |
                    (uint256(n.currencyId) << 216) |
                    (uint256(rulesVersion) << 232);
            uint256 w2 =
                uint256(uint96(terms.faceValue)) |
                    (uint256(acceptanceDeadline) << 192) |
                    (n.byDebtor ? uint256(1) << 232 : 0);
            StoredClaim storage c = records.claims[n.claimId];
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                sstore(c.slot, w0)
                sstore(add(c.slot, 1), w1)
                sstore(add(c.slot, 2), w2)
            }
        }
        if (bytes(metadataURI).length != 0) records.metadataURIs[n.claimId] = metadataURI;
        // A new entry, or an update of one a claim that ended unaccepted left (commitmentInUse told which).
        records.claimByCommitment[terms.invoiceCommitment] = CommitmentEntry({
            claimId: uint64(n.claimId),
            documentHashPrefix: bytes24(terms.documentHash)
        });
        _emitIssued(n.claimId, terms, rulesVersion, n.initialState);
    }

    /// @dev Every rule a new claim must meet (the registry's pause, verification, allowlist and market rules; the
    /// claim record's bounds); returns the rules version it is issued under (it fits 24 bits, or this reverts) and
    /// those rules' acceptance window.
    function _checkNewTerms(
        ClaimTerms calldata terms,
        address registryAddress,
        uint256 commitmentInUse
    ) private view returns (uint24 rulesVersion, uint32 acceptanceWindow) {
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

    /// @dev {IReceivableClaim-ClaimIssued} with the terms, then the claim's first {IReceivableClaim-ClaimStateChanged}.
    function _emitIssued(
        uint256 claimId,
        ClaimTerms calldata terms,
        uint24 rulesVersion,
        ClaimState initialState
    ) private {
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
