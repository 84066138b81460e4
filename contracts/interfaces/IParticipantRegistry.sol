// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketRules, Role} from "../types/Roles.sol";

/// @title IParticipantRegistry
/// @notice Who may take part in the OpenFactor market, and under which rules.
/// @dev The platform operator verifies accounts for roles (each with its own expiry), can revoke a role or
/// suspend an account, allowlists currencies and sets the market rules. Rules are versioned: every change
/// creates a new version and claims keep the version they were issued under. A pause stops new business
/// (issuing, listing, bidding) and never stops payments, withdrawals, refunds or guarantee calls.
///
/// Access roles (OpenZeppelin AccessControlDefaultAdminRules): DEFAULT_ADMIN_ROLE has one holder, grants and revokes
/// the others, and is handed over in two steps with a delay (begin, wait, accept); OPERATOR_ROLE verifies participants,
/// sets rules, currencies and the agents; ARBITER_ROLE resolves disputes; PAUSER_ROLE pauses and unpauses.
///
/// Agents are the contracts (the market, the sealed-bid auction house, the guarantee escrow) the claim contract lets
/// lock claims, move them and void their orders: participants with a power rather than a role. A change of an agent's
/// trust waits AGENT_CHANGE_DELAY once any participant has been verified (see {setAgent}).
interface IParticipantRegistry {
    /// @notice One participant as the dApp lists it.
    struct Participant {
        address account;
        bool suspended;
        uint64[4] expiries; // indexed by Role; 0 means never verified or revoked
    }

    // ---------------------------------------------------------------- errors

    /// @notice The account is the zero address.
    error RegistryZeroAddress();
    /// @notice The verification's expiry is not in the future.
    /// @param expiresAt The expiry given, in unix seconds.
    /// @param nowTimestamp The block's timestamp.
    error RegistryExpiryNotInFuture(uint64 expiresAt, uint256 nowTimestamp);
    /// @notice The account does not hold this role, so there is nothing to revoke.
    /// @param account The account.
    /// @param role The role it was never verified for, or already lost.
    error RegistryRoleNotHeld(address account, Role role);
    /// @notice The account is already in the requested suspension state.
    /// @param account The account.
    /// @param suspended The state asked for, which it already has.
    error RegistrySuspensionUnchanged(address account, bool suspended);
    /// @notice The currency address has no contract code.
    /// @param currency The address given.
    error RegistryCurrencyNotContract(address currency);
    /// @notice The currency is already in the requested allowlist state.
    /// @param currency The ERC-20.
    /// @param allowed The state asked for, which it already has.
    error RegistryCurrencyUnchanged(address currency, bool allowed);
    /// @notice The minimum tenor is zero or greater than the maximum tenor.
    /// @param minTenor The minimum tenor given, in seconds.
    /// @param maxTenor The maximum tenor given, in seconds.
    error RegistryInvalidTenor(uint32 minTenor, uint32 maxTenor);
    /// @notice A window (acceptance, default grace, guarantee claim) is zero.
    error RegistryZeroWindow();
    /// @notice The longest tenor, the default grace and the guarantee claim window add up to more than the longest
    /// a guarantee cover may run (MAX_COVER_SPAN), which bounds how long a right can stay in flight.
    /// @param maxTenor The maximum tenor given, in seconds.
    /// @param defaultGrace The default grace given, in seconds.
    /// @param guaranteeClaimWindow The guarantee claim window given, in seconds.
    /// @param maxCoverSpan The bound on their sum, in seconds.
    error RegistryCoverSpanTooLong(
        uint32 maxTenor,
        uint32 defaultGrace,
        uint32 guaranteeClaimWindow,
        uint32 maxCoverSpan
    );
    /// @notice The sale fee or the premium fee is above the hard cap.
    /// @param feeBps The sale fee or premium fee given, in basis points.
    /// @param maxFeeBps The cap, {MAX_FEE_BPS}.
    error RegistryFeeTooHigh(uint16 feeBps, uint16 maxFeeBps);
    /// @notice The treasury is the zero address while a fee is not zero.
    error RegistryZeroTreasury();
    /// @notice No rules exist under this version number.
    /// @param version The version asked for (versions run from 1 to {currentRulesVersion}).
    error RegistryUnknownRulesVersion(uint32 version);
    /// @notice The batch arrays differ in length.
    /// @param accounts The length of `accounts`.
    /// @param roles The length of `roles`.
    /// @param expiries The length of `expiries`.
    error RegistryLengthMismatch(uint256 accounts, uint256 roles, uint256 expiries);

