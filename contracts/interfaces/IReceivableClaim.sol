// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClaimCore, ClaimSale, ClaimState, ClaimTerms, DisputeOutcome} from "../types/Claim.sol";
import {Role} from "../types/Roles.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IERC5192} from "./IERC5192.sol";

/// @title IReceivableClaim
/// @notice An invoice receivable as an ERC-721 token: issued by the originator and confirmed by the debtor (or, in
/// reverse factoring, issued by the debtor and confirmed by the originator), sold and resold in the market, paid at
/// maturity to whoever holds it then.
/// @dev Lifecycle (see docs/lifecycle.md): a claim binds once both parties confirmed it.
///  Issued -> Accepted | Rejected | Expired | Cancelled;  Accepted -> Financed (first sale);
///  Accepted | Financed -> Overdue -> Defaulted -> WrittenOff;  any payable state -> Settled when fully paid;
///  Accepted | Financed | Overdue -> Disputed -> back (Upheld, Diluted) | Voided.
/// Payments are credited to the holder of record at that moment in a pull ledger ({withdraw}), so a holder that
/// cannot receive tokens never blocks the debtor. Every transfer, state change and payment bumps the claim's
/// nonce, which the market's signed offers commit to. Claims move only between verified participants (or into and
/// out of a trusted agent's custody, see {ClaimLens-canTransfer}), never while Issued, Disputed or in a terminal state other
/// than WrittenOff, and never while locked by an agent.
/// Agents (the market, the sealed-bid auction house, the guarantee escrow), trusted by the operator in the registry
/// ({IParticipantRegistry-isAgent}), lock claims and move them during a sale or a subrogation, so holders never leave
/// a standing approval behind.
interface IReceivableClaim is IERC721, IERC5192 {
    // ---------------------------------------------------------------- errors

