// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AuctionPhase, SealedAuction, SealedBid} from "../types/Auction.sol";

/// @title ISealedBidAuction
/// @notice Timed sealed-bid auctions of claims, as TReDS runs them, made sealed for a public chain: a holder opens an
/// auction with a bidding window and a reveal window; verified factors commit a hash of their bid with a deposit that
/// covers it; once bidding closes each bidder reveals its amount and salt; once reveals close the seller may accept
/// any revealed bid for a pick window. The open auction (escrowed bids anyone can read, on a market listing) stays
/// in the market; a seller chooses one or the other, since each locks the claim.
///
/// What is hidden: a bid's amount, until its bidder reveals it. What is not: who committed and the deposit, which
/// only bounds the amount from above (a bidder who deposits the whole outstanding amount, as the dApp proposes,
/// tells nothing).
///
/// Rules:
///  - the auction runs on the claim nonce it was opened at: a payment, dilution, dispute, guarantee change or
///    operator voiding makes it Void (no bid can be accepted) and anyone may close it; bids are then refunded in
///    full if it was closed before its reveal window ended;
///  - an unrevealed bid forfeits `UNREVEALED_FORFEIT_BPS` (1 %) of its deposit to the seller when the reveal window
///    ran its course without the auction being closed: a commitment is a promise to buy at its price if picked, and
///    the forfeit prices the option of walking away from it once the others' bids are revealed and compensates the
///    seller for the time its claim stayed locked; it also makes throwaway commitments that inflate the field cost
///    something. A revealed bid, and every bid of an auction closed before its reveal window ended, returns in full;
///  - the price is the winner's revealed amount, paid from its deposit; the fee (the registry's sale fee in force at
///    the sale) stays in this contract as surplus above its liabilities, on nobody's ledger, and the rest is sent to
///    the seller; {withdrawFees} sends the whole surplus ({feesAccrued}: fees and tokens sent outside any function)
///    to wherever the registry's current treasury names, so fees belong to whoever is the treasury when they are
///    collected, and a treasury the stablecoin blocks blocks no sale; the claim goes to the winner under the
///    claim contract's transfer rules (Accepted -> Financed on a first sale);
///  - refunds and forfeits are credited to a ledger and withdrawn with {withdraw}, so no bidder can block another;
///  - exact amounts: a currency that delivers less than asked (fee-on-transfer) makes a commitment revert;
///  - pausing the registry stops opening, committing and accepting; it never stops revealing, closing, reclaiming,
///    withdrawing or collecting fees, so no pause can make a bidder forfeit.
interface ISealedBidAuction {
    // ---------------------------------------------------------------- errors