    /// @notice The agent already has the requested trust, and no change of it is pending.
    /// @param agent The agent.
    /// @param trusted The trust asked for, which it already has.
    error RegistryAgentUnchanged(address agent, bool trusted);
    /// @notice The agent address has no contract code.
    /// @param agent The address given.
    error RegistryAgentNotContract(address agent);
    /// @notice No change of this agent's trust is pending.
    /// @param agent The agent.
    error RegistryAgentChangeNotPending(address agent);
    /// @notice A change of this agent's trust is already pending.
    /// @param agent The agent.
    /// @param effectiveAt When the pending change may be applied, in unix seconds.
    error RegistryAgentChangeAlreadyPending(address agent, uint256 effectiveAt);
    /// @notice The pending change of this agent's trust is not due yet.
    /// @param agent The agent.
    /// @param effectiveAt When it may be applied, in unix seconds.
    /// @param nowTimestamp The block's timestamp.
    error RegistryAgentChangeNotDue(address agent, uint256 effectiveAt, uint256 nowTimestamp);

    /// @notice `pause` while already paused (the name and shape of OpenZeppelin's Pausable error).
    error EnforcedPause();

    /// @notice `unpause` while not paused (the name and shape of OpenZeppelin's Pausable error).
    error ExpectedPause();

    // ---------------------------------------------------------------- events

    /// @notice `account` was verified (or re-verified) for `role` until `expiresAt`.
    /// @param account The account.
    /// @param role The role.
    /// @param expiresAt When the verification lapses, in unix seconds (exclusive: no longer verified at that second).
    /// @param by The OPERATOR_ROLE account that verified it.
    event ParticipantVerified(address indexed account, Role indexed role, uint64 expiresAt, address indexed by);
    /// @notice `account` lost `role`.
    /// @param account The account.
    /// @param role The role it lost.
    /// @param by The OPERATOR_ROLE account that revoked it.
    event ParticipantRevoked(address indexed account, Role indexed role, address indexed by);
    /// @notice `account` was suspended (`suspended` true) or reinstated (false) for every role.
    /// @param account The account.
    /// @param suspended True if suspended, false if reinstated.
    /// @param by The OPERATOR_ROLE account that changed it.
    event ParticipantSuspended(address indexed account, bool suspended, address indexed by);
    /// @notice `currency` was added to (true) or removed from (false) the allowlist.
    /// @param currency The ERC-20.
    /// @param allowed True if added, false if removed.
    event CurrencyAllowed(address indexed currency, bool allowed);
    /// @notice New market rules took effect under `version`.
    /// @param version The new version (1 for the rules set at deployment).
    /// @param rules The rules published under it.
    event MarketRulesUpdated(uint32 indexed version, MarketRules rules);

    /// @notice The operator trusted or distrusted `agent`: the change took effect.
    /// @param agent The contract.
    /// @param trusted True if it may now lock and move claims, false if it no longer may.
    event AgentSet(address indexed agent, bool trusted);
    /// @notice The operator announced a change of `agent`'s trust, which anyone may apply from `effectiveAt` on.
    /// @param agent The contract.
    /// @param trusted The trust it will have.
    /// @param effectiveAt When the change may be applied, in unix seconds: the announcement plus AGENT_CHANGE_DELAY.
    event AgentChangeScheduled(address indexed agent, bool trusted, uint256 effectiveAt);
    /// @notice The operator withdrew the pending change of `agent`'s trust.
    /// @param agent The contract.
    /// @param trusted The trust the withdrawn change would have given it.
    event AgentChangeCancelled(address indexed agent, bool trusted);

    /// @notice The system was paused (the name and shape of OpenZeppelin's Pausable event).
    /// @param account The pauser.
    event Paused(address account);

    /// @notice The system was unpaused (the name and shape of OpenZeppelin's Pausable event).
    /// @param account The pauser.
    event Unpaused(address account);

    // ---------------------------------------------------------------- participants

