// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The business roles an operator verifies an account for. One account may hold several.
enum Role {
    Originator, // SME, supplier, exporter: issues claims on its invoices
    Debtor, // buyer, importer: accepts and pays claims
    Factor, // factoring company, bank, fund: buys and resells claims
    Guarantor // credit insurer, bank: escrows collateral against a claim's default
}

/// @notice The rules of the market, versioned: a claim keeps the version in force when it was issued.
/// @dev Packed into two storage slots.
struct MarketRules {
    uint32 minTenor; // seconds from issue to due date, inclusive lower bound
    uint32 maxTenor; // seconds from issue to due date, inclusive upper bound
    uint32 acceptanceWindow; // seconds the debtor has to accept an Issued claim
    uint32 defaultGrace; // seconds after the due date before an unpaid claim may be declared Defaulted
    uint32 guaranteeClaimWindow; // seconds after the due date + default grace during which a guarantee may be called
    uint16 saleFeeBps; // fee on each sale, in basis points of the price (at most MAX_FEE_BPS)
    uint16 premiumFeeBps; // fee on each guarantee premium, in basis points of the premium (at most MAX_FEE_BPS)
    address treasury; // receives the fees
}

/// @dev The longest a claim's guarantee cover can run, from issue: the tenor, the default grace and the guarantee claim
/// window together. The registry refuses rules whose maximum tenor, grace and claim window add up to more.
uint32 constant MAX_COVER_SPAN = 540 days;

/// @dev How long a change of the claim contract's agents waits after it is announced: longer than any cover can run,
/// so every guarantee live when a change is announced has closed its call window before the change takes effect.
uint32 constant AGENT_CHANGE_DELAY = MAX_COVER_SPAN + 1 days;
