// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Claim, ClaimState, ClaimTerms, DisputeOutcome} from "../types/Claim.sol";
import {Role} from "../types/Roles.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IERC5192} from "./IERC5192.sol";

/// @title IReceivableClaim
/// @notice An invoice receivable as an ERC-721 token: issued by the originator, confirmed by the debtor, sold
/// and resold in the market, paid at maturity to whoever holds it then.
/// @dev Lifecycle (see docs/lifecycle.md):
///  Issued -> Accepted | Rejected | Expired | Cancelled;  Accepted -> Financed (first sale);
///  Accepted | Financed -> Overdue -> Defaulted -> WrittenOff;  any payable state -> Settled when fully paid;
///  Accepted | Financed | Overdue -> Disputed -> back (Upheld, Diluted) | Voided.
/// Payments are credited to the holder of record at that moment in a pull ledger ({withdraw}), so a holder that
/// cannot receive tokens never blocks the debtor. Every transfer, state change and payment bumps the claim's
/// nonce, which the market's signed offers commit to. Claims move only between verified participants (or into and
/// out of a trusted agent's custody, see {canTransfer}), never while Issued, Disputed or in a terminal state other
/// than WrittenOff, and never while locked by an agent.
/// Agents (the market, the guarantee escrow), trusted by the operator, lock claims and move them during a sale
/// or a subrogation, so holders never leave a standing approval behind.
interface IReceivableClaim is IERC721, IERC5192 {
    // ---------------------------------------------------------------- errors

    /// @notice No claim has this id.
    error ClaimNotFound(uint256 claimId);
    /// @notice The claim is in a state that does not allow this call.
    error ClaimWrongState(uint256 claimId, ClaimState state);
    /// @notice `account` is not verified for `role` (or is suspended).
    error ClaimParticipantNotVerified(address account, Role role);
    /// @notice The caller is not the party this call requires (`expected`).
    error ClaimUnauthorized(uint256 claimId, address caller, address expected);
    /// @notice The caller may not dispute: only the debtor or the holder may.
    error ClaimNotDisputant(uint256 claimId, address caller);
    /// @notice The caller lacks the registry access role `role`.
    error ClaimMissingAccessRole(address caller, bytes32 role);
    /// @notice The caller is not a trusted agent.
    error ClaimNotAgent(address caller);
    /// @notice New business is paused in the registry.
    error ClaimMarketPaused();
    /// @notice The currency is not on the registry's allowlist.
    error ClaimCurrencyNotAllowed(address currency);
    /// @notice The face value is zero.
    error ClaimZeroFaceValue();
    /// @notice The invoice commitment is zero.
    error ClaimZeroCommitment();
    /// @notice An address argument is zero.
    error ClaimZeroAddress();
    /// @notice Money cannot be sent to the claim contract itself: it would sit there owned by nobody.
    error ClaimInvalidRecipient(address to);
    /// @notice The originator and the debtor are the same account.
    error ClaimOriginatorIsDebtor(address account);
    /// @notice The due date is not in the future.
    error ClaimDueDateNotInFuture(uint64 dueDate, uint256 nowTimestamp);
    /// @notice The tenor (due date minus now) is outside the market rules.
    error ClaimTenorOutOfRange(uint256 tenor, uint32 minTenor, uint32 maxTenor);
    /// @notice A live claim already uses this invoice commitment: double financing refused.
    error ClaimCommitmentInUse(bytes32 invoiceCommitment, uint256 claimId);
    /// @notice The signed acceptance's deadline has passed.
    error ClaimSignatureExpired(uint256 deadline, uint256 nowTimestamp);
    /// @notice The signature is not the debtor's (EOA) or the debtor contract refused it (ERC-1271).
    error ClaimInvalidSignature(address debtor);
    /// @notice The acceptance window of an Issued claim has closed.
    error ClaimAcceptanceWindowClosed(uint256 claimId, uint64 acceptanceDeadline, uint256 nowTimestamp);
    /// @notice The acceptance window of an Issued claim is still open, so it cannot expire yet.
    error ClaimAcceptanceWindowOpen(uint256 claimId, uint64 acceptanceDeadline, uint256 nowTimestamp);
    /// @notice A payment of zero.
    error ClaimZeroAmount(uint256 claimId);
    /// @notice The payment is larger than what is outstanding.
    error ClaimOverpayment(uint256 claimId, uint256 amount, uint256 outstanding);
    /// @notice The currency moved a different amount than asked (fee-on-transfer or rebasing token).
    error ClaimTransferAmountMismatch(address currency, uint256 expected, uint256 received);
    /// @notice payMany's arrays differ in length, or are empty.
    error ClaimLengthMismatch(uint256 claimIds, uint256 amounts);
    /// @notice The claim is not past its due date yet.
    error ClaimNotYetOverdue(uint256 claimId, uint64 dueDate, uint256 nowTimestamp);
    /// @notice The claim is not past its due date plus the default grace yet.
    error ClaimNotYetDefaultable(uint256 claimId, uint256 defaultableAfter, uint256 nowTimestamp);
    /// @notice The face value given to resolve a dispute does not fit the outcome.
    error ClaimDisputeFaceValueInvalid(uint256 claimId, uint256 newFaceValue, uint256 faceValue, uint256 paidAndHeld);
    /// @notice Nothing is owed to the caller in this currency.
    error ClaimNothingToWithdraw(address account, address currency);
    /// @notice The caller has no held payment to reclaim on this claim.
    error ClaimNothingHeld(uint256 claimId, address payer);
    /// @notice The transfer breaks the transfer rules (see {canTransfer}).
    error ClaimTransferNotAllowed(uint256 claimId, address from, address to);
    /// @notice The claim is locked by `locker`.
    error ClaimIsLocked(uint256 claimId, address locker);
    /// @notice The claim is not locked by the caller.
    error ClaimNotLockedByCaller(uint256 claimId, address caller);
    /// @notice The agent already has the requested trust.
    error ClaimAgentUnchanged(address agent, bool trusted);
    /// @notice The agent address has no contract code.
    error ClaimAgentNotContract(address agent);

