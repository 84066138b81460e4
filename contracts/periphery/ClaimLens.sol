// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {ClaimRules} from "../libraries/ClaimRules.sol";
import {ClaimTypedData} from "../libraries/ClaimTypedData.sol";
import {ClaimViews} from "../libraries/ClaimViews.sol";
import {Paging} from "../libraries/Paging.sol";
import {Claim, ClaimTerms, Party} from "../types/Claim.sol";

/// @title ClaimLens
/// @notice Read-only views of the claim contract for front ends: a claim whole, what it still owes and its nonce;
/// the claims of an account, scanned by claim-id window; the domain and the digest a debtor signs to accept a claim.
/// Holds nothing, moves nothing, owns nothing: every answer is computed from the claim contract's public getters at
/// the block of the call, so the claim contract keeps only what its own rules need.
contract ClaimLens {
    /// @notice The claim contract read.
    IReceivableClaim public immutable claims;

    /// @param claimContract The claim contract.
    constructor(IReceivableClaim claimContract) {
        claims = claimContract;
    }

    /// @notice The claim as stored, widened to the public {Claim} struct (its core and its two extras).
    /// @param claimId The claim; reverts with {IReceivableClaim-ClaimNotFound} if none.
    /// @return The claim.
    function claim(uint256 claimId) external view returns (Claim memory) {
        return ClaimViews.claimOf(claims, claimId);
    }

    /// @notice Face value minus amount paid (held payments not deducted); zero once the claim is Voided.
    /// @param claimId The claim; reverts with {IReceivableClaim-ClaimNotFound} if none.
    /// @return Base units of the claim's currency.
    function outstanding(uint256 claimId) external view returns (uint256) {
        return ClaimViews.outstandingOf(claims, claimId);
    }

    /// @notice The claim's nonce: it changes on every transfer, state change and payment (and kills the orders
    /// priced before it).
    /// @param claimId The claim; reverts with {IReceivableClaim-ClaimNotFound} if none.
    /// @return The nonce.
    function claimNonce(uint256 claimId) external view returns (uint256) {
        return claims.claimCore(claimId).nonce;
    }

    /// @notice Where a claim may go: true if it exists, is in a transferable state, is not locked, `to` is not
    /// `from`, and both are verified participants. Two exceptions for trusted agents: an agent may take a claim into
    /// its own custody (`to` is the agent calling, as the guarantee escrow does on a call), and a claim in an
    /// agent's custody may leave it to a verified participant. Answers as if the caller of this view made the move,
    /// by the claim contract's rules (its transferable states, its lock, the registry's participant rule).
    /// A transfer to the holder itself is refused: it would change nothing but the nonce, voiding every order on the
    /// claim for free.
    /// @param from The account the claim would leave; false unless it holds the claim.
    /// @param to The account the claim would go to; false if it is `from`.
    /// @param claimId The claim; false if none.
    /// @return Whether the claim contract would let the caller make the move.
    function canTransfer(address from, address to, uint256 claimId) external view returns (bool) {
        if (claimId == 0 || claimId > claims.claimCount() || from == address(0) || from == to) return false;
        if (claims.ownerOf(claimId) != from || claims.lockedBy(claimId) != address(0)) return false;
        if (!ClaimRules.isIn(claims.claimCore(claimId).state, ClaimRules.TRANSFERABLE)) return false;
        return IParticipantRegistry(claims.registry()).transferPartiesAllowed(from, to, msg.sender);
    }

    /// @notice The claims among ids `fromId` to `fromId + count - 1` in which `account` is `party` (holder, debtor
    /// or originator), in id order. The claim contract stores no list per account (it would cost every issue and
    /// transfer a write): callers walk the ids from 1 to its `claimCount` in windows, and events (`ClaimIssued`,
    /// `Transfer`) serve indexers.
    /// @dev Worst case, measured on a 200-id window: about 3,400 gas an id for Holder (one `ownerOf` call, one cold
    /// slot) and 14,300 gas an id for Debtor or Originator (one `claimCore` call, four cold slots), so a 10,000-claim
    /// window costs about 34 million and 143 million gas: callers walk windows of at most 1,000 ids (3.4 and 14.3
    /// million). The cost of a window depends on its ids only, never on the claims outside it.
    /// @param account The account.
    /// @param party How `account` stands to the claims wanted.
    /// @param fromId The first id to look at (0 reads as 1).
    /// @param count The most ids to look at; the window stops at the claim contract's `claimCount`.
    /// @return ids The matching claim ids.
    function claimsOf(
        address account,
        Party party,
        uint256 fromId,
        uint256 count
    ) external view returns (uint256[] memory ids) {
        (uint256 first, uint256 end) = Paging.window(fromId, count, claims.claimCount());
        ids = new uint256[](end - first);
        uint256 found = 0;
        for (uint256 id = first; id < end; ++id) {
            if (_party(id, party) == account) ids[found++] = id;
        }
        return Paging.truncate(ids, found);
    }

    /// @notice The claim contract's EIP-712 domain, which the debtor's acceptance signatures are made in, in the shape
    /// of ERC-5267's `eip712Domain` (the claim contract keeps its code for its rules: the domain is published here).
    /// @return fields 0x0f: name, version, chain id and verifying contract are set.
    /// @return name The domain's name.
    /// @return version The domain's version.
    /// @return chainId The current chain's id.
    /// @return verifyingContract The claim contract.
    /// @return salt Unused (zero).
    /// @return extensions None.
    function acceptanceDomain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", ClaimTypedData.NAME, ClaimTypedData.VERSION, block.chainid, address(claims), 0, extensions);
    }

    /// @notice The EIP-712 digest a debtor signs to accept `terms` with `metadataURI` until `deadline`, under its
    /// current acceptance counter: the digest the claim contract's `issueAccepted` and `acceptWithSignature` verify,
    /// in its domain ({acceptanceDomain}) and with its `acceptanceCounter`.
    /// @param terms The terms to accept.
    /// @param metadataURI The metadata URI the claim is (or will be) issued with; its keccak256 is signed.
    /// @param deadline The last second the signature is valid, in unix seconds.
    /// @return digest The digest to sign.
    function acceptanceDigest(
        ClaimTerms calldata terms,
        string calldata metadataURI,
        uint256 deadline
    ) external view returns (bytes32 digest) {
        uint256 counter = claims.acceptanceCounter(terms.debtor);
        bytes32 structHash = ClaimTypedData.hashAcceptance(terms, keccak256(bytes(metadataURI)), counter, deadline);
        return ClaimTypedData.digest(address(claims), structHash);
    }

    /// @dev The account that is `party` to claim `claimId` (an existing id).
    function _party(uint256 claimId, Party party) private view returns (address) {
        if (party == Party.Holder) return claims.ownerOf(claimId);
        if (party == Party.Debtor) return claims.claimCore(claimId).debtor;
        return claims.claimCore(claimId).originator;
    }
}
