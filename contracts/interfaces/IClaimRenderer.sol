// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClaimCore, ClaimState} from "../types/Claim.sol";

/// @title IClaimRenderer
/// @notice Renders a claim's ERC-721 metadata on chain (JSON with terms and state, and an SVG card). A separate
/// contract so that the claim contract stays under the code size limit.
interface IClaimRenderer {
    /// @notice The caller lacks the registry's access role the action needs.
    /// @param caller The account that called.
    /// @param role The registry access role it needs (OPERATOR_ROLE).
    error RendererMissingAccessRole(address caller, bytes32 role);
    /// @notice The guarantee escrow set is not a contract.
    /// @param escrow The address given.
    error RendererEscrowNotContract(address escrow);

    /// @notice The operator pointed the renderer at the guarantee escrow whose guarantees the metadata shows.
    /// @param escrow The escrow now read, or zero for none.
    event GuaranteeEscrowSet(address indexed escrow);

    /// @notice Points the renderer at the guarantee escrow (the zero address shows no guarantees). Operator only.
    /// @param escrow A contract implementing {IGuaranteeEscrow}, or zero.
    function setGuaranteeEscrow(address escrow) external;

    /// @notice The guarantee escrow the metadata reads, or the zero address.
    function guaranteeEscrow() external view returns (address);

    /// @notice The `data:application/json;base64,` URI of a claim's metadata.
    /// @param claimId The claim's token id.
    /// @param c The claim as stored.
    /// @param externalURI The optional metadata URI given at issue ("" if none), shown as `external_url`.
    /// @param isLocked Whether an agent holds the claim locked.
    function tokenURI(
        uint256 claimId,
        ClaimCore calldata c,
        string calldata externalURI,
        bool isLocked
    ) external view returns (string memory);

    /// @notice The English name of a lifecycle state ("Written off" for WrittenOff).
    /// @param state The state.
    function stateName(ClaimState state) external pure returns (string memory);

    /// @notice `amount` base units as a decimal with `decimals` places, trailing zeros trimmed to two places
    /// (1234500000 with 6 decimals is "1234.50"). Exact, no rounding; 0 or more than 38 decimals shows raw units.
    /// @param amount In base units of the token.
    /// @param decimals The token's decimals.
    function formatAmount(uint256 amount, uint8 decimals) external pure returns (string memory);

    /// @notice A unix timestamp as an ISO date in UTC, e.g. "2026-11-27".
    /// @param timestamp In unix seconds.
    function formatDate(uint256 timestamp) external pure returns (string memory);
}