    // ---------------------------------------------------------------- events

    /// @notice A claim was issued (state Issued, or Accepted when the debtor signed or issued it).
    event ClaimIssued(
        uint256 indexed claimId,
        address indexed originator,
        address indexed debtor,
        address currency,
        uint256 faceValue,
        uint64 dueDate,
        bytes32 invoiceCommitment,
        uint32 rulesVersion
    );
    /// @notice The claim moved from state `from` to state `to`.
    event ClaimStateChanged(uint256 indexed claimId, ClaimState from, ClaimState to);
    /// @notice The debtor accepted the claim; `relayer` submitted it (the debtor itself unless signed).
    event ClaimAccepted(uint256 indexed claimId, address indexed debtor, address indexed relayer);
    /// @notice `amount` was paid by `payer` and credited to `payee`, the holder of record.
    event PaymentReceived(
        uint256 indexed claimId,
        address indexed payer,
        address indexed payee,
        uint256 amount,
        uint256 amountPaid
    );
    /// @notice `amount` was paid by `payer` while the claim is Disputed and is held until the dispute ends.
    event PaymentHeld(uint256 indexed claimId, address indexed payer, uint256 amount);
    /// @notice A dispute ended with the claim standing: the `amount` held during it was credited to `payee`.
    event HeldPaymentsReleased(uint256 indexed claimId, address indexed payee, uint256 amount, uint256 amountPaid);
    /// @notice A payment held during a dispute went back to its payer after the claim was voided.
    event HeldPaymentReclaimed(uint256 indexed claimId, address indexed payer, address to, uint256 amount);
    /// @notice The debtor or the holder opened a dispute with evidence identified by `evidenceHash`.
    event ClaimDisputed(uint256 indexed claimId, address indexed by, bytes32 evidenceHash);
    /// @notice The arbiter resolved the dispute.
    event ClaimDisputeResolved(
        uint256 indexed claimId,
        DisputeOutcome outcome,
        uint256 oldFaceValue,
        uint256 newFaceValue,
        address indexed arbiter
    );
    /// @notice The holder recorded the unpaid amount as a loss.
    event ClaimWrittenOff(uint256 indexed claimId, address indexed holder, uint256 loss);
    /// @notice `account` withdrew `amount` of `currency` to `to`.
    event Withdrawn(address indexed account, address indexed currency, address indexed to, uint256 amount);
    /// @notice `debtor` invalidated every acceptance signature signed under a lower counter.
    event AcceptanceCounterIncremented(address indexed debtor, uint256 newCounter);
    /// @notice The operator trusted or distrusted `agent`.
    event AgentSet(address indexed agent, bool trusted);