    /// @notice No claim has this id.
    /// @param claimId The id asked for.
    error ClaimNotFound(uint256 claimId);
    /// @notice No currency has this id in the claim contract's table.
    /// @param currencyId The id asked for.
    error ClaimUnknownCurrencyId(uint16 currencyId);
    /// @notice The claim is in a state that does not allow this call.
    /// @param claimId The claim.
    /// @param state Its current state.
    error ClaimWrongState(uint256 claimId, ClaimState state);
    /// @notice `account` is not verified for `role` (or is suspended).
    /// @param account The account checked (the originator or the debtor of the claim).
    /// @param role The role it needs.
    error ClaimParticipantNotVerified(address account, Role role);
    /// @notice The caller is not the party this call requires (`expected`).
    /// @param claimId The claim (0 when issuing, before the claim exists).
    /// @param caller The account that called.
    /// @param expected The account the call requires: the originator, the debtor or the holder.
    error ClaimUnauthorized(uint256 claimId, address caller, address expected);
    /// @notice The caller may not dispute: only the debtor or the holder may.
    /// @param claimId The claim.
    /// @param caller The account that called.
    error ClaimNotDisputant(uint256 claimId, address caller);
    /// @notice The claim is past its default grace, so it is in default and may no longer be disputed.
    /// @param claimId The claim.
    /// @param disputableUntil Its due date plus the default grace of its rules, in unix seconds: the last second a
    /// dispute was possible.
    /// @param nowTimestamp The block's timestamp.
    error ClaimDisputeTooLate(uint256 claimId, uint256 disputableUntil, uint256 nowTimestamp);
    /// @notice The caller lacks the registry access role `role`.
    /// @param caller The account that called.
    /// @param role The registry access role it needs (ARBITER_ROLE or OPERATOR_ROLE).
    error ClaimMissingAccessRole(address caller, bytes32 role);
    /// @notice The caller is not a trusted agent.
    /// @param caller The account that called.
    error ClaimNotAgent(address caller);
    /// @notice New business is paused in the registry: no claim is issued and the market trades none (ClaimMarket
    /// reverts with this declaration too).
    error ClaimMarketPaused();
    /// @notice Every id the claim contract's table of `item`'s kind can hold is taken: 65,535 currencies or 255
    /// agents have been used already, so this new currency cannot be issued in, or this new agent cannot lock.
    /// @param item The currency or the agent that would have needed a new id.
    /// @param maxId The table's largest id: type(uint16).max for currencies, type(uint8).max for agents.
    error ClaimIdTableFull(address item, uint256 maxId);
    /// @notice The currency is not on the registry's allowlist.
    /// @param currency The ERC-20 named in the terms.
    error ClaimCurrencyNotAllowed(address currency);
    /// @notice The face value is zero.
    error ClaimZeroFaceValue();
    /// @notice The face value is above what a claim stores: amounts are kept in 96 bits (7.9e28 base units, 79
    /// billion at 18 decimals).
    /// @param faceValue The face value given, in base units of the currency.
    /// @param maxFaceValue The largest face value a claim takes: type(uint96).max.
    error ClaimFaceValueTooLarge(uint256 faceValue, uint256 maxFaceValue);
    /// @notice The invoice commitment is zero.
    error ClaimZeroCommitment();
    /// @notice An address argument is zero.
    error ClaimZeroAddress();
    /// @notice Money cannot be sent to the claim contract itself: it would sit there owned by nobody.
    /// @param to The recipient given: the claim contract's own address.
    error ClaimInvalidRecipient(address to);
    /// @notice The originator and the debtor are the same account.
    /// @param account The account named as both originator and debtor.
    error ClaimOriginatorIsDebtor(address account);
    /// @notice The due date is not in the future.
    /// @param dueDate The due date given, in unix seconds.
    /// @param nowTimestamp The block's timestamp.
    error ClaimDueDateNotInFuture(uint64 dueDate, uint256 nowTimestamp);
    /// @notice The tenor (due date minus now) is outside the market rules.
    /// @param tenor Seconds from now to the due date.
    /// @param minTenor The current rules' shortest tenor, in seconds (inclusive).
    /// @param maxTenor The current rules' longest tenor, in seconds (inclusive).
    error ClaimTenorOutOfRange(uint256 tenor, uint32 minTenor, uint32 maxTenor);
    /// @notice A live claim already uses this invoice commitment: double financing refused.
    /// @param invoiceCommitment The commitment given.
    /// @param claimId The live claim that uses it.
    error ClaimCommitmentInUse(bytes32 invoiceCommitment, uint256 claimId);
    /// @notice The invoice commitment and document hash given are not the ones the claim was issued with (see
    /// {ClaimIssued}).
    /// @param claimId The claim.
    /// @param invoiceCommitment The commitment given.
    /// @param documentHash The document hash given.
    error ClaimInvoiceHashesMismatch(uint256 claimId, bytes32 invoiceCommitment, bytes32 documentHash);
    /// @notice The signed acceptance's deadline has passed.
    /// @param deadline The last second the signature was valid, in unix seconds.
    /// @param nowTimestamp The block's timestamp.
    error ClaimSignatureExpired(uint256 deadline, uint256 nowTimestamp);
    /// @notice The signature is not the debtor's (EOA) or the debtor contract refused it (ERC-1271).
    /// @param debtor The debtor whose signature was expected.
    error ClaimInvalidSignature(address debtor);
    /// @notice The acceptance window of an Issued claim has closed.
    /// @param claimId The claim.
    /// @param acceptanceDeadline The last second it could be accepted, in unix seconds.
    /// @param nowTimestamp The block's timestamp.
    error ClaimAcceptanceWindowClosed(uint256 claimId, uint64 acceptanceDeadline, uint256 nowTimestamp);
    /// @notice The acceptance window of an Issued claim is still open, so it cannot expire yet.
    /// @param claimId The claim.
    /// @param acceptanceDeadline The last second it may be accepted, in unix seconds; it may expire from the next
    /// second.
    /// @param nowTimestamp The block's timestamp.
    error ClaimAcceptanceWindowOpen(uint256 claimId, uint64 acceptanceDeadline, uint256 nowTimestamp);
    /// @notice A payment of zero.
    /// @param claimId The claim.
    error ClaimZeroAmount(uint256 claimId);
    /// @notice The payment is larger than what is outstanding.
    /// @param claimId The claim.
    /// @param amount The payment, in base units of the claim's currency.
    /// @param outstanding What may still be paid: face value minus amount paid minus payments held.
    error ClaimOverpayment(uint256 claimId, uint256 amount, uint256 outstanding);
    /// @notice The currency moved a different amount than asked (fee-on-transfer or rebasing token).
    /// @param currency The ERC-20 pulled.
    /// @param expected The amount asked for, in its base units.
    /// @param received What the contract's balance actually grew by (0 if it shrank).
    error ClaimTransferAmountMismatch(address currency, uint256 expected, uint256 received);
    /// @notice payInFull was given no claim.
    error ClaimEmptyBatch();
    /// @notice payInFull's claims are not all in the currency of its first claim: one total cannot span currencies.
    /// @param claimId The claim in another currency.
    /// @param currency Its currency.
    /// @param batchCurrency The currency of the batch's first claim.
    error ClaimBatchCurrencyMismatch(uint256 claimId, address currency, address batchCurrency);
    /// @notice payInFull would pull more than the payer allowed: the claims owe more than when the payer looked.
    /// @param total What the claims still owe together, in base units of their currency.
    /// @param maxTotal The most the payer allowed.
    error ClaimPaymentAboveMaximum(uint256 total, uint256 maxTotal);
    /// @notice The claim was issued by its debtor: only its originator's {accept} binds it, not a debtor's signature.
    /// @param claimId The Issued claim.
    /// @param originator Its originator, the party that must accept it.
    error ClaimIssuedByDebtor(uint256 claimId, address originator);
    /// @notice The claim is not past its due date yet.
    /// @param claimId The claim.
    /// @param dueDate Its due date, in unix seconds; it may be declared Overdue from the next second.
    /// @param nowTimestamp The block's timestamp.
    error ClaimNotYetOverdue(uint256 claimId, uint64 dueDate, uint256 nowTimestamp);
    /// @notice The claim is not past its due date plus the default grace yet.
    /// @param claimId The claim.
    /// @param defaultableAfter Its due date plus the default grace of its rules, in unix seconds; it may be declared
    /// Defaulted from the next second.
    /// @param nowTimestamp The block's timestamp.
    error ClaimNotYetDefaultable(uint256 claimId, uint256 defaultableAfter, uint256 nowTimestamp);
    /// @notice The face value given to resolve a dispute does not fit the outcome.
    /// @param claimId The claim.
    /// @param newFaceValue The face value given, in base units of the claim's currency.
    /// @param faceValue The claim's face value now.
    /// @param paidAndHeld What was paid plus what is held: the least a diluted face value may be.
    error ClaimDisputeFaceValueInvalid(uint256 claimId, uint256 newFaceValue, uint256 faceValue, uint256 paidAndHeld);
    /// @notice Nothing is owed to the caller in this currency.
    /// @param account The account that called.
    /// @param currency The ERC-20 asked for.
    error ClaimNothingToWithdraw(address account, address currency);
    /// @notice The caller has no held payment to reclaim on this claim.
    /// @param claimId The voided claim.
    /// @param payer The account that called.
    error ClaimNothingHeld(uint256 claimId, address payer);
    /// @notice The transfer breaks the transfer rules (see {ClaimLens-canTransfer}).
    /// @param claimId The claim.
    /// @param from Its holder.
    /// @param to The account it would go to.
    error ClaimTransferNotAllowed(uint256 claimId, address from, address to);
    /// @notice The claim is locked by `locker`.
    /// @param claimId The claim.
    /// @param locker The agent holding the lock.
    error ClaimIsLocked(uint256 claimId, address locker);
    /// @notice The claim is not locked by the caller.
    /// @param claimId The claim.
    /// @param caller The account that called.
    error ClaimNotLockedByCaller(uint256 claimId, address caller);