    /// @notice Verifies `account` for `role` until `expiresAt` (unix seconds, exclusive). Re-verifying replaces
    /// the expiry. Emits {ParticipantVerified}. Only OPERATOR_ROLE.
    /// @param account The account; not zero.
    /// @param role The role.
    /// @param expiresAt When the verification lapses, in unix seconds (exclusive); in the future.
    function verify(address account, Role role, uint64 expiresAt) external;

    /// @notice {verify} for several (account, role, expiry) triples.
    /// @param accounts The accounts, each as in {verify}.
    /// @param roles The role for each account; as long as `accounts`.
    /// @param expiries The expiry for each account, in unix seconds; as long as `accounts`.
    function verifyBatch(address[] calldata accounts, Role[] calldata roles, uint64[] calldata expiries) external;

    /// @notice Removes `role` from `account`. Emits {ParticipantRevoked}. Only OPERATOR_ROLE.
    /// @param account The account.
    /// @param role A role it holds (its expiry is not zero, even if it has lapsed).
    function revoke(address account, Role role) external;

    /// @notice Suspends (true) or reinstates (false) `account` in all its roles, keeping its expiries.
    /// Emits {ParticipantSuspended}. Only OPERATOR_ROLE.
    /// @param account The account.
    /// @param suspended True to suspend, false to reinstate; the current state reverts.
    function setSuspended(address account, bool suspended) external;

    /// @notice True if `account` is not suspended and its verification for `role` has not expired.
    /// @param account The account.
    /// @param role The role.
    function isVerified(address account, Role role) external view returns (bool);

    /// @notice True if `account` is not suspended and holds at least one unexpired role.
    /// @param account The account.
    function isVerifiedAny(address account) external view returns (bool);

    /// @notice {isVerifiedAny} of two accounts in one call: the two parties of a claim's transfer.
    /// @param a The first account (the sender of a transfer).
    /// @param b The second account (the receiver).
    /// @return aVerified Whether `a` holds at least one unexpired role and is not suspended.
    /// @return bVerified Whether `b` does.
    function verifiedAnyPair(address a, address b) external view returns (bool aVerified, bool bVerified);

    /// @notice What a market step checks, in one call: the pause, one party's verification for one role, and the
    /// fees in force. Reads two slots: the pause slot (which also holds the current rules' fees and treasury) and the
    /// party's record.
    /// @param party The account acting (the buyer, the bidder, the holder activating a guarantee).
    /// @param role The role it acts in.
    /// @return isPaused {paused}.
    /// @return partyVerified {isVerified}(party, role).
    /// @return saleFeeBps The current rules' sale fee.
    /// @return premiumFeeBps The current rules' premium fee.
    function tradeCheck(
        address party,
        Role role
    ) external view returns (bool isPaused, bool partyVerified, uint16 saleFeeBps, uint16 premiumFeeBps);

    /// @notice Expiry of `account`'s verification for `role` (0 if none) and whether the account is suspended.
    /// @param account The account.
    /// @param role The role.
    function verification(address account, Role role) external view returns (uint64 expiresAt, bool suspended);

    /// @notice Number of accounts ever verified (revoked ones included, so pages stay stable).
    function participantCount() external view returns (uint256);

    /// @notice Up to `limit` participants starting at index `offset`, in order of first verification.
    /// @param offset Index of the first participant to return.
    /// @param limit The most participants to return.
    function participants(uint256 offset, uint256 limit) external view returns (Participant[] memory page);

    // ---------------------------------------------------------------- market rules

    /// @notice The hard cap on the sale fee and on the premium fee: 100 bps (1 %).
    function MAX_FEE_BPS() external view returns (uint16);

    /// @notice Adds or removes `currency` from the allowlist. Removing stops new claims in it only.
    /// Emits {CurrencyAllowed}. Only OPERATOR_ROLE.
    /// @param currency The ERC-20; it must have code to be added.
    /// @param allowed True to add, false to remove; the current state reverts.
    function setCurrencyAllowed(address currency, bool allowed) external;

    /// @notice True if new claims may be issued in `currency`.
    /// @param currency The ERC-20.
    function isCurrencyAllowed(address currency) external view returns (bool);

    /// @notice All currencies ever allowlisted, with their current state, for the dApp.
    function currencies() external view returns (address[] memory list, bool[] memory allowed);

