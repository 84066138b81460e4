// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ITestCurrency} from "./utils/ITestCurrency.t.sol";
import {SystemInvariantBase} from "./utils/SystemInvariantBase.t.sol";

/// @title SystemInvariantTest
/// @notice The system invariants (see {SystemInvariantBase}) with a well-behaved 6-decimal stablecoin, USDC-like:
/// the fixture's MockStablecoin.
contract SystemInvariantTest is SystemInvariantBase {
    function _deployCurrency() internal view override returns (ITestCurrency) {
        return ITestCurrency(address(usdc));
    }
}
