// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore, interface-starts-with-i off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore, interface-starts-with-i

/// @title Vm
/// @notice The few cheatcodes the OpenFactor Solidity tests use. forge-std's npm package does not resolve under
/// Hardhat 3, so they are declared here; EDR serves them at the usual cheatcode address.
/// @dev A `.t.sol` file: Hardhat 3 compiles it as a test source, never into the production artifacts.
interface Vm {
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function warp(uint256 timestamp) external;
    function sign(uint256 privateKey, bytes32 digest) external returns (uint8 v, bytes32 r, bytes32 s);
    function addr(uint256 privateKey) external returns (address);
    function assume(bool condition) external;
    function expectRevert(bytes calldata revertData) external;
    function expectPartialRevert(bytes4 selector) external;
    function chainId(uint256 newChainId) external;
    function etch(address target, bytes calldata code) external;
}

/// @dev The cheatcode contract's address: keccak256("hevm cheat code"), as in Foundry.
Vm constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
