// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice How a claim was sold, for the provenance the dApp draws (SME -> factor -> bank).
enum SaleKind {
    Listing, // bought at the ask price of a listing
    Bid, // an escrowed bid accepted by the holder
    StandingOffer, // sold to a factor's standing rate offer
    SignedOffer // a private EIP-712 offer filled by the holder
}

/// @notice A claim offered for sale, as {IClaimMarket-listing} shows it. The claim is locked in the claim contract
/// while listed. The market stores it in one slot (prices up to 2^96 - 1, deadline up to 2^32 - 1, the low 32 bits of
/// the nonce) and does not store the seller: it is the claim's holder, whom the market's lock keeps in place.
struct Listing {
    address seller; // the claim's holder, who listed it; zero when not listed
    uint40 deadline; // unix seconds, at most 2^32 - 1; last second the listing can be bought or its bids accepted
    uint48 claimNonce; // the claim nonce the ask was priced on (set by list and updateListing); buy fills only at it.
    // The claim's whole nonce while they match; the stored low 32 bits once the claim moved on
    uint128 askPrice; // currency base units, at most 2^96 - 1; 0 = offers only (bids and signed offers, no buy)
    uint128 minBid; // currency base units, at most 2^96 - 1; the lowest escrowed bid the seller wants to see
}

/// @notice An escrowed bid: `amount` of the claim's currency sits in the market until accepted, changed or withdrawn.
/// One slot: the amount is at most what the claim owes, below its face value's bound of 2^96 - 1.
struct Bid {
    uint96 amount; // currency base units, held by the market
    uint64 expiry; // unix seconds; last second the bid can be accepted
    uint64 claimNonce; // the claim's nonce when the bid was placed; any later change of the claim kills the bid
    uint16 currencyId; // the claim's currency id in the claim contract ({IReceivableClaim-currencyAt})
}

/// @notice A factor's standing rate offer on one debtor in one currency: instant factoring.
struct StandingOffer {
    address factor; // buys, and pays from its own allowance
    uint64 expiry; // unix seconds; last second the offer can be sold to
    uint32 maxTenor; // seconds; the longest remaining time to maturity it accepts
    address debtor; // whose claims it buys
    uint32 yieldBps; // annual simple yield in basis points (1,000 = 10 % a year)
    bool active; // false once cancelled
    address currency; // the claims' currency
    uint128 exposureLimit; // currency base units of outstanding face value the factor accepts on the debtor
    uint128 exposureUsed; // outstanding face value of the claims bought through the offer and not yet released
}

/// @notice A private offer a factor signs off-chain and the holder fills (EIP-712 `Offer`).
struct SignedOffer {
    uint256 claimId;
    uint256 claimNonce; // the claim's nonce when signed: any transfer, payment or state change kills the offer
    uint256 price; // currency base units the bidder pays
    address currency; // must be the claim's currency
    uint256 deadline; // unix seconds, inclusive
    address bidder; // the signer (EOA or ERC-1271 wallet) and the buyer of record
    uint256 offerNonce; // per-bidder; cancelled one by one, or all below the bidder's minimum at once
}

/// @notice An EIP-2612 permit for the market to pull funds, tried before a pull and ignored if it fails.
struct Permit {
    uint256 value;
    uint256 deadline;
    uint8 v;
    bytes32 r;
    bytes32 s;
}
