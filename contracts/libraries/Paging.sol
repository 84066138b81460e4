// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Paging
/// @notice Helpers the paginated and scanning views share: the size of a page, the id windows the scanning views walk,
/// and cutting a filled array to its length.
library Paging {
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