    /// @notice No auction has this id.
    /// @param auctionId The id given.
    error AuctionUnknown(uint256 auctionId);
    /// @notice The caller is not the seller (the claim's holder when opening, the auction's seller after).
    /// @param caller The account that called.
    /// @param seller The holder or seller it must be.
    error AuctionNotSeller(address caller, address seller);
    /// @notice The claim is not in a state that can be sold (Accepted or Financed).
    /// @param claimId The claim.
    /// @param state Its current state, as {ClaimState} numbers it.
    error AuctionClaimNotSellable(uint256 claimId, uint8 state);
    /// @notice A bidding or reveal window is shorter or longer than the contract allows.
    /// @param window The window given, in seconds.
    /// @param minimum The shortest allowed, in seconds.
    /// @param maximum The longest allowed, in seconds.
    error AuctionWindowOutOfRange(uint256 window, uint256 minimum, uint256 maximum);
    /// @notice The auction is not in the phase the action needs.
    /// @param auctionId The auction.
    /// @param phase Its phase, as {AuctionPhase} numbers it.
    /// @param expected The phase the action needs.
    error AuctionWrongPhase(uint256 auctionId, uint8 phase, uint8 expected);
    /// @notice The auction was sold or closed already.
    /// @param auctionId The auction.
    error AuctionAlreadyEnded(uint256 auctionId);
    /// @notice The seller cannot bid in its own auction.
    /// @param account The seller.
    error AuctionSelfTrade(address account);
    /// @notice The account is not verified for the role the action needs.
    /// @param account The bidder or winner checked.
    /// @param role The role it needs, as {Role} numbers it: always Factor (2).
    error AuctionNotVerified(address account, uint8 role);
    /// @notice New business is paused in the registry.
    error AuctionPaused();
    /// @notice The commitment is zero, which the contract reads as "no bid".
    error AuctionEmptyCommitment();
    /// @notice The deposit is below 1 % of what the claim owes (at least 1) or above what it owes.
    /// @param deposit The deposit given, in base units of the claim's currency.
    /// @param minimum The least deposit accepted.
    /// @param maximum The claim's outstanding amount.
    error AuctionDepositOutOfRange(uint256 deposit, uint256 minimum, uint256 maximum);
    /// @notice The currency delivered a different amount than pulled (fee-on-transfer or rebasing).
    /// @param currency The ERC-20.
    /// @param expected What was pulled.
    /// @param received What the contract's balance grew by.
    error AuctionTransferAmountMismatch(address currency, uint256 expected, uint256 received);
    /// @notice The bidder has no commitment in this auction.
    /// @param auctionId The auction.
    /// @param bidder The bidder.
    error AuctionNoBid(uint256 auctionId, address bidder);
    /// @notice The bid was revealed already.
    /// @param auctionId The auction.
    /// @param bidder The bidder.
    error AuctionAlreadyRevealed(uint256 auctionId, address bidder);
    /// @notice The amount and salt do not hash to the bidder's commitment.
    /// @param auctionId The auction.
    /// @param bidder The bidder.
    error AuctionRevealMismatch(uint256 auctionId, address bidder);
    /// @notice The revealed amount is zero or above the bid's deposit.
    /// @param amount The amount revealed.
    /// @param deposit The bid's deposit.
    error AuctionAmountOutOfRange(uint256 amount, uint256 deposit);
    /// @notice The bid the seller accepts was not revealed.
    /// @param auctionId The auction.
    /// @param bidder The bidder named.
    error AuctionBidNotRevealed(uint256 auctionId, address bidder);
    /// @notice The bid is below the seller's minimum.
    /// @param auctionId The auction.
    /// @param price The bid's revealed amount.
    /// @param minimum The seller's `minPrice`.
    error AuctionPriceBelowMinimum(uint256 auctionId, uint256 price, uint256 minimum);
    /// @notice Nothing is credited to the account in this currency.
    /// @param account The caller.
    /// @param currency The ERC-20.
    error AuctionNothingToWithdraw(address account, address currency);
    /// @notice The address cannot receive: zero, or this contract.
    /// @param recipient The address given.
    error AuctionInvalidRecipient(address recipient);
    /// @notice Only the registry's current treasury collects fees.
    /// @param caller The account that called.
    /// @param treasury The registry's current treasury.
    error AuctionNotTreasury(address caller, address treasury);
    /// @notice The auction house holds nothing above its liabilities in this currency: no fees to collect.
    /// @param currency The ERC-20 asked for.
    error AuctionNoFeesDue(address currency);

    // ---------------------------------------------------------------- events

