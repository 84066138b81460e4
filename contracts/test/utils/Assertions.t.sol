// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

/// @title Assertions
/// @notice Minimal assertion and input-bounding helpers for the Solidity tests (no forge-std here).
abstract contract Assertions {
    /// @notice A boolean assertion failed.
    error AssertionFailed(string message);
    /// @notice Two integers differ.
    error AssertionEqUintFailed(string message, uint256 left, uint256 right);
    /// @notice Two addresses differ.
    error AssertionEqAddressFailed(string message, address left, address right);
    /// @notice Two strings differ.
    error AssertionEqStringFailed(string message, string left, string right);
    /// @notice An integer is above its bound.
    error AssertionLeFailed(string message, uint256 left, uint256 right);

    function _assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert AssertionFailed(message);
    }

    function _assertEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left != right) revert AssertionEqUintFailed(message, left, right);
    }

    function _assertEq(address left, address right, string memory message) internal pure {
        if (left != right) revert AssertionEqAddressFailed(message, left, right);
    }

    function _assertEq(string memory left, string memory right, string memory message) internal pure {
        if (keccak256(bytes(left)) != keccak256(bytes(right))) revert AssertionEqStringFailed(message, left, right);
    }

    function _assertLe(uint256 left, uint256 right, string memory message) internal pure {
        if (left > right) revert AssertionLeFailed(message, left, right);
    }

    /// @dev Maps `x` into [min, max]; values already inside stay unchanged, so the fuzzer's boundary values
    /// (0, 1, max...) keep landing on the bounds. Same idea as forge-std's `bound`.
    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (min > max) revert AssertionFailed("bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }
}
