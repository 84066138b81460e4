// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {SealedAuction} from "../types/Auction.sol";
import {Role} from "../types/Roles.sol";

import {SealedBidAuctionHandler} from "./handlers/SealedBidAuctionHandler.t.sol";
import {Fixture} from "./utils/Fixture.t.sol";
import {vm} from "./utils/Vm.t.sol";

/// @title SealedBidAuctionInvariantTest
/// @notice Handler-driven invariants of {SealedBidAuction} with one SME, one debtor and three factors: auctions are
/// opened, bid on, revealed, sold, closed, voided by payments and reclaimed while time passes.
/// @dev The fuzzer calls only the handler's actions (see {targetSelectors}); the invariants compare the auction
/// with the handler's ghost ledger.
contract SealedBidAuctionInvariantTest is Fixture {
    /// @dev Foundry's invariant target selector, read by EDR.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    uint256 internal constant FUNDS = 1_000_000_000e6;
    address internal constant SME = address(0x5E01);
    address internal constant DEBTOR = address(0xDEB7);

    SealedBidAuctionHandler internal handler;

    function setUp() public {
        _deploySystem();
        _deployAuction();
        address[3] memory factors = [address(0xF0F1), address(0xF0F2), address(0xBA4C)];
        _verify(SME, Role.Originator);
        _verify(DEBTOR, Role.Debtor);
        _fund(DEBTOR, FUNDS);
        for (uint256 i = 0; i < factors.length; ++i) {
            _verify(factors[i], Role.Factor);
            usdc.mint(factors[i], FUNDS);
            vm.prank(factors[i]);
            usdc.approve(address(auction), type(uint256).max);
        }
        handler = new SealedBidAuctionHandler(auction, claims, usdc, SME, DEBTOR, factors, TREASURY, SALE_FEE_BPS);
        handler.issue(0);
        handler.open(0, 0, 0);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev The actions only; opening, committing, revealing, accepting, reclaiming and warping twice as often as the
    /// rest so that auctions reach every phase and end.
    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](19);
        selectors[0] = SealedBidAuctionHandler.issue.selector;
        selectors[1] = SealedBidAuctionHandler.open.selector;
        selectors[2] = SealedBidAuctionHandler.commit.selector;
        selectors[3] = SealedBidAuctionHandler.recommit.selector;
        selectors[4] = SealedBidAuctionHandler.withdrawCommitment.selector;
        selectors[5] = SealedBidAuctionHandler.reveal.selector;
        selectors[6] = SealedBidAuctionHandler.accept.selector;
        selectors[7] = SealedBidAuctionHandler.close.selector;
        selectors[8] = SealedBidAuctionHandler.reclaim.selector;
        selectors[9] = SealedBidAuctionHandler.withdraw.selector;
        selectors[10] = SealedBidAuctionHandler.payOne.selector;
        selectors[11] = SealedBidAuctionHandler.warp.selector;
        selectors[12] = SealedBidAuctionHandler.commit.selector;
        selectors[13] = SealedBidAuctionHandler.reveal.selector;
        selectors[14] = SealedBidAuctionHandler.open.selector;
        selectors[15] = SealedBidAuctionHandler.warp.selector;
        selectors[16] = SealedBidAuctionHandler.accept.selector;
        selectors[17] = SealedBidAuctionHandler.reclaim.selector;
        selectors[18] = SealedBidAuctionHandler.collectFees.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    // ================================================================ invariants

    /// @notice Every call that went through moved what the rules say: commitments pulled exactly the raise, sales
    /// paid the seller the net of the winner's revealed amount at the auction's opening claim nonce, reclaims
    /// forfeited exactly per the rule, withdrawals sent exactly the credit.
    function invariant_noViolations() public view {
        if (handler.violationCount() != 0) revert AssertionFailed(handler.firstViolation());
    }

    /// @notice Solvency: the auction's balance covers its liabilities, which are exactly the ghost live deposits plus
    /// the ghost credits; with no donations the balance is them plus the sale fees not yet collected.
    function invariant_solvency() public view {
        uint256 balance = usdc.balanceOf(address(auction));
        uint256 liabilities = auction.totalLiabilities(address(usdc));
        _assertLe(liabilities, balance, "liabilities above balance");
        _assertEq(liabilities, handler.ghostDeposits() + handler.ghostCredits(), "liabilities vs ghost");
        _assertEq(auction.feesAccrued(address(usdc)), handler.ghostFees(), "fees kept vs ghost");
        _assertEq(balance, liabilities + handler.ghostFees(), "balance = liabilities + fees (no donations)");
    }

    /// @notice The ledger entry by entry: every bid's deposit (and revealed amount) and every account's credit is
    /// the ghost's, and they add up to the liabilities.
    function invariant_ledgerMatchesGhost() public view {
        uint256 deposits = 0;
        uint256 count = auction.auctionCount();
        for (uint256 id = 0; id < count; ++id) {
            for (uint256 f = 0; f < 3; ++f) {
                address bidder = handler.factorAt(f);
                SealedBidAuctionHandler.BidGhost memory g = handler.bidOf(id, bidder);
                uint256 deposit = auction.sealedBid(id, bidder).deposit;
                _assertEq(deposit, g.live ? g.deposit : 0, "a bid's deposit vs ghost");
                _assertEq(auction.sealedBid(id, bidder).amount, g.revealed ? g.amount : 0, "a revealed amount");
                deposits += deposit;
            }
        }
        uint256 credits = 0;
        for (uint256 i = 0; i < handler.accountCount(); ++i) {
            address account = handler.accountAt(i);
            uint256 credit = auction.credited(account, address(usdc));
            _assertEq(credit, handler.ghostCredit(account), "a credit vs ghost");
            credits += credit;
        }
        _assertEq(deposits, handler.ghostDeposits(), "live deposits vs ghost");
        _assertEq(deposits + credits, auction.totalLiabilities(address(usdc)), "deposits + credits = liabilities");
    }

    /// @notice A sold auction's price is its winner's revealed amount, recorded at the sale; every other auction
    /// reads unsold.
    function invariant_soldAtRevealedAmount() public view {
        uint256 count = auction.auctionCount();
        uint256 sold = 0;
        for (uint256 id = 0; id < count; ++id) {
            SealedAuction memory a = auction.auction(id);
            _assertTrue(a.sold == (handler.soldPrice(id) != 0), "sold iff the handler saw a sale");
            if (a.sold) ++sold;
        }
        _assertEq(sold, handler.sales(), "one sale per sold auction");
    }

    /// @notice A claim is locked by the auction house exactly when it has a running auction that is not closed: the
    /// running entry is the ghost's, its auction has no closing time, and no other claim is locked by the auction.
    function invariant_lockedIffRunning() public view {
        for (uint256 i = 0; i < handler.claimCount(); ++i) {
            uint256 claimId = handler.claimIdAt(i);
            (bool running, uint256 auctionId) = auction.runningAuction(claimId);
            uint256 ghost = handler.ghostRunning(claimId);
            _assertTrue(running == (ghost != 0), "running vs ghost");
            _assertTrue(running == (claims.lockedBy(claimId) == address(auction)), "locked iff running");
            if (running) {
                _assertEq(auctionId, ghost - 1, "the running auction's id");
                SealedAuction memory a = auction.auction(auctionId);
                _assertEq(a.closedAt, 0, "a running auction is not closed");
                _assertEq(a.claimId, claimId, "the running auction is of this claim");
            }
        }
    }

    /// @notice Every auction runs on the claim nonce it opened at (recorded by the handler before the call).
    function invariant_openedAtRecordedNonce() public view {
        uint256 count = auction.auctionCount();
        for (uint256 id = 0; id < count; ++id) {
            _assertEq(auction.auction(id).claimNonce, handler.openedAtNonce(id), "opening nonce");
        }
    }
}
