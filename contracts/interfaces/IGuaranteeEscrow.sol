// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarantee, Subrogation} from "../types/Guarantee.sol";

/// @title IGuaranteeEscrow
/// @notice Credit-risk guarantees on single claims, always fully collateralised. A verified guarantor offers cover
/// on a live claim and escrows it in the claim's currency at once; the holder activates the offer by paying the
/// premium; the active guarantee follows the claim to every later holder. If the claim is settled or voided the
/// collateral goes back to the guarantor. If the debtor defaults, the holder of record calls the guarantee within
/// the claim window and is credited min(cover, outstanding), and the guarantor is subrogated: with full cover it
/// receives the claim token (and with it the debtor's later payments); with partial cover the escrow keeps the
/// claim and splits the debtor's later payments between the holder and the guarantor, pro rata. After the window
/// with no call, the collateral goes back to the guarantor.
/// @dev Rules common to every function:
///  - the escrow is an agent of the claim contract: it moves a called claim to the guarantor or into its own
///    custody, without any approval from the holder;
///  - money is pulled only from msg.sender (the guarantor's cover, the holder's premium), with exact amounts
///    (a fee-on-transfer currency makes the call revert); premium 0 is allowed and pulls nothing;
///  - every amount leaving the escrow goes through a pull ledger ({withdraw}): returned collateral, premiums, the
///    treasury's premium fee, guarantee payouts and recoveries. A recipient the stablecoin blocks never stops anyone
///    else, and withdraws to another address;
///  - the premium fee is the registry's `premiumFeeBps` in force at activation, rounded down, and credited to the
///    registry's treasury: `fee + net == premium`;
///  - pausing the registry stops new offers and activations; it never stops withdrawing an offer, calling a
///    guarantee, releasing collateral, distributing recoveries or withdrawing;
///  - the escrow's token balance in each currency is always at least {totalLiabilities}: the collateral of every
///    offered and active guarantee plus everything credited and not yet withdrawn.
/// Self-dealing: the claim's debtor may not guarantee it (that is no transfer of risk); its originator may (recourse
/// factoring, shown as such); a holder may not activate its own offer, and a guarantor that comes to hold the claim
/// it covers may release its collateral (the cover would only protect itself).
interface IGuaranteeEscrow {
    // ---------------------------------------------------------------- errors

    /// @notice No guarantee has this id.
    error EscrowUnknownGuarantee(uint256 guaranteeId);
    /// @notice The guarantee is not in the status the action needs (status as {GuaranteeStatus} numbers it).
    error EscrowWrongStatus(uint256 guaranteeId, uint8 status);
    /// @notice The claim is not in a state the action allows (state as {ClaimState} numbers it).
    error EscrowWrongClaimState(uint256 claimId, uint8 state);
    /// @notice The account is not verified for the role the action needs (role as the registry numbers it).
    error EscrowNotVerified(address account, uint8 role);
    /// @notice The caller is not the claim's holder.
    error EscrowNotHolder(uint256 claimId, address caller, address holder);
    /// @notice The caller is not the guarantee's guarantor.
    error EscrowNotGuarantor(uint256 guaranteeId, address caller);
    /// @notice The claim's debtor may not guarantee its own debt.
    error EscrowGuarantorIsDebtor(uint256 claimId, address guarantor);
    /// @notice The holder may not activate an offer it made itself.
    error EscrowSelfGuarantee(uint256 guaranteeId, address account);
    /// @notice The claim already has an active guarantee.
    error EscrowAlreadyGuaranteed(uint256 claimId, uint256 activeGuaranteeId);
    /// @notice The cover is zero or above what the claim still owes.
    error EscrowInvalidCover(uint256 claimId, uint256 cover, uint256 outstanding);
    /// @notice The offer's expiry is not in the future.
    error EscrowExpiryNotInFuture(uint64 expiry, uint256 nowTimestamp);
    /// @notice The offer expired before it was activated.
    error EscrowOfferExpired(uint256 guaranteeId, uint64 expiry, uint256 nowTimestamp);
    /// @notice The claim's currency is no longer allowed for new business.
    error EscrowCurrencyNotAllowed(address currency);
    /// @notice New business is paused in the registry.
    error EscrowPaused();
    /// @notice The claim is past its default grace (it may be declared Defaulted): too late to cover it.
    error EscrowClaimDefaultable(uint256 claimId, uint256 defaultableAfter, uint256 nowTimestamp);
    /// @notice The call window of the defaulted claim has closed.
    error EscrowCallWindowClosed(uint256 guaranteeId, uint256 deadline, uint256 nowTimestamp);
    /// @notice The guarantor itself holds the claim: there is nobody to pay; it may release the collateral instead.
    error EscrowGuarantorHoldsClaim(uint256 guaranteeId);
    /// @notice The collateral of this active guarantee may not be released yet.
    error EscrowNotReleasable(uint256 guaranteeId);
    /// @notice The escrow holds no subrogated claim with this id, or the guarantor already took it.
    error EscrowNoSubrogation(uint256 claimId);
    /// @notice No debtor payment arrived since the last distribution.
    error EscrowNothingToDistribute(uint256 claimId);
    /// @notice Only a guarantor with full cover may take a subrogated claim out of the escrow.
    error EscrowPartialCover(uint256 claimId, uint256 covered, uint256 outstandingAtCall);
    /// @notice The currency delivered a different amount than the one asked for.
    error EscrowTransferAmountMismatch(address currency, uint256 expected, uint256 received);
    /// @notice Nothing is credited to the caller in this currency.
    error EscrowNothingToWithdraw(address account, address currency);
    /// @notice The recipient is the zero address or the escrow itself.
    error EscrowInvalidRecipient(address to);

