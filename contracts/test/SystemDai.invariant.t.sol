// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockStablecoin} from "../mocks/MockStablecoin.sol";

import {ITestCurrency} from "./utils/ITestCurrency.t.sol";
import {SystemInvariantBase} from "./utils/SystemInvariantBase.t.sol";

/// @title SystemDaiInvariantTest
/// @notice The system invariants (see {SystemInvariantBase}) with an 18-decimal stablecoin, DAI-like (docs/SECURITY.md
/// T5): face values, donations and the actors' funds are scaled by the decimals, so amounts reach 1e24 base units.
contract SystemDaiInvariantTest is SystemInvariantBase {
    function _deployCurrency() internal override returns (ITestCurrency) {
        return ITestCurrency(address(new MockStablecoin("Dai Stablecoin", "DAI", 18)));
    }
}