    // ---------------------------------------------------------------- issuing and accepting

    /// @notice Issues a claim on the caller's invoice, owned by the caller, in state Issued. The debtor has the
    /// acceptance window of the current rules to accept it.
    /// @dev Requires: caller is `terms.originator` and a verified originator; debtor verified; currency
    /// allowlisted; face value and commitment non-zero; tenor (due date minus now) within the rules; the
    /// commitment unused by a live claim; not paused.
    function issue(ClaimTerms calldata terms, string calldata metadataURI) external returns (uint256 claimId);

    /// @notice Issues a claim already Accepted, carrying the debtor's EIP-712 `ClaimAcceptance` signature
    /// (EOA or ERC-1271) over every term and the metadata URI's hash, valid until `deadline` (inclusive).
    function issueAccepted(
        ClaimTerms calldata terms,
        string calldata metadataURI,
        uint256 deadline,
        bytes calldata debtorSignature
    ) external returns (uint256 claimId);

    /// @notice Reverse factoring: the debtor issues an Accepted claim on an invoice it owes, owned by the
    /// originator named in `terms`, who must be a verified originator.
    function issueByDebtor(ClaimTerms calldata terms, string calldata metadataURI) external returns (uint256 claimId);

    /// @notice The debtor accepts an Issued claim, on or before its acceptance deadline.
    function accept(uint256 claimId) external;

    /// @notice Anyone relays the debtor's EIP-712 acceptance of an Issued claim's terms.
    function acceptWithSignature(uint256 claimId, uint256 deadline, bytes calldata debtorSignature) external;

    /// @notice The debtor refuses an Issued claim; its invoice commitment is released.
    function reject(uint256 claimId) external;

    /// @notice The originator withdraws an Issued claim; its invoice commitment is released.
    function cancel(uint256 claimId) external;

    /// @notice Anyone ends an Issued claim after its acceptance deadline; its invoice commitment is released.
    function expire(uint256 claimId) external;

    /// @notice The caller (a debtor) invalidates all its outstanding acceptance signatures.
    function incrementAcceptanceCounter() external returns (uint256 newCounter);

    // ---------------------------------------------------------------- paying

    /// @notice Pays `amount` of the claim's currency towards it, pulled from the caller. The amount is credited
    /// to the holder of record (or held while Disputed). Fully paid -> Settled. Allowed in Accepted, Financed,
    /// Overdue, Defaulted, WrittenOff and Disputed. Overpayment reverts.
    function pay(uint256 claimId, uint256 amount) external;

    /// @notice {pay} for several claims in one transaction; all or nothing.
    function payMany(uint256[] calldata claimIds, uint256[] calldata amounts) external;

    /// @notice Withdraws everything owed to the caller in `currency` to `to`. Never paused.
    function withdraw(address currency, address to) external returns (uint256 amount);

    /// @notice After a claim is Voided, a payer takes back what it paid during the dispute.
    function reclaimHeldPayment(uint256 claimId, address to) external returns (uint256 amount);

    // ---------------------------------------------------------------- time, disputes, losses

    /// @notice Anyone moves an unpaid claim along the clock: Accepted/Financed -> Overdue once
    /// `block.timestamp > dueDate`; Overdue -> Defaulted once `block.timestamp > dueDate + defaultGrace` (the
    /// claim's rules). Goes as far as time allows in one call and returns the new state.
    function poke(uint256 claimId) external returns (ClaimState state);

    /// @notice The debtor or the holder disputes an Accepted, Financed or Overdue claim.
    function dispute(uint256 claimId, bytes32 evidenceHash) external;