    // ---------------------------------------------------------------- events

    /// @notice A guarantor offered `cover` on a claim for `premium`, escrowing the cover.
    event GuaranteeOffered(
        uint256 indexed guaranteeId,
        uint256 indexed claimId,
        address indexed guarantor,
        uint256 cover,
        uint256 premium,
        uint64 offerExpiry
    );
    /// @notice The guarantor withdrew an offer that was never activated; the cover is credited back to it.
    event GuaranteeOfferWithdrawn(uint256 indexed guaranteeId, uint256 indexed claimId, address indexed guarantor);
    /// @notice The holder activated a guarantee by paying the premium (`fee` of it to the treasury).
    event GuaranteeActivated(
        uint256 indexed guaranteeId,
        uint256 indexed claimId,
        address indexed holder,
        uint256 premium,
        uint256 fee
    );
    /// @notice The collateral of a guarantee went back to its guarantor (settled, voided, window passed, or the
    /// guarantor holds the claim).
    event GuaranteeReleased(
        uint256 indexed guaranteeId,
        uint256 indexed claimId,
        address indexed guarantor,
        uint256 amount
    );
    /// @notice The holder of record called the guarantee: `paid` credited to it, `returned` (cover above what was
    /// owed) credited back to the guarantor. `fullCover` says whether the guarantor took the whole claim.
    event GuaranteeCalled(
        uint256 indexed guaranteeId,
        uint256 indexed claimId,
        address indexed holder,
        uint256 paid,
        uint256 returned,
        bool fullCover
    );
    /// @notice The guarantor was subrogated: `custody` says whether the escrow keeps the claim (pro-rata split of
    /// later payments) or the claim went to the guarantor.
    event Subrogated(uint256 indexed claimId, address indexed guarantor, bool custody);
    /// @notice Debtor payments on a claim in the escrow's custody were split: `toHolder` and `toGuarantor` credited.
    event RecoveryDistributed(uint256 indexed claimId, uint256 toHolder, uint256 toGuarantor);
    /// @notice A guarantor with full cover took the claim out of the escrow's custody.
    event SubrogatedClaimTaken(uint256 indexed claimId, address indexed guarantor);
    /// @notice `amount` was credited to `account`'s ledger.
    event Credited(address indexed account, address indexed currency, uint256 amount);
    /// @notice `account` withdrew `amount` of its credit to `to`.
    event Withdrawn(address indexed account, address indexed currency, address indexed to, uint256 amount);

    // ---------------------------------------------------------------- offers

    /// @notice Offers `cover` on a live claim (Accepted, Financed or Overdue, and not past its default grace:
    /// `block.timestamp <= dueDate + defaultGrace`, else `EscrowClaimDefaultable`) for `premium`, activatable until
    /// `offerExpiry` (inclusive). Pulls the cover from the caller, a verified guarantor that is not the claim's
    /// debtor. `0 < cover <= outstanding`. Several guarantors may offer on one claim; the holder activates one.
    /// @return guaranteeId The new guarantee's id (from 1).
    function offer(
        uint256 claimId,
        uint128 cover,
        uint128 premium,
        uint64 offerExpiry
    ) external returns (uint256 guaranteeId);

