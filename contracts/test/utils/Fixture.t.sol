// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {ClaimMarket} from "../../ClaimMarket.sol";
import {ClaimRenderer} from "../../ClaimRenderer.sol";
import {GuaranteeEscrow} from "../../GuaranteeEscrow.sol";
import {ParticipantRegistry} from "../../ParticipantRegistry.sol";
import {ReceivableClaim} from "../../ReceivableClaim.sol";
import {SealedBidAuction} from "../../SealedBidAuction.sol";
import {MockStablecoin} from "../../mocks/MockStablecoin.sol";
import {ClaimLens} from "../../periphery/ClaimLens.sol";
import {ClaimTerms} from "../../types/Claim.sol";
import {AGENT_CHANGE_DELAY, MarketRules, Role} from "../../types/Roles.sol";

import {Assertions} from "./Assertions.t.sol";
import {vm} from "./Vm.t.sol";

/// @title Fixture
/// @notice Deploys the claim system as production does (registry with the default market rules, renderer,
/// claim contract, claim lens) plus a 6-decimal mock stablecoin, with the test contract as the registry's admin; and, on
/// request, the market, the sealed-bid auction house and the guarantee escrow trusted as claim agents.
abstract contract Fixture is Assertions {
    uint32 internal constant MIN_TENOR = 15 days;
    uint32 internal constant MAX_TENOR = 365 days;
    uint32 internal constant ACCEPTANCE_WINDOW = 7 days;
    uint32 internal constant DEFAULT_GRACE = 30 days;
    uint32 internal constant GUARANTEE_CLAIM_WINDOW = 90 days;
    uint16 internal constant SALE_FEE_BPS = 25;
    uint16 internal constant PREMIUM_FEE_BPS = 25;
    /// @dev Seconds a new registry admin waits before accepting a handover.
    uint48 internal constant ADMIN_DELAY = 1 days;

    /// @dev 2026-05-28, so that dates and tenors look like real ones.
    uint256 internal constant START = 1_780_000_000;
    /// @dev Verifications last far beyond anything the tests warp to.
    uint64 internal constant FAR_FUTURE = uint64(START + 200 * 365 days);

    /// @dev The secp256k1 group order.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    address internal constant TREASURY = address(0x7EA5);

    ParticipantRegistry internal registry;
    ClaimRenderer internal renderer;
    ReceivableClaim internal claims;
    ClaimLens internal lens;
    MockStablecoin internal usdc;
    ClaimMarket internal market;
    GuaranteeEscrow internal escrow;
    SealedBidAuction internal auction;

    uint256 private _commitmentNonce;

    function _deploySystem() internal {
        vm.warp(START);
        registry = new ParticipantRegistry(
            address(this),
            ADMIN_DELAY,
            MarketRules({
                minTenor: MIN_TENOR,
                maxTenor: MAX_TENOR,
                acceptanceWindow: ACCEPTANCE_WINDOW,
                defaultGrace: DEFAULT_GRACE,
                guaranteeClaimWindow: GUARANTEE_CLAIM_WINDOW,
                saleFeeBps: SALE_FEE_BPS,
                premiumFeeBps: PREMIUM_FEE_BPS,
                treasury: TREASURY
            })
        );
        renderer = new ClaimRenderer(address(registry));
        claims = new ReceivableClaim(address(registry), address(renderer));
        lens = new ClaimLens(claims);
        usdc = new MockStablecoin("USD Coin", "USDC", 6);
        registry.setCurrencyAllowed(address(usdc), true);
    }

    /// @dev The market, trusted as an agent in the registry (the test contract is the registry's operator). Call it
    /// before the first `_verify`: from then on a new agent waits AGENT_CHANGE_DELAY.
    function _deployMarket() internal {
        market = new ClaimMarket(address(claims));
        registry.setAgent(address(market), true);
    }

    /// @dev The sealed-bid auction house, trusted as an agent in the registry (it locks auctioned claims and moves them
    /// to the winner). Call it before the first `_verify`.
    function _deployAuction() internal {
        auction = new SealedBidAuction(address(claims));
        registry.setAgent(address(auction), true);
    }

    /// @dev The guarantee escrow, trusted as an agent in the registry (it moves called claims) and shown by the
    /// renderer (the test contract is the registry's operator). Call it before the first `_verify`.
    function _deployEscrow() internal {
        escrow = new GuaranteeEscrow(address(claims));
        registry.setAgent(address(escrow), true);
        renderer.setGuaranteeEscrow(address(escrow));
    }

    /// @dev Changes `agent`'s trust the only way the registry allows once a participant is verified: announced, then
    /// applied after AGENT_CHANGE_DELAY (the clock moves that far; the cast's verifications run to FAR_FUTURE). Before
    /// the first verification the change applies at once.
    function _changeAgentTrust(address agent, bool trusted) internal {
        registry.setAgent(agent, trusted);
        if (registry.agentChangeDueAt(agent) == 0) return;
        vm.warp(block.timestamp + AGENT_CHANGE_DELAY);
        registry.applyAgentChange(agent);
    }

    /// @dev Mints `amount` to `account` and lets the market pull all of it (bids, purchases, offers).
    function _fundForMarket(address account, uint256 amount) internal {
        usdc.mint(account, amount);
        vm.prank(account);
        usdc.approve(address(market), type(uint256).max);
    }

    function _verify(address account, Role role) internal {
        registry.verify(account, role, FAR_FUTURE);
    }

    /// @dev Mints `amount` to `account` and lets the claim contract pull all of it.
    function _fund(address account, uint256 amount) internal {
        usdc.mint(account, amount);
        vm.prank(account);
        usdc.approve(address(claims), type(uint256).max);
    }

    /// @dev Fresh terms with a unique invoice commitment.
    function _terms(
        address originator,
        address debtor,
        uint128 faceValue,
        uint256 tenor
    ) internal returns (ClaimTerms memory) {
        return
            ClaimTerms({
                originator: originator,
                debtor: debtor,
                currency: address(usdc),
                faceValue: faceValue,
                dueDate: uint64(block.timestamp + tenor),
                invoiceCommitment: keccak256(abi.encode("invoice", ++_commitmentNonce)),
                documentHash: keccak256(abi.encode("document", _commitmentNonce))
            });
    }

    /// @dev A claim the debtor issued itself (reverse factoring) and the originator accepted: Accepted, held by the
    /// originator.
    function _issueByDebtor(
        address originator,
        address debtor,
        uint128 faceValue,
        uint256 tenor
    ) internal returns (uint256 claimId) {
        ClaimTerms memory terms = _terms(originator, debtor, faceValue, tenor);
        vm.prank(debtor);
        claimId = claims.issueByDebtor(terms, "");
        vm.prank(originator);
        claims.accept(claimId);
    }

    function _sig(uint8 v, bytes32 r, bytes32 s) internal pure returns (bytes memory) {
        return abi.encodePacked(r, s, v);
    }
}
