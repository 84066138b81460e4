// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {IClaimMarket} from "../interfaces/IClaimMarket.sol";
import {MarketTypedData} from "../libraries/MarketTypedData.sol";
import {SignedOffer} from "../types/Market.sol";
import {Role} from "../types/Roles.sol";

import {Fixture} from "./utils/Fixture.t.sol";
import {vm} from "./utils/Vm.t.sol";

/// @title ClaimMarketSignaturesFuzzTest
/// @notice S2 for the market's signed offers on a real fork of the chain id: a factor signs an offer on this chain,
/// the chain id changes (as after a fork), and the market's digest must change with it, the old signature must be
/// refused, and a signature made for the new chain id must be filled there. A market that cached its domain
/// separator at deployment and never rebuilt it would fail each of these.
contract ClaimMarketSignaturesFuzzTest is Fixture {
    address internal constant SME = address(0x5E01);
    address internal constant DEBTOR = address(0xDEB7);
    uint256 internal constant BIDDER_KEY = 0xB1D;
    uint128 internal constant FACE = 10_000e6;

    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    address internal bidder;

    function setUp() public {
        _deploySystem();
        _deployMarket();
        bidder = vm.addr(BIDDER_KEY);
        _verify(SME, Role.Originator);
        _verify(DEBTOR, Role.Debtor);
        _verify(bidder, Role.Factor);
        _fundForMarket(bidder, FACE);
    }

    /// @notice Signed on this chain, the offer is refused after the chain id changes; signed for the new chain id, it
    /// is filled there: the seller is paid, the bidder holds the claim.
    function testFuzz_otherChainRefusedAndNewChainAccepted(uint64 chainSeed, uint128 priceSeed) public {
        vm.assume(chainSeed != block.chainid && chainSeed != 0);
        uint256 id = _issueByDebtor(SME, DEBTOR, FACE, 60 days);
        SignedOffer memory offer = SignedOffer({
            claimId: id,
            claimNonce: claims.claimCore(id).nonce,
            price: _bound(priceSeed, 1, FACE),
            currency: address(usdc),
            deadline: block.timestamp + 1 days,
            bidder: bidder,
            offerNonce: 0
        });
        bytes32 here = market.offerDigest(offer);
        _assertEq(uint256(here), uint256(_digest(offer, block.chainid)), "digest on this chain");
        bytes memory signedHere = _sign(here);

        vm.chainId(chainSeed);
        bytes32 there = market.offerDigest(offer);
        _assertTrue(there != here, "the digest follows the chain id");
        _assertEq(uint256(there), uint256(_digest(offer, chainSeed)), "digest on the new chain");

        uint256 smeBefore = usdc.balanceOf(SME);
        vm.prank(SME);
        vm.expectRevert(abi.encodeWithSelector(IClaimMarket.ClaimMarketInvalidSignature.selector, bidder));
        market.acceptSignedOffer(offer, signedHere);
        _assertEq(claims.ownerOf(id), SME, "the claim stays with the SME");
        _assertEq(usdc.balanceOf(SME), smeBefore, "the SME is not paid");
        _assertEq(usdc.balanceOf(bidder), FACE, "the bidder pays nothing");

        vm.prank(SME);
        market.acceptSignedOffer(offer, _sign(there));
        (uint256 fee, uint256 net) = market.feeFor(offer.price);
        _assertEq(claims.ownerOf(id), bidder, "the bidder holds the claim");
        _assertEq(usdc.balanceOf(SME) - smeBefore, net, "the SME is paid the net");
        _assertEq(FACE - usdc.balanceOf(bidder), offer.price, "the bidder paid the price");
        _assertEq(fee + net, offer.price, "fee + net == price");
    }

    /// @dev The EIP-712 digest of `offer` for this market on `chainId`, built here from the standard's definition.
    function _digest(SignedOffer memory offer, uint256 chainId) private view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("OpenFactor ClaimMarket"), keccak256("1"), chainId, address(market))
        );
        bytes32 structHash = keccak256(
            abi.encode(
                MarketTypedData.OFFER_TYPEHASH,
                offer.claimId,
                offer.claimNonce,
                offer.price,
                offer.currency,
                offer.deadline,
                offer.bidder,
                offer.offerNonce
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function _sign(bytes32 digest) private returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(BIDDER_KEY, digest);
        return _sig(v, r, s);
    }
}
