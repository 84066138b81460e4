// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title FeeOnTransferToken
/// @notice An 18-decimal ERC-20 that burns 1 % of every transfer, so the recipient receives less than was
/// sent. Anyone may mint. Used to check that the contracts refuse or account for fee-on-transfer currencies.
/// @dev Test token only. The fee is rounded up, so even a one-unit transfer arrives short and a balance-delta
/// check always notices. Mints and burns are not charged.
contract FeeOnTransferToken is ERC20 {
    /// @notice The fee in basis points of the amount sent.
    uint256 public constant FEE_BPS = 100;

    /// @notice Deploys the token with the name "Fee On Transfer Token" and symbol "FOT".
    constructor() ERC20("Fee On Transfer Token", "FOT") {}

    /// @notice Mints `amount` to `to`. Open to anyone.
    /// @param to Recipient.
    /// @param amount Amount in base units.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @dev Charges the fee on transfers between two accounts: the fee is burned from the sender and the
    /// recipient receives the rest.
    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = Math.mulDiv(value, FEE_BPS, 10_000, Math.Rounding.Ceil);
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
