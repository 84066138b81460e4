// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title BlocklistToken
/// @notice A USDC-style 6-decimal stablecoin whose owner can blocklist accounts: any transfer from or to a
/// blocklisted account, or made by a blocklisted caller, reverts. Anyone may mint. Used to check that a holder
/// the stablecoin has frozen cannot stop the debtor from paying or anyone else from settling.
/// @dev Test token only. Blocklisted accounts may still hold and approve; they cannot send or receive.
contract BlocklistToken is ERC20, Ownable {
    /// @dev Whether each account is blocklisted.
    mapping(address account => bool blocked) private _blocklisted;

    /// @notice The owner blocklisted (`blocked` true) or released (false) `account`.
    /// @param account The account.
    /// @param blocked The new state.
    event BlocklistUpdated(address indexed account, bool blocked);

    /// @notice A transfer touched a blocklisted account.
    /// @param account The blocklisted account (sender, recipient or caller).
    error BlocklistTokenAccountBlocked(address account);

    /// @notice Deploys the token ("Blocklist USD", "BUSD"); the deployer becomes the owner.
    constructor() ERC20("Blocklist USD", "BUSD") Ownable(msg.sender) {}

    /// @notice Mints `amount` to `to`. Open to anyone.
    /// @param to Recipient.
    /// @param amount Amount in base units.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Blocklists or releases `account`. Only the owner.
    /// @param account The account.
    /// @param blocked True to blocklist, false to release.
    function setBlocklisted(address account, bool blocked) external onlyOwner {
        _blocklisted[account] = blocked;
        emit BlocklistUpdated(account, blocked);
    }

    /// @notice True if `account` is blocklisted.
    /// @param account The account.
    /// @return Whether it is blocklisted.
    function isBlocklisted(address account) external view returns (bool) {
        return _blocklisted[account];
    }

    /// @inheritdoc ERC20
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @dev Refuses any movement whose sender, recipient or caller is blocklisted.
    function _update(address from, address to, uint256 value) internal override {
        if (_blocklisted[from]) revert BlocklistTokenAccountBlocked(from);
        if (_blocklisted[to]) revert BlocklistTokenAccountBlocked(to);
        if (_blocklisted[msg.sender]) revert BlocklistTokenAccountBlocked(msg.sender);
        super._update(from, to, value);
    }
}
