// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";

import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {ClaimTypedData} from "../libraries/ClaimTypedData.sol";
import {ClaimViews} from "../libraries/ClaimViews.sol";
import {Paging} from "../libraries/Paging.sol";
import {Claim, ClaimTerms, Party} from "../types/Claim.sol";

/// @title ClaimLens
/// @notice Read-only views of the claim contract for front ends: a claim whole, what it still owes and its nonce;
/// the claims of an account, scanned by claim-id window; and the digest a debtor signs to accept a claim. Holds nothing, moves nothing, owns nothing: every answer
/// is computed from the claim contract's public getters at the block of the call, so the claim contract keeps only
/// what its own rules need.
contract ClaimLens {
    /// @dev The EIP-712 domain type hash, as OpenZeppelin's EIP712 hashes the claim contract's domain.
    bytes32 private constant _DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

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

    /// @notice The EIP-712 digest a debtor signs to accept `terms` with `metadataURI` until `deadline`, under its
    /// current acceptance counter: the digest the claim contract's `issueAccepted` and `acceptWithSignature` verify,
    /// built from the claim contract's own EIP-712 domain (ERC-5267 `eip712Domain`) and `acceptanceCounter`.
    /// @param terms The terms to accept.
    /// @param metadataURI The metadata URI the claim is (or will be) issued with; its keccak256 is signed.
    /// @param deadline The last second the signature is valid, in unix seconds.
    /// @return digest The digest to sign.
    function acceptanceDigest(
        ClaimTerms calldata terms,
        string calldata metadataURI,
        uint256 deadline
    ) external view returns (bytes32 digest) {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract, , ) = IERC5267(
            address(claims)
        ).eip712Domain();
        bytes32 domainSeparator = keccak256(
            abi.encode(_DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256(bytes(version)), chainId, verifyingContract)
        );
        uint256 counter = claims.acceptanceCounter(terms.debtor);
        bytes32 structHash = ClaimTypedData.hashAcceptance(terms, keccak256(bytes(metadataURI)), counter, deadline);
        return MessageHashUtils.toTypedDataHash(domainSeparator, structHash);
    }

    /// @dev The account that is `party` to claim `claimId` (an existing id).
    function _party(uint256 claimId, Party party) private view returns (address) {
        if (party == Party.Holder) return claims.ownerOf(claimId);
        if (party == Party.Debtor) return claims.claimCore(claimId).debtor;
        return claims.claimCore(claimId).originator;
    }
}
