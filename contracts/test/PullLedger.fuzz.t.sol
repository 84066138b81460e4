// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*): func-name-mixedcase off.
// solhint-disable func-name-mixedcase

import {PullLedger} from "../libraries/PullLedger.sol";

import {Assertions} from "./utils/Assertions.t.sol";

/// @title PullLedgerFuzzTest
/// @notice The ledger's currency index ({PullLedger-addLiabilityIndexed}): the first use of a currency gives it the
/// next index, later uses keep it, the index never changes the liabilities figure (added, removed, read), removing
/// more than the figure panics instead of borrowing from the index, a 65,536th currency is refused, and only an
/// indexed currency's slot stays non-zero when nothing is owed.
contract PullLedgerFuzzTest is Assertions {
    using PullLedger for PullLedger.Book;

    PullLedger.Book private _book;

    address private constant _A = address(0xA);
    address private constant _B = address(0xB);

    /// @notice Indexes are given in order of first use and kept; the figures stay exact beside them.
    function testFuzz_indexesAreGivenOnceAndLeaveTheFigure(uint96 a1, uint96 b1, uint96 a2, uint96 takeA) public {
        _assertEq(_book.addLiabilityIndexed(_A, a1), 1, "the first currency gets index 1");
        _assertEq(_book.addLiabilityIndexed(_B, b1), 2, "the second gets index 2");
        _assertEq(_book.addLiabilityIndexed(_A, a2), 1, "a currency keeps its index");
        _assertEq(_book.currencyAt(1), _A, "index 1 maps back to the first currency");
        _assertEq(_book.currencyAt(2), _B, "index 2 maps back to the second");
        _assertEq(_book.currencyAt(3), address(0), "an index never given maps to nobody");
        uint256 inA = uint256(a1) + a2;
        _assertEq(_book.liabilities(_A), inA, "the figure ignores the index bits");
        _assertEq(_book.liabilities(_B), b1, "each currency has its own figure");
        uint256 take = _bound(takeA, 0, inA);
        _book.removeLiability(_A, take);
        _book.addLiability(_A, 7);
        _assertEq(_book.liabilities(_A), inA - take + 7, "plain adds and removals keep the figure exact");
        _assertEq(_book.addLiabilityIndexed(_A, 0), 1, "and keep the index");
    }

    /// @notice A plain add before the first indexed one keeps its figure; the index comes with the indexed add.
    function testFuzz_indexAfterAPlainAdd(uint96 first, uint96 second) public {
        _book.addLiability(_A, first);
        _assertEq(_book.addLiabilityIndexed(_A, second), 1, "the first indexed add gives the index");
        _assertEq(_book.liabilities(_A), uint256(first) + second, "both amounts count");
    }

    /// @notice Taking more than the figure panics (arithmetic underflow) instead of borrowing from the index bits.
    function testFuzz_removingMoreThanTheFigurePanics(uint96 held, uint96 extra) public {
        _book.addLiabilityIndexed(_A, held);
        uint256 tooMuch = uint256(held) + 1 + _bound(extra, 0, type(uint64).max);
        try this.remove(_A, tooMuch) {
            _assertTrue(false, "removing more than the figure succeeded");
        } catch (bytes memory reason) {
            _assertTrue(
                keccak256(reason) == keccak256(abi.encodeWithSignature("Panic(uint256)", 0x11)),
                "an underflow"
            );
        }
        _assertEq(_book.addLiabilityIndexed(_A, 0), 1, "the index is intact");
    }

    /// @notice The 65,536th currency is refused with {PullLedger-PullLedgerTooManyCurrencies}.
    function test_aLedgerIndexesAtMost65535Currencies() public {
        _book.currencyCount = type(uint16).max - 1;
        _assertEq(_book.addLiabilityIndexed(_A, 1), type(uint16).max, "the last index is 65,535");
        try this.addIndexed(_B, 1) {
            _assertTrue(false, "a 65,536th currency got an index");
        } catch (bytes memory reason) {
            bytes memory expected = abi.encodeWithSelector(PullLedger.PullLedgerTooManyCurrencies.selector);
            _assertTrue(keccak256(reason) == keccak256(expected), "PullLedgerTooManyCurrencies");
        }
        _assertEq(_book.liabilities(_B), 0, "nothing was recorded for the refused currency");
    }

    /// @notice An unindexed currency's slot returns to zero once nothing is owed (the step that empties it earns the
    /// clearing refund); an indexed currency's keeps its index, so the next liability updates the slot instead of
    /// creating it.
    function testFuzz_onlyAnIndexedSlotStaysNonZero(uint96 a, uint96 b, address to) public {
        _book.addLiability(_A, a);
        _book.creditHeld(to, _A, a);
        _assertEq(_book.creditOf(to, _A), a, "credited");
        // A withdrawal of nothing moves nothing (no token is called); of something, it needs a token: remove instead.
        _book.removeLiability(_A, a);
        _assertEq(_book.liabilityWords[_A], 0, "the unindexed slot is empty again");
        _book.addLiabilityIndexed(_B, b);
        _book.removeLiability(_B, b);
        _assertEq(_book.liabilities(_B), 0, "nothing is owed in the indexed currency");
        _assertEq(_book.liabilityWords[_B], uint256(1) << 240, "its slot keeps the index and nothing else");
    }

    /// @dev External, so that a revert can be caught.
    function remove(address currency, uint256 amount) external {
        _book.removeLiability(currency, amount);
    }

    /// @dev External, so that a revert can be caught.
    function addIndexed(address currency, uint256 amount) external returns (uint16) {
        return _book.addLiabilityIndexed(currency, amount);
    }
}
