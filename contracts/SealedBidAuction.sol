// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {IReceivableClaim} from "./interfaces/IReceivableClaim.sol";
import {ISealedBidAuction} from "./interfaces/ISealedBidAuction.sol";
import {PullLedger} from "./libraries/PullLedger.sol";
import {Pricing} from "./libraries/Pricing.sol";
import {AuctionPhase, SealedAuction, SealedBid} from "./types/Auction.sol";
import {MAX_BIDDING_WINDOW, MAX_REVEAL_WINDOW, MIN_BIDDING_WINDOW, MIN_REVEAL_WINDOW} from "./types/Auction.sol";
import {PICK_WINDOW, UNREVEALED_FORFEIT_BPS} from "./types/Auction.sol";
import {ClaimCore, ClaimState} from "./types/Claim.sol";
import {Role} from "./types/Roles.sol";

/// @title SealedBidAuction
/// @notice Timed sealed-bid auctions of receivable claims: factors commit hidden bids with a deposit, reveal them
/// once bidding closes, and the seller picks one. Bids stay unreadable until their bidder reveals them.
/// @dev Interface-first: every external function is specified in {ISealedBidAuction}.
contract SealedBidAuction is ISealedBidAuction, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using PullLedger for PullLedger.Book;

    IReceivableClaim private immutable _claims;
    IParticipantRegistry private immutable _registry;

    SealedAuction[] private _auctions;
    mapping(uint256 claimId => uint256 auctionIdPlusOne) private _running;
    mapping(uint256 auctionId => mapping(address bidder => SealedBid sealedBid)) private _bids;

    PullLedger.Book private _ledger;

    constructor(address claims_) {
        if (claims_ == address(0)) revert AuctionInvalidRecipient(claims_);
        _claims = IReceivableClaim(claims_);
        _registry = IParticipantRegistry(IReceivableClaim(claims_).registry());
    }

    // ================================================================ the seller

    /// @inheritdoc ISealedBidAuction
    function open(
        uint256 claimId,
        uint32 biddingWindow,
        uint32 revealWindow
    ) external nonReentrant returns (uint256 auctionId) {
        if (_registry.paused()) revert AuctionPaused();
        (ClaimCore memory c, address holder, ) = _claims.claimForTrade(claimId);
        if (c.state != ClaimState.Accepted && c.state != ClaimState.Financed) {
            revert AuctionClaimNotSellable(claimId, uint8(c.state));
        }
        if (holder != msg.sender) revert AuctionNotSeller(msg.sender, holder);
        if (biddingWindow < MIN_BIDDING_WINDOW || biddingWindow > MAX_BIDDING_WINDOW) {
            revert AuctionWindowOutOfRange(biddingWindow, MIN_BIDDING_WINDOW, MAX_BIDDING_WINDOW);
        }
        if (revealWindow < MIN_REVEAL_WINDOW || revealWindow > MAX_REVEAL_WINDOW) {
            revert AuctionWindowOutOfRange(revealWindow, MIN_REVEAL_WINDOW, MAX_REVEAL_WINDOW);
        }
        uint256 biddingEnds = block.timestamp + biddingWindow;
        uint256 revealEnds = biddingEnds + revealWindow;
        auctionId = _auctions.length;
        _auctions.push(
            SealedAuction({
                seller: msg.sender,
                biddingEnds: uint40(biddingEnds),
                revealEnds: uint40(revealEnds),
                claimId: claimId,
                currency: c.currency,
                claimNonce: uint48(c.nonce),
                closedAt: 0,
                sold: false
            })
        );
        _running[claimId] = auctionId + 1;
        // Reverts ClaimIsLocked while the claim is listed on the market or auctioned already.
        _claims.lock(claimId);
        emit AuctionOpened(auctionId, claimId, msg.sender, c.nonce, uint64(biddingEnds), uint64(revealEnds));
    }

    /// @inheritdoc ISealedBidAuction
    function acceptBid(uint256 auctionId, address bidder, uint256 minPrice) external nonReentrant {
        // One registry call: the pause, the winner's verification and the fee in force.
        (bool isPaused, bool bidderVerified, uint16 saleFeeBps, ) = _registry.tradeCheck(bidder, Role.Factor);
        if (isPaused) revert AuctionPaused();
        SealedAuction storage a = _auctionOf(auctionId);
        address seller = a.seller;
        if (msg.sender != seller) revert AuctionNotSeller(msg.sender, seller);
        {
            AuctionPhase phase = _phase(a);
            if (phase != AuctionPhase.Picking)
                revert AuctionWrongPhase(auctionId, uint8(phase), uint8(AuctionPhase.Picking));
        }
        uint256 price = _bids[auctionId][bidder].amount;
        if (price == 0) revert AuctionBidNotRevealed(auctionId, bidder);
        if (price < minPrice) revert AuctionPriceBelowMinimum(auctionId, price, minPrice);
        if (!bidderVerified) revert AuctionNotVerified(bidder, uint8(Role.Factor));
        uint256 claimId = a.claimId;
        address currency = a.currency;

        // Effects: the winner's deposit (cut to its amount at reveal) becomes the price; the auction ends sold.
        delete _bids[auctionId][bidder];
        _ledger.removeLiability(currency, price);
        a.closedAt = uint40(block.timestamp);
        a.sold = true;
        delete _running[claimId];

        // The fee stays here as surplus above the liabilities, on nobody's ledger, for the treasury to collect.
        (uint256 fee, uint256 net) = Pricing.splitFee(price, saleFeeBps);
        // Unlocks the claim, moves it to the winner (Accepted -> Financed on a first sale), under the claim's
        // transfer rules.
        _claims.agentTransfer(claimId, bidder);
        IERC20(currency).safeTransfer(seller, net);
        emit AuctionSold(auctionId, claimId, seller, bidder, price, fee);
    }

    /// @inheritdoc ISealedBidAuction
    function close(uint256 auctionId) external nonReentrant {
        SealedAuction storage a = _auctionOf(auctionId);
        if (a.closedAt != 0) revert AuctionAlreadyEnded(auctionId);
        AuctionPhase phase = _phase(a);
        // The seller may end its auction at any time; anyone may end one that can no longer sell (void) or whose
        // pick window ran out, so that no claim stays locked by an auction nobody runs.
        if (msg.sender != a.seller && phase != AuctionPhase.Void && phase != AuctionPhase.Closed) {
            revert AuctionNotSeller(msg.sender, a.seller);
        }
        uint256 claimId = a.claimId;
        a.closedAt = uint40(block.timestamp);
        // A stale auction (its claim unlocked as an orphan, then auctioned again) must not release the newer
        // auction's lock: only the claim's running auction holds it.
        if (_running[claimId] == auctionId + 1) {
            delete _running[claimId];
            if (_claims.lockedBy(claimId) == address(this)) _claims.unlock(claimId);
        }
        emit AuctionClosed(auctionId, msg.sender);
    }

    // ================================================================ the bidders

    /// @inheritdoc ISealedBidAuction
    function commitBid(uint256 auctionId, bytes32 commitment, uint128 deposit) external nonReentrant {
        (bool isPaused, bool bidderVerified, , ) = _registry.tradeCheck(msg.sender, Role.Factor);
        if (isPaused) revert AuctionPaused();
        SealedAuction storage a = _auctionOf(auctionId);
        (AuctionPhase phase, ClaimCore memory c) = _phaseAndClaim(a);
        if (phase != AuctionPhase.Bidding)
            revert AuctionWrongPhase(auctionId, uint8(phase), uint8(AuctionPhase.Bidding));
        if (msg.sender == a.seller) revert AuctionSelfTrade(msg.sender);
        if (!bidderVerified) revert AuctionNotVerified(msg.sender, uint8(Role.Factor));
        if (commitment == bytes32(0)) revert AuctionEmptyCommitment();
        // The claim is Accepted or Financed while bidding is open: it owes its face value less what was paid.
        uint256 outstanding = c.faceValue - c.amountPaid;
        // A floor of 1 % of what the claim still owes keeps dust commitments out, as the market's bids.
        uint256 floor = outstanding / 100;
        if (floor == 0) floor = 1;
        if (deposit < floor || deposit > outstanding) revert AuctionDepositOutOfRange(deposit, floor, outstanding);

        SealedBid storage b = _bids[auctionId][msg.sender];
        uint256 previous = b.deposit;
        b.commitment = commitment;
        b.deposit = deposit;
        emit BidCommitted(auctionId, msg.sender, commitment, deposit);
        address currency = a.currency;
        if (deposit > previous) {
            uint256 more = deposit - previous;
            uint256 received = PullLedger.pullMeasured(currency, msg.sender, more);
            if (received != more) revert AuctionTransferAmountMismatch(currency, more, received);
            _ledger.addLiabilityIndexed(currency, more);
        } else if (deposit < previous) {
            // A smaller deposit on a replaced commitment: the difference is refunded to the ledger.
            _ledger.creditHeld(msg.sender, currency, previous - deposit);
            emit Credited(msg.sender, currency, previous - deposit);
        }
    }

    /// @inheritdoc ISealedBidAuction
    function withdrawCommitment(uint256 auctionId) external nonReentrant {
        SealedAuction storage a = _auctionOf(auctionId);
        AuctionPhase phase = _phase(a);
        if (phase != AuctionPhase.Bidding)
            revert AuctionWrongPhase(auctionId, uint8(phase), uint8(AuctionPhase.Bidding));
        uint256 deposit = _bidOf(auctionId, msg.sender).deposit;
        delete _bids[auctionId][msg.sender];
        _refund(msg.sender, a.currency, deposit);
        emit CommitmentWithdrawn(auctionId, msg.sender, deposit);
    }

    /// @inheritdoc ISealedBidAuction
    function revealBid(uint256 auctionId, uint128 amount, bytes32 salt) external nonReentrant {
        SealedAuction storage a = _auctionOf(auctionId);
        // Revealing moves no claim and no money out, so a pause does not stop it: a bidder never forfeits because
        // the operator paused the reveal window away. A void auction may still be revealed (or closed).
        uint256 nowTs = block.timestamp;
        if (nowTs <= a.biddingEnds || nowTs > a.revealEnds || a.closedAt != 0) {
            revert AuctionWrongPhase(auctionId, uint8(_phase(a)), uint8(AuctionPhase.Revealing));
        }
        SealedBid storage b = _bidOf(auctionId, msg.sender);
        if (b.amount != 0) revert AuctionAlreadyRevealed(auctionId, msg.sender);
        if (commitmentOf(auctionId, msg.sender, amount, salt) != b.commitment) {
            revert AuctionRevealMismatch(auctionId, msg.sender);
        }
        uint256 deposit = b.deposit;
        if (amount == 0 || amount > deposit) revert AuctionAmountOutOfRange(amount, deposit);
        b.amount = amount;
        b.deposit = amount;
        emit BidRevealed(auctionId, msg.sender, amount);
        // The deposit above the amount was only cover for the secret: it is refunded at once.
        if (deposit > amount) _refund(msg.sender, a.currency, deposit - amount);
    }

    /// @inheritdoc ISealedBidAuction
    function reclaimBid(uint256 auctionId) external nonReentrant returns (uint256 refund, uint256 forfeit) {
        SealedAuction storage a = _auctionOf(auctionId);
        AuctionPhase phase = _phase(a);
        if (phase != AuctionPhase.Sold && phase != AuctionPhase.Closed) {
            revert AuctionWrongPhase(auctionId, uint8(phase), uint8(AuctionPhase.Closed));
        }
        SealedBid memory b = _bidOf(auctionId, msg.sender);
        (refund, forfeit) = _reclaimable(a, b);
        delete _bids[auctionId][msg.sender];
        address currency = a.currency;
        _refund(msg.sender, currency, refund);
        if (forfeit != 0) {
            // Stays a liability: it moves from the bidder's deposit to the seller's ledger.
            _ledger.creditHeld(a.seller, currency, forfeit);
            emit Credited(a.seller, currency, forfeit);
        }
        emit BidReclaimed(auctionId, msg.sender, refund, forfeit);
    }

    // ================================================================ money

    /// @inheritdoc ISealedBidAuction
    function withdraw(address currency, address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0) || to == address(this)) revert AuctionInvalidRecipient(to);
        amount = _ledger.withdraw(msg.sender, currency, to);
        if (amount == 0) revert AuctionNothingToWithdraw(msg.sender, currency);
        emit Withdrawn(msg.sender, currency, to, amount);
    }

    /// @inheritdoc ISealedBidAuction
    function withdrawFees(address currency, address to) external nonReentrant returns (uint256 amount) {
        address treasury = _registry.treasury();
        if (msg.sender != treasury) revert AuctionNotTreasury(msg.sender, treasury);
        if (to == address(0) || to == address(this)) revert AuctionInvalidRecipient(to);
        amount = _ledger.surplus(currency);
        if (amount == 0) revert AuctionNoFeesDue(currency);
        IERC20(currency).safeTransfer(to, amount);
        emit FeesWithdrawn(treasury, currency, to, amount);
    }

    // ================================================================ views

    /// @inheritdoc ISealedBidAuction
    function commitmentOf(
        uint256 auctionId,
        address bidder,
        uint256 amount,
        bytes32 salt
    ) public view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), auctionId, bidder, amount, salt));
    }

    /// @inheritdoc ISealedBidAuction
    function auction(uint256 auctionId) external view returns (SealedAuction memory) {
        return _auctionOf(auctionId);
    }

    /// @inheritdoc ISealedBidAuction
    function auctionCount() external view returns (uint256) {
        return _auctions.length;
    }

    /// @inheritdoc ISealedBidAuction
    function runningAuction(uint256 claimId) external view returns (bool running, uint256 auctionId) {
        uint256 plusOne = _running[claimId];
        if (plusOne == 0) return (false, 0);
        return (true, plusOne - 1);
    }

    /// @inheritdoc ISealedBidAuction
    function phaseOf(uint256 auctionId) external view returns (AuctionPhase) {
        if (auctionId >= _auctions.length) return AuctionPhase.None;
        return _phase(_auctions[auctionId]);
    }

    /// @inheritdoc ISealedBidAuction
    function sealedBid(uint256 auctionId, address bidder) external view returns (SealedBid memory) {
        return _bids[auctionId][bidder];
    }

    /// @inheritdoc ISealedBidAuction
    function reclaimable(uint256 auctionId, address bidder) external view returns (uint256 refund, uint256 forfeit) {
        return _reclaimable(_auctionOf(auctionId), _bids[auctionId][bidder]);
    }

    /// @inheritdoc ISealedBidAuction
    function credited(address account, address currency) external view returns (uint256) {
        return _ledger.creditOf(account, currency);
    }

    /// @inheritdoc ISealedBidAuction
    function totalLiabilities(address currency) external view returns (uint256) {
        return _ledger.liabilities(currency);
    }

    /// @inheritdoc ISealedBidAuction
    function feesAccrued(address currency) external view returns (uint256) {
        return _ledger.surplus(currency);
    }

    // ================================================================ internal

    function _phase(SealedAuction storage a) private view returns (AuctionPhase phase) {
        (phase, ) = _phaseAndClaim(a);
    }

    /// @dev The auction's phase and, unless it has ended, its claim's core as read.
    function _phaseAndClaim(SealedAuction storage a) private view returns (AuctionPhase, ClaimCore memory c) {
        if (a.closedAt != 0) return (a.sold ? AuctionPhase.Sold : AuctionPhase.Closed, c);
        uint256 claimId = a.claimId;
        c = _claims.claimCore(claimId);
        bool sellable = c.state == ClaimState.Accepted || c.state == ClaimState.Financed;
        if (!sellable || c.nonce != a.claimNonce || _claims.lockedBy(claimId) != address(this)) {
            return (AuctionPhase.Void, c);
        }
        uint256 nowTs = block.timestamp;
        if (nowTs <= a.biddingEnds) return (AuctionPhase.Bidding, c);
        if (nowTs <= a.revealEnds) return (AuctionPhase.Revealing, c);
        if (nowTs <= uint256(a.revealEnds) + PICK_WINDOW) return (AuctionPhase.Picking, c);
        return (AuctionPhase.Closed, c);
    }

    /// @dev What a bid returns once its auction is over. A revealed bid returns in full. An unrevealed bid forfeits
    /// UNREVEALED_FORFEIT_BPS of its deposit to the seller when the reveal window ran its course on a live auction:
    /// it is not forfeited when the auction was closed before its reveal window ended (cancelled by the seller, or
    /// voided by a change of the claim and closed by anyone). An auction not closed yet is priced as if it closed
    /// now, so that {reclaimable} quotes a running auction truthfully.
    function _reclaimable(
        SealedAuction storage a,
        SealedBid memory b
    ) private view returns (uint256 refund, uint256 forfeit) {
        refund = b.deposit;
        uint256 closedAt = a.closedAt;
        if (closedAt == 0) closedAt = block.timestamp;
        if (b.amount == 0 && closedAt > a.revealEnds) {
            forfeit = (refund * UNREVEALED_FORFEIT_BPS) / Pricing.BPS;
            refund -= forfeit;
        }
    }

    /// @dev Never called with 0: every bid holds at least 1 unit, a reveal refunds only a positive excess, and a
    /// reclaim keeps at least 99 % of the deposit.
    function _refund(address account, address currency, uint256 amount) private {
        // The deposit was a liability already; it stays one on the account's ledger until withdrawn.
        _ledger.creditHeld(account, currency, amount);
        emit Credited(account, currency, amount);
    }

    function _auctionOf(uint256 auctionId) private view returns (SealedAuction storage) {
        if (auctionId >= _auctions.length) revert AuctionUnknown(auctionId);
        return _auctions[auctionId];
    }

    function _bidOf(uint256 auctionId, address bidder) private view returns (SealedBid storage b) {
        b = _bids[auctionId][bidder];
        if (b.commitment == bytes32(0)) revert AuctionNoBid(auctionId, bidder);
    }
}