    /// @notice A holder opened a sealed-bid auction of a claim, locking it.
    /// @param auctionId The new auction.
    /// @param claimId The claim.
    /// @param seller The holder.
    /// @param claimNonce The claim nonce the auction runs on.
    /// @param biddingEnds The last second a bid can be committed.
    /// @param revealEnds The last second a bid can be revealed.
    event AuctionOpened(
        uint256 indexed auctionId,
        uint256 indexed claimId,
        address indexed seller,
        uint256 claimNonce,
        uint64 biddingEnds,
        uint64 revealEnds
    );
    /// @notice A factor committed a sealed bid, or replaced its commitment.
    /// @param auctionId The auction.
    /// @param bidder The factor.
    /// @param commitment The hash of its bid.
    /// @param deposit What the auction now holds for the bid.
    event BidCommitted(uint256 indexed auctionId, address indexed bidder, bytes32 commitment, uint256 deposit);
    /// @notice A factor withdrew its commitment during bidding; its deposit is credited back.
    /// @param auctionId The auction.
    /// @param bidder The factor.
    /// @param deposit The deposit credited.
    event CommitmentWithdrawn(uint256 indexed auctionId, address indexed bidder, uint256 deposit);
    /// @notice A bidder revealed its bid; the deposit above the amount is credited back.
    /// @param auctionId The auction.
    /// @param bidder The factor.
    /// @param amount The bid.
    event BidRevealed(uint256 indexed auctionId, address indexed bidder, uint256 amount);
    /// @notice The seller accepted a revealed bid: the claim went to the winner.
    /// @param auctionId The auction.
    /// @param claimId The claim.
    /// @param seller The seller.
    /// @param buyer The winner.
    /// @param price The winner's bid.
    /// @param fee The part of the price credited to the treasury.
    event AuctionSold(
        uint256 indexed auctionId,
        uint256 indexed claimId,
        address indexed seller,
        address buyer,
        uint256 price,
        uint256 fee
    );
    /// @notice The auction ended unsold: cancelled by its seller, closed as void, or closed after its pick window.
    /// @param auctionId The auction.
    /// @param closedBy Who closed it.
    event AuctionClosed(uint256 indexed auctionId, address indexed closedBy);
    /// @notice A bidder took its bid back after the auction ended.
    /// @param auctionId The auction.
    /// @param bidder The factor.
    /// @param refund What was credited to the bidder.
    /// @param forfeit What was credited to the seller (an unrevealed bid's forfeit).
    event BidReclaimed(uint256 indexed auctionId, address indexed bidder, uint256 refund, uint256 forfeit);
    /// @notice An amount was credited to an account's ledger, to withdraw.
    /// @param account Who may withdraw it.
    /// @param currency The ERC-20.
    /// @param amount The amount credited.
    event Credited(address indexed account, address indexed currency, uint256 amount);
    /// @notice An account withdrew its credit.
    /// @param account The account.
    /// @param currency The ERC-20.
    /// @param to Where it was sent.
    /// @param amount The amount sent.
    event Withdrawn(address indexed account, address indexed currency, address indexed to, uint256 amount);
    /// @notice The treasury collected the auction house's fees (its surplus above its liabilities) in `currency`.
    /// @param treasury The registry's treasury that collected them.
    /// @param currency The ERC-20 sent.
    /// @param to Where it was sent.
    /// @param amount What was sent, in base units of `currency`.
    event FeesWithdrawn(address indexed treasury, address indexed currency, address indexed to, uint256 amount);

    // ---------------------------------------------------------------- the seller

    /// @notice Opens a sealed-bid auction of a claim the caller holds and locks the claim to this contract.
    /// @dev The claim must be Accepted or Financed and not locked (a listed claim is locked by the market).
    /// @param claimId The claim.
    /// @param biddingWindow Seconds from now during which bids are committed (MIN_BIDDING_WINDOW..MAX_BIDDING_WINDOW).
    /// @param revealWindow Seconds after bidding during which bids are revealed (MIN_REVEAL_WINDOW..MAX_REVEAL_WINDOW).
    /// @return auctionId The new auction.
    function open(uint256 claimId, uint32 biddingWindow, uint32 revealWindow) external returns (uint256 auctionId);

    /// @notice The seller accepts a revealed bid during the pick window: the winner's deposit pays the price, the
    /// fee is credited to the treasury, the rest is sent to the seller and the claim goes to the winner.
    /// @param auctionId The auction, in its Picking phase (so never on a claim that changed since it opened).
    /// @param bidder The winner; it must still be a verified factor.
    /// @param minPrice The least the seller accepts, a guard against naming the wrong bidder.
    function acceptBid(uint256 auctionId, address bidder, uint256 minPrice) external;

    /// @notice Ends an auction unsold and unlocks its claim. The seller may close its auction at any time; anyone
    /// may close one that is Void (its claim changed) or whose pick window ran out. Bids are then reclaimed with
    /// {reclaimBid}.
    /// @param auctionId The auction, not sold or closed yet.
    function close(uint256 auctionId) external;

    // ---------------------------------------------------------------- the bidders

    /// @notice Commits a sealed bid, or replaces the caller's commitment, during bidding. The deposit is pulled (or
    /// the difference from the previous deposit pulled or credited back).
    /// @dev The commitment is {commitmentOf}(auctionId, bidder, amount, salt), computed off-chain: the amount must
    /// never be sent to a node before the reveal. Keep the salt: without it the bid cannot be revealed.
    /// @param auctionId The auction, in its Bidding phase.
    /// @param commitment The hash of the bid.
    /// @param deposit At least the bid's amount, at least 1 % of what the claim owes and at most all of it.
    function commitBid(uint256 auctionId, bytes32 commitment, uint128 deposit) external;

    /// @notice Withdraws the caller's commitment during bidding; the whole deposit is credited back.
    /// @param auctionId The auction, in its Bidding phase.
    function withdrawCommitment(uint256 auctionId) external;

