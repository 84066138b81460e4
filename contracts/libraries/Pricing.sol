// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Pricing
/// @notice The money maths of the market, mirrored by pricing/index.ts for the dApp (a test compares them on many
/// fuzzed cases).
library Pricing {
    /// @notice Basis points in one whole (100 %).
    uint256 internal constant BPS = 10_000;
    /// @notice Seconds in the 365-day year that annual yields refer to.
    uint256 internal constant YEAR = 365 days;

    /// @notice The price at which `outstanding` due in `remaining` seconds yields `yieldBps` a year, simple interest:
    /// `price = outstanding / (1 + yield * remaining / YEAR)`, computed as
    /// `outstanding * BPS * YEAR / (BPS * YEAR + yieldBps * remaining)` and rounded down (the buyer never pays a
    /// fraction of a unit more than the yield it asked for). `remaining` of zero gives `outstanding`.
    /// @param outstanding What the claim still owes, in base units of its currency.
    /// @param yieldBps The annual simple yield, in basis points.
    /// @param remaining Seconds to maturity.
    /// @return The price, in the units of `outstanding`.
    function priceForYield(uint256 outstanding, uint256 yieldBps, uint256 remaining) internal pure returns (uint256) {
        return Math.mulDiv(outstanding, BPS * YEAR, BPS * YEAR + yieldBps * remaining);
    }

    /// @notice Splits `price` into the treasury's fee (rounded down) and the seller's net: `fee + net == price`.
    /// @param price A price, in base units of a currency.
    /// @param feeBps The fee rate, in basis points of `price` (at most 10,000, else `net` underflows and reverts).
    /// @return fee The treasury's part, rounded down.
    /// @return net The rest: `price - fee`.
    function splitFee(uint256 price, uint256 feeBps) internal pure returns (uint256 fee, uint256 net) {
        fee = Math.mulDiv(price, feeBps, BPS);
        net = price - fee;
    }
}
