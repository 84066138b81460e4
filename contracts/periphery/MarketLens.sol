// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IClaimMarket} from "../interfaces/IClaimMarket.sol";
import {IGuaranteeEscrow} from "../interfaces/IGuaranteeEscrow.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {ClaimViews} from "../libraries/ClaimViews.sol";
import {Paging} from "../libraries/Paging.sol";
import {Claim, ClaimSale} from "../types/Claim.sol";
import {Bid, Listing} from "../types/Market.sol";
import {Role} from "../types/Roles.sol";

/// @notice One listed claim with everything the market's table shows about it.
struct ListedClaim {
    uint256 claimId; // the claim
    Claim claim; // the claim as the claim contract stores it
    uint256 outstanding; // what the debtor still owes, in the claim currency's base units
    Listing listing; // the listing: seller, deadline, the claim nonce it was priced on, ask price, minimum bid
    // The listing was priced on an older state of the claim (listing.claimNonce != claim.nonce: paid, diluted, its
    // guarantee changed): `buy` refuses it until the seller re-prices it, so a front end offers no Buy for it.
    bool repriceNeeded;
    // Bids are read only for a listing without an ask (offers only), which is priced at its best bid; a listing with
    // an ask is priced at its ask, and its bids are left to the market's own views (both fields are 0 then). Only the
    // bids of the `bidders` the caller names count.
    uint256 bestLiveBid; // the highest bid that can be accepted now, in base units; 0 when there is none
    uint256 liveBids; // how many bids can be accepted now
    bool guaranteed; // an active guarantee covers the claim
}

