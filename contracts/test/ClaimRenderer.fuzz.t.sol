// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {ClaimRenderer} from "../ClaimRenderer.sol";

import {Assertions} from "./utils/Assertions.t.sol";

/// @title ClaimRendererFuzzTest
/// @notice {ClaimRenderer.formatAmount} parses back to the exact amount, in the documented shape;
/// {ClaimRenderer.formatDate} matches an independent calendar walk up to 9999-12-31.
contract ClaimRendererFuzzTest is Assertions {
    /// @dev 9999-12-31T23:59:59Z.
    uint256 internal constant LAST_SECOND_OF_9999 = 253_402_300_799;

    ClaimRenderer internal renderer;

    function setUp() public {
        renderer = new ClaimRenderer(address(0)); // formatting only: no registry needed
    }

    // ================================================================ formatAmount

    /// @notice For any amount and 0..18 decimals, the string parses back to the amount exactly.
    function testFuzz_formatAmountRoundTrips(uint256 amount, uint8 decimalsSeed) public view {
        _checkRoundTrip(amount, uint8(_bound(decimalsSeed, 0, 18)));
    }

    /// @notice The same up to the 38 decimals the renderer supports.
    function testFuzz_formatAmountRoundTripsUpTo38Decimals(uint256 amount, uint8 decimalsSeed) public view {
        _checkRoundTrip(amount, uint8(_bound(decimalsSeed, 0, 38)));
    }

    /// @notice Beyond 38 decimals the renderer shows raw base units.
    function testFuzz_formatAmountRawAbove38Decimals(uint256 amount, uint8 decimalsSeed) public view {
        uint8 decimals = uint8(_bound(decimalsSeed, 39, 255));
        _assertEq(renderer.formatAmount(amount, decimals), _decimalString(amount), "raw units");
    }

    /// @notice The NatSpec's examples.
    function test_formatAmountExamples() public view {
        _assertEq(renderer.formatAmount(1_234_500_000, 6), "1234.50", "1234.50");
        _assertEq(renderer.formatAmount(1_234_567_891, 6), "1234.567891", "six places");
        _assertEq(renderer.formatAmount(5, 6), "0.000005", "dust");
        _assertEq(renderer.formatAmount(0, 6), "0.00", "zero");
        _assertEq(renderer.formatAmount(15, 1), "1.50", "one decimal padded to two places");
        _assertEq(renderer.formatAmount(42, 0), "42", "no decimals");
        _assertEq(renderer.formatAmount(1e18, 18), "1.00", "one DAI");
    }

    // ================================================================ formatDate

    /// @notice For any timestamp up to the last second of 9999, the ISO date equals a calendar walk from 1970.
    function testFuzz_formatDateMatchesCalendarWalk(uint256 timestamp) public view {
        timestamp = _bound(timestamp, 0, LAST_SECOND_OF_9999);
        (uint256 year, uint256 month, uint256 day) = _civilDate(timestamp);
        string memory expected = string.concat(_padded(year, 4), "-", _padded(month, 2), "-", _padded(day, 2));
        _assertEq(renderer.formatDate(timestamp), expected, "ISO date");
    }

    /// @notice Known dates, leap days and century rules included.
    function test_formatDateExamples() public view {
        _assertEq(renderer.formatDate(0), "1970-01-01", "epoch");
        _assertEq(renderer.formatDate(68_256_000), "1972-03-01", "after a leap day");
        _assertEq(renderer.formatDate(951_782_400), "2000-02-29", "2000 is a leap year");
        _assertEq(renderer.formatDate(1_780_000_000), "2026-05-28", "2026");
        _assertEq(renderer.formatDate(4_107_542_400), "2100-03-01", "2100 is not a leap year");
        _assertEq(renderer.formatDate(LAST_SECOND_OF_9999), "9999-12-31", "last day of 9999");
    }

    // ================================================================ helpers

    /// @dev Parses `formatAmount(amount, decimals)` back and checks the value and the shape: no dot without
    /// decimals; otherwise an integer part without leading zeros, a dot, at least two fraction digits, no trailing
    /// zero beyond the second place, never more places than max(decimals, 2).
    function _checkRoundTrip(uint256 amount, uint8 decimals) private view {
        bytes memory text = bytes(renderer.formatAmount(amount, decimals));
        uint256 dot = type(uint256).max;
        for (uint256 i = 0; i < text.length; ++i) {
            if (text[i] == ".") {
                _assertTrue(dot == type(uint256).max, "at most one dot");
                dot = i;
            } else {
                _assertTrue(text[i] >= "0" && text[i] <= "9", "digits only");
            }
        }
        if (decimals == 0) {
            _assertTrue(dot == type(uint256).max, "no dot without decimals");
            _assertEq(_parseDigits(text, 0, text.length), amount, "round trip (integer)");
            return;
        }
        _assertTrue(dot != type(uint256).max && dot != 0, "an integer part and a dot");
        _assertTrue(dot == 1 || text[0] != "0", "no leading zero");
        uint256 places = text.length - dot - 1;
        _assertTrue(places >= 2, "at least two places");
        _assertLe(places, decimals < 2 ? 2 : decimals, "no more places than the decimals");
        if (places > 2) _assertTrue(text[text.length - 1] != "0", "trailing zeros trimmed");

        uint256 unit = 10 ** decimals;
        uint256 value = _parseDigits(text, 0, dot) * unit;
        for (uint256 j = 0; j < places; ++j) {
            uint256 digit = uint8(text[dot + 1 + j]) - 48;
            if (j < decimals) value += digit * 10 ** (decimals - 1 - j);
            else _assertEq(digit, 0, "padding place is zero");
        }
        _assertEq(value, amount, "round trip");
    }

    function _parseDigits(bytes memory text, uint256 from, uint256 to) private pure returns (uint256 value) {
        for (uint256 i = from; i < to; ++i) value = value * 10 + (uint8(text[i]) - 48);
    }

    /// @dev Decimal digits of `value`, written independently of OpenZeppelin's Strings.
    function _decimalString(uint256 value) private pure returns (string memory) {
        if (value == 0) return "0";
        uint256 length = 0;
        for (uint256 v = value; v != 0; v /= 10) ++length;
        return _padded(value, length);
    }

    /// @dev `value` in decimal, left-padded with zeros to `width` digits (no truncation check needed here).
    function _padded(uint256 value, uint256 width) private pure returns (string memory) {
        bytes memory out = new bytes(width);
        for (uint256 i = width; i > 0; --i) {
            out[i - 1] = bytes1(uint8(48 + (value % 10)));
            value /= 10;
        }
        _assertEq(value, 0, "value fits the width");
        return string(out);
    }

    /// @dev The UTC calendar date of `timestamp` by walking from 1970-01-01: whole 400-year Gregorian cycles of
    /// 146,097 days, then years, then months.
    function _civilDate(uint256 timestamp) private pure returns (uint256 year, uint256 month, uint256 day) {
        uint256 daysLeft = timestamp / 1 days;
        year = 1970 + 400 * (daysLeft / 146_097);
        daysLeft %= 146_097;
        while (true) {
            uint256 yearLength = _isLeap(year) ? 366 : 365;
            if (daysLeft < yearLength) break;
            daysLeft -= yearLength;
            ++year;
        }
        uint8[12] memory monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        month = 1;
        while (true) {
            uint256 monthLength = monthLengths[month - 1] + (month == 2 && _isLeap(year) ? 1 : 0);
            if (daysLeft < monthLength) break;
            daysLeft -= monthLength;
            ++month;
        }
        day = daysLeft + 1;
    }

    function _isLeap(uint256 year) private pure returns (bool) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }
}
