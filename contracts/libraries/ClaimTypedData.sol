// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";

import {ClaimTerms} from "../types/Claim.sol";

/// @title ClaimTypedData
/// @notice EIP-712 hashing for the debtor's acceptance of a claim: the claim contract's domain and the acceptance's
/// struct hash. The same name, version and type strings live in the SDK's typed-data for ethers and viem; a test pins
/// each typehash to its string and the domain to the SDK's.
library ClaimTypedData {
    /// @notice The EIP-712 domain's name.
    string internal constant NAME = "OpenFactor ReceivableClaim";
    /// @notice The EIP-712 domain's version.
    string internal constant VERSION = "1";
    /// @dev keccak256 of the EIP712Domain type string (name, version, chainId, verifyingContract).
    bytes32 private constant _DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    /// @notice The claim contract's EIP-712 domain separator on the current chain: computed at each use, so a signature
    /// made on one chain never verifies on a fork with another chain id.
    /// @param claims The claim contract (the verifying contract).
    /// @return The domain separator.
    function domainSeparator(address claims) internal view returns (bytes32) {
        return
            keccak256(
                abi.encode(_DOMAIN_TYPEHASH, keccak256(bytes(NAME)), keccak256(bytes(VERSION)), block.chainid, claims)
            );
    }

    /// @notice The digest a debtor signs: `structHash` in the claim contract's domain.
    /// @param claims The claim contract.
    /// @param structHash An acceptance's struct hash ({hashAcceptance}).
    /// @return The EIP-712 digest.
    function digest(address claims, bytes32 structHash) internal view returns (bytes32) {
        return MessageHashUtils.toTypedDataHash(domainSeparator(claims), structHash);
    }

    /// @dev keccak256 of the ClaimAcceptance type string.
    bytes32 internal constant CLAIM_ACCEPTANCE_TYPEHASH = keccak256(
        "ClaimAcceptance(address originator,address debtor,address currency,uint256 faceValue,uint256 dueDate,bytes32 invoiceCommitment,bytes32 documentHash,bytes32 metadataHash,uint256 counter,uint256 deadline)"
    );

    /// @notice The struct hash of a debtor's acceptance of `terms` and of the metadata URI whose keccak256 is
    /// `metadataHash`, valid until `deadline`, under `counter`.
    /// @param terms The claim's terms.
    /// @param metadataHash keccak256 of the metadata URI's bytes (of "" when there is none).
    /// @param counter The debtor's acceptance counter.
    /// @param deadline The last second the signature is valid, in unix seconds.
    function hashAcceptance(
        ClaimTerms memory terms,
        bytes32 metadataHash,
        uint256 counter,
        uint256 deadline
    ) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    CLAIM_ACCEPTANCE_TYPEHASH,
                    terms.originator,
                    terms.debtor,
                    terms.currency,
                    uint256(terms.faceValue),
                    uint256(terms.dueDate),
                    terms.invoiceCommitment,
                    terms.documentHash,
                    metadataHash,
                    counter,
                    deadline
                )
            );
    }
}
