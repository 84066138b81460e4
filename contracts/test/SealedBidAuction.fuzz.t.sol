// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {SealedBidAuction} from "../SealedBidAuction.sol";
import {ISealedBidAuction} from "../interfaces/ISealedBidAuction.sol";
import {PICK_WINDOW, SealedBid} from "../types/Auction.sol";
import {Role} from "../types/Roles.sol";

import {Fixture} from "./utils/Fixture.t.sol";
import {vm} from "./utils/Vm.t.sol";

/// @title SealedBidAuctionFuzzTest
/// @notice Fuzzed properties of {SealedBidAuction}: a commitment binds every field it hashes (chain, contract,
/// auction, bidder, amount, salt); the forfeit of an unrevealed bid is 1 % of any deposit, rounded down, and only
/// when the reveal window ran its course; a reveal opens exactly the committed (amount, salt) and nothing else.
contract SealedBidAuctionFuzzTest is Fixture {
    address internal constant SME = address(0x5E01);
    address internal constant DEBTOR = address(0xDEB7);
    address internal constant FACTOR = address(0xF0F1);
    address internal constant OTHER_FACTOR = address(0xF0F2);

    uint256 internal constant FUNDS = 1_000_000_000_000e6;
    uint128 internal constant MAX_FACE = 1_000_000_000e6;

    function setUp() public {
        _deploySystem();
        _deployAuction();
        _verify(SME, Role.Originator);
        _verify(DEBTOR, Role.Debtor);
        _verify(FACTOR, Role.Factor);
        _verify(OTHER_FACTOR, Role.Factor);
        for (uint256 i = 0; i < 2; ++i) {
            address bidder = i == 0 ? FACTOR : OTHER_FACTOR;
            usdc.mint(bidder, FUNDS);
            vm.prank(bidder);
            usdc.approve(address(auction), type(uint256).max);
        }
    }

    /// @dev An Accepted claim of `face` held by the SME, auctioned for an hour of bidding and an hour of reveals.
    function _openAuction(uint128 face) internal returns (uint256 auctionId) {
        uint256 claimId = _issueByDebtor(SME, DEBTOR, face, 60 days);
        vm.prank(SME);
        auctionId = auction.open(claimId, 1 hours, 1 hours);
    }

    function _floor(uint256 face) internal pure returns (uint256 floor) {
        floor = face / 100;
        if (floor == 0) floor = 1;
    }

    /// @notice commitmentOf is keccak256(abi.encode(chainId, contract, auctionId, bidder, amount, salt)), and changing
    /// any one field (including the chain and the contract) changes it.
    function testFuzz_commitmentBindsEveryField(
        uint256 auctionId,
        address bidder,
        uint256 amount,
        bytes32 salt,
        uint256 other,
        uint8 field
    ) public {
        bytes32 c = auction.commitmentOf(auctionId, bidder, amount, salt);
        _assertTrue(
            c == keccak256(abi.encode(block.chainid, address(auction), auctionId, bidder, amount, salt)),
            "the layout of the commitment"
        );
        uint256 which = field % 6;
        bytes32 changed;
        if (which == 0) {
            vm.assume(other != auctionId);
            changed = auction.commitmentOf(other, bidder, amount, salt);
        } else if (which == 1) {
            vm.assume(address(uint160(other)) != bidder);
            changed = auction.commitmentOf(auctionId, address(uint160(other)), amount, salt);
        } else if (which == 2) {
            vm.assume(other != amount);
            changed = auction.commitmentOf(auctionId, bidder, other, salt);
        } else if (which == 3) {
            vm.assume(bytes32(other) != salt);
            changed = auction.commitmentOf(auctionId, bidder, amount, bytes32(other));
        } else if (which == 4) {
            uint256 chain = _bound(other, 1, type(uint64).max);
            vm.assume(chain != block.chainid);
            vm.chainId(chain);
            changed = auction.commitmentOf(auctionId, bidder, amount, salt);
        } else {
            changed = new SealedBidAuction(address(claims)).commitmentOf(auctionId, bidder, amount, salt);
        }
        _assertTrue(changed != c, "a changed field changes the commitment");
    }

    /// @notice For any claim and deposit: an unrevealed bid in an auction whose reveal window ran its course forfeits
    /// deposit * 1 % rounded down to the seller and gets the rest back; closed by its seller before the reveal window
    /// ended, it gets all of it back. The credits add up to the deposit and the auction stays solvent.
    function testFuzz_forfeitMath(uint128 faceSeed, uint128 depositSeed, bool closedEarly) public {
        uint128 face = uint128(_bound(faceSeed, 1, MAX_FACE));
        uint128 deposit = uint128(_bound(depositSeed, _floor(face), face));
        uint256 id = _openAuction(face);
        bytes32 commitment = auction.commitmentOf(id, FACTOR, deposit, bytes32("salt"));
        vm.prank(FACTOR);
        auction.commitBid(id, commitment, deposit);

        if (closedEarly) {
            vm.warp(block.timestamp + 90 minutes); // inside the reveal window
            vm.prank(SME);
            auction.close(id);
        } else {
            vm.warp(block.timestamp + 2 hours + PICK_WINDOW + 1); // the pick window ran out unclosed
        }
        uint256 expectedForfeit = closedEarly ? 0 : (uint256(deposit) * 100) / 10_000;
        (uint256 refund, uint256 forfeit) = auction.reclaimable(id, FACTOR);
        _assertEq(forfeit, expectedForfeit, "forfeit = 1 % rounded down, or 0 when closed early");
        _assertEq(refund + forfeit, deposit, "refund + forfeit = deposit");

        vm.prank(FACTOR);
        (uint256 r, uint256 f) = auction.reclaimBid(id);
        _assertEq(r, refund, "reclaimBid refunds what reclaimable said");
        _assertEq(f, forfeit, "reclaimBid forfeits what reclaimable said");
        _assertEq(auction.credited(FACTOR, address(usdc)), refund, "the bidder's credit");
        _assertEq(auction.credited(SME, address(usdc)), forfeit, "the seller's credit");
        _assertEq(auction.totalLiabilities(address(usdc)), deposit, "liabilities = the two credits");
        _assertEq(usdc.balanceOf(address(auction)), deposit, "balance = liabilities");
    }

    /// @notice A reveal succeeds with exactly the committed (amount, salt), and with no other pair: a different amount
    /// or salt reverts AuctionRevealMismatch and leaves the bid unrevealed.
    function testFuzz_revealOpensExactlyTheCommittedBid(
        uint128 faceSeed,
        uint128 amountSeed,
        bytes32 salt,
        uint128 otherAmount,
        bytes32 otherSalt
    ) public {
        uint128 face = uint128(_bound(faceSeed, 1, MAX_FACE));
        uint128 amount = uint128(_bound(amountSeed, _floor(face), face));
        vm.assume(otherAmount != amount || otherSalt != salt);
        uint256 id = _openAuction(face);
        bytes32 commitment = auction.commitmentOf(id, FACTOR, amount, salt);
        vm.prank(FACTOR);
        auction.commitBid(id, commitment, face);
        vm.warp(block.timestamp + 1 hours + 1);

        vm.expectRevert(abi.encodeWithSelector(ISealedBidAuction.AuctionRevealMismatch.selector, id, FACTOR));
        vm.prank(FACTOR);
        auction.revealBid(id, otherAmount, otherSalt);
        _assertEq(auction.sealedBid(id, FACTOR).amount, 0, "a mismatched reveal reveals nothing");

        // Another bidder holding the same commitment cannot open it with the right pair either.
        bytes32 copied = auction.commitmentOf(id, FACTOR, amount, salt);
        vm.warp(block.timestamp - 1 hours); // back in the bidding window to copy it
        vm.prank(OTHER_FACTOR);
        auction.commitBid(id, copied, face);
        vm.warp(block.timestamp + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(ISealedBidAuction.AuctionRevealMismatch.selector, id, OTHER_FACTOR));
        vm.prank(OTHER_FACTOR);
        auction.revealBid(id, amount, salt);

        vm.prank(FACTOR);
        auction.revealBid(id, amount, salt);
        SealedBid memory b = auction.sealedBid(id, FACTOR);
        _assertEq(b.amount, amount, "the committed amount is revealed");
        _assertEq(b.deposit, amount, "the deposit is cut to it");
        _assertEq(auction.credited(FACTOR, address(usdc)), face - amount, "the excess is credited");
    }
}