    // ---------------------------------------------------------------- events

    /// @notice A claim was issued: Issued, waiting for the other party's acceptance, or Accepted when the originator
    /// issued it with the debtor's signature.
    /// @param claimId The new claim's id (ids start at 1).
    /// @param originator Whose invoice it is; the first holder.
    /// @param debtor Who owes the face value.
    /// @param currency The ERC-20 it is paid in.
    /// @param faceValue What the debtor owes, in base units of `currency`.
    /// @param dueDate When it is due, in unix seconds.
    /// @param invoiceCommitment The hash identifying the invoice, now in use until the claim ends unaccepted.
    /// @param documentHash The hash of the invoice file. The claim record keeps neither hash: this event is where
    /// readers take them from ({acceptWithSignature} needs both).
    /// @param rulesVersion The registry's market rules version the claim keeps.
    event ClaimIssued(
        uint256 indexed claimId,
        address indexed originator,
        address indexed debtor,
        address currency,
        uint256 faceValue,
        uint64 dueDate,
        bytes32 invoiceCommitment,
        bytes32 documentHash,
        uint32 rulesVersion
    );
    /// @notice The claim moved from state `from` to state `to`.
    /// @param claimId The claim.
    /// @param from Its state before (None at issue).
    /// @param to Its state now.
    event ClaimStateChanged(uint256 indexed claimId, ClaimState from, ClaimState to);
    /// @notice The claim binds: both parties confirmed it. The party asked to confirm accepted it (the debtor, or
    /// the originator for a claim the debtor issued); `relayer` submitted it.
    /// @param claimId The claim.
    /// @param debtor Its debtor.
    /// @param relayer The account that sent the transaction: the debtor, the originator (a claim issued with the
    /// debtor's signature, or one the debtor issued), or anyone relaying the debtor's signature.
    event ClaimAccepted(uint256 indexed claimId, address indexed debtor, address indexed relayer);
    /// @notice `amount` was paid by `payer` and credited to `payee`, the holder of record.
    /// @param claimId The claim.
    /// @param payer The account the money was pulled from.
    /// @param payee The holder at the time, credited in the pull ledger ({withdraw}).
    /// @param amount The payment, in base units of the claim's currency.
    /// @param amountPaid The claim's total paid so far, this payment included.
    event PaymentReceived(
        uint256 indexed claimId,
        address indexed payer,
        address indexed payee,
        uint256 amount,
        uint256 amountPaid
    );
    /// @notice `amount` was paid by `payer` while the claim is Disputed and is held until the dispute ends.
    /// @param claimId The disputed claim.
    /// @param payer The account the money was pulled from, which may reclaim it if the claim is voided.
    /// @param amount The payment, in base units of the claim's currency.
    event PaymentHeld(uint256 indexed claimId, address indexed payer, uint256 amount);
    /// @notice A dispute ended with the claim standing: the `amount` held during it was credited to `payee`.
    /// @param claimId The claim.
    /// @param payee The holder at the dispute's end, credited in the pull ledger.
    /// @param amount Everything held during the dispute, in base units of the claim's currency.
    /// @param amountPaid The claim's total paid so far, the released amount included.
    event HeldPaymentsReleased(uint256 indexed claimId, address indexed payee, uint256 amount, uint256 amountPaid);
    /// @notice A payment held during a dispute went back to its payer after the claim was voided.
    /// @param claimId The voided claim.
    /// @param payer The account that paid during the dispute and took it back.
    /// @param to Where the money was sent.
    /// @param amount What was sent, in base units of the claim's currency.
    event HeldPaymentReclaimed(uint256 indexed claimId, address indexed payer, address to, uint256 amount);
    /// @notice The debtor or the holder opened a dispute with evidence identified by `evidenceHash`.
    /// @param claimId The claim, now Disputed.
    /// @param by The debtor or the holder.
    /// @param evidenceHash Hash of the evidence, kept off chain; not checked by the contract.
    event ClaimDisputed(uint256 indexed claimId, address indexed by, bytes32 evidenceHash);
    /// @notice The arbiter resolved the dispute.
    /// @param claimId The claim.
    /// @param outcome Upheld, Diluted or Voided.
    /// @param oldFaceValue The face value before, in base units of the claim's currency.
    /// @param newFaceValue The face value now (lower only when Diluted).
    /// @param arbiter The ARBITER_ROLE account that resolved it.
    event ClaimDisputeResolved(
        uint256 indexed claimId,
        DisputeOutcome outcome,
        uint256 oldFaceValue,
        uint256 newFaceValue,
        address indexed arbiter
    );
    /// @notice The holder recorded the unpaid amount as a loss.
    /// @param claimId The claim, now WrittenOff.
    /// @param holder The holder that wrote it off.
    /// @param loss Face value minus amount paid, in base units of the claim's currency.
    event ClaimWrittenOff(uint256 indexed claimId, address indexed holder, uint256 loss);
    /// @notice `account` withdrew `amount` of `currency` to `to`.
    /// @param account The account whose credit was paid out.
    /// @param currency The ERC-20 sent.
    /// @param to Where it was sent.
    /// @param amount What was sent, in base units of `currency`.
    event Withdrawn(address indexed account, address indexed currency, address indexed to, uint256 amount);
    /// @notice `debtor` invalidated every acceptance signature signed under a lower counter.
    /// @param debtor The debtor.
    /// @param newCounter Its counter now; signatures under a lower one no longer verify.
    event AcceptanceCounterIncremented(address indexed debtor, uint256 newCounter);
    /// @notice An agent changed what the claim is worth without moving it (a guarantee activated, released or
    /// called): the claim's nonce moved, so every order priced before the change is void.
    /// @param claimId The claim.
    /// @param agent The agent that reported the change.
    /// @param nonce The claim's nonce now.
    event ClaimOrdersVoided(uint256 indexed claimId, address indexed agent, uint256 nonce);

