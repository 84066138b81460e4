// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Where a sealed-bid auction stands. Derived from the clock, the auction's record and the claim: see
/// {ISealedBidAuction-phaseOf}.
enum AuctionPhase {
    None, // no such auction
    Bidding, // factors commit sealed bids (a hash and a deposit); nobody can read an amount
    Revealing, // bidding closed: each bidder reveals its amount and salt; unrevealed bids forfeit part of the deposit
    Picking, // reveals closed: the seller may accept any revealed bid
    Sold, // the seller accepted a bid; every other deposit is refundable
    Closed, // cancelled by the seller, voided by a change of the claim, or the pick window ran out unsold
    Void // the claim changed under the auction (payment, dispute, guarantee, operator) and nobody closed it yet
}

/// @notice A sealed-bid auction of one claim. Three slots.
struct SealedAuction {
    address seller; // the holder who opened it; the claim stays locked to the auction contract while it runs
    uint40 biddingEnds; // unix seconds; last second a bid can be committed
    uint40 revealEnds; // unix seconds; last second a bid can be revealed; the seller picks after it
    uint256 claimId; // the claim sold
    address currency; // the claim's currency (deposits and the price)
    uint48 claimNonce; // the claim nonce the auction runs on: any change of the claim voids it
    uint40 closedAt; // unix seconds the auction was sold or closed; 0 while it runs
    bool sold; // whether it ended in a sale
}

/// @notice A factor's sealed bid: the commitment hides the amount until it is revealed; the deposit covers it.
struct SealedBid {
    bytes32 commitment; // keccak256(abi.encode(chainId, auction contract, auctionId, bidder, amount, salt)); 0 = none
    uint128 deposit; // currency base units the auction holds for the bid (at least the amount; cut to it on reveal)
    uint128 amount; // the revealed amount; 0 until revealed
}

/// @dev The shortest and longest bidding window a seller may set, in seconds.
uint32 constant MIN_BIDDING_WINDOW = 1 hours;
/// @dev See MIN_BIDDING_WINDOW.
uint32 constant MAX_BIDDING_WINDOW = 30 days;
/// @dev The shortest and longest reveal window a seller may set, in seconds. A day at least in production terms is
/// advised (the dApp proposes one); an hour is the floor the contract enforces.
uint32 constant MIN_REVEAL_WINDOW = 1 hours;
/// @dev See MIN_REVEAL_WINDOW.
uint32 constant MAX_REVEAL_WINDOW = 7 days;
/// @dev How long after the reveal window the seller may accept a revealed bid, in seconds.
uint32 constant PICK_WINDOW = 2 days;
/// @dev The share of its deposit a bid forfeits to the seller when it is not revealed in a reveal window that ran its
/// course, in basis points: the price of walking away from a sealed commitment.
uint16 constant UNREVEALED_FORFEIT_BPS = 100;
