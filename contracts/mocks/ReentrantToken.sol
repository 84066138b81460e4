// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken
/// @notice An 18-decimal ERC-20 with a transfer hook that re-enters: once armed with a target and calldata, the
/// next `transfer` or `transferFrom` calls the target with that calldata, before or after the balances change,
/// and records whether the call succeeded and what it returned. The revert is not bubbled up, so the outer
/// transfer still completes and a test can assert that the reentrancy was blocked (and by which error).
/// Anyone may mint.
/// @dev Test token only. The hook fires once per {arm}, then disarms itself; mints and burns never fire it.
contract ReentrantToken is ERC20 {
    /// @dev The contract the hook calls.
    address private _target;
    /// @dev The calldata the hook sends.
    bytes private _data;
    /// @dev Whether the hook runs before (true) or after (false) the balance update.
    bool private _beforeUpdate;
    /// @dev Whether the hook fires on the next transfer.
    bool private _armed;

    /// @notice Whether the hook's call has been made since the last {arm}.
    bool public reentryAttempted;
    /// @notice Whether the hook's call succeeded.
    bool public reentrySucceeded;
    /// @notice What the hook's call returned, or its revert data.
    bytes public reentryReturnData;

    /// @notice The hook was armed to call `target` with `data`, before or after the balance update.
    /// @param target The contract to call.
    /// @param data The calldata.
    /// @param beforeUpdate True to call before the balances change.
    event ReentryArmed(address indexed target, bytes data, bool beforeUpdate);
    /// @notice The hook called `target`; `success` tells whether the call went through.
    /// @param target The contract called.
    /// @param success Whether the call succeeded.
    /// @param returnData Its return or revert data.
    event ReentryAttempted(address indexed target, bool success, bytes returnData);

    /// @notice Deploys the token with the name "Reentrant Token" and symbol "RNT".
    constructor() ERC20("Reentrant Token", "RNT") {}

    /// @notice Mints `amount` to `to`. Open to anyone.
    /// @param to Recipient.
    /// @param amount Amount in base units.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the hook: the next transfer calls `target` with `data`, before the balance update if
    /// `beforeUpdate`, after it otherwise. Clears the previous result.
    /// @param target The contract to call.
    /// @param data The calldata.
    /// @param beforeUpdate True to call before the balances change.
    function arm(address target, bytes calldata data, bool beforeUpdate) external {
        _target = target;
        _data = data;
        _beforeUpdate = beforeUpdate;
        _armed = true;
        reentryAttempted = false;
        reentrySucceeded = false;
        delete reentryReturnData;
        emit ReentryArmed(target, data, beforeUpdate);
    }

    /// @notice Disarms the hook without firing it.
    function disarm() external {
        _armed = false;
    }

    /// @notice Whether the hook will fire on the next transfer.
    /// @return True if armed.
    function armed() external view returns (bool) {
        return _armed;
    }

    /// @dev Runs the hook around the balance update of a transfer between two accounts.
    function _update(address from, address to, uint256 value) internal override {
        bool fire = _armed && from != address(0) && to != address(0);
        if (fire) _armed = false;
        if (fire && _beforeUpdate) _reenter();
        super._update(from, to, value);
        if (fire && !_beforeUpdate) _reenter();
    }

    /// @dev Calls the target with the stored calldata and records the outcome without bubbling a revert.
    function _reenter() private {
        address target = _target;
        // solhint-disable-next-line avoid-low-level-calls
        (bool success, bytes memory returnData) = target.call(_data);
        reentryAttempted = true;
        reentrySucceeded = success;
        reentryReturnData = returnData;
        emit ReentryAttempted(target, success, returnData);
    }
}