    // ---------------------------------------------------------------- issuing and accepting

    /// @notice Issues a claim on the caller's invoice, owned by the caller, in state Issued. The debtor has the
    /// acceptance window of the current rules to accept it.
    /// @dev Requires: caller is `terms.originator` and a verified originator; debtor verified; currency
    /// allowlisted; face value non-zero and at most type(uint96).max ({ClaimFaceValueTooLarge}); commitment
    /// non-zero; tenor (due date minus now) within the rules; the commitment unused but by claims that ended
    /// unaccepted; not paused.
    /// @param terms The invoice's terms; `terms.originator` must be the caller.
    /// @param metadataURI An optional off-chain metadata URI ("" for none), shown as the token's `external_url`.
    /// @return claimId The new claim's id.
    function issue(ClaimTerms calldata terms, string calldata metadataURI) external returns (uint256 claimId);

    /// @notice Issues a claim already Accepted, carrying the debtor's EIP-712 `ClaimAcceptance` signature
    /// (EOA or ERC-1271) over every term and the metadata URI's hash, valid until `deadline` (inclusive).
    /// @param terms The invoice's terms; `terms.originator` must be the caller.
    /// @param metadataURI An optional off-chain metadata URI ("" for none); the signature covers its keccak256.
    /// @param deadline The last second the signature is valid, in unix seconds.
    /// @param debtorSignature The debtor's signature over the EIP-712 digest of the acceptance (ClaimLens's
    /// `acceptanceDigest` computes it): ECDSA for an account with no code, or whatever its ERC-1271
    /// `isValidSignature` accepts.
    /// @return claimId The new claim's id.
    function issueAccepted(
        ClaimTerms calldata terms,
        string calldata metadataURI,
        uint256 deadline,
        bytes calldata debtorSignature
    ) external returns (uint256 claimId);

