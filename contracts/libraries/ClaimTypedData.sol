// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClaimTerms} from "../types/Claim.sol";

/// @title ClaimTypedData
/// @notice EIP-712 struct hashing for the debtor's acceptance of a claim. The same type strings live in
/// typed-data/index.ts for ethers and viem; a test pins each typehash to its string.
library ClaimTypedData {
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
