// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title PullLedger
/// @notice The one pull ledger the market, the guarantee escrow and the auction house keep: what each account may
/// withdraw per currency (its credit), and everything the contract owes per currency (its liabilities: credits plus
/// whatever it holds in escrow). Money leaves only by an account withdrawing its own credit, so no recipient can
/// block anyone else. The contract's balance never falls below its liabilities; what lies above them (fees, and tokens
/// sent outside any function) is its surplus.
/// @dev Each currency's liabilities take the low 240 bits of one slot: the figure is at most the contract's balance, and
/// no sum of uint96 amounts the contracts escrow comes near 2^240. A ledger may give a currency a short index (1, 2, …;
/// {addLiabilityIndexed}) in the top 16 bits of the same slot, so that a record can name its currency in 16 bits and
/// a step that already writes the liabilities learns the index for free. An indexed currency's slot never returns to
/// zero: the escrow or credit that follows a moment of zero liabilities updates it (2,900 gas) instead of creating it
/// (22,100), so the contracts that hold money between steps (the market, the escrow, the auction house) index every
/// currency they hold. An unindexed slot empties when nothing is owed, and the step that empties it earns the
/// clearing refund: the claim contract's case, where the last holder's withdrawal clears it.
library PullLedger {
    using SafeERC20 for IERC20;

    /// @notice A ledger gives at most 65,535 currencies an index.
    error PullLedgerTooManyCurrencies();

    /// @notice A contract's ledger.
    struct Book {
        mapping(address account => mapping(address currency => uint256 amount)) credits;
        /// @dev The liabilities in the low 240 bits; the currency's index (0 = none yet) in the top 16.
        mapping(address currency => uint256 word) liabilityWords;
        /// @dev The currency of each index, from 1.
        mapping(uint256 index => address currency) currencies;
        uint256 currencyCount;
    }

    uint256 private constant _INDEX_SHIFT = 240;
    uint256 private constant _AMOUNT_MASK = (1 << _INDEX_SHIFT) - 1;

    /// @notice Adds to the contract's liabilities: money that came in to be held (an escrowed bid, a deposit,
    /// collateral) or is now owed.
    /// @param book The ledger.
    /// @param currency The ERC-20.
    /// @param amount Base units.
    function addLiability(Book storage book, address currency, uint256 amount) internal {
        book.liabilityWords[currency] += amount;
    }

    /// @notice Adds to the contract's liabilities, as {addLiability}, and returns the currency's index in this
    /// ledger, giving it the next one on its first use here (from then on its slot never returns to zero).
    /// @param book The ledger.
    /// @param currency The ERC-20.
    /// @param amount Base units.
    /// @return index The currency's index, from 1; {currencyAt} maps it back.
    function addLiabilityIndexed(Book storage book, address currency, uint256 amount) internal returns (uint16 index) {
        uint256 word = book.liabilityWords[currency];
        index = uint16(word >> _INDEX_SHIFT);
        if (index == 0) {
            uint256 count = book.currencyCount + 1;
            if (count > type(uint16).max) revert PullLedgerTooManyCurrencies();
            index = uint16(count);
            book.currencyCount = count;
            book.currencies[count] = currency;
            word |= count << _INDEX_SHIFT;
        }
        book.liabilityWords[currency] = word + amount;
    }

    /// @notice The currency of `index` in this ledger (the zero address for an index never given).
    /// @param book The ledger.
    /// @param index A currency index from {addLiabilityIndexed}.
    /// @return The ERC-20.
    function currencyAt(Book storage book, uint16 index) internal view returns (address) {
        return book.currencies[index];
    }

    /// @notice Takes from the contract's liabilities: held money that left (a sale paid out of an escrow, a
    /// withdrawal).
    /// @dev `amount` is always part of the liabilities (an escrow or a credit the caller holds); taking more would be a
    /// bug, and panics (an arithmetic underflow) instead of borrowing from the index bits.
    /// @param book The ledger.
    /// @param currency The ERC-20.
    /// @param amount Base units, at most the liabilities.
    function removeLiability(Book storage book, address currency, uint256 amount) internal {
        uint256 word = book.liabilityWords[currency];
        // Checked on the figure alone, so that taking too much panics instead of borrowing from the index bits.
        book.liabilityWords[currency] = (word & ~_AMOUNT_MASK) | ((word & _AMOUNT_MASK) - amount);
    }

    /// @notice Credits `account` with money the contract already owes (held in escrow): a refund, a forfeit, a payout
    /// from collateral. The liabilities do not change.
    /// @param book The ledger.
    /// @param account Who may withdraw it.
    /// @param currency The ERC-20.
    /// @param amount Base units, part of the liabilities already.
    function creditHeld(Book storage book, address account, address currency, uint256 amount) internal {
        book.credits[account][currency] += amount;
    }

    /// @notice Pays `account`'s whole credit in `currency` to `to`, and returns it (0 when there is none, and nothing
    /// moves). Callers check the recipient and emit their event.
    /// @param book The ledger.
    /// @param account The account withdrawing its own credit.
    /// @param currency The ERC-20.
    /// @param to Where to send it.
    /// @return amount What was sent.
    function withdraw(
        Book storage book,
        address account,
        address currency,
        address to
    ) internal returns (uint256 amount) {
        mapping(address currency => uint256 amount) storage credits = book.credits[account];
        amount = credits[currency];
        if (amount == 0) return 0;
        credits[currency] = 0;
        // Cannot underflow: a credit is always part of the liabilities (money came in as a liability before it was
        // credited, by credit or by creditHeld on an escrow), so the figure is at least the credit.
        unchecked {
            book.liabilityWords[currency] -= amount;
        }
        IERC20(currency).safeTransfer(to, amount);
    }

    /// @notice What `account` may withdraw in `currency`.
    /// @param book The ledger.
    /// @param account The account.
    /// @param currency The ERC-20.
    /// @return Base units.
    function creditOf(Book storage book, address account, address currency) internal view returns (uint256) {
        return book.credits[account][currency];
    }

    /// @notice Everything the contract owes in `currency`.
    /// @param book The ledger.
    /// @param currency The ERC-20.
    /// @return Base units.
    function liabilities(Book storage book, address currency) internal view returns (uint256) {
        return book.liabilityWords[currency] & _AMOUNT_MASK;
    }

    /// @notice What the contract holds in `currency` above its liabilities: fees, and tokens sent outside any function.
    /// @param book The ledger.
    /// @param currency The ERC-20.
    /// @return Base units.
    function surplus(Book storage book, address currency) internal view returns (uint256) {
        return IERC20(currency).balanceOf(address(this)) - liabilities(book, currency);
    }

    /// @notice Pulls exactly `amount` of `currency` from `from` into this contract and returns what its balance
    /// actually grew by (zero if it shrank). Callers refuse any difference: a fee-on-transfer token delivers less.
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
}