    /// @notice Reverse factoring: the debtor issues a claim on an invoice it owes, owned by the originator named in
    /// `terms`, who must be a verified originator. The claim is Issued, not Accepted: a claim binds once both parties
    /// confirmed it, so the originator accepts it ({accept}) or rejects it ({reject}) within the acceptance window of
    /// the current rules, the debtor may {cancel} it until then, and it expires after the window ({expire}). Until
    /// the originator accepts, its invoice commitment is in use, and freed again if the claim ends unaccepted: a debtor
    /// cannot bind an originator to a claim, nor burn the commitment of an invoice the originator means to issue.
    /// The claim's {Claim} record says `issuedByDebtor`.
    /// @dev Requires the same as {issue}, with the caller as `terms.debtor`.
    /// @param terms The invoice's terms; `terms.debtor` must be the caller.
    /// @param metadataURI An optional off-chain metadata URI ("" for none).
    /// @return claimId The new claim's id.
    function issueByDebtor(ClaimTerms calldata terms, string calldata metadataURI) external returns (uint256 claimId);

    /// @notice The party asked to confirm an Issued claim accepts it, on or before its acceptance deadline: the debtor,
    /// or the originator for a claim the debtor issued ({issueByDebtor}).
    /// @param claimId An Issued claim whose debtor is the caller, still verified as a debtor; or, issued by its
    /// debtor, whose originator is the caller, still verified as an originator.
    function accept(uint256 claimId) external;

