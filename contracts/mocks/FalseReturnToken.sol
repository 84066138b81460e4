// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FalseReturnToken
/// @notice An 18-decimal ERC-20 whose `transfer` and `transferFrom` return false, instead of reverting, when the
/// balance or the allowance is too small. Anyone may mint. Used to check that a `false` is never taken for a
/// successful transfer (SafeERC20 turns it into a revert).
/// @dev Test token only. On failure nothing changes and no event is emitted.
contract FalseReturnToken is ERC20 {
    /// @notice Deploys the token with the name "False Return Token" and symbol "FRT".
    constructor() ERC20("False Return Token", "FRT") {}

    /// @notice Mints `amount` to `to`. Open to anyone.
    /// @param to Recipient.
    /// @param amount Amount in base units.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Moves `value` to `to`; returns false, changing nothing, if the caller's balance is too small.
    /// @param to Recipient.
    /// @param value Amount in base units.
    /// @return True if the tokens moved.
    function transfer(address to, uint256 value) public override returns (bool) {
        if (balanceOf(msg.sender) < value) return false;
        return super.transfer(to, value);
    }

    /// @notice Moves `value` from `from` to `to`; returns false, changing nothing, if the allowance or the balance
    /// is too small.
    /// @param from Owner of the tokens.
    /// @param to Recipient.
    /// @param value Amount in base units.
    /// @return True if the tokens moved.
    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (allowance(from, msg.sender) < value || balanceOf(from) < value) return false;
        return super.transferFrom(from, to, value);
    }
}
