// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title NoMetadataToken
/// @notice A bare ERC-20 without the optional metadata (`name`, `symbol`, `decimals`): calls to them revert. Anyone
/// may mint. Used to check that a claim in such a currency still renders, in raw base units.
/// @dev Test token only. Written by hand so that no metadata function exists at all.
contract NoMetadataToken {
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

    /// @notice The sender's balance or the spender's allowance is too small.
    error NoMetadataTokenInsufficient(uint256 available, uint256 needed);

    /// @notice Mints `amount` to `to`. Open to anyone.
    /// @param to Recipient.
    /// @param amount Amount in base units.
    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Moves `value` from the caller to `to`.
    /// @param to Recipient.
    /// @param value Amount in base units.
    /// @return Always true.
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @notice Moves `value` from `from` to `to` using the caller's allowance.
    /// @param from Owner of the tokens.
    /// @param to Recipient.
    /// @param value Amount in base units.
    /// @return Always true.
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 current = allowance[from][msg.sender];
        if (current < value) revert NoMetadataTokenInsufficient(current, value);
        allowance[from][msg.sender] = current - value;
        _transfer(from, to, value);
        return true;
    }

    /// @notice Lets `spender` move up to `value` of the caller's tokens.
    /// @param spender The account allowed to spend.
    /// @param value The new allowance.
    /// @return Always true.
    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    /// @dev Moves `value` from `from` to `to`, reverting on a short balance.
    function _transfer(address from, address to, uint256 value) private {
        uint256 balance = balanceOf[from];
        if (balance < value) revert NoMetadataTokenInsufficient(balance, value);
        balanceOf[from] = balance - value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }
}
