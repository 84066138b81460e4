// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title RebasingToken
/// @notice An 18-decimal ERC-20 whose balances are shares times a multiplier that anyone can change, so balances
/// grow or shrink without transfers (as stETH or AMPL do). Anyone may mint. Used to check that rebasing
/// currencies are refused and that the contracts never read their ledger from `balanceOf`.
/// @dev Test token only. Amounts are converted to shares rounding up when debited, so a sender never moves
/// more value than it holds; the recipient is credited the same shares, so it may receive one unit less or
/// more than `value` after rounding. The multiplier starts at 1e18 (one share = one unit).
contract RebasingToken is ERC20 {
    /// @notice The multiplier scale: a multiplier of 1e18 means one share is worth one base unit.
    uint256 public constant MULTIPLIER_SCALE = 1e18;

    /// @dev Shares of each account.
    mapping(address account => uint256 shares) private _shares;
    /// @dev Sum of all shares.
    uint256 private _totalShares;
    /// @dev Base units per share, scaled by MULTIPLIER_SCALE.
    uint256 private _multiplier = MULTIPLIER_SCALE;

    /// @notice The multiplier changed from `oldMultiplier` to `newMultiplier`.
    /// @param oldMultiplier The previous multiplier.
    /// @param newMultiplier The new multiplier.
    event Rebased(uint256 oldMultiplier, uint256 newMultiplier);

    /// @notice A multiplier of zero would wipe every balance.
    error RebasingTokenZeroMultiplier();

    /// @notice Deploys the token with the name "Rebasing Token" and symbol "RBT".
    constructor() ERC20("Rebasing Token", "RBT") {}

    /// @notice Mints `amount` base units (as shares at the current multiplier) to `to`. Open to anyone.
    /// @param to Recipient.
    /// @param amount Amount in base units.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Sets the multiplier: every balance scales by `newMultiplier / multiplier()`. Open to anyone.
    /// @param newMultiplier Base units per share, scaled by {MULTIPLIER_SCALE}; non-zero.
    function setMultiplier(uint256 newMultiplier) external {
        if (newMultiplier == 0) revert RebasingTokenZeroMultiplier();
        emit Rebased(_multiplier, newMultiplier);
        _multiplier = newMultiplier;
    }

    /// @notice Base units per share, scaled by {MULTIPLIER_SCALE}.
    /// @return The multiplier.
    function multiplier() external view returns (uint256) {
        return _multiplier;
    }

    /// @notice The shares `account` holds.
    /// @param account The account.
    /// @return Its shares.
    function sharesOf(address account) external view returns (uint256) {
        return _shares[account];
    }

    /// @inheritdoc ERC20
    function balanceOf(address account) public view override returns (uint256) {
        return Math.mulDiv(_shares[account], _multiplier, MULTIPLIER_SCALE);
    }

    /// @inheritdoc ERC20
    function totalSupply() public view override returns (uint256) {
        return Math.mulDiv(_totalShares, _multiplier, MULTIPLIER_SCALE);
    }

    /// @dev Moves shares instead of base units; OpenZeppelin's own balance storage stays unused.
    function _update(address from, address to, uint256 value) internal override {
        uint256 shares = Math.mulDiv(value, MULTIPLIER_SCALE, _multiplier, Math.Rounding.Ceil);
        if (from == address(0)) {
            _totalShares += shares;
        } else {
            uint256 fromShares = _shares[from];
            if (fromShares < shares) revert ERC20InsufficientBalance(from, balanceOf(from), value);
            unchecked {
                _shares[from] = fromShares - shares;
            }
        }
        if (to == address(0)) {
            unchecked {
                _totalShares -= shares;
            }
        } else {
            unchecked {
                _shares[to] += shares;
            }
        }
        emit Transfer(from, to, value);
    }
}
