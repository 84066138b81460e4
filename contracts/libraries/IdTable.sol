// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";

/// @title IdTable
/// @notice The claim contract's small-id tables: an address gets the next id, from 1, the first time it is used, so
/// that a claim record stores a few bits instead of an address (its currency in 16 bits, its locking agent in 8).
/// Id 0 is never assigned: it reads as "none". The caller keeps the count of ids given out (the claim contract packs
/// both counts in one slot) and stores the id this returns as the new count.
library IdTable {
    /// @notice Gives `item` the id after `count` in the table `ids` (address to id) and `items` (id to address).
    /// @dev Reverts with {IReceivableClaim-ClaimIdTableFull} once every id up to `maxId` is taken.
    /// @param ids The table's ids by address.
    /// @param items The table's addresses by id.
    /// @param item The address to enter; the caller checked it has no id yet.
    /// @param count How many ids the table gave out so far.
    /// @param maxId The largest id the caller stores (type(uint16).max or type(uint8).max).
    /// @return id The new id, `count + 1`.
    function add(
        mapping(address => uint256) storage ids,
        mapping(uint256 => address) storage items,
        address item,
        uint256 count,
        uint256 maxId
    ) internal returns (uint256 id) {
        id = count + 1;
        if (id > maxId) revert IReceivableClaim.ClaimIdTableFull(item, maxId);
        ids[item] = id;
        items[id] = item;
    }
}
