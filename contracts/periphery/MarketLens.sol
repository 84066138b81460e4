// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IClaimMarket} from "../interfaces/IClaimMarket.sol";
import {IGuaranteeEscrow} from "../interfaces/IGuaranteeEscrow.sol";
import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {Claim} from "../types/Claim.sol";
import {Bid, Listing} from "../types/Market.sol";

/// @notice One listed claim with everything the market's table shows about it.
struct ListedClaim {
    uint256 claimId; // the claim
    Claim claim; // the claim as the claim contract stores it
    uint256 outstanding; // what the debtor still owes, in the claim currency's base units
    Listing listing; // the listing: seller, deadline, ask price, minimum bid
    // Bids are read only for a listing without an ask (offers only), which is priced at its best bid; a listing with
    // an ask is priced at its ask, and its bids are left to the market's own views (both fields are 0 then).
    uint256 bestLiveBid; // the highest bid that can be accepted now, in base units; 0 when there is none
    uint256 liveBids; // how many bids can be accepted now
    bool guaranteed; // an active guarantee covers the claim
}

/// @title MarketLens
/// @notice Read-only aggregation for front ends: a page of listed claims with their terms, listing, live bids and
/// guarantee in one call, instead of five reads per claim and one per bid. Holds nothing, moves nothing, owns
/// nothing: every figure is read from the claim contract, the market and the escrow at the block of the call.
contract MarketLens {
    /// @notice The claim contract read.
    IReceivableClaim public immutable claims;
    /// @notice The market read.
    IClaimMarket public immutable market;
    /// @notice The guarantee escrow read.
    IGuaranteeEscrow public immutable escrow;

    /// @param claimContract The claim contract.
    /// @param claimMarket The market trading its claims.
    /// @param guaranteeEscrow The guarantee escrow covering its claims.
    constructor(IReceivableClaim claimContract, IClaimMarket claimMarket, IGuaranteeEscrow guaranteeEscrow) {
        claims = claimContract;
        market = claimMarket;
        escrow = guaranteeEscrow;
    }

    /// @notice A page of the claims listed now, in the market's `listings` order, each with its details. The live bids
    /// of a listing are read only when it has no ask price (see `ListedClaim`): bids are what such a listing is
    /// priced at, and reading them for every listing would multiply the call's cost.
    /// @param debtor Only claims on this debtor; the zero address for every debtor.
    /// @param currency Only claims in this currency; the zero address for every currency.
    /// @param offset How many matching listings to skip.
    /// @param limit The most listings to return.
    /// @param maxBidders The most bidders read per offers-only listing (bids beyond are not counted); bounds the cost.
    /// @return page The listed claims, at most `limit`.
    /// @return total How many listings match the filters in all.
    function listedClaims(
        address debtor,
        address currency,
        uint256 offset,
        uint256 limit,
        uint256 maxBidders
    ) external view returns (ListedClaim[] memory page, uint256 total) {
        uint256[] memory ids;
        (ids, total) = market.listings(debtor, currency, offset, limit);
        page = new ListedClaim[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 id = ids[i];
            Listing memory listing = market.listing(id);
            (uint256 best, uint256 live) = listing.askPrice == 0 ? _liveBids(id, maxBidders) : (0, 0);
            page[i] = ListedClaim({
                claimId: id,
                claim: claims.claim(id),
                outstanding: claims.outstanding(id),
                listing: listing,
                bestLiveBid: best,
                liveBids: live,
                guaranteed: escrow.isGuaranteed(id)
            });
        }
    }

    /// @dev The highest live bid on `claimId` and the number of live bids, among its first `maxBidders` bidders.
    function _liveBids(uint256 claimId, uint256 maxBidders) private view returns (uint256 best, uint256 live) {
        (address[] memory bidders, ) = market.bidders(claimId, 0, maxBidders);
        for (uint256 j = 0; j < bidders.length; ++j) {
            (Bid memory bid, bool isLive) = market.bidOf(claimId, bidders[j]);
            if (isLive) {
                ++live;
                best = Math.max(best, bid.amount);
            }
        }
    }
}
