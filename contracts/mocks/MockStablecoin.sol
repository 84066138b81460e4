// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title MockStablecoin
/// @notice A plain stablecoin for tests and the local demo: ERC-20 with EIP-2612 permit, any number of
/// decimals (6 like USDC, 18 like DAI), a capped public faucet and an owner-only mint for seeding.
/// @dev Test and local-demo token only; never deploy it to a public network.
contract MockStablecoin is ERC20, ERC20Permit, Ownable {
    /// @notice The most one {faucet} call may mint, in whole tokens (scaled by the decimals).
    uint256 public constant FAUCET_CAP_WHOLE_TOKENS = 1_000_000;

    /// @dev Number of decimals of the token's base unit.
    uint8 private immutable _decimals;

    /// @notice A faucet call asked for more than the per-call cap.
    /// @param amount The amount asked for, in base units.
    /// @param cap The per-call cap, in base units.
    error MockStablecoinFaucetCapExceeded(uint256 amount, uint256 cap);

    /// @notice Deploys the token; the deployer becomes the owner that may {mint}.
    /// @param name_ Token name, also the EIP-712 domain name of the permit.
    /// @param symbol_ Token symbol.
    /// @param decimals_ Decimals of the base unit (6 or 18 in the tests).
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_
    ) ERC20(name_, symbol_) ERC20Permit(name_) Ownable(msg.sender) {
        _decimals = decimals_;
    }

    /// @notice Mints `amount` base units to the caller, at most {faucetCap} per call.
    /// @param amount Amount in base units.
    function faucet(uint256 amount) external {
        uint256 cap = faucetCap();
        if (amount > cap) revert MockStablecoinFaucetCapExceeded(amount, cap);
        _mint(msg.sender, amount);
    }

    /// @notice Mints `amount` base units to `to`, without a cap. Only the owner (the deployer).
    /// @param to Recipient.
    /// @param amount Amount in base units.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    /// @notice The per-call faucet cap in base units: {FAUCET_CAP_WHOLE_TOKENS} scaled by the decimals.
    /// @return The cap in base units.
    function faucetCap() public view returns (uint256) {
        return FAUCET_CAP_WHOLE_TOKENS * 10 ** _decimals;
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