    /// @notice The arbiter ends a dispute. Upheld and Voided take `newFaceValue` equal to the face value;
    /// Diluted takes a lower one, no lower than what was paid and held.
    function resolve(uint256 claimId, DisputeOutcome outcome, uint128 newFaceValue) external;

    /// @notice The holder records a Defaulted claim's outstanding amount as a loss. Late payments still reach
    /// the holder.
    function writeOff(uint256 claimId) external;

    // ---------------------------------------------------------------- agents

    /// @notice The operator trusts (or stops trusting) a contract to lock and move claims. Only OPERATOR_ROLE.
    function setAgent(address agent, bool trusted) external;

    /// @notice True if `account` is a trusted agent.
    function isAgent(address account) external view returns (bool);

    /// @notice An agent locks a claim (for a listing, say); only that agent can then move or unlock it.
    function lock(uint256 claimId) external;

    /// @notice The agent that locked a claim unlocks it.
    function unlock(uint256 claimId) external;

    /// @notice An agent moves a claim to `to` (a sale, a subrogation), without the holder's approval, under the
    /// transfer rules; a lock held by the caller is released. Moving an Accepted claim makes it Financed.
    function agentTransfer(uint256 claimId, address to) external;

    // ---------------------------------------------------------------- views

    /// @notice The claim as stored. Reverts with {ClaimNotFound} for unknown ids.
    function claim(uint256 claimId) external view returns (Claim memory);

    /// @notice Face value minus amount paid (held payments not deducted); zero once the claim is Voided.
    function outstanding(uint256 claimId) external view returns (uint256);

    /// @notice The claim's nonce: it changes on every transfer, state change and payment.
    function claimNonce(uint256 claimId) external view returns (uint256);

    /// @notice Where a claim may go: true if it exists, is in a transferable state, is not locked, and both
    /// `from` and `to` are verified participants. Two exceptions for trusted agents: an agent may take a claim into
    /// its own custody (`to` is the agent calling, as the guarantee escrow does on a call), and a claim in an
    /// agent's custody may leave it to a verified participant. Answers as if the caller of this view made the move.
    function canTransfer(address from, address to, uint256 claimId) external view returns (bool);

    /// @notice The agent holding the claim locked, or zero.
    function lockedBy(uint256 claimId) external view returns (address);

    /// @notice What `account` can withdraw in `currency`.
    function owed(address account, address currency) external view returns (uint256);

    /// @notice What the contract owes in `currency` in total: withdrawable credits plus held payments.
    function totalLiabilities(address currency) external view returns (uint256);

    /// @notice What `payer` paid on `claimId` while it was Disputed and is still held.
    function heldPaymentOf(uint256 claimId, address payer) external view returns (uint256);

    /// @notice The live claim using `invoiceCommitment` (0 if none).
    function claimByCommitment(bytes32 invoiceCommitment) external view returns (uint256);

    /// @notice Number of claims ever issued (ids run from 1 to this).
    function claimCount() external view returns (uint256);

    /// @notice Claim ids held by `holder`, paginated. `total` is the full count.
    function claimsOfHolder(
        address holder,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 total);

    /// @notice Claim ids owed by `debtor`, in issue order, paginated.
    function claimsOfDebtor(
        address debtor,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 total);

    /// @notice Claim ids issued on `originator`'s invoices, in issue order, paginated.
    function claimsOfOriginator(
        address originator,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 total);

    /// @notice The debtor's acceptance counter, part of every acceptance signature.
    function acceptanceCounter(address debtor) external view returns (uint256);

    /// @notice The EIP-712 digest a debtor signs to accept `terms` with `metadataURI` until `deadline`, under its
    /// current counter.
    function acceptanceDigest(
        ClaimTerms calldata terms,
        string calldata metadataURI,
        uint256 deadline
    ) external view returns (bytes32);

    /// @notice The registry this claim contract trusts for participants, rules and access roles.
    function registry() external view returns (address);

    /// @notice The contract that renders {tokenURI}'s JSON and SVG.
    function renderer() external view returns (address);
}
