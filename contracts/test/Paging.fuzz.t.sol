// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*): func-name-mixedcase off.
// solhint-disable func-name-mixedcase

import {Paging} from "../libraries/Paging.sol";

import {Assertions} from "./utils/Assertions.t.sol";

/// @title PagingFuzzTest
/// @notice Fuzzes the id window every scanning view walks ({Paging-window}: `claimsOf`, `listings`, `bidsOf`,
/// `guaranteesOf`) and the cut that shortens their results ({Paging-truncate}). For any `fromId` and `count`,
/// and any `lastId` a counter can hold, the window starts at id 1 or later, walks at most `count` ids, never
/// passes `lastId`, walks exactly the ids that exist from its start, and never reverts; windows laid end to end
/// walk every id once.
/// @dev `lastId` is bounded below `type(uint256).max`: it is an id counter (claims, guarantees) that grows by one
/// per issue or offer, so the last value is out of reach, and `lastId + 1` (one past the last id) must fit.
contract PagingFuzzTest is Assertions {
    /// @notice The window's bounds, for any inputs.
    function testFuzz_windowStaysInsideTheIds(uint256 fromId, uint256 count, uint256 lastIdSeed) public pure {
        uint256 lastId = _bound(lastIdSeed, 0, type(uint256).max - 1);
        (uint256 first, uint256 end) = Paging.window(fromId, count, lastId);
        _assertTrue(first >= 1, "first >= 1");
        _assertEq(first, fromId == 0 ? 1 : fromId, "0 reads as 1, any other id as itself");
        _assertLe(first, end, "first <= end");
        _assertLe(end - first, count, "end - first <= count");
        if (first > lastId) {
            _assertEq(end, first, "nothing to walk past the last id");
        } else {
            _assertLe(end, lastId + 1, "end <= lastId + 1");
            uint256 available = lastId + 1 - first;
            _assertEq(end - first, count < available ? count : available, "walks every existing id it may");
        }
    }

    /// @notice The same with the small numbers real counters and windows have, so that every branch (empty
    /// window, count cut at the last id, count inside the ids) comes up often.
    function testFuzz_windowSmallNumbers(uint8 fromId, uint8 count, uint8 lastId) public pure {
        testFuzz_windowStaysInsideTheIds(fromId, count, lastId);
    }

    /// @notice Windows of `count` ids, each starting where the last ended, walk ids 1 to `lastId` exactly once and
    /// then stop (the caller's loop: `fromId = end` until `end > lastId`).
    function testFuzz_windowsLaidEndToEndWalkEveryIdOnce(uint256 countSeed, uint256 lastIdSeed) public pure {
        uint256 count = _bound(countSeed, 1, 64);
        uint256 lastId = _bound(lastIdSeed, 0, 300);
        uint256 walked = 0;
        uint256 fromId = 0;
        while (true) {
            (uint256 first, uint256 end) = Paging.window(fromId, count, lastId);
            if (first == end) break;
            _assertEq(first, walked + 1, "each window starts after the last id walked");
            walked = end - 1;
            fromId = end;
        }
        _assertEq(walked, lastId, "every id walked");
    }

    /// @notice A huge `count` (the whole range) against any `fromId` does not overflow: the window ends at the last id.
    function testFuzz_windowWholeRange(uint256 fromId, uint256 lastIdSeed) public pure {
        uint256 lastId = _bound(lastIdSeed, 0, type(uint256).max - 1);
        (uint256 first, uint256 end) = Paging.window(fromId, type(uint256).max, lastId);
        _assertEq(end, first > lastId ? first : lastId + 1, "the whole range ends after the last id");
    }

    /// @notice `truncate` keeps the first `length` entries, in order, and drops the rest.
    function testFuzz_truncateKeepsThePrefix(uint8 sizeSeed, uint8 lengthSeed, uint256 salt) public pure {
        uint256 size = sizeSeed % 64;
        uint256 length = size == 0 ? 0 : lengthSeed % (size + 1);
        uint256[] memory ids = new uint256[](size);
        for (uint256 i = 0; i < size; ++i) ids[i] = uint256(keccak256(abi.encode(salt, i)));
        uint256[] memory cut = Paging.truncate(ids, length);
        _assertEq(cut.length, length, "the length it was cut to");
        for (uint256 i = 0; i < length; ++i) {
            _assertEq(cut[i], uint256(keccak256(abi.encode(salt, i))), "the prefix is unchanged");
        }
    }
}
