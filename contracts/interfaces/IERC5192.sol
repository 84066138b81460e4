// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ERC-5192: Minimal Soulbound NFTs — used here to signal that a claim is locked while listed or in escrow.
interface IERC5192 {
    /// @notice The claim `tokenId` became locked: it cannot be transferred until unlocked.
    /// @param tokenId The claim's id.
    event Locked(uint256 tokenId);

    /// @notice The claim `tokenId` became transferable again.
    /// @param tokenId The claim's id.
    event Unlocked(uint256 tokenId);

    /// @notice True while `tokenId` is locked.
    /// @param tokenId The claim's id; reverts if no such claim exists.
    function locked(uint256 tokenId) external view returns (bool);
}
