// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {NoReturnToken} from "../mocks/NoReturnToken.sol";

import {ITestCurrency} from "./utils/ITestCurrency.t.sol";
import {SystemInvariantBase} from "./utils/SystemInvariantBase.t.sol";

/// @title SystemUsdtInvariantTest
/// @notice The system invariants (see {SystemInvariantBase}) with a USDT-style currency (docs/SECURITY.md T3):
/// `transfer`, `transferFrom` and `approve` return nothing, and `approve` refuses to change a non-zero allowance to
/// another non-zero value. Every pull, payout and withdrawal of the three contracts goes through it.
contract SystemUsdtInvariantTest is SystemInvariantBase {
    function _deployCurrency() internal override returns (ITestCurrency) {
        return ITestCurrency(address(new NoReturnToken()));
    }
}
