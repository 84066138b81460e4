// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title ERC1271WalletMock
/// @notice A smart-contract wallet controlled by one EOA owner, for testing ERC-1271 signatures: a debtor's
/// acceptance or a factor's offer signed by a contract. It can act as a participant through {execute}
/// (approve tokens, call the market) and can hold claim tokens.
/// @dev Test contract only. Modes: Valid answers the ERC-1271 magic value iff the signature recovers (ECDSA, no
/// prefix) to the owner over the given hash, and 0xffffffff otherwise; WrongMagic always answers 0xdeadbeef;
/// Reverting always reverts.
contract ERC1271WalletMock is IERC1271, IERC721Receiver, Ownable {
    /// @notice How {isValidSignature} answers.
    enum Mode {
        Valid,
        WrongMagic,
        Reverting
    }

    /// @notice The value a wallet in WrongMagic mode answers.
    bytes4 public constant WRONG_MAGIC = 0xdeadbeef;

    /// @notice The current answering mode.
    Mode public mode;

    /// @notice The owner switched the wallet to `mode`.
    /// @param mode The new mode.
    event ModeSet(Mode mode);

    /// @notice The wallet is in Reverting mode.
    error ERC1271WalletMockReverting();

    /// @notice Deploys the wallet in Valid mode, controlled by `owner_`.
    /// @param owner_ The EOA whose signatures the wallet accepts and who may {execute}.
    constructor(address owner_) Ownable(owner_) {}

    /// @notice Sets how {isValidSignature} answers. Only the owner.
    /// @param newMode The new mode.
    function setMode(Mode newMode) external onlyOwner {
        mode = newMode;
        emit ModeSet(newMode);
    }

    /// @notice Calls `target` with `data` from the wallet, bubbling up a revert. Only the owner.
    /// @param target The contract to call.
    /// @param data The calldata.
    /// @return result What the call returned.
    function execute(address target, bytes calldata data) external onlyOwner returns (bytes memory result) {
        return Address.functionCall(target, data);
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4 magicValue) {
        Mode current = mode;
        if (current == Mode.Reverting) revert ERC1271WalletMockReverting();
        if (current == Mode.WrongMagic) return WRONG_MAGIC;
        (address recovered, ECDSA.RecoverError error, ) = ECDSA.tryRecover(hash, signature);
        if (error == ECDSA.RecoverError.NoError && recovered == owner()) return IERC1271.isValidSignature.selector;
        return 0xffffffff;
    }

    /// @inheritdoc IERC721Receiver
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }
}
