// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReceivableClaim} from "../../ReceivableClaim.sol";

/// @title SaleAgent
/// @notice A trusted agent standing in for the market: moves a claim to a buyer, which makes an Accepted claim
/// Financed. No price changes hands here; the market's own money flows are out of this handler's scope.
contract SaleAgent {
    ReceivableClaim private immutable _claims;

    constructor(ReceivableClaim claims_) {
        _claims = claims_;
    }

    /// @notice Moves `claimId` to `buyer` as a sale would.
    function sell(uint256 claimId, address buyer) external {
        _claims.agentTransfer(claimId, buyer);
    }
}