    /// @notice Anyone relays the debtor's EIP-712 acceptance of an Issued claim's terms.
    /// @dev The claim record does not keep the two hashes the signed terms include: the relayer passes them (from
    /// {ClaimIssued}) and the claim checks them against its commitment index ({ClaimInvoiceHashesMismatch}).
    /// @param claimId An Issued claim the originator issued ({ClaimIssuedByDebtor} for one the debtor issued: its
    /// originator accepts it); its debtor must still be verified as a debtor.
    /// @param invoiceCommitment The claim's invoice commitment, as {ClaimIssued} gave it.
    /// @param documentHash The claim's document hash, as {ClaimIssued} gave it.
    /// @param deadline The last second the signature is valid, in unix seconds.
    /// @param debtorSignature The debtor's signature over the EIP-712 digest of the claim's terms and metadata URI,
    /// under its current counter (ClaimLens's `acceptanceDigest`; ECDSA or ERC-1271).
    function acceptWithSignature(
        uint256 claimId,
        bytes32 invoiceCommitment,
        bytes32 documentHash,
        uint256 deadline,
        bytes calldata debtorSignature
    ) external;

    /// @notice The party asked to confirm an Issued claim refuses it; its invoice commitment is released.
    /// @param claimId An Issued claim whose debtor is the caller; or, issued by its debtor, whose originator is the
    /// caller.
    function reject(uint256 claimId) external;

    /// @notice The party that issued an Issued claim withdraws it; its invoice commitment is released.
    /// @param claimId An Issued claim whose originator is the caller; or, issued by its debtor, whose debtor is the
    /// caller.
    function cancel(uint256 claimId) external;

    /// @notice Anyone ends an Issued claim after its acceptance deadline; its invoice commitment is released.
    /// @param claimId An Issued claim past its acceptance deadline.
    function expire(uint256 claimId) external;

    /// @notice The caller (a debtor) invalidates all its outstanding acceptance signatures.
    function incrementAcceptanceCounter() external returns (uint256 newCounter);

    // ---------------------------------------------------------------- paying

    /// @notice Pays `amount` of the claim's currency towards it, pulled from the caller. The amount is credited
    /// to the holder of record (or held while Disputed). Fully paid -> Settled. Allowed in Accepted, Financed,
    /// Overdue, Defaulted, WrittenOff and Disputed. Overpayment reverts.
    /// @param claimId The claim to pay.
    /// @param amount In base units of the claim's currency: more than 0 and at most face value minus amount paid minus
    /// payments held. The caller must have approved the claim contract for it.
    function pay(uint256 claimId, uint256 amount) external;

    /// @notice Pays off several claims in one currency, whatever each still owes when the transaction runs, pulled
    /// from the caller in one transfer of at most `maxTotal`. Each payment is accounted as {pay} accounts it: credited
    /// to the holder of record, or held while the claim is Disputed; each claim paid off becomes Settled. A payment
    /// made by someone else in the meantime (even 1 unit, even the whole rest) lowers what is pulled instead of
    /// failing the batch, as an exact {pay} would with {ClaimOverpayment}.
    /// @dev A claim that owes nothing any more is skipped, and the rest of the batch goes through: a Settled claim, a
    /// Disputed claim whose whole rest is already held, or an id listed twice. A claim that cannot be paid reverts the
    /// whole batch with the error {pay} gives: {ClaimNotFound}, or {ClaimWrongState} (Issued, Rejected, Expired,
    /// Cancelled, Voided): the payer should look before paying such a claim. All claims must be in the first
    /// claim's currency ({ClaimBatchCurrencyMismatch}): `maxTotal` is one amount in one currency.
    /// @param claimIds The claims to pay off, in order; not empty ({ClaimEmptyBatch}).
    /// @param maxTotal The most to pull in total, in base units of the claims' currency: what the payer saw owed.
    /// More owed reverts with {ClaimPaymentAboveMaximum}. The caller must have approved the claim contract for it.
    /// @return total What was pulled: the sum of what the claims still owed, 0 if they owed nothing.
    function payInFull(uint256[] calldata claimIds, uint256 maxTotal) external returns (uint256 total);