    /// @notice Reveals the caller's bid during the reveal window; the deposit above the amount is credited back.
    /// @dev Works while the registry is paused and on a Void auction not yet closed.
    /// @param auctionId The auction.
    /// @param amount The bid, in base units of the claim's currency; positive and at most the deposit.
    /// @param salt The secret the commitment was made with.
    function revealBid(uint256 auctionId, uint128 amount, bytes32 salt) external;

    /// @notice Takes the caller's bid back once the auction is Sold or Closed (including a pick window that ran out
    /// unclosed): the refund is credited to the bidder and an unrevealed bid's forfeit to the seller.
    /// @param auctionId The auction.
    /// @return refund What was credited to the bidder.
    /// @return forfeit What was credited to the seller.
    function reclaimBid(uint256 auctionId) external returns (uint256 refund, uint256 forfeit);

    /// @notice Sends the caller everything credited to it in `currency`: refunds and forfeits.
    /// @param currency The ERC-20.
    /// @param to Where to send it (the caller chooses, so a blocked address never strands a credit).
    /// @return amount What was sent.
    function withdraw(address currency, address to) external returns (uint256 amount);

    /// @notice The registry's current treasury collects the fees: sends everything held in `currency` above the
    /// liabilities ({feesAccrued}: sale fees and tokens sent outside any function) to `to`. Deposits and credits are
    /// untouched. Never paused. Reverts with `AuctionNotTreasury` for any other caller, `AuctionInvalidRecipient` for
    /// a zero or self recipient and `AuctionNoFeesDue` when nothing is due.
    /// @param currency The ERC-20 to collect.
    /// @param to Where to send it: not zero, not this contract.
    /// @return amount What was sent, in base units of `currency`.
    function withdrawFees(address currency, address to) external returns (uint256 amount);

    // ---------------------------------------------------------------- views

    /// @notice The commitment of a bid: keccak256(abi.encode(chainId, this contract, auctionId, bidder, amount,
    /// salt)). Binding the chain, the contract, the auction and the bidder stops a commitment being copied into
    /// another auction or by another bidder. Front ends compute it locally (calling this sends the amount to a node).
    /// @param auctionId The auction.
    /// @param bidder The factor.
    /// @param amount The bid.
    /// @param salt A 32-byte secret.
    /// @return The commitment.
    function commitmentOf(
        uint256 auctionId,
        address bidder,
        uint256 amount,
        bytes32 salt
    ) external view returns (bytes32);

    /// @notice An auction's record.
    /// @param auctionId The auction.
    /// @return Its record.
    function auction(uint256 auctionId) external view returns (SealedAuction memory);

    /// @notice How many auctions were ever opened; ids run from 0 to this minus one.
    /// @return The count.
    function auctionCount() external view returns (uint256);

    /// @notice The auction a claim is in, if one is open (not sold or closed).
    /// @param claimId The claim.
    /// @return running Whether an auction of the claim is open.
    /// @return auctionId Its id (0 when none).
    function runningAuction(uint256 claimId) external view returns (bool running, uint256 auctionId);

    /// @notice Where an auction stands.
    /// @param auctionId The auction.
    /// @return Its phase; None for an unknown id.
    function phaseOf(uint256 auctionId) external view returns (AuctionPhase);

    /// @notice A bidder's bid in an auction: commitment, deposit, and amount once revealed.
    /// @param auctionId The auction.
    /// @param bidder The factor.
    /// @return The bid (all zero when none).
    function sealedBid(uint256 auctionId, address bidder) external view returns (SealedBid memory);

    /// @notice What {reclaimBid} would credit if the auction were over now.
    /// @param auctionId The auction.
    /// @param bidder The factor.
    /// @return refund To the bidder.
    /// @return forfeit To the seller.
    function reclaimable(uint256 auctionId, address bidder) external view returns (uint256 refund, uint256 forfeit);

    /// @notice What an account may withdraw in a currency.
    /// @param account The account.
    /// @param currency The ERC-20.
    /// @return The amount.
    function credited(address account, address currency) external view returns (uint256);

    /// @notice Everything this contract owes in a currency: deposits and credits. Its balance is never less.
    /// @param currency The ERC-20.
    /// @return The amount.
    function totalLiabilities(address currency) external view returns (uint256);

    /// @notice The fees the treasury can collect in `currency` now: the balance minus {totalLiabilities}.
    /// @param currency The ERC-20.
    /// @return The amount.
    function feesAccrued(address currency) external view returns (uint256);
}
