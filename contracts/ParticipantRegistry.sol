// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";

import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {AGENT_CHANGE_DELAY, MAX_COVER_SPAN, MarketRules, Role} from "./types/Roles.sol";

/// @title ParticipantRegistry
/// @notice Who may take part in the OpenFactor market, and under which rules.
/// @dev A verification for a role is valid while `block.timestamp < expiresAt`: the expiry is exclusive, so at
/// `block.timestamp == expiresAt` the account is no longer verified for that role. Suspension hides every role
/// of an account and keeps its expiries. Pausing stops nothing inside the registry itself (operators can still
/// verify, revoke, set currencies and rules while paused); the other contracts of the system read {paused}.
/// The admin role follows OpenZeppelin's AccessControlDefaultAdminRules: one holder, handed over in two steps
/// (`beginDefaultAdminTransfer`, then `acceptDefaultAdminTransfer` by the new admin once `defaultAdminDelay` has
/// passed), so a mistyped or hostile handover can be seen and cancelled before it takes effect.
contract ParticipantRegistry is IParticipantRegistry, AccessControlDefaultAdminRules {
    /// @dev One currency's allowlist state.
    struct CurrencyRecord {
        bool allowed; // new claims may be issued in it
        bool listed; // true once the currency is in `_currencies`
    }

    /// @dev One agent's trust and its pending change, in one slot.
    struct AgentRecord {
        bool trusted; // may lock, move and void the orders of claims
        uint64 changeDueAt; // unix seconds when the announced change (which flips `trusted`) may apply; 0: none
    }

    /// @inheritdoc IParticipantRegistry
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @inheritdoc IParticipantRegistry
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");
    /// @inheritdoc IParticipantRegistry
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @inheritdoc IParticipantRegistry
    uint16 public constant MAX_FEE_BPS = 100;

    /// @dev The expiry of a role is stored in 56 bits: an expiry beyond 2^56 - 1 seconds (2.28 billion years) is
    /// stored as that maximum, which no block reaches either.
    uint256 private constant _EXPIRY_BITS = 56;
    uint256 private constant _MAX_EXPIRY = (1 << _EXPIRY_BITS) - 1;
    /// @dev Hides every role of the account while set.
    uint256 private constant _SUSPENDED = 1 << (4 * _EXPIRY_BITS);
    /// @dev Set once the account is in `_accounts`.
    uint256 private constant _LISTED = _SUSPENDED << 1;

    /// @dev What the registry knows about one account, in one slot so that a verification check reads one slot: the
    /// four roles' expiries (unix seconds, exclusive, indexed by Role, `_EXPIRY_BITS` each from bit 0; 0 means never
    /// verified or revoked), then the `_SUSPENDED` and `_LISTED` flags.
    mapping(address account => uint256 record) private _participants;
    /// @dev Accounts in order of first verification; append-only.
    address[] private _accounts;

    mapping(address currency => CurrencyRecord record) private _currencyRecords;
    /// @dev Currencies in order of first allowlisting; append-only.
    address[] private _currencies;

    mapping(uint32 version => MarketRules rules) private _rules;
    /// @dev The current rules version, the pause flag and the current rules' fees and treasury share one slot: a
    /// market step learns the pause and the fee from one cold read ({tradeCheck}). The fees and the treasury are
    /// copies of `_rules[_currentRulesVersion]`'s, written together with them.
    uint32 private _currentRulesVersion;
    bool private _paused;
    uint16 private _saleFeeBps;
    uint16 private _premiumFeeBps;
    address private _treasury;

    mapping(address agent => AgentRecord record) private _agents;

    /// @param admin Receives DEFAULT_ADMIN_ROLE, OPERATOR_ROLE, ARBITER_ROLE and PAUSER_ROLE; not zero
    /// (OpenZeppelin's `AccessControlInvalidDefaultAdmin`).
    /// @param adminDelay Seconds a new admin must wait between the start of a handover and its acceptance.
    /// @param initialRules Published as rules version 1, validated as by {setMarketRules}.
    constructor(
        address admin,
        uint48 adminDelay,
        MarketRules memory initialRules
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        _grantRole(OPERATOR_ROLE, admin);
        _grantRole(ARBITER_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _publishRules(initialRules);
    }

    // ---------------------------------------------------------------- participants

    /// @inheritdoc IParticipantRegistry
    function verify(address account, Role role, uint64 expiresAt) external onlyRole(OPERATOR_ROLE) {
        _verify(account, role, expiresAt);
    }

    /// @inheritdoc IParticipantRegistry
    function verifyBatch(
        address[] calldata accounts,
        Role[] calldata roles,
        uint64[] calldata expiries
    ) external onlyRole(OPERATOR_ROLE) {
        if (accounts.length != roles.length || accounts.length != expiries.length) {
            revert RegistryLengthMismatch(accounts.length, roles.length, expiries.length);
        }
        for (uint256 i = 0; i < accounts.length; ++i) {
            _verify(accounts[i], roles[i], expiries[i]);
        }
    }

    /// @inheritdoc IParticipantRegistry
    function revoke(address account, Role role) external onlyRole(OPERATOR_ROLE) {
        uint256 record = _participants[account];
        if (_expiryOf(record, role) == 0) revert RegistryRoleNotHeld(account, role);
        _participants[account] = _withExpiry(record, role, 0);
        emit ParticipantRevoked(account, role, msg.sender);
    }

    /// @inheritdoc IParticipantRegistry
    function setSuspended(address account, bool suspended) external onlyRole(OPERATOR_ROLE) {
        uint256 record = _participants[account];
        if (_isSuspended(record) == suspended) revert RegistrySuspensionUnchanged(account, suspended);
        _participants[account] = suspended ? record | _SUSPENDED : record & ~_SUSPENDED;
        emit ParticipantSuspended(account, suspended, msg.sender);
    }

    /// @inheritdoc IParticipantRegistry
    /// @dev The expiry is exclusive: false from `block.timestamp == expiresAt` on.
    function isVerified(address account, Role role) external view returns (bool) {
        uint256 record = _participants[account];
        return !_isSuspended(record) && _expiryOf(record, role) > block.timestamp;
    }

    /// @inheritdoc IParticipantRegistry
    /// @dev The expiries are exclusive, as in {isVerified}.
    function isVerifiedAny(address account) external view returns (bool) {
        return _verifiedAny(_participants[account]);
    }

    /// @inheritdoc IParticipantRegistry
    function verifiedAnyPair(address a, address b) external view returns (bool aVerified, bool bVerified) {
        return (_verifiedAny(_participants[a]), _verifiedAny(_participants[b]));
    }

    /// @inheritdoc IParticipantRegistry
    function tradeCheck(
        address party,
        Role role
    ) external view returns (bool isPaused, bool partyVerified, uint16 saleFeeBps, uint16 premiumFeeBps) {
        uint256 record = _participants[party];
        partyVerified = !_isSuspended(record) && _expiryOf(record, role) > block.timestamp;
        return (_paused, partyVerified, _saleFeeBps, _premiumFeeBps);
    }

    /// @inheritdoc IParticipantRegistry
    /// @dev An expiry set beyond 2^56 - 1 (2.28 billion years) reads back as 2^56 - 1.
    function verification(address account, Role role) external view returns (uint64 expiresAt, bool suspended) {
        uint256 record = _participants[account];
        return (_expiryOf(record, role), _isSuspended(record));
    }

    /// @inheritdoc IParticipantRegistry
    function participantCount() external view returns (uint256) {
        return _accounts.length;
    }

    /// @inheritdoc IParticipantRegistry
    /// @dev Empty when `offset` is at or beyond the end; `limit` is clamped to the accounts left.
    function participants(uint256 offset, uint256 limit) external view returns (Participant[] memory page) {
        uint256 count = _accounts.length;
        if (offset >= count) return new Participant[](0);
        uint256 left = count - offset;
        uint256 size = limit < left ? limit : left;
        page = new Participant[](size);
        for (uint256 i = 0; i < size; ++i) {
            address account = _accounts[offset + i];
            uint256 record = _participants[account];
            uint64[4] memory expiries;
            for (uint256 r = 0; r < 4; ++r) expiries[r] = _expiryOf(record, Role(r));
            page[i] = Participant({account: account, suspended: _isSuspended(record), expiries: expiries});
        }
    }

    // ---------------------------------------------------------------- market rules

    /// @inheritdoc IParticipantRegistry
    function setCurrencyAllowed(address currency, bool allowed) external onlyRole(OPERATOR_ROLE) {
        CurrencyRecord storage record = _currencyRecords[currency];
        if (record.allowed == allowed) revert RegistryCurrencyUnchanged(currency, allowed);
        if (allowed && currency.code.length == 0) revert RegistryCurrencyNotContract(currency);
        record.allowed = allowed;
        if (!record.listed) {
            record.listed = true;
            _currencies.push(currency);
        }
        emit CurrencyAllowed(currency, allowed);
    }

    /// @inheritdoc IParticipantRegistry
    function isCurrencyAllowed(address currency) external view returns (bool) {
        return _currencyRecords[currency].allowed;
    }

    /// @inheritdoc IParticipantRegistry
    function currencies() external view returns (address[] memory list, bool[] memory allowed) {
        list = _currencies;
        allowed = new bool[](list.length);
        for (uint256 i = 0; i < list.length; ++i) {
            allowed[i] = _currencyRecords[list[i]].allowed;
        }
    }

    /// @inheritdoc IParticipantRegistry
    function setMarketRules(MarketRules calldata rules) external onlyRole(OPERATOR_ROLE) returns (uint32 version) {
        return _publishRules(rules);
    }

    /// @inheritdoc IParticipantRegistry
    function currentRulesVersion() external view returns (uint32) {
        return _currentRulesVersion;
    }

    /// @inheritdoc IParticipantRegistry
    function currentRules() external view returns (MarketRules memory) {
        return _rules[_currentRulesVersion];
    }

    /// @inheritdoc IParticipantRegistry
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IParticipantRegistry
    function rulesAt(uint32 version) external view returns (MarketRules memory) {
        if (version == 0 || version > _currentRulesVersion) revert RegistryUnknownRulesVersion(version);
        return _rules[version];
    }

    // ---------------------------------------------------------------- agents

    /// @inheritdoc IParticipantRegistry
    /// @dev "No participant verified yet" stands in for "no claim issued yet" without the registry reading the claim
    /// contract: a claim needs a verified originator and debtor, and `_accounts` only grows, so once the change starts
    /// waiting it always waits.
    function setAgent(address agent, bool trusted) external onlyRole(OPERATOR_ROLE) {
        AgentRecord storage record = _agents[agent];
        uint256 pendingAt = record.changeDueAt;
        if (record.trusted == trusted) {
            if (pendingAt == 0) revert RegistryAgentUnchanged(agent, trusted);
            record.changeDueAt = 0;
            emit AgentChangeCancelled(agent, !trusted);
            return;
        }
        if (trusted && agent.code.length == 0) revert RegistryAgentNotContract(agent);
        if (pendingAt != 0) revert RegistryAgentChangeAlreadyPending(agent, pendingAt);
        if (_accounts.length == 0) {
            record.trusted = trusted;
            emit AgentSet(agent, trusted);
        } else {
            uint64 effectiveAt = uint64(block.timestamp) + AGENT_CHANGE_DELAY;
            record.changeDueAt = effectiveAt;
            emit AgentChangeScheduled(agent, trusted, effectiveAt);
        }
    }

    /// @inheritdoc IParticipantRegistry
    function applyAgentChange(address agent) external {
        AgentRecord storage record = _agents[agent];
        uint256 effectiveAt = record.changeDueAt;
        if (effectiveAt == 0) revert RegistryAgentChangeNotPending(agent);
        if (block.timestamp < effectiveAt) revert RegistryAgentChangeNotDue(agent, effectiveAt, block.timestamp);
        bool trusted = !record.trusted;
        record.trusted = trusted;
        record.changeDueAt = 0;
        emit AgentSet(agent, trusted);
    }

    /// @inheritdoc IParticipantRegistry
    function isAgent(address account) external view returns (bool) {
        return _agents[account].trusted;
    }

    /// @inheritdoc IParticipantRegistry
    function transferPartiesAllowed(address from, address to, address caller) external view returns (bool) {
        // An agent taking a claim into its own custody (the guarantee escrow on a call) needs no verified holder, so
        // that a lapsed verification never blocks the holder's exit; a claim leaves an agent's custody only to a
        // verified participant.
        if (to == caller && _agents[to].trusted) return true;
        return (_verifiedAny(_participants[from]) || _agents[from].trusted) && _verifiedAny(_participants[to]);
    }

    /// @inheritdoc IParticipantRegistry
    function agentChangeDueAt(address agent) external view returns (uint256) {
        return _agents[agent].changeDueAt;
    }

    // ---------------------------------------------------------------- pause

    /// @inheritdoc IParticipantRegistry
    function pause() external onlyRole(PAUSER_ROLE) {
        if (_paused) revert EnforcedPause();
        _paused = true;
        emit Paused(msg.sender);
    }

    /// @inheritdoc IParticipantRegistry
    function unpause() external onlyRole(PAUSER_ROLE) {
        if (!_paused) revert ExpectedPause();
        _paused = false;
        emit Unpaused(msg.sender);
    }

    /// @inheritdoc IParticipantRegistry
    function paused() external view returns (bool) {
        return _paused;
    }

    // ---------------------------------------------------------------- access roles

    /// @inheritdoc IParticipantRegistry
    function hasRole(
        bytes32 role,
        address account
    ) public view override(IParticipantRegistry, AccessControl, IAccessControl) returns (bool) {
        return super.hasRole(role, account);
    }

    /// @inheritdoc AccessControlDefaultAdminRules
    /// @dev Also reports {IParticipantRegistry}.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IParticipantRegistry).interfaceId || super.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Sets `account`'s expiry for `role`, listing the account on its first verification.
    function _verify(address account, Role role, uint64 expiresAt) private {
        if (account == address(0)) revert RegistryZeroAddress();
        if (expiresAt <= block.timestamp) revert RegistryExpiryNotInFuture(expiresAt, block.timestamp);
        uint256 record = _withExpiry(_participants[account], role, expiresAt);
        if (record & _LISTED == 0) {
            record |= _LISTED;
            _accounts.push(account);
        }
        _participants[account] = record;
        emit ParticipantVerified(account, role, expiresAt, msg.sender);
    }

    /// @dev The expiry of `role` in a participant record.
    function _expiryOf(uint256 record, Role role) private pure returns (uint64) {
        return uint64((record >> (uint256(role) * _EXPIRY_BITS)) & _MAX_EXPIRY);
    }

    /// @dev `record` with the expiry of `role` set to `expiresAt`, capped at `_MAX_EXPIRY`.
    function _withExpiry(uint256 record, Role role, uint64 expiresAt) private pure returns (uint256) {
        uint256 shift = uint256(role) * _EXPIRY_BITS;
        uint256 stored = expiresAt > _MAX_EXPIRY ? _MAX_EXPIRY : expiresAt;
        return (record & ~(_MAX_EXPIRY << shift)) | (stored << shift);
    }

    /// @dev Whether a participant record holds an unexpired role and is not suspended.
    function _verifiedAny(uint256 record) private view returns (bool) {
        if (_isSuspended(record)) return false;
        for (uint256 i = 0; i < 4; ++i) {
            if (_expiryOf(record, Role(i)) > block.timestamp) return true;
        }
        return false;
    }

    /// @dev Whether a participant record is suspended.
    function _isSuspended(uint256 record) private pure returns (bool) {
        return record & _SUSPENDED != 0;
    }

    /// @dev Validates `rules` and publishes them as the next version.
    function _publishRules(MarketRules memory rules) private returns (uint32 version) {
        if (rules.minTenor == 0 || rules.minTenor > rules.maxTenor) {
            revert RegistryInvalidTenor(rules.minTenor, rules.maxTenor);
        }
        if (rules.acceptanceWindow == 0 || rules.defaultGrace == 0 || rules.guaranteeClaimWindow == 0) {
            revert RegistryZeroWindow();
        }
        uint256 coverSpan = uint256(rules.maxTenor) + rules.defaultGrace + rules.guaranteeClaimWindow;
        if (coverSpan > MAX_COVER_SPAN) {
            revert RegistryCoverSpanTooLong(
                rules.maxTenor,
                rules.defaultGrace,
                rules.guaranteeClaimWindow,
                MAX_COVER_SPAN
            );
        }
        if (rules.saleFeeBps > MAX_FEE_BPS) revert RegistryFeeTooHigh(rules.saleFeeBps, MAX_FEE_BPS);
        if (rules.premiumFeeBps > MAX_FEE_BPS) revert RegistryFeeTooHigh(rules.premiumFeeBps, MAX_FEE_BPS);
        bool charges = rules.saleFeeBps != 0 || rules.premiumFeeBps != 0;
        if (charges && rules.treasury == address(0)) revert RegistryZeroTreasury();
        version = _currentRulesVersion + 1;
        _currentRulesVersion = version;
        _saleFeeBps = rules.saleFeeBps;
        _premiumFeeBps = rules.premiumFeeBps;
        _treasury = rules.treasury;
        _rules[version] = rules;
        emit MarketRulesUpdated(version, rules);
    }
}
