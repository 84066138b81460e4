// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title NoReturnToken
/// @notice A USDT-style token: `transfer`, `transferFrom` and `approve` return nothing, and `approve` refuses to
/// change a non-zero allowance to another non-zero value (the "approve race" guard). 6 decimals; anyone may
/// mint. Used to check that the contracts move currencies with SafeERC20 and `forceApprove`.
/// @dev Written by hand on purpose: it must not implement IERC20's `returns (bool)` signatures. Failures
/// revert with custom errors. An allowance of `type(uint256).max` is never decreased, as in USDT.
contract NoReturnToken {
    /// @notice Total amount minted.
    uint256 public totalSupply;
    /// @notice Balance of each account, in base units.
    mapping(address account => uint256 balance) public balanceOf;
    /// @notice Amount each spender may still move for each owner.
    mapping(address owner => mapping(address spender => uint256 amount)) public allowance;

    /// @notice `value` moved from `from` to `to` (zero `from` for a mint).
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice `owner` allowed `spender` to move `value`.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice The sender's balance is too small.
    error NoReturnTokenInsufficientBalance(address account, uint256 balance, uint256 needed);
    /// @notice The spender's allowance is too small.
    error NoReturnTokenInsufficientAllowance(address owner, address spender, uint256 currentAllowance, uint256 needed);
    /// @notice A non-zero allowance may only be set back to zero first.
    error NoReturnTokenApproveRace(address owner, address spender, uint256 currentAllowance, uint256 newAllowance);
    /// @notice Transfers to the zero address are refused.
    error NoReturnTokenZeroAddress();

    /// @notice Token name.
    /// @return The name.
    function name() external pure returns (string memory) {
        return "No Return Token";
    }

    /// @notice Token symbol.
    /// @return The symbol.
    function symbol() external pure returns (string memory) {
        return "NRT";
    }

    /// @notice Decimals of the base unit.
    /// @return 6, as USDT.
    function decimals() external pure returns (uint8) {
        return 6;
    }

    /// @notice Mints `amount` to `to`. Open to anyone.
    /// @param to Recipient.
    /// @param amount Amount in base units.
    function mint(address to, uint256 amount) external {
        if (to == address(0)) revert NoReturnTokenZeroAddress();
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Moves `value` from the caller to `to`. Returns nothing.
    /// @param to Recipient.
    /// @param value Amount in base units.
    function transfer(address to, uint256 value) external {
        _transfer(msg.sender, to, value);
    }

    /// @notice Moves `value` from `from` to `to` using the caller's allowance. Returns nothing.
    /// @param from Owner of the tokens.
    /// @param to Recipient.
    /// @param value Amount in base units.
    function transferFrom(address from, address to, uint256 value) external {
        uint256 current = allowance[from][msg.sender];
        if (current != type(uint256).max) {
            if (current < value) revert NoReturnTokenInsufficientAllowance(from, msg.sender, current, value);
            allowance[from][msg.sender] = current - value;
        }
        _transfer(from, to, value);
    }

    /// @notice Lets `spender` move up to `value` of the caller's tokens. Returns nothing. Reverts when both the
    /// current and the new allowance are non-zero.
    /// @param spender The account allowed to spend.
    /// @param value The new allowance.
    function approve(address spender, uint256 value) external {
        uint256 current = allowance[msg.sender][spender];
        if (current != 0 && value != 0) revert NoReturnTokenApproveRace(msg.sender, spender, current, value);
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
    }

    /// @dev Moves `value` from `from` to `to`, reverting on a short balance or the zero address.
    function _transfer(address from, address to, uint256 value) private {
        if (to == address(0)) revert NoReturnTokenZeroAddress();
        uint256 balance = balanceOf[from];
        if (balance < value) revert NoReturnTokenInsufficientBalance(from, balance, value);
        unchecked {
            balanceOf[from] = balance - value;
        }
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }
}
