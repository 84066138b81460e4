// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title OddMetadataToken
/// @notice A currency whose `symbol()` and `decimals()` answer with whatever raw bytes a test sets: a `bytes32`
/// symbol (MKR-style), nothing at all, a malformed ABI string, decimals above 255. Any other call returns nothing,
/// like a contract with a silent fallback. Used to show that tokenURI never reverts on a strange currency.
contract OddMetadataToken {
    bytes4 private constant _SYMBOL = bytes4(keccak256("symbol()"));
    bytes4 private constant _DECIMALS = bytes4(keccak256("decimals()"));

    /// @notice `symbol()` was set to revert.
    error OddMetadataTokenSymbolReverted();

    bytes private _symbolReply;
    bytes private _decimalsReply;
    bool private _revertSymbol;

    /// @notice Sets the raw return data of `symbol()` and `decimals()`, and whether `symbol()` reverts.
    function setReplies(bytes calldata symbolReply, bytes calldata decimalsReply, bool revertSymbol) external {
        _symbolReply = symbolReply;
        _decimalsReply = decimalsReply;
        _revertSymbol = revertSymbol;
    }

    /// @notice Answers `symbol()` and `decimals()` with the raw bytes set, everything else with nothing.
    // solhint-disable-next-line no-complex-fallback
    fallback(bytes calldata input) external returns (bytes memory) {
        if (input.length < 4) return "";
        bytes4 selector = bytes4(input[:4]);
        if (selector == _SYMBOL) {
            if (_revertSymbol) revert OddMetadataTokenSymbolReverted();
            return _symbolReply;
        }
        if (selector == _DECIMALS) return _decimalsReply;
        return "";
    }
}
