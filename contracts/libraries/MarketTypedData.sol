// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SignedOffer} from "../types/Market.sol";

/// @title MarketTypedData
/// @notice EIP-712 struct hashing for a factor's private signed offer. The same type string lives in
/// typed-data/index.ts for ethers and viem; a test pins the typehash to it.
library MarketTypedData {
    /// @dev keccak256 of the Offer type string.
    bytes32 internal constant OFFER_TYPEHASH = keccak256(
        "Offer(uint256 claimId,uint256 claimNonce,uint256 price,address currency,uint256 deadline,address bidder,uint256 offerNonce)"
    );

    /// @notice The struct hash of `offer`.
    /// @param offer The offer, every field signed.
    function hashOffer(SignedOffer calldata offer) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    OFFER_TYPEHASH,
                    offer.claimId,
                    offer.claimNonce,
                    offer.price,
                    offer.currency,
                    offer.deadline,
                    offer.bidder,
                    offer.offerNonce
                )
            );
    }
}