    /// @notice Withdraws everything owed to the caller in `currency` to `to`. Never paused.
    /// @param currency The ERC-20 to withdraw.
    /// @param to Where to send it: not zero, not the claim contract.
    /// @return amount What was sent, in base units of `currency`.
    function withdraw(address currency, address to) external returns (uint256 amount);

    /// @notice After a claim is Voided, a payer takes back what it paid during the dispute.
    /// @param claimId A Voided claim the caller paid during its last dispute.
    /// @param to Where to send the money: not zero, not the claim contract.
    /// @return amount What was sent, in base units of the claim's currency.
    function reclaimHeldPayment(uint256 claimId, address to) external returns (uint256 amount);

    // ---------------------------------------------------------------- time, disputes, losses

    /// @notice Anyone moves an unpaid claim along the clock: Accepted/Financed -> Overdue once
    /// `block.timestamp > dueDate`; Overdue -> Defaulted once `block.timestamp > dueDate + defaultGrace` (the
    /// claim's rules). Goes as far as time allows in one call and returns the new state.
    /// @param claimId An Accepted, Financed or Overdue claim.
    /// @return state Its state after the call (Overdue or Defaulted).
    function poke(uint256 claimId) external returns (ClaimState state);

    /// @notice The debtor or the holder disputes an Accepted, Financed or Overdue claim, until
    /// `dueDate + defaultGrace` (the claim's rules) inclusive. Past that second the claim is in default whether or
    /// not anyone declared it, and a dispute would freeze the holder's guarantee call (a Disputed claim cannot be
    /// called) while the guarantee's window runs out, so it reverts with {ClaimDisputeTooLate}.
    /// @param claimId The claim.
    /// @param evidenceHash Hash of the evidence, kept off chain; recorded in {ClaimDisputed}, not checked.
    function dispute(uint256 claimId, bytes32 evidenceHash) external;

    /// @notice The arbiter ends a dispute. Upheld and Voided take `newFaceValue` equal to the face value;
    /// Diluted takes a lower one, no lower than what was paid and held.
    /// @param claimId A Disputed claim.
    /// @param outcome Upheld (restores the state it had), Diluted (the same, with a lower face value) or Voided (ends
    /// it; payments held go back to their payers through {reclaimHeldPayment}).
    /// @param newFaceValue In base units of the claim's currency: the face value for Upheld and Voided; for Diluted,
    /// below it, not zero, and at least what was paid and held. A claim left fully paid (held payments released)
    /// becomes Settled.
    function resolve(uint256 claimId, DisputeOutcome outcome, uint128 newFaceValue) external;

    /// @notice The holder records a Defaulted claim's outstanding amount as a loss. Late payments still reach
    /// the holder.
    /// @param claimId A Defaulted claim held by the caller.
    function writeOff(uint256 claimId) external;

    // ---------------------------------------------------------------- agents

    /// @notice An agent locks a claim (for a listing, say); only that agent can then move or unlock it.
    /// @param claimId An existing claim no agent has locked.
    function lock(uint256 claimId) external;

    /// @notice The agent that locked a claim unlocks it.
    /// @param claimId A claim locked by the caller; or, by its holder, one locked by an agent no longer trusted.
    function unlock(uint256 claimId) external;

    /// @notice An agent moves a claim to `to` (a sale, a subrogation), without the holder's approval, under the
    /// transfer rules; a lock held by the caller is released. Moving an Accepted claim makes it Financed.
    /// @param claimId The claim; unlocked, or locked by the caller.
    /// @param to The new holder.
    function agentTransfer(uint256 claimId, address to) external;

