// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Ledger
/// @notice Helpers the claim contract, the market and the escrow share: pulling tokens while measuring what really
/// arrived, paging the paginated views, and the id windows the scanning views walk.
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

    /// @notice The ids a scanning view walks: from `fromId` (at least 1, ids start there) for at most `count` ids,
    /// never past `lastId`.
    /// @param fromId The first id wanted.
    /// @param count The most ids to walk.
    /// @param lastId The highest id that exists.
    /// @return first The first id to walk.
    /// @return end One past the last id to walk; `first == end` when there is nothing to walk.
    function window(uint256 fromId, uint256 count, uint256 lastId) internal pure returns (uint256 first, uint256 end) {
        first = fromId == 0 ? 1 : fromId;
        if (first > lastId) return (first, first);
        // Cannot overflow: first <= lastId, so lastId - first + 1 is at most lastId; the sum runs only below it.
        unchecked {
            uint256 available = lastId - first + 1;
            end = first + (count < available ? count : available);
        }
    }

    /// @notice Cuts `ids` down to its first `length` entries, in place, and returns it.
    /// @param ids An array a scanning view filled from the front.
    /// @param length How many entries it filled; at most `ids.length`.
    function truncate(uint256[] memory ids, uint256 length) internal pure returns (uint256[] memory) {
        // Memory-safe: an array's first word is its length, and shortening it only hides words the array owns.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(ids, length)
        }
        return ids;
    }
}