    /// @notice Publishes new market rules as the next version; live claims keep theirs.
    /// Emits {MarketRulesUpdated}. Only OPERATOR_ROLE.
    /// @param rules The new rules: `0 < minTenor <= maxTenor`, every window above 0, `maxTenor + defaultGrace +
    /// guaranteeClaimWindow` at most MAX_COVER_SPAN (540 days), each fee at most {MAX_FEE_BPS}, and a treasury when
    /// a fee is charged.
    /// @return version The new version.
    function setMarketRules(MarketRules calldata rules) external returns (uint32 version);

    /// @notice The version new claims are issued under.
    function currentRulesVersion() external view returns (uint32);

    /// @notice The rules in force now.
    function currentRules() external view returns (MarketRules memory);

    /// @notice The current rules' treasury, from one slot: who may collect the fees the contracts keep.
    function treasury() external view returns (address);

    /// @notice The rules published as `version`. Reverts with {RegistryUnknownRulesVersion} if none.
    /// @param version The version.
    function rulesAt(uint32 version) external view returns (MarketRules memory);

    // ---------------------------------------------------------------- agents

    /// @notice The operator announces that a contract will be trusted (or no longer trusted) to lock and move claims.
    /// The change waits AGENT_CHANGE_DELAY (longer than any guarantee cover can run), so no agent change can defeat a
    /// right already in flight, such as a guarantee call; then anyone applies it with {applyAgentChange}. Emits
    /// {AgentChangeScheduled}. While no participant has ever been verified ({participantCount} is 0) the change takes
    /// effect at once and emits {AgentSet}: no claim can exist then (issuing needs a verified originator and debtor),
    /// so nothing can be in flight; the deployment trusts the market, the auction house and the escrow this way.
    /// Asking for the trust the agent has now withdraws a pending change instead (emits {AgentChangeCancelled}).
    /// Only OPERATOR_ROLE.
    /// @param agent The contract (it must have code to be trusted).
    /// @param trusted True to trust it, false to stop. The trust it has now withdraws the pending change, or reverts
    /// if none is pending; the other value reverts while a change is pending.
    function setAgent(address agent, bool trusted) external;

    /// @notice Applies a change announced by {setAgent} once it is due. Anyone may call. Emits {AgentSet}.
    /// @param agent The contract whose change is pending and due.
    function applyAgentChange(address agent) external;

    /// @notice True if `account` is a trusted agent.
    /// @param account The address to check.
    function isAgent(address account) external view returns (bool);

    /// @notice The participant rule of a claim transfer, in one call (the claim contract adds the claim's state, holder
    /// and lock): true if `to` is `caller` and a trusted agent (an agent taking a claim into its own custody, whatever
    /// the holder's verification), or else if `from` is verified in some role ({isVerifiedAny}) or a trusted agent
    /// (a claim leaving an agent's custody) and `to` is verified in some role.
    /// @param from The account the claim leaves.
    /// @param to The account the claim goes to.
    /// @param caller The account making the move (the claim contract's `msg.sender`).
    function transferPartiesAllowed(address from, address to, address caller) external view returns (bool);

    /// @notice When the pending change of `agent`'s trust may be applied (unix seconds), or 0 if none is pending. A
    /// pending change always flips the agent's current trust ({isAgent}).
    /// @param agent The contract.
    function agentChangeDueAt(address agent) external view returns (uint256);

    // ---------------------------------------------------------------- pause

    /// @notice Stops new business. Only PAUSER_ROLE.
    function pause() external;

    /// @notice Resumes new business. Only PAUSER_ROLE.
    function unpause() external;

    /// @notice True while new business is stopped.
    function paused() external view returns (bool);

    // ---------------------------------------------------------------- access roles

    /// @notice Verifies participants, sets rules, currencies and agents.
    function OPERATOR_ROLE() external view returns (bytes32);

    /// @notice Resolves disputes.
    function ARBITER_ROLE() external view returns (bytes32);

    /// @notice Pauses and unpauses new business.
    function PAUSER_ROLE() external view returns (bytes32);

    /// @notice AccessControl's check, exposed for the other contracts of the system.
    /// @param role The access role.
    /// @param account The account.
    function hasRole(bytes32 role, address account) external view returns (bool);
}