    /// @notice An agent reports a change of what the claim is worth that moves neither the claim nor its state (a
    /// guarantee activated, released or called): the claim's nonce moves, which voids every listing, escrowed bid and
    /// signed offer priced before it, as a payment or a transfer does.
    /// @param claimId An existing claim.
    function voidOrders(uint256 claimId) external;

    // ---------------------------------------------------------------- views

    /// @notice The claim without its held amount and issuer flag ({claimExtras}): the claim record's three packed
    /// slots and its currency's entry. The market and the guarantee escrow read this on a step that needs dates; the
    /// whole {Claim}, its outstanding amount and its nonce are read through the claim lens ({ClaimLens-claim}).
    /// Reverts with {ClaimNotFound} for unknown ids.
    /// @param claimId The claim.
    function claimCore(uint256 claimId) external view returns (ClaimCore memory);

    /// @notice What a market or escrow step reads of a claim, in one call: its core, its holder and its locker.
    /// @param claimId The claim; reverts with {ClaimNotFound} if none.
    /// @return core {claimCore}.
    /// @return holder The ERC-721 owner.
    /// @return locker {lockedBy}: the agent holding the claim's lock, or zero.
    function claimForTrade(
        uint256 claimId
    ) external view returns (ClaimCore memory core, address holder, address locker);

    /// @notice What a sale reads of a claim, in one call and two storage slots of its record: its state, nonce,
    /// debtor, currency (and the currency's id), amounts, holder and locker. The same values as {claimForTrade} for
    /// the fields it has.
    /// @param claimId The claim; reverts with {ClaimNotFound} if none.
    function claimForSale(uint256 claimId) external view returns (ClaimSale memory);

    /// @notice The currency with id `currencyId` in the claim contract's table (ids are assigned to allowlisted
    /// currencies on their first claim and never change), as {claimForSale} reports it.
    /// @param currencyId The id; reverts with {ClaimUnknownCurrencyId} if no currency has it.
    /// @return currency The token's address.
    function currencyAt(uint16 currencyId) external view returns (address currency);

    /// @notice The two fields of a claim its core leaves out. Reverts with {ClaimNotFound} for unknown ids.
    /// @param claimId The claim.
    /// @return heldAmount Payments made while Disputed and not yet credited or reclaimed, in base units.
    /// @return issuedByDebtor Whether the debtor issued the claim (reverse factoring): the originator confirms it.
    function claimExtras(uint256 claimId) external view returns (uint128 heldAmount, bool issuedByDebtor);

    /// @notice The agent holding the claim locked, or zero.
    /// @param claimId The claim.
    function lockedBy(uint256 claimId) external view returns (address);

    /// @notice What `account` can withdraw in `currency`.
    /// @param account The payee.
    /// @param currency The ERC-20.
    function owed(address account, address currency) external view returns (uint256);

    /// @notice What the contract owes in `currency` in total: withdrawable credits plus held payments.
    /// @param currency The ERC-20.
    function totalLiabilities(address currency) external view returns (uint256);

    /// @notice What `payer` paid on `claimId` while it was Disputed and is still held.
    /// @param claimId The claim; 0 unless it is Disputed or Voided (payments of its last dispute).
    /// @param payer The account that paid.
    function heldPaymentOf(uint256 claimId, address payer) external view returns (uint256);

    /// @notice The claim using `invoiceCommitment` (0 if none): live, or ended otherwise than unaccepted. A claim
    /// that was rejected, cancelled or expired freed its commitment (0).
    /// @param invoiceCommitment The hash identifying the invoice.
    function claimByCommitment(bytes32 invoiceCommitment) external view returns (uint256);

    /// @notice Number of claims ever issued (ids run from 1 to this).
    function claimCount() external view returns (uint256);

    /// @notice The debtor's acceptance counter, part of every acceptance signature.
    /// @param debtor The debtor.
    function acceptanceCounter(address debtor) external view returns (uint256);

    /// @notice The registry this claim contract trusts for participants, rules and access roles.
    function registry() external view returns (address);

    /// @notice The contract that renders {tokenURI}'s JSON and SVG.
    function renderer() external view returns (address);
}
