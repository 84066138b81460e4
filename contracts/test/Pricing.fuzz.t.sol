// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {Pricing} from "../libraries/Pricing.sol";
import {MarketRules, Role} from "../types/Roles.sol";

import {Fixture} from "./utils/Fixture.t.sol";
import {vm} from "./utils/Vm.t.sol";

/// @title PricingFuzzTest
/// @notice M1 for the market's money maths ({Pricing}): the fee split is exact and rounded down, and the price of a
/// standing offer is the exact floor of `outstanding / (1 + yield * remaining / YEAR)`: never above what the claim
/// owes, never rounded in the buyer's disfavour (a buyer never pays a unit more than its yield allows), monotone
/// in the yield and in the time to maturity, and free of overflow on every amount a claim can carry (uint128) and
/// every time to maturity up to ten years. The last two tests tie the market's own `feeFor` and `quote` to the
/// library on a deployed system.
contract PricingFuzzTest is Fixture {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant YEAR = 365 days;
    /// @dev BPS * YEAR: the numerator scale of the yield formula.
    uint256 internal constant SCALE = BPS * YEAR;
    uint256 internal constant TEN_YEARS = 10 * 365 days;
    /// @dev The registry caps the sale fee at 1 %.
    uint256 internal constant FEE_CAP_BPS = 100;

    address internal constant SME = address(0xA1);
    address internal constant DEBTOR = address(0xD1);
    address internal constant FACTOR = address(0xF1);

    function setUp() public {
        _deploySystem();
        _deployMarket();
        _verify(SME, Role.Originator);
        _verify(DEBTOR, Role.Debtor);
        _verify(FACTOR, Role.Factor);
    }

    // ================================================================ fee split

    /// @notice Fees the registry allows (0..100 bps): `fee + net == price` and `fee` is the floor of
    /// `price * bps / 10_000`, i.e. `fee * 10_000 <= price * bps < (fee + 1) * 10_000`.
    function testFuzz_splitFeeExactUnderTheCap(uint256 priceSeed, uint256 bpsSeed) public pure {
        _checkSplit(_bound(priceSeed, 0, type(uint256).max / BPS), _bound(bpsSeed, 0, FEE_CAP_BPS));
    }

    /// @notice The same for any rate the library may be handed (0..10,000 bps).
    function testFuzz_splitFeeExactUpToAllBps(uint256 priceSeed, uint256 bpsSeed) public pure {
        _checkSplit(_bound(priceSeed, 0, type(uint256).max / BPS), _bound(bpsSeed, 0, BPS));
    }

    /// @notice Any uint256 price (where `price * bps` itself would overflow): no panic, `fee + net == price`,
    /// `fee <= price`, and the fee never passes `price * bps / 10_000` computed without overflow.
    function testFuzz_splitFeeAnyPriceNoOverflow(uint256 price, uint256 bpsSeed) public pure {
        uint256 bps = _bound(bpsSeed, 0, BPS);
        (uint256 fee, uint256 net) = Pricing.splitFee(price, bps);
        _assertEq(fee + net, price, "fee + net == price");
        _assertLe(fee, price, "fee <= price");
        // price * bps / BPS == (price / BPS) * bps + (price % BPS) * bps / BPS, both terms without overflow.
        uint256 exact = (price / BPS) * bps + ((price % BPS) * bps) / BPS;
        _assertEq(fee, exact, "fee is the floor of price * bps / 10_000");
        if (bps == 0) _assertEq(fee, 0, "no fee at 0 bps");
        if (bps == BPS) _assertEq(net, 0, "all fee at 10,000 bps");
    }

    // ================================================================ price for a yield

    /// @notice The exact rounding: `price * (S + y*t) <= outstanding * S < (price + 1) * (S + y*t)` with
    /// S = 10,000 * 365 days; hence the price is never above the outstanding amount and the buyer's yield is never
    /// below the one it asked for. No overflow for outstanding up to 2^128, yield up to 10,000 bps, ten years.
    function testFuzz_priceForYieldExactFloor(
        uint256 outstandingSeed,
        uint256 yieldSeed,
        uint256 remainingSeed
    ) public pure {
        uint256 outstanding = _bound(outstandingSeed, 0, 2 ** 128);
        uint256 yieldBps = _bound(yieldSeed, 0, BPS);
        uint256 remaining = _bound(remainingSeed, 0, TEN_YEARS);
        uint256 price = Pricing.priceForYield(outstanding, yieldBps, remaining);
        uint256 denominator = SCALE + yieldBps * remaining;
        _assertLe(price * denominator, outstanding * SCALE, "price * (S + y*t) <= outstanding * S");
        _assertTrue(outstanding * SCALE < (price + 1) * denominator, "outstanding * S < (price + 1) * (S + y*t)");
        _assertLe(price, outstanding, "price <= outstanding");
    }

    /// @notice Yields above the market's cap (any uint32, as a standing offer stores it) still do not overflow and
    /// still round down.
    function testFuzz_priceForYieldNoOverflowAnyUint32Yield(
        uint128 outstanding,
        uint32 yieldBps,
        uint256 remainingSeed
    ) public pure {
        uint256 remaining = _bound(remainingSeed, 0, TEN_YEARS);
        uint256 price = Pricing.priceForYield(outstanding, yieldBps, remaining);
        uint256 denominator = SCALE + uint256(yieldBps) * remaining;
        _assertLe(price, outstanding, "price <= outstanding");
        _assertLe(price * denominator, uint256(outstanding) * SCALE, "rounded down");
        _assertTrue(uint256(outstanding) * SCALE < (price + 1) * denominator, "the floor, not lower");
    }

    /// @notice No time left or no yield asked: the price is the outstanding amount itself.
    function testFuzz_priceForYieldIsOutstandingWithoutTimeOrYield(
        uint256 outstandingSeed,
        uint256 yieldSeed,
        uint256 remainingSeed
    ) public pure {
        uint256 outstanding = _bound(outstandingSeed, 0, 2 ** 128);
        _assertEq(
            Pricing.priceForYield(outstanding, _bound(yieldSeed, 0, BPS), 0),
            outstanding,
            "remaining 0 => price == outstanding"
        );
        _assertEq(
            Pricing.priceForYield(outstanding, 0, _bound(remainingSeed, 0, TEN_YEARS)),
            outstanding,
            "yield 0 => price == outstanding"
        );
    }

    /// @notice A higher yield never gives a higher price.
    function testFuzz_priceForYieldMonotoneInYield(
        uint256 outstandingSeed,
        uint256 y1Seed,
        uint256 y2Seed,
        uint256 remainingSeed
    ) public pure {
        uint256 outstanding = _bound(outstandingSeed, 0, 2 ** 128);
        uint256 y1 = _bound(y1Seed, 0, BPS);
        uint256 y2 = _bound(y2Seed, y1, BPS);
        uint256 remaining = _bound(remainingSeed, 0, TEN_YEARS);
        _assertLe(
            Pricing.priceForYield(outstanding, y2, remaining),
            Pricing.priceForYield(outstanding, y1, remaining),
            "y1 <= y2 => price(y2) <= price(y1)"
        );
    }

    /// @notice More time to maturity never gives a higher price.
    function testFuzz_priceForYieldMonotoneInRemaining(
        uint256 outstandingSeed,
        uint256 yieldSeed,
        uint256 t1Seed,
        uint256 t2Seed
    ) public pure {
        uint256 outstanding = _bound(outstandingSeed, 0, 2 ** 128);
        uint256 yieldBps = _bound(yieldSeed, 0, BPS);
        uint256 t1 = _bound(t1Seed, 0, TEN_YEARS);
        uint256 t2 = _bound(t2Seed, t1, TEN_YEARS);
        _assertLe(
            Pricing.priceForYield(outstanding, yieldBps, t2),
            Pricing.priceForYield(outstanding, yieldBps, t1),
            "t1 <= t2 => price(t2) <= price(t1)"
        );
    }

    /// @notice A larger outstanding amount never gives a lower price (same yield, same time).
    function testFuzz_priceForYieldMonotoneInOutstanding(
        uint256 o1Seed,
        uint256 o2Seed,
        uint256 yieldSeed,
        uint256 remainingSeed
    ) public pure {
        uint256 o1 = _bound(o1Seed, 0, 2 ** 128);
        uint256 o2 = _bound(o2Seed, o1, 2 ** 128);
        uint256 yieldBps = _bound(yieldSeed, 0, BPS);
        uint256 remaining = _bound(remainingSeed, 0, TEN_YEARS);
        _assertLe(
            Pricing.priceForYield(o1, yieldBps, remaining),
            Pricing.priceForYield(o2, yieldBps, remaining),
            "o1 <= o2 => price(o1) <= price(o2)"
        );
    }

    // ================================================================ the market uses the library

    /// @notice `feeFor` is the library's split under the registry's fee in force, for every fee the registry
    /// accepts.
    function testFuzz_marketFeeForMatchesSplitFee(uint256 price, uint256 bpsSeed) public {
        uint16 bps = uint16(_bound(bpsSeed, 0, FEE_CAP_BPS));
        MarketRules memory rules = registry.currentRules();
        rules.saleFeeBps = bps;
        registry.setMarketRules(rules);
        (uint256 fee, uint256 net) = market.feeFor(price);
        (uint256 expectedFee, uint256 expectedNet) = Pricing.splitFee(price, bps);
        _assertEq(fee, expectedFee, "feeFor fee");
        _assertEq(net, expectedNet, "feeFor net");
        _assertEq(fee + net, price, "fee + net == price");
    }

    /// @notice A standing offer's `quote` is `priceForYield(outstanding, yield, dueDate - now)`, at any moment
    /// between the claim's issue and its due date, and never above the outstanding amount.
    function testFuzz_quoteMatchesPriceForYield(
        uint128 faceSeed,
        uint256 tenorSeed,
        uint256 elapsedSeed,
        uint256 yieldSeed,
        uint256 paidSeed
    ) public {
        uint128 face = uint128(_bound(faceSeed, 2, type(uint96).max));
        uint256 tenor = _bound(tenorSeed, MIN_TENOR, MAX_TENOR);
        uint32 yieldBps = uint32(_bound(yieldSeed, 1, BPS));
        uint256 id = _issueByDebtor(SME, DEBTOR, face, tenor);
        uint256 paid = _bound(paidSeed, 0, face - 1);
        if (paid != 0) {
            _fund(DEBTOR, paid);
            vm.prank(DEBTOR);
            claims.pay(id, paid);
        }
        vm.prank(FACTOR);
        uint256 offerId = market.postStandingOffer(
            DEBTOR,
            address(usdc),
            yieldBps,
            uint32(MAX_TENOR),
            type(uint128).max,
            uint64(block.timestamp + MAX_TENOR)
        );
        uint256 elapsed = _bound(elapsedSeed, 0, tenor - 1);
        vm.warp(block.timestamp + elapsed);
        uint256 remaining = tenor - elapsed;
        uint256 price = market.quote(id, offerId);
        _assertEq(price, Pricing.priceForYield(face - paid, yieldBps, remaining), "quote == priceForYield");
        _assertLe(price, face - paid, "quote <= outstanding");
    }

    // ================================================================ helpers

    function _checkSplit(uint256 price, uint256 bps) private pure {
        (uint256 fee, uint256 net) = Pricing.splitFee(price, bps);
        _assertEq(fee + net, price, "fee + net == price");
        _assertLe(fee * BPS, price * bps, "fee <= price * bps / 10_000");
        _assertTrue(price * bps < (fee + 1) * BPS, "price * bps / 10_000 < fee + 1");
        _assertLe(fee, price, "fee <= price");
    }
}
