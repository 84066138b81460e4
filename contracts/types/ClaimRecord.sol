// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClaimState} from "./Claim.sol";

/// @notice A claim as {ReceivableClaim} stores it: its storage layout, shared with the linked library
/// {ClaimIssuance}, which writes a new record. The public {Claim} in three slots, plus the held amount's slot, written
/// only in disputes. Issue writes exactly the three. Narrower than the public types, each bound documented:
/// - timestamps are uint40 (enough until the year 36,812; each one is the block time, the block time plus a uint32
///   window, or a due date within the uint32 maximum tenor of it);
/// - the nonce is uint40 (2^40 bumps, each a transaction, cannot happen);
/// - face value and amount paid are uint96 (7.9e28 base units: 79 billion at 18 decimals); issuing refuses a larger
///   face value ({IReceivableClaim-ClaimFaceValueTooLarge}) and the amount paid never exceeds the face value;
/// - the currency is a claim-local id ({IReceivableClaim-currencyAt}), the locker an agent id;
/// - the rules version is uint24 (16.7 million versions; issue reverts past it) and the dispute count uint8
///   (255 disputes, each one opened and resolved by the arbiter, before a 256th reverts).
/// The invoice commitment and the document hash are not in the record: the double-financing index keys the claim by
/// its commitment and keeps a prefix of its document hash ({CommitmentEntry}), and {IReceivableClaim-ClaimIssued}
/// carries both in full. The state, the nonce and the lock share one slot: every transfer, payment, state change and
/// lock writes that one slot. {IReceivableClaim-claimCore} and {ClaimLens-claim} widen the record back.
struct StoredClaim {
    // slot 0: fixed at issue (16 bits free)
    address originator;
    uint40 issuedAt; // unix seconds
    uint40 dueDate; // unix seconds
    // slot 1: the slot every transfer, payment, state change and lock writes, and every step reads
    address debtor;
    ClaimState state;
    uint40 nonce; // bumps on every transfer, state change and payment (kills signed offers)
    uint8 lockerId; // the locking agent's id in the claim contract's table; 0 when unlocked
    uint16 currencyId; // the currency's id in the claim contract's table
    uint24 rulesVersion; // the market rules the claim was issued under
    // slot 2: the money, and the dispute bookkeeping (a dispute and its resolution read the money anyway)
    uint96 faceValue; // currency base units
    uint96 amountPaid; // currency base units, credited to holders
    uint40 acceptanceDeadline; // unix seconds; last second an Issued claim may be accepted
    bool issuedByDebtor; // the debtor issued it (reverse factoring): the originator confirms it
    ClaimState stateBeforeDispute; // where a dispute that is upheld or diluted returns to
    uint8 disputeCount; // disputes opened so far; keys the payments held during the current one
    // slot 3: non-zero only while Disputed or once Voided (payments held, not yet credited or reclaimed)
    uint128 heldAmount;
}

/// @notice An invoice commitment's entry in the double-financing index: the claim that used it last, and the first
/// 24 bytes of that claim's document hash (what {IReceivableClaim-acceptWithSignature} checks a relayed document
/// hash against). Claim ids fit in 64 bits (each one is an issue transaction).
struct CommitmentEntry {
    uint64 claimId;
    bytes24 documentHashPrefix;
}
