// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Where a guarantee stands. See {IGuaranteeEscrow} for the transitions.
enum GuaranteeStatus {
    None, // no such guarantee
    Offered, // the guarantor escrowed the cover; the holder may activate it until the offer expires
    Withdrawn, // the guarantor took back an offer that was never activated (terminal)
    Active, // the holder paid the premium; the cover protects whoever holds the claim
    Released, // the claim was settled or voided, the cover ended, or the guarantor held the claim (terminal)
    Called // the holder of record called it after default and was paid (terminal)
}

/// @notice One guarantee: an offer of cover on one claim, fully collateralised in the claim's currency.
/// @dev As {IGuaranteeEscrow-guarantee} returns it; the escrow stores it in two slots (see docs/ARCHITECTURE.md):
/// cover and premium as uint96 (an offer above 2^96 - 1 base units is refused), and not the currency, which is the
/// claim's and is read from the claim contract.
struct Guarantee {
    address guarantor;
    uint64 offerExpiry; // last second the offer may be activated
    GuaranteeStatus status;
    uint256 claimId;
    uint128 cover; // collateral escrowed, in the claim's currency
    uint128 premium; // paid by the holder on activation
    address currency; // the claim's currency
    uint64 activatedAt; // unix seconds; 0 until Active
}

/// @notice The guarantor's subrogation on a called claim that the escrow holds in custody: later payments from the
/// debtor are split between the holder of record at the call and the guarantor, pro rata to the loss each bore.
/// @dev The escrow keeps the claim when the cover was partial (the guarantor owns a share, not the token), or when
/// the cover was full but the claim could not go straight from the holder to the guarantor at the call (either's
/// verification had lapsed); in that second case the guarantor's share is everything and it may take the claim
/// later, while the claim can still move (not once it is Settled: by then every payment has been distributed).
/// As {IGuaranteeEscrow-subrogation} returns it; the escrow stores it in three slots, without the guarantor, which is
/// the called guarantee's (see docs/ARCHITECTURE.md).
struct Subrogation {
    address holder; // the holder of record at the call
    address guarantor;
    uint128 outstandingAtCall; // what the debtor still owed at the call
    uint128 covered; // what the guarantee paid the holder at the call
    uint128 paidAtCall; // the claim's amountPaid at the call
    uint128 recovered; // debtor payments since the call, distributed so far
    uint128 guarantorRecovered; // of which the guarantor's share
    bool released; // the guarantor took the claim (full cover only): no further recoveries pass through here
}