/// @title MarketLens
/// @notice Read-only aggregation for front ends: a page of listed claims with their terms, listing, live bids and
/// guarantee in one call, instead of five reads per claim and one per bid; and the market's scanning views (the
/// listed claims and a bidder's claims in a window of ids), kept here so that the market's code stays small. Holds nothing, moves nothing, owns
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

    /// @notice The claims listed among ids `fromId` to `fromId + count - 1`, in id order, each with its details. The
    /// live bids of a listing are read only when it has no ask price (see `ListedClaim`): bids are what such a listing
    /// is priced at, and reading them for every listing would multiply the call's cost. A live bid is one the seller
    /// can accept now, so only the bids of `bidders` verified as factors now count (the market sells only to them).
    /// The market keeps no list of a claim's bidders and the lens reads no list it was not given: the caller names
    /// the bidders (a front end the verified factors it already read, an indexer those that bid), so that the cost of
    /// a call depends only on its window and on `bidders`, never on how many participants the registry holds.
    /// Worst-case gas: 30,000 + 3,600 per id in the window + 75,000 per listed claim + 5,000 per bidder named (its
    /// verification, read only if the window holds an offers-only listing) + 5,000 per bidder named per offers-only
    /// listing (its bid). Nothing outside the window and `bidders` counts: with 10,000 claims and 1,000 participants,
    /// a window of 250 ids, every one listed offers-only, costs about 32 million gas with 10 bidders named and 1.27
    /// billion with all 1,000 (both above the 16,777,216-gas `eth_call` cap: name the factors that bid, and read
    /// fewer ids a call: 100 such ids with 10 bidders cost 12.9 million); 250 ids listed with an ask cost 19.7 million.
    /// @param debtor Only claims on this debtor; the zero address for every debtor.
    /// @param currency Only claims in this currency; the zero address for every currency.
    /// @param fromId The first claim id to look at (0 reads as 1).
    /// @param count The most claim ids to look at.
    /// @param bidders The accounts whose bids count, each once (an account named twice counts twice); those not
    /// verified as factors now are skipped.
    /// @return page The listed claims in the window.
    /// @return claimCount How many claims exist (ids run from 1 to it), so callers know where the windows end.
    function listedClaims(
        address debtor,
        address currency,
        uint256 fromId,
        uint256 count,
        address[] calldata bidders
    ) external view returns (ListedClaim[] memory page, uint256 claimCount) {
        claimCount = claims.claimCount();
        uint256[] memory ids = listings(debtor, currency, fromId, count);
        page = new ListedClaim[](ids.length);
        bool offersOnly = false;
        for (uint256 i = 0; i < ids.length; ++i) {
            page[i].claimId = ids[i];
            page[i].listing = market.listing(ids[i]);
            if (page[i].listing.askPrice == 0) offersOnly = true;
        }
        // The bidders are checked once per call, and only when an offers-only listing needs them.
        address[] memory factors;
        if (offersOnly) factors = _verifiedFactors(bidders);
        for (uint256 i = 0; i < page.length; ++i) {
            ListedClaim memory row = page[i];
            uint256 id = row.claimId;
            if (row.listing.askPrice == 0) (row.bestLiveBid, row.liveBids) = _liveBids(id, factors);
            row.claim = ClaimViews.claimOf(claims, id);
            // From the claim just read: one claim read a row.
            row.outstanding = ClaimViews.owed(row.claim.state, row.claim.faceValue, row.claim.amountPaid);
            row.guaranteed = escrow.isGuaranteed(id);
            row.repriceNeeded = row.listing.claimNonce != row.claim.nonce;
        }
    }

    /// @notice The listed claims among ids `fromId` to `fromId + count - 1`, in id order; `debtor` and `currency`
    /// filter when not zero. A claim is listed when {IClaimMarket-listing} shows a seller: a stored listing whose lock
    /// the market lost is not listed. The market stores no list of listings (it would cost every listing and sale
    /// writes): callers walk the ids from 1 to the claim contract's `claimCount` in windows.
    /// Worst-case gas: 30,000 + 15,000 per id in the window when every id is listed (the market's listing, which
    /// reads the claim), about 3,600 per id not listed; with a debtor or currency filter, 19,500 per listed id (the
    /// claim is read once more). Nothing outside the window counts. For 10,000 claims: about 36 million gas over
    /// every id with none listed, 150 million with all listed (above the 16,777,216-gas `eth_call` cap: read 1,000
    /// ids a call, 3.6 million, or 500 listed ids, 7.5 million), 195 million filtered with every claim listed (500 ids
    /// a call, 9.8 million).
    /// @param debtor Only claims on this debtor; zero for any.
    /// @param currency Only claims in this currency; zero for any.
    /// @param fromId The first claim id to look at (0 reads as 1).
    /// @param count The most ids to look at; the window stops at the claim contract's `claimCount`.
    /// @return ids The listed claim ids.
    function listings(
        address debtor,
        address currency,
        uint256 fromId,
        uint256 count
    ) public view returns (uint256[] memory ids) {
        (uint256 first, uint256 end) = Paging.window(fromId, count, claims.claimCount());
        ids = new uint256[](end - first);
        uint256 found = 0;
        bool filtered = debtor != address(0) || currency != address(0);
        for (uint256 id = first; id < end; ++id) {
            if (market.listing(id).seller == address(0)) continue;
            if (filtered) {
                ClaimSale memory c = claims.claimForSale(id);
                if (debtor != address(0) && c.debtor != debtor) continue;
                if (currency != address(0) && c.currency != currency) continue;
            }
            ids[found++] = id;
        }
        return Paging.truncate(ids, found);
    }

    /// @notice The claims among ids `fromId` to `fromId + count - 1` on which `bidder` has a bid escrowed in the
    /// market (live or not), in id order. The market keeps bids per claim and bidder only: the bidders of one claim
    /// are found by asking {IClaimMarket-bidOf} for each verified factor (only they can bid and buy), and
    /// {IClaimMarket-BidPlaced} serves indexers.
    /// Worst-case gas: 30,000 + 15,000 per id in the window when every id holds a bid of `bidder` (the market's bid,
    /// and its claim's sale view for the liveness: the claim contract keeps no one-slot nonce view), about 3,600 per id
    /// without one, whatever other bidders hold and however many participants exist. For 10,000 claims and 1,000
    /// participants: about 36 to 150 million gas over every id (above the 16,777,216-gas `eth_call` cap: read 1,000
    /// ids a call, 3.6 to 15 million).
    /// @param bidder The bidder.
    /// @param fromId The first claim id to look at (0 reads as 1).
    /// @param count The most ids to look at; the window stops at the claim contract's `claimCount`.
    /// @return claimIds The claims with a bid by `bidder`.
    function bidsOf(address bidder, uint256 fromId, uint256 count) external view returns (uint256[] memory claimIds) {
        (uint256 first, uint256 end) = Paging.window(fromId, count, claims.claimCount());
        claimIds = new uint256[](end - first);
        uint256 found = 0;
        for (uint256 id = first; id < end; ++id) {
            (Bid memory b, ) = market.bidOf(id, bidder);
            if (b.amount != 0) claimIds[found++] = id;
        }
        return Paging.truncate(claimIds, found);
    }

    /// @dev Those of `bidders` verified as factors now.
    function _verifiedFactors(address[] calldata bidders) private view returns (address[] memory factors) {
        IParticipantRegistry registry = IParticipantRegistry(claims.registry());
        factors = new address[](bidders.length);
        uint256 found = 0;
        for (uint256 i = 0; i < bidders.length; ++i) {
            if (registry.isVerified(bidders[i], Role.Factor)) factors[found++] = bidders[i];
        }
        // Memory-safe: an array's first word is its length, and shortening it only hides words the array owns.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(factors, found)
        }
    }

    function _liveBids(uint256 claimId, address[] memory bidders) private view returns (uint256 best, uint256 live) {
        for (uint256 j = 0; j < bidders.length; ++j) {
            (Bid memory bid, bool isLive) = market.bidOf(claimId, bidders[j]);
            if (isLive) {
                ++live;
                best = Math.max(best, bid.amount);
            }
        }
    }
}
