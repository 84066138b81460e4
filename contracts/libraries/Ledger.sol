// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Ledger
/// @notice Helpers the claim contract, the market and the escrow share: pulling tokens while measuring what really
/// arrived, and paging the paginated views.
library Ledger {
    using SafeERC20 for IERC20;

    /// @notice Pulls `amount` of `currency` from `from` into this contract and returns what the balance actually
    /// grew by (zero if it shrank). Callers refuse any difference: a fee-on-transfer token delivers less.
    /// @param currency The ERC-20.
    /// @param from The payer; it must have approved this contract for `amount`.
    /// @param amount What to pull, in base units of `currency`.
    /// @return received What this contract's balance grew by.
    function pullMeasured(address currency, address from, uint256 amount) internal returns (uint256 received) {
        uint256 balanceBefore = IERC20(currency).balanceOf(address(this));
        IERC20(currency).safeTransferFrom(from, address(this), amount);
        uint256 balanceAfter = IERC20(currency).balanceOf(address(this));
        // Cannot underflow: the subtraction runs only when the balance grew.
        unchecked {
            if (balanceAfter > balanceBefore) received = balanceAfter - balanceBefore;
        }
    }

    /// @notice A page of an id list: at most `limit` ids from `offset`, and the list's length.
    /// @param list The stored id list.
    /// @param offset Index of the first id to return.
    /// @param limit The most ids to return.
    /// @return ids The page: empty when `offset` is at or past the end.
    /// @return total The list's length.
    function page(
        uint256[] storage list,
        uint256 offset,
        uint256 limit
    ) internal view returns (uint256[] memory ids, uint256 total) {
        total = list.length;
        uint256 size = pageSize(total, offset, limit);
        ids = new uint256[](size);
        for (uint256 i = 0; i < size; ++i) {
            ids[i] = list[offset + i];
        }
    }

    /// @notice How many items a page starting at `offset` with at most `limit` items holds, out of `total`.
    /// @param total The list's length.
    /// @param offset Index of the first item.
    /// @param limit The most items wanted.
    function pageSize(uint256 total, uint256 offset, uint256 limit) internal pure returns (uint256) {
        if (offset >= total) return 0;
        uint256 remaining = total - offset;
        if (limit > remaining) return remaining;
        return limit;
    }
}
