// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title HostileReceiver
/// @notice A contract participant (holder, bidder) whose ERC-721 receive hook misbehaves on demand: it accepts,
/// reverts, answers a wrong value, burns all the gas, or re-enters a stored target. It refuses plain ether.
/// Its owner drives it with {execute} (approve tokens, bid, buy). Used to check that a hostile holder or
/// bidder cannot block the debtor's payment, other bidders' refunds or anyone's settlement, and that
/// reentrancy from the hook is blocked.
/// @dev Test contract only. In Reenter mode the hook makes the stored call, records its success and return
/// (or revert) data, and then accepts the token, so a test reads whether the reentrancy went through.
contract HostileReceiver is IERC721Receiver, Ownable {
    /// @notice How {onERC721Received} behaves.
    enum Mode {
        Accept,
        Revert,
        WrongValue,
        BurnGas,
        Reenter
    }

    /// @notice The value answered in WrongValue mode.
    bytes4 public constant WRONG_VALUE = 0xdeadbeef;

    /// @notice The current hook mode.
    Mode public mode;
    /// @notice Number of tokens accepted by the hook.
    uint256 public receivedCount;
    /// @notice Whether the hook made its reentry call since the last {setReentry}.
    bool public reentryAttempted;
    /// @notice Whether the hook's reentry call succeeded.
    bool public reentrySucceeded;
    /// @notice What the hook's reentry call returned, or its revert data.
    bytes public reentryReturnData;

    /// @dev The contract the hook calls in Reenter mode.
    address private _reentryTarget;
    /// @dev The calldata the hook sends in Reenter mode.
    bytes private _reentryData;
    /// @dev Written in a loop by BurnGas mode so that every iteration costs storage gas.
    uint256 private _gasSink;

    /// @notice The owner switched the hook to `mode`.
    /// @param mode The new mode.
    event ModeSet(Mode mode);
    /// @notice The hook accepted token `tokenId` of `token` from `from`.
    /// @param token The ERC-721 contract.
    /// @param from The previous owner.
    /// @param tokenId The token.
    event TokenReceived(address indexed token, address indexed from, uint256 indexed tokenId);
    /// @notice The hook called `target`; `success` tells whether the call went through.
    /// @param target The contract called.
    /// @param success Whether the call succeeded.
    /// @param returnData Its return or revert data.
    event ReentryAttempted(address indexed target, bool success, bytes returnData);

    /// @notice The hook refused a token (Revert mode).
    /// @param tokenId The token refused.
    error HostileReceiverRejected(uint256 tokenId);
    /// @notice Plain ether is refused.
    error HostileReceiverRejectsEther();

    /// @notice Deploys the receiver in Accept mode, driven by `owner_`.
    /// @param owner_ The account allowed to set modes and {execute}.
    constructor(address owner_) Ownable(owner_) {}

    /// @notice Refuses plain ether, as a contract without a payable fallback would.
    receive() external payable {
        revert HostileReceiverRejectsEther();
    }

    /// @notice Sets how the hook behaves. Only the owner.
    /// @param newMode The new mode.
    function setMode(Mode newMode) external onlyOwner {
        mode = newMode;
        emit ModeSet(newMode);
    }

    /// @notice Sets the call the hook makes in Reenter mode and clears the previous result. Only the owner.
    /// @param target The contract to call.
    /// @param data The calldata.
    function setReentry(address target, bytes calldata data) external onlyOwner {
        _reentryTarget = target;
        _reentryData = data;
        reentryAttempted = false;
        reentrySucceeded = false;
        delete reentryReturnData;
    }

    /// @notice Calls `target` with `data` from this contract, bubbling up a revert. Only the owner.
    /// @param target The contract to call.
    /// @param data The calldata.
    /// @return result What the call returned.
    function execute(address target, bytes calldata data) external onlyOwner returns (bytes memory result) {
        return Address.functionCall(target, data);
    }

    /// @notice The ERC-721 receive hook, behaving as {mode} says.
    /// @param from The previous owner.
    /// @param tokenId The token.
    /// @return The ERC-721 selector, or {WRONG_VALUE} in WrongValue mode.
    function onERC721Received(address, address from, uint256 tokenId, bytes calldata) external returns (bytes4) {
        Mode current = mode;
        if (current == Mode.Revert) revert HostileReceiverRejected(tokenId);
        if (current == Mode.WrongValue) return WRONG_VALUE;
        if (current == Mode.BurnGas) _burnAllGas();
        if (current == Mode.Reenter) _reenter();
        ++receivedCount;
        emit TokenReceived(msg.sender, from, tokenId);
        return IERC721Receiver.onERC721Received.selector;
    }

    /// @notice The call the hook makes in Reenter mode.
    /// @return target The contract to call.
    /// @return data The calldata.
    function reentry() external view returns (address target, bytes memory data) {
        return (_reentryTarget, _reentryData);
    }

    /// @dev Loops until the call runs out of gas.
    function _burnAllGas() private {
        while (gasleft() > 0) {
            ++_gasSink;
        }
    }

    /// @dev Makes the stored call and records the outcome without bubbling a revert.
    function _reenter() private {
        address target = _reentryTarget;
        // solhint-disable-next-line avoid-low-level-calls
        (bool success, bytes memory returnData) = target.call(_reentryData);
        reentryAttempted = true;
        reentrySucceeded = success;
        reentryReturnData = returnData;
        emit ReentryAttempted(target, success, returnData);
    }
}
