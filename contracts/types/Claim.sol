// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Lifecycle states of a receivable claim. See docs/lifecycle.md for the transition table.
enum ClaimState {
    None, // no such claim
    Issued, // issued by one party, waiting for the other to accept it (the debtor, or the originator if the debtor did)
    Accepted, // the debtor confirmed the terms; may be sold
    Financed, // sold at least once; resales stay here
    Overdue, // past the due date and not fully paid
    Defaulted, // past the due date plus the default grace and not fully paid
    Disputed, // frozen: no transfers, no sales; payments are held
    Settled, // paid in full (terminal)
    Rejected, // refused by the party asked to confirm it (terminal)
    Expired, // not accepted within the acceptance window (terminal)
    Cancelled, // withdrawn by the party that issued it before acceptance (terminal)
    Voided, // annulled by the arbiter after a dispute (terminal)
    WrittenOff // loss recorded by the holder after default; late payments still reach the holder
}

/// @notice How the arbiter ends a dispute.
enum DisputeOutcome {
    Upheld, // the claim stands as it was
    Diluted, // the claim stands with a lower face value (a credit note, a partial return)
    Voided // the claim is annulled
}

/// @notice How an account stands to a claim, for the claim lens's scanning view {ClaimLens-claimsOf}.
enum Party {
    Holder, // holds the claim now
    Debtor, // owes it
    Originator // issued it
}

/// @notice The terms an originator proposes and a debtor accepts. Fixed once accepted.
struct ClaimTerms {
    address originator; // the SME that sold the goods and receives the first payout
    address debtor; // the buyer who owes the face value
    address currency; // allowlisted ERC-20 stablecoin
    uint128 faceValue; // in the currency's base units; at most type(uint96).max (the claim stores it in 96 bits)
    uint64 dueDate; // unix seconds; paying at this second is on time
    bytes32 invoiceCommitment; // hash identifying the invoice without revealing it (see docs)
    bytes32 documentHash; // hash of the invoice file; the file itself never goes on chain
}

/// @notice A claim as {ClaimLens-claim} returns it. The claim contract stores the same values packed tighter
/// (uint40 timestamps and nonce, uint96 amounts, ids for the currency; see docs/ARCHITECTURE.md, "storage layout of a
/// claim"). The invoice commitment and the document hash are not stored in the record: {IReceivableClaim-ClaimIssued}
/// carries them, and {IReceivableClaim-claimByCommitment} finds the claim from its commitment. A claim becomes
/// defaultable after its due date plus its rules' default grace; its state says whether anyone declared it.
struct Claim {
    address originator;
    uint64 issuedAt; // unix seconds
    uint32 rulesVersion; // the market rules the claim was issued under
    address debtor;
    uint64 dueDate; // unix seconds
    ClaimState state;
    ClaimState stateBeforeDispute; // where a dispute that is upheld or diluted returns to
    uint16 disputeCount; // disputes opened so far (at most 255); keys the payments held during the current one
    address currency;
    uint64 acceptanceDeadline; // unix seconds; last second an Issued claim may be accepted
    uint128 faceValue; // currency base units
    uint128 amountPaid; // currency base units, credited to holders
    uint128 heldAmount; // currency base units paid while Disputed, not yet credited
    uint64 nonce; // bumps on every transfer, state change and payment (kills signed offers)
    bool issuedByDebtor; // the debtor issued it (reverse factoring): the originator confirms it, not the debtor
}

/// @notice A claim without its held amount and its issuer flag, as {IReceivableClaim-claimCore} returns it: every
/// field the market and the guarantee escrow read on a sale, a bid or a guarantee step. It is the claim record's three
/// packed slots and its currency's entry, so reading it costs four storage reads where {ClaimLens-claim} costs
/// five.
struct ClaimCore {
    address originator;
    uint64 issuedAt; // unix seconds
    uint64 dueDate; // unix seconds
    address debtor;
    ClaimState state;
    ClaimState stateBeforeDispute; // where a dispute that is upheld or diluted returns to
    uint64 nonce; // bumps on every transfer, state change and payment (kills signed offers)
    uint32 rulesVersion; // the market rules the claim was issued under
    address currency;
    uint64 acceptanceDeadline; // unix seconds; last second an Issued claim may be accepted
    uint16 disputeCount; // disputes opened so far (at most 255)
    uint128 faceValue; // currency base units
    uint128 amountPaid; // currency base units, credited to holders
}

/// @notice What a sale reads of a claim ({IReceivableClaim-claimForSale}): no dates, so two storage slots of the
/// record instead of three.
struct ClaimSale {
    address holder; // the ERC-721 owner
    address locker; // the agent holding the claim's lock, or zero
    address debtor;
    address currency;
    ClaimState state;
    uint16 currencyId; // the currency's id in the claim contract's table ({IReceivableClaim-currencyAt})
    uint64 nonce; // bumps on every transfer, state change and payment (kills signed offers)
    uint128 faceValue; // currency base units
    uint128 amountPaid; // currency base units
}
