// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITestCurrency
/// @notice The part of a test currency the invariant tests and their handlers call directly: minting, balances,
/// supply and decimals. It leaves out `transfer`, `transferFrom` and `approve` on purpose, so that one type covers
/// both a standard ERC-20 (MockStablecoin) and a USDT-style token whose calls return nothing (NoReturnToken);
/// those calls go through OpenZeppelin's SafeERC20 on `IERC20(address(currency))`.
/// @dev A `.t.sol` file: compiled as a test source only.
interface ITestCurrency {
    /// @notice Mints `amount` base units to `to` (MockStablecoin: only its owner, the deploying test contract).
    function mint(address to, uint256 amount) external;

    /// @notice Balance of `account`, in base units.
    function balanceOf(address account) external view returns (uint256);

    /// @notice Total amount minted, in base units.
    function totalSupply() external view returns (uint256);

    /// @notice Decimals of the base unit (6 or 18 here).
    function decimals() external view returns (uint8);
}
