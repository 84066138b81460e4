// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ReceivableClaim} from "../../ReceivableClaim.sol";
import {SealedBidAuction} from "../../SealedBidAuction.sol";
import {MockStablecoin} from "../../mocks/MockStablecoin.sol";
import {PICK_WINDOW, SealedAuction} from "../../types/Auction.sol";
import {ClaimTerms} from "../../types/Claim.sol";

import {Assertions} from "../utils/Assertions.t.sol";
import {vm} from "../utils/Vm.t.sol";
import {ClaimViews} from "../../libraries/ClaimViews.sol";

/// @title SealedBidAuctionHandler
/// @notice Drives {SealedBidAuction} for the invariant tests: an SME issues claims (the debtor accepts them), holders
/// open auctions, three factors commit, replace, withdraw and reveal sealed bids, sellers accept or close, anyone
/// closes what may be closed, bidders reclaim, everyone withdraws, the debtor pays single units (voiding auctions),
/// and time moves. Actions pick their inputs from the model and call; a refused call is fine (the phase rules make
/// many) but every call that goes through updates a ghost ledger the invariants compare with the contract: the
/// live deposits, every account's credit, each claim's running auction, the claim nonce each auction opened at, and
/// each sale's price. A sale at another nonce, or whose money does not add up, is recorded as a violation.
contract SealedBidAuctionHandler is Assertions {
    using Strings for uint256;

    /// @dev What the handler remembers of one bid: what its bidder keeps off-chain, and what the auction holds.
    struct BidGhost {
        bool live;
        bool revealed;
        uint128 amount;
        uint128 deposit;
        bytes32 salt;
    }

    uint256 internal constant FACTOR_COUNT = 3;
    uint256 internal constant BPS = 10_000;

    SealedBidAuction public immutable auction;
    ReceivableClaim public immutable claims;
    MockStablecoin public immutable usdc;
    address public immutable sme;
    address public immutable debtor;
    address public immutable treasury;
    uint16 public immutable saleFeeBps;
    address[FACTOR_COUNT] internal _factors;

    uint256[] internal _claimIds;
    mapping(uint256 auctionId => mapping(address bidder => BidGhost ghost)) internal _bids;
    mapping(uint256 auctionId => uint256 nonce) public openedAtNonce;
    mapping(uint256 auctionId => uint256 price) public soldPrice;
    mapping(uint256 claimId => uint256 auctionIdPlusOne) public ghostRunning;
    mapping(address account => uint256 amount) public ghostCredit;

    uint256 public ghostDeposits;
    uint256 public ghostCredits;
    /// @notice Sale fees kept by the auction house and not yet collected by the treasury (on nobody's ledger).
    uint256 public ghostFees;
    uint256 public sales;
    /// @dev How many calls of each kind went through, so that a run can be seen to reach every phase.
    uint256 public commits;
    uint256 public withdrawals;
    uint256 public reveals;
    uint256 public closes;
    uint256 public reclaims;
    uint256 public forfeits;
    uint256 public violationCount;
    string public firstViolation;
    uint256 private _saltNonce;

    constructor(
        SealedBidAuction auction_,
        ReceivableClaim claims_,
        MockStablecoin usdc_,
        address sme_,
        address debtor_,
        address[FACTOR_COUNT] memory factors_,
        address treasury_,
        uint16 saleFeeBps_
    ) {
        auction = auction_;
        claims = claims_;
        usdc = usdc_;
        sme = sme_;
        debtor = debtor_;
        _factors = factors_;
        treasury = treasury_;
        saleFeeBps = saleFeeBps_;
    }

    // ================================================================ actions

    /// @notice The SME issues a claim of 100 to 1,000,000 USDC (reverse factoring: the debtor issues, the SME accepts).
    function issue(uint256 faceSeed) external {
        uint128 face = uint128(_bound(faceSeed, 100e6, 1_000_000e6));
        ClaimTerms memory terms = ClaimTerms({
            originator: sme,
            debtor: debtor,
            currency: address(usdc),
            faceValue: face,
            dueDate: uint64(block.timestamp + 90 days),
            invoiceCommitment: keccak256(abi.encode("invoice", _claimIds.length)),
            documentHash: keccak256(abi.encode("document", _claimIds.length))
        });
        vm.prank(debtor);
        uint256 id = claims.issueByDebtor(terms, "");
        vm.prank(sme);
        claims.accept(id);
        _claimIds.push(id);
    }

    /// @notice The holder of a claim opens an auction of it.
    function open(uint256 claimSeed, uint256 biddingSeed, uint256 revealSeed) external {
        if (_claimIds.length == 0) return;
        uint256 claimId = _claimIds[claimSeed % _claimIds.length];
        address holder = claims.ownerOf(claimId);
        uint256 nonce = claims.claimCore(claimId).nonce;
        vm.prank(holder);
        try
            auction.open(
                claimId,
                uint32(_bound(biddingSeed, 1 hours, 2 days)),
                uint32(_bound(revealSeed, 1 hours, 2 days))
            )
        returns (uint256 auctionId) {
            if (ghostRunning[claimId] != 0) _violation("an auction opened on a claim in a running auction", claimId);
            openedAtNonce[auctionId] = nonce;
            ghostRunning[claimId] = auctionId + 1;
        } catch {}
    }

    /// @notice A factor commits a sealed bid (or replaces its commitment) with a deposit between the floor and what
    /// the claim owes, for an amount at most the deposit.
    function commit(uint256 auctionSeed, uint256 bidderSeed, uint256 depositSeed, uint256 amountSeed) external {
        (bool any, uint256 auctionId, SealedAuction memory a) = _pickAuction(auctionSeed);
        if (!any) return;
        _commit(auctionId, a.claimId, _factors[bidderSeed % FACTOR_COUNT], depositSeed, amountSeed);
    }

    /// @notice A factor that has a commitment replaces it (another deposit, higher or lower, and another amount).
    function recommit(uint256 auctionSeed, uint256 bidderSeed, uint256 depositSeed, uint256 amountSeed) external {
        (bool any, uint256 auctionId, SealedAuction memory a) = _pickAuction(auctionSeed);
        if (!any) return;
        for (uint256 i = 0; i < FACTOR_COUNT; ++i) {
            address bidder = _factors[(bidderSeed + i) % FACTOR_COUNT];
            if (_bids[auctionId][bidder].live) return _commit(auctionId, a.claimId, bidder, depositSeed, amountSeed);
        }
    }

    /// @notice A factor withdraws its commitment during bidding.
    function withdrawCommitment(uint256 auctionSeed, uint256 bidderSeed) external {
        (bool any, uint256 auctionId, ) = _pickAuction(auctionSeed);
        if (!any) return;
        address bidder = _factors[bidderSeed % FACTOR_COUNT];
        vm.prank(bidder);
        try auction.withdrawCommitment(auctionId) {
            BidGhost storage b = _bids[auctionId][bidder];
            if (!b.live) return _violation("withdrew a commitment the model does not know", auctionId);
            ghostDeposits -= b.deposit;
            _credit(bidder, b.deposit);
            delete _bids[auctionId][bidder];
        } catch {}
    }

    /// @notice A factor reveals its bid with the amount and salt it kept.
    function reveal(uint256 auctionSeed, uint256 bidderSeed) external {
        (bool any, uint256 auctionId, ) = _pickAuction(auctionSeed);
        if (!any) return;
        address bidder = _bidderWith(auctionId, bidderSeed, false);
        BidGhost storage b = _bids[auctionId][bidder];
        if (!b.live) return;
        vm.prank(bidder);
        try auction.revealBid(auctionId, b.amount, b.salt) {
            ++reveals;
            ghostDeposits -= b.deposit - b.amount;
            _credit(bidder, b.deposit - b.amount);
            b.deposit = b.amount;
            b.revealed = true;
        } catch {}
    }

    /// @notice The seller accepts a bid; the sale must happen at the auction's opening nonce and move the price.
    function accept(uint256 auctionSeed, uint256 bidderSeed) external {
        (bool any, uint256 auctionId, SealedAuction memory a) = _pickAuction(auctionSeed);
        if (!any) return;
        address bidder = _bidderWith(auctionId, bidderSeed, true);
        uint256 nonce = claims.claimCore(a.claimId).nonce;
        uint256 sellerBefore = usdc.balanceOf(a.seller);
        BidGhost memory b = _bids[auctionId][bidder];
        vm.prank(a.seller);
        try auction.acceptBid(auctionId, bidder, 0) {
            ++sales;
            if (nonce != openedAtNonce[auctionId]) _violation("a sale at another claim nonce", auctionId);
            if (!b.revealed) return _violation("a sale to an unrevealed bid", auctionId);
            uint256 fee = (uint256(b.amount) * saleFeeBps) / BPS;
            if (usdc.balanceOf(a.seller) - sellerBefore != b.amount - fee) _violation("the seller got another net", 0);
            if (claims.ownerOf(a.claimId) != bidder) _violation("the claim did not go to the winner", a.claimId);
            soldPrice[auctionId] = b.amount;
            ghostDeposits -= b.amount;
            ghostFees += fee;
            delete _bids[auctionId][bidder];
            ghostRunning[a.claimId] = 0;
        } catch {}
    }

    /// @notice The seller (or, by `anyone`, another actor) closes an auction.
    function close(uint256 auctionSeed, bool anyone) external {
        (bool any, uint256 auctionId, SealedAuction memory a) = _pickAuction(auctionSeed);
        if (!any) return;
        vm.prank(anyone ? debtor : a.seller);
        try auction.close(auctionId) {
            ++closes;
            if (ghostRunning[a.claimId] == auctionId + 1) ghostRunning[a.claimId] = 0;
        } catch {}
    }

    /// @notice A bidder takes its bid back from an ended auction: refund to it, forfeit (unrevealed, reveal window
    /// run) to the seller.
    function reclaim(uint256 auctionSeed, uint256 bidderSeed) external {
        (bool any, uint256 auctionId, SealedAuction memory a) = _pickAuction(auctionSeed);
        if (!any) return;
        address bidder = _factors[bidderSeed % FACTOR_COUNT];
        BidGhost memory b = _bids[auctionId][bidder];
        vm.prank(bidder);
        try auction.reclaimBid(auctionId) returns (uint256 refund, uint256 forfeit) {
            if (!b.live) return _violation("reclaimed a bid the model does not know", auctionId);
            SealedAuction memory after_ = auction.auction(auctionId);
            bool endedEarly = after_.closedAt != 0 && after_.closedAt <= after_.revealEnds;
            uint256 expected = b.revealed || endedEarly ? 0 : (uint256(b.deposit) * 100) / BPS;
            if (forfeit != expected) _violation("another forfeit than the rule's", auctionId);
            ++reclaims;
            if (forfeit != 0) ++forfeits;
            if (refund + forfeit != b.deposit) _violation("refund + forfeit != deposit", auctionId);
            ghostDeposits -= b.deposit;
            _credit(bidder, b.deposit - expected);
            if (expected != 0) _credit(a.seller, expected);
            delete _bids[auctionId][bidder];
        } catch {}
    }

    /// @notice An actor (or the treasury) withdraws its credit to itself.
    function withdraw(uint256 actorSeed) external {
        address account = _account(actorSeed);
        uint256 before = usdc.balanceOf(account);
        vm.prank(account);
        try auction.withdraw(address(usdc), account) returns (uint256 amount) {
            if (amount != ghostCredit[account]) _violation("withdrew another amount than credited", 0);
            if (usdc.balanceOf(account) - before != amount) _violation("withdraw sent another amount", 0);
            ++withdrawals;
            ghostCredits -= ghostCredit[account];
            ghostCredit[account] = 0;
        } catch {}
    }

    /// @notice The treasury collects the fees the auction house kept: exactly the ghost's, and no liability moves.
    function collectFees() external {
        uint256 before = usdc.balanceOf(treasury);
        uint256 liabilities = auction.totalLiabilities(address(usdc));
        vm.prank(treasury);
        try auction.withdrawFees(address(usdc), treasury) returns (uint256 amount) {
            if (amount != ghostFees) _violation("collected another amount than the fees kept", 0);
            if (usdc.balanceOf(treasury) - before != amount) _violation("withdrawFees sent another amount", 0);
            if (auction.totalLiabilities(address(usdc)) != liabilities) _violation("collecting moved a liability", 0);
            ghostFees = 0;
        } catch {
            if (ghostFees != 0) _violation("the treasury could not collect the fees kept", 0);
        }
    }

    /// @notice The debtor pays one unit of a claim: its nonce moves, voiding any auction of it.
    function payOne(uint256 claimSeed) external {
        if (_claimIds.length == 0) return;
        vm.prank(debtor);
        try claims.pay(_claimIds[claimSeed % _claimIds.length], 1) {} catch {}
    }

    /// @notice Time moves: by up to three days, or (on odd seeds) to the first second of an auction's next phase,
    /// so that runs reach reveals, picks and the end of pick windows often.
    function warp(uint256 secondsSeed, uint256 auctionSeed) external {
        (bool any, , SealedAuction memory a) = _pickAuction(auctionSeed);
        uint256 nowTs = block.timestamp;
        uint256 to = nowTs + _bound(secondsSeed, 1, 3 days);
        if (any && secondsSeed % 2 == 1) {
            if (nowTs <= a.biddingEnds) to = uint256(a.biddingEnds) + 1;
            else if (nowTs <= a.revealEnds) to = uint256(a.revealEnds) + 1;
            else if (nowTs <= uint256(a.revealEnds) + PICK_WINDOW) to = uint256(a.revealEnds) + PICK_WINDOW + 1;
        }
        vm.warp(to);
    }

    // ================================================================ views for the invariants

    function claimCount() external view returns (uint256) {
        return _claimIds.length;
    }

    function claimIdAt(uint256 index) external view returns (uint256) {
        return _claimIds[index];
    }

    function factorAt(uint256 index) external view returns (address) {
        return _factors[index];
    }

    function bidOf(uint256 auctionId, address bidder) external view returns (BidGhost memory) {
        return _bids[auctionId][bidder];
    }

    /// @notice Every account that can hold a credit: the SME, the debtor, the factors and the treasury.
    function accountAt(uint256 index) external view returns (address) {
        return _account(index);
    }

    function accountCount() external pure returns (uint256) {
        return FACTOR_COUNT + 3;
    }

    // ================================================================ internal

    function _commit(
        uint256 auctionId,
        uint256 claimId,
        address bidder,
        uint256 depositSeed,
        uint256 amountSeed
    ) internal {
        uint256 owed = ClaimViews.outstandingOf(claims, claimId);
        if (owed == 0) return;
        BidGhost memory next;
        next.live = true;
        next.deposit = uint128(_bound(depositSeed, owed / 100 == 0 ? 1 : owed / 100, owed));
        next.amount = uint128(_bound(amountSeed, 1, next.deposit));
        next.salt = keccak256(abi.encode("salt", ++_saltNonce));
        bytes32 commitment = auction.commitmentOf(auctionId, bidder, next.amount, next.salt);
        uint256 before = usdc.balanceOf(bidder);
        vm.prank(bidder);
        try auction.commitBid(auctionId, commitment, next.deposit) {
            ++commits;
            _recordCommit(auctionId, bidder, next, before);
        } catch {}
    }

    /// @dev The ghost side of a commitment that went through: the raise pulled, or the cut credited.
    function _recordCommit(uint256 auctionId, address bidder, BidGhost memory next, uint256 balanceBefore) internal {
        BidGhost storage b = _bids[auctionId][bidder];
        uint256 previous = b.live ? b.deposit : 0;
        if (next.deposit > previous) {
            uint256 pulled = balanceBefore - usdc.balanceOf(bidder);
            if (pulled != next.deposit - previous) _violation("commit pulled another amount", auctionId);
            ghostDeposits += next.deposit - previous;
        } else {
            if (usdc.balanceOf(bidder) != balanceBefore) _violation("a lowered commitment pulled money", auctionId);
            ghostDeposits -= previous - next.deposit;
            _credit(bidder, previous - next.deposit);
        }
        _bids[auctionId][bidder] = next;
    }

    /// @dev The first factor from `seed` on with a live bid in the auction, revealed or not as asked; the seed's
    /// factor when none has one (its call is then refused, which is fine too).
    function _bidderWith(uint256 auctionId, uint256 seed, bool revealed) internal view returns (address) {
        for (uint256 i = 0; i < FACTOR_COUNT; ++i) {
            address bidder = _factors[(seed + i) % FACTOR_COUNT];
            BidGhost storage b = _bids[auctionId][bidder];
            if (b.live && b.revealed == revealed) return bidder;
        }
        return _factors[seed % FACTOR_COUNT];
    }

    function _pickAuction(uint256 seed) internal view returns (bool any, uint256 auctionId, SealedAuction memory a) {
        uint256 count = auction.auctionCount();
        if (count == 0) return (false, 0, a);
        auctionId = seed % count;
        a = auction.auction(auctionId);
        any = true;
    }

    function _account(uint256 seed) internal view returns (address) {
        uint256 i = seed % (FACTOR_COUNT + 3);
        if (i < FACTOR_COUNT) return _factors[i];
        if (i == FACTOR_COUNT) return sme;
        if (i == FACTOR_COUNT + 1) return debtor;
        return treasury;
    }

    function _credit(address account, uint256 amount) internal {
        ghostCredit[account] += amount;
        ghostCredits += amount;
    }

    function _violation(string memory what, uint256 id) internal {
        if (violationCount++ == 0) firstViolation = string.concat(what, " #", id.toString());
    }
}
