// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {IClaimMarket} from "../interfaces/IClaimMarket.sol";
import {Role} from "../types/Roles.sol";

import {Fixture} from "./utils/Fixture.t.sol";
import {vm} from "./utils/Vm.t.sol";

/// @title ClaimMarketFuzzTest
/// @notice Fuzzed properties of {ClaimMarket} outside the invariant handler's scope: a purchase pays the holder of
/// record and nobody else, even for a listing left behind while the operator had stopped trusting the market (the
/// claim contract then lets holders unlock and move their claims); and money is pulled only from the buyer (F1).
contract ClaimMarketFuzzTest is Fixture {
    address internal constant SME = address(0x5E01);
    address internal constant DEBTOR = address(0xDEB7);
    address internal constant FACTOR = address(0xF0F1);
    address internal constant OTHER_FACTOR = address(0xF0F2);
    address internal constant VICTIM = address(0xF0F3);

    uint256 internal constant FUNDS = 1_000_000_000e6;

    function setUp() public {
        _deploySystem();
        _deployMarket();
        _verify(SME, Role.Originator);
        _verify(DEBTOR, Role.Debtor);
        _verify(FACTOR, Role.Factor);
        _verify(OTHER_FACTOR, Role.Factor);
        _verify(VICTIM, Role.Factor);
        _fundForMarket(FACTOR, FUNDS);
        _fundForMarket(OTHER_FACTOR, FUNDS);
        _fundForMarket(VICTIM, FUNDS);
    }

    /// @notice The SME lists a claim; the operator stops trusting the market for a while (an incident); meanwhile
    /// the SME unlocks its orphaned claim and, when fuzzed so, sells it off-market to another factor (who may hand
    /// it back); the market is trusted again. A purchase of that listing must then either fail, or pay its net to
    /// the account that held the claim just before it, and take the claim from that account alone. A listing left
    /// stale this way sells nothing (ClaimMarketNotListed); anyone clears it, and a fresh listing by the holder of
    /// record sells normally.
    function testFuzz_buyPaysTheHolderOfRecordEvenAfterAStaleListing(
        uint128 faceSeed,
        uint128 askSeed,
        bool moved,
        bool movedBack
    ) public {
        uint128 face = uint128(_bound(faceSeed, 1, 1_000_000_000e6));
        uint128 ask = uint128(_bound(askSeed, 1, face));
        uint256 id = _issueByDebtor(SME, DEBTOR, face, 60 days);
        vm.prank(SME);
        market.list(id, ask, 0, uint64(block.timestamp + 7 days));

        _changeAgentTrust(address(market), false);
        vm.prank(SME);
        claims.unlock(id);
        if (moved) {
            vm.prank(SME);
            claims.transferFrom(SME, OTHER_FACTOR, id);
            if (movedBack) {
                vm.prank(OTHER_FACTOR);
                claims.transferFrom(OTHER_FACTOR, SME, id);
            }
        }
        _changeAgentTrust(address(market), true);

        address holder = claims.ownerOf(id);
        uint256 holderBefore = usdc.balanceOf(holder);
        uint256 smeBefore = usdc.balanceOf(SME);
        vm.prank(FACTOR);
        try market.buy(id, ask) {
            (, uint256 net) = market.feeFor(ask);
            _assertEq(usdc.balanceOf(holder) - holderBefore, net, "the holder of record got the net");
            if (holder != SME) _assertEq(usdc.balanceOf(SME), smeBefore, "a former holder got nothing");
            _assertEq(claims.ownerOf(id), FACTOR, "the claim went to the buyer");
        } catch (bytes memory err) {
            _assertEq(uint256(uint32(bytes4(err))), uint256(uint32(IClaimMarket.ClaimMarketNotListed.selector)), "err");
        }
        // Whatever happened, a stale listing is gone or can be cleared by anyone, and the holder sells normally.
        if (market.listing(id).seller != address(0)) {
            vm.prank(VICTIM);
            market.delist(id);
        }
        holder = claims.ownerOf(id);
        if (holder == FACTOR) return;
        vm.prank(holder);
        market.list(id, ask, 0, uint64(block.timestamp + 7 days));
        uint256 before = usdc.balanceOf(holder);
        vm.prank(FACTOR);
        market.buy(id, ask);
        (, uint256 netAfter) = market.feeFor(ask);
        _assertEq(usdc.balanceOf(holder) - before, netAfter, "a fresh listing pays its seller");
    }

    /// @notice F1: a factor with a standing allowance to the market loses nothing to a purchase someone else makes,
    /// whatever listing, price bound and buyer are fuzzed: only the buyer pays.
    function testFuzz_onlyTheBuyerPays(uint128 faceSeed, uint128 askSeed, uint256 maxSeed, bool otherBuys) public {
        uint128 face = uint128(_bound(faceSeed, 1, 1_000_000_000e6));
        uint128 ask = uint128(_bound(askSeed, 1, face));
        uint256 maxPrice = _bound(maxSeed, ask, type(uint256).max);
        uint256 id = _issueByDebtor(SME, DEBTOR, face, 60 days);
        vm.prank(SME);
        market.list(id, ask, 0, uint64(block.timestamp + 7 days));
        address buyer = otherBuys ? OTHER_FACTOR : FACTOR;
        uint256 buyerBefore = usdc.balanceOf(buyer);
        vm.prank(buyer);
        market.buy(id, maxPrice);
        _assertEq(usdc.balanceOf(VICTIM), FUNDS, "the bystander with an allowance lost nothing");
        _assertEq(buyerBefore - usdc.balanceOf(buyer), ask, "the buyer paid the ask, not its bound");
        _assertEq(claims.ownerOf(id), buyer, "the buyer holds the claim");
    }
}