    /// @notice The guarantor takes back an offer that was never activated (expired or not); the cover is credited
    /// to it. Allowed while paused.
    function withdrawOffer(uint256 guaranteeId) external;

    /// @notice The claim's holder activates an offer before it expires by paying its premium, while the claim is
    /// live (Accepted, Financed or Overdue, and not past its default grace) and has no active guarantee. The
    /// guarantor must still be verified.
    function activate(uint256 guaranteeId) external;

    // ---------------------------------------------------------------- end of a guarantee

    /// @notice Credits an active guarantee's collateral back to its guarantor when the claim is Settled or Voided,
    /// or Defaulted/WrittenOff with its call window passed (the window starts at `defaultedAt`; anyone may
    /// declare the default with the claim's `poke`). Anyone may call it. The guarantor may also release when it holds
    /// the claim itself.
    function release(uint256 guaranteeId) external;

    /// @notice The claim's holder calls an active guarantee after default, until `defaultedAt +
    /// guaranteeClaimWindow` (inclusive, the rules the claim was issued under). A claim past its grace that nobody
    /// declared Defaulted yet (stored as Accepted, Financed or Overdue) is declared Defaulted first. Credits the holder min(cover, outstanding) and the guarantor the rest of the cover,
    /// then subrogates the guarantor: with full cover the claim goes to the guarantor (into the escrow's custody if
    /// it cannot move from the holder to the guarantor now, e.g. either's verification lapsed); with partial cover
    /// into the escrow's custody, for a pro-rata split of later payments. Allowed while paused. A claim locked by a
    /// listing must be delisted first.
    /// @return paid The amount credited to the holder.
    function callGuarantee(uint256 guaranteeId) external returns (uint256 paid);

    /// @notice Splits the debtor's payments on a claim in custody since the last distribution: the guarantor's share
    /// is `covered / outstandingAtCall` of everything recovered since the call, rounded down on the running total
    /// (so the holder receives the rounding, less than one unit, until everything is recovered, when both shares
    /// are exact). Anyone may call it.
    function distribute(uint256 claimId) external;

    /// @notice A guarantor with full cover whose claim is in the escrow's custody takes it (now that it can receive
    /// it), after distributing what arrived. Later payments go straight to it. The claim's transfer rules apply
    /// (`ClaimTransferNotAllowed` while the guarantor is unverified, or once the claim is Settled: a settled claim
    /// stays in custody, its payments all distributed).
    function takeClaim(uint256 claimId) external;

    /// @notice Sends everything credited to the caller in `currency` to `to`.
    /// @return amount What was sent.
    function withdraw(address currency, address to) external returns (uint256 amount);

    // ---------------------------------------------------------------- views

    /// @notice A guarantee.
    function guarantee(uint256 guaranteeId) external view returns (Guarantee memory);

    /// @notice How many guarantees were ever offered (ids run from 1 to this).
    function guaranteeCount() external view returns (uint256);

    /// @notice The active (or called) guarantee of a claim, 0 if none. A called guarantee stays recorded here.
    function guaranteeOfClaim(uint256 claimId) external view returns (uint256 guaranteeId);

    /// @notice Whether the claim is covered by an active guarantee now.
    function isGuaranteed(uint256 claimId) external view returns (bool);

    /// @notice Every guarantee ever offered on a claim, oldest first, a page at a time.
    function guaranteesOfClaim(
        uint256 claimId,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 total);

    /// @notice Every guarantee a guarantor offered, oldest first, a page at a time.
    function guaranteesOfGuarantor(
        address guarantor,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 total);

    /// @notice The subrogation record of a claim held in custody (zeroes if none).
    function subrogation(uint256 claimId) external view returns (Subrogation memory);

    /// @notice What {distribute} would credit now.
    function pendingRecovery(uint256 claimId) external view returns (uint256 toHolder, uint256 toGuarantor);

    /// @notice The last second at which an active guarantee may be called, 0 while its claim has not defaulted.
    function callDeadline(uint256 guaranteeId) external view returns (uint256);

    /// @notice The premium fee and the guarantor's net for `premium` under the rules in force now.
    function feeFor(uint256 premium) external view returns (uint256 fee, uint256 net);

    /// @notice What `account` may withdraw in `currency`.
    function credited(address account, address currency) external view returns (uint256);

    /// @notice Everything the escrow owes in `currency`: offered and active collateral plus credited amounts.
    function totalLiabilities(address currency) external view returns (uint256);

    /// @notice The claim contract the escrow serves.
    function claims() external view returns (address);
}
