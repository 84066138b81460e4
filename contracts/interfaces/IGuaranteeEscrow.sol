// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarantee, Subrogation} from "../types/Guarantee.sol";

/// @title IGuaranteeEscrow
/// @notice Credit-risk guarantees on single claims, always fully collateralised. A verified guarantor offers cover
/// on a live claim and escrows it in the claim's currency at once; the holder activates the offer by paying the
/// premium; the active guarantee follows the claim to every later holder. If the claim is settled or voided the
/// collateral goes back to the guarantor. If the debtor defaults, the holder of record calls the guarantee within
/// the claim window and is paid min(cover, outstanding), and the guarantor is subrogated: with full cover it
/// receives the claim token (and with it the debtor's later payments); with partial cover the escrow keeps the
/// claim and splits the debtor's later payments between the holder and the guarantor, pro rata. The cover ends at
/// the call deadline, due date + default grace + guarantee claim window of the rules the claim was issued under,
/// whether or not anyone declared the default; after it, with no call, the collateral goes back to the guarantor.
/// @dev Rules common to every function:
///  - the escrow is an agent of the claim contract: it moves a called claim to the guarantor or into its own
///    custody, without any approval from the holder;
///  - money is taken only from msg.sender (the guarantor's cover, the holder's premium); what the escrow pulls is
///    measured (a fee-on-transfer currency makes the call revert); premium 0 is allowed and moves nothing;
///  - every amount the escrow owes someone who does not call for it leaves through a pull ledger ({withdraw}):
///    returned collateral and recoveries. Two payments are made straight: a guarantee's payout, to the address the
///    calling holder names ({callGuarantee}): the holder is the only one paid by its own call, so a payee the
///    stablecoin blocks stops only that call (the holder names another address); and the net premium, from the
///    holder to the guarantor at activation, which the escrow pulls and credits to the guarantor instead when the
///    currency refuses it. A recipient the stablecoin blocks never stops anyone else, and withdraws to another
///    address;
///  - the premium fee is the registry's `premiumFeeBps` in force at activation, rounded down: `fee + net == premium`.
///    The net is paid to the guarantor; the fee stays in the escrow as surplus above its liabilities, on nobody's
///    ledger, and {withdrawFees} sends the whole surplus ({feesAccrued}) to wherever the registry's current treasury
///    names. Fees belong to whoever is the treasury when they are collected: the operator sets the treasury (row O3
///    of the operator powers), and a new treasury collects what accrued before it. Tokens sent to the escrow outside
///    any function (donations) are surplus too and are collected with the fees. An activation never pays the
///    treasury, so a treasury the stablecoin blocks never stops one (it collects to another address);
///  - pausing the registry stops new offers and activations; it never stops withdrawing an offer, calling a
///    guarantee, releasing collateral, distributing recoveries, withdrawing or collecting fees;
///  - the escrow's token balance in each currency is always at least {totalLiabilities}: the collateral of every
///    offered and active guarantee, everything credited and not yet withdrawn, and recoveries collected from the
///    claim contract and not yet distributed;
///  - a guarantee activated, released or called changes what the claim is worth, so each moves the claim's nonce
///    (activation and release through the claim contract's `voidOrders`, a call by moving the claim): every
///    listing, escrowed bid and signed offer priced before it is void.
/// Self-dealing: the claim's debtor may not guarantee it (that is no transfer of risk); its originator may (recourse
/// factoring, shown as such); a holder may not activate its own offer. A guarantor that comes to hold the claim it
/// covers may release its collateral while it holds it: the rule that a guarantor never withdraws the collateral of
/// an active guarantee protects the holder, and here the holder is the guarantor, so the cover would protect nobody
/// but itself. The release voids every order priced on the guaranteed claim (its own listing, bids, signed offers),
/// so no later buyer pays a guaranteed price for the unguaranteed claim; a later holder sees it unguaranteed.
interface IGuaranteeEscrow {
    // ---------------------------------------------------------------- errors

    /// @notice No guarantee has this id.
    /// @param guaranteeId The id asked for (ids start at 1).
    error EscrowUnknownGuarantee(uint256 guaranteeId);
    /// @notice The guarantee is not in the status the action needs (status as {GuaranteeStatus} numbers it).
    /// @param guaranteeId The guarantee.
    /// @param status Its current status, as {GuaranteeStatus} numbers it.
    error EscrowWrongStatus(uint256 guaranteeId, uint8 status);
    /// @notice The claim is not in a state the action allows (state as {ClaimState} numbers it).
    /// @param claimId The claim.
    /// @param state Its current state, as {ClaimState} numbers it.
    error EscrowWrongClaimState(uint256 claimId, uint8 state);
    /// @notice The account is not verified for the role the action needs (role as the registry numbers it).
    /// @param account The guarantor: the caller making an offer, or the offer's guarantor at activation.
    /// @param role The role it needs, as {Role} numbers it: always Guarantor (3).
    error EscrowNotVerified(address account, uint8 role);
    /// @notice The caller is not the claim's holder.
    /// @param claimId The claim.
    /// @param caller The account that called.
    /// @param holder The claim's holder.
    error EscrowNotHolder(uint256 claimId, address caller, address holder);
    /// @notice The caller is not the guarantee's guarantor.
    /// @param guaranteeId The guarantee (for {takeClaim}, the one recorded on the claim).
    /// @param caller The account that called.
    error EscrowNotGuarantor(uint256 guaranteeId, address caller);
    /// @notice The claim's debtor may not guarantee its own debt.
    /// @param claimId The claim.
    /// @param guarantor The caller, the claim's debtor.
    error EscrowGuarantorIsDebtor(uint256 claimId, address guarantor);
    /// @notice The holder may not activate an offer it made itself.
    /// @param guaranteeId The offer.
    /// @param account The caller, both the claim's holder and the offer's guarantor.
    error EscrowSelfGuarantee(uint256 guaranteeId, address account);
    /// @notice The claim already has an active guarantee.
    /// @param claimId The claim.
    /// @param activeGuaranteeId The guarantee recorded on it (active, or called).
    error EscrowAlreadyGuaranteed(uint256 claimId, uint256 activeGuaranteeId);
    /// @notice The cover is zero or above what the claim still owes.
    /// @param claimId The claim.
    /// @param cover The cover offered, in base units of the claim's currency.
    /// @param outstanding The claim's face value minus its amount paid.
    error EscrowInvalidCover(uint256 claimId, uint256 cover, uint256 outstanding);
    /// @notice The premium is above what a guarantee stores: 2^96 - 1 base units (79 billion tokens of
    /// 18 decimals).
    /// @param amount The amount given, in base units of the claim's currency.
    /// @param limit The most a guarantee's premium may be: 2^96 - 1.
    error EscrowAmountAboveLimit(uint256 amount, uint256 limit);
    /// @notice The offer's expiry is not in the future.
    /// @param expiry The offer expiry given, in unix seconds.
    /// @param nowTimestamp The block's timestamp.
    error EscrowExpiryNotInFuture(uint64 expiry, uint256 nowTimestamp);
    /// @notice The offer expired before it was activated.
    /// @param guaranteeId The offer.
    /// @param expiry Its last second, in unix seconds.
    /// @param nowTimestamp The block's timestamp.
    error EscrowOfferExpired(uint256 guaranteeId, uint64 expiry, uint256 nowTimestamp);
    /// @notice The claim's currency is no longer allowed for new business.
    /// @param currency The claim's currency.
    error EscrowCurrencyNotAllowed(address currency);
    /// @notice New business is paused in the registry.
    error EscrowPaused();
    /// @notice The claim is past its default grace (it may be declared Defaulted): too late to cover it.
    /// @param claimId The claim.
    /// @param defaultableAfter Its due date plus the default grace of its rules, in unix seconds.
    /// @param nowTimestamp The block's timestamp.
    error EscrowClaimDefaultable(uint256 claimId, uint256 defaultableAfter, uint256 nowTimestamp);
    /// @notice The call window of the defaulted claim has closed.
    /// @param guaranteeId The guarantee.
    /// @param deadline The last second it could be called (`dueDate + defaultGrace + guaranteeClaimWindow`), in unix
    /// seconds.
    /// @param nowTimestamp The block's timestamp.
    error EscrowCallWindowClosed(uint256 guaranteeId, uint256 deadline, uint256 nowTimestamp);
    /// @notice The guarantor itself holds the claim: there is nobody to pay; it may release the collateral instead.
    /// @param guaranteeId The guarantee.
    error EscrowGuarantorHoldsClaim(uint256 guaranteeId);
    /// @notice The collateral of this active guarantee may not be released yet.
    /// @param guaranteeId The guarantee.
    error EscrowNotReleasable(uint256 guaranteeId);
    /// @notice The escrow holds no subrogated claim with this id, or the guarantor already took it.
    /// @param claimId The claim.
    error EscrowNoSubrogation(uint256 claimId);
    /// @notice No debtor payment arrived since the last distribution.
    /// @param claimId The claim in custody.
    error EscrowNothingToDistribute(uint256 claimId);
    /// @notice Only a guarantor with full cover may take a subrogated claim out of the escrow.
    /// @param claimId The claim in custody.
    /// @param covered What the guarantee paid at the call, in base units of the claim's currency.
    /// @param outstandingAtCall What the debtor owed at the call.
    error EscrowPartialCover(uint256 claimId, uint256 covered, uint256 outstandingAtCall);
    /// @notice The currency delivered a different amount than the one asked for.
    /// @param currency The ERC-20 pulled.
    /// @param expected The amount asked for, in its base units.
    /// @param received What the escrow's balance actually grew by (0 if it shrank).
    error EscrowTransferAmountMismatch(address currency, uint256 expected, uint256 received);
    /// @notice Nothing is credited to the caller in this currency.
    /// @param account The account that called.
    /// @param currency The ERC-20 asked for.
    error EscrowNothingToWithdraw(address account, address currency);
    /// @notice The recipient is the zero address or the escrow itself.
    /// @param to The address given.
    error EscrowInvalidRecipient(address to);
    /// @notice Only the registry's current treasury collects fees.
    /// @param caller The account that called.
    /// @param treasury The registry's current treasury.
    error EscrowNotTreasury(address caller, address treasury);
    /// @notice The escrow holds nothing above its liabilities in this currency: no fees to collect.
    /// @param currency The ERC-20 asked for.
    error EscrowNoFeesDue(address currency);

    // ---------------------------------------------------------------- events

    /// @notice A guarantor offered `cover` on a claim for `premium`, escrowing the cover.
    /// @param guaranteeId The new guarantee's id (ids start at 1).
    /// @param claimId The claim covered.
    /// @param guarantor The guarantor, who escrowed the cover.
    /// @param cover The collateral, in base units of the claim's currency.
    /// @param premium What the holder pays to activate it, in the same units (may be 0).
    /// @param offerExpiry The last second it can be activated, in unix seconds.
    event GuaranteeOffered(
        uint256 indexed guaranteeId,
        uint256 indexed claimId,
        address indexed guarantor,
        uint256 cover,
        uint256 premium,
        uint64 offerExpiry
    );
    /// @notice The guarantor withdrew an offer that was never activated; the cover is credited back to it.
    /// @param guaranteeId The offer.
    /// @param claimId Its claim.
    /// @param guarantor Its guarantor.
    event GuaranteeOfferWithdrawn(uint256 indexed guaranteeId, uint256 indexed claimId, address indexed guarantor);
    /// @notice The holder activated a guarantee by paying the premium (`fee` of it kept for the treasury).
    /// @param guaranteeId The guarantee.
    /// @param claimId Its claim.
    /// @param holder The holder that paid the premium.
    /// @param premium The premium, in base units of the claim's currency.
    /// @param fee The part of it kept in the escrow as a fee, for the treasury to collect; the guarantor is paid the
    /// rest (credited it if the currency refuses the transfer).
    event GuaranteeActivated(
        uint256 indexed guaranteeId,
        uint256 indexed claimId,
        address indexed holder,
        uint256 premium,
        uint256 fee
    );
    /// @notice The collateral of a guarantee went back to its guarantor (settled, voided, window passed, or the
    /// guarantor holds the claim).
    /// @param guaranteeId The guarantee.
    /// @param claimId Its claim.
    /// @param guarantor Its guarantor, credited.
    /// @param amount The cover credited back, in base units of the claim's currency.
    event GuaranteeReleased(
        uint256 indexed guaranteeId,
        uint256 indexed claimId,
        address indexed guarantor,
        uint256 amount
    );
    /// @notice The holder of record called the guarantee: `paid` sent to `to`, the address it named, `returned` (cover
    /// above what was owed) credited back to the guarantor. `fullCover` says whether the guarantor took the whole
    /// claim.
    /// @param guaranteeId The guarantee.
    /// @param claimId Its defaulted claim.
    /// @param holder The holder that called it.
    /// @param to Where the payout was sent, as the holder named it.
    /// @param paid What was sent to `to`: min(cover, outstanding), in base units of the claim's currency.
    /// @param returned Cover above the outstanding amount, credited back to the guarantor.
    /// @param fullCover True if the cover paid everything outstanding: every later payment is the guarantor's.
    event GuaranteeCalled(
        uint256 indexed guaranteeId,
        uint256 indexed claimId,
        address indexed holder,
        address to,
        uint256 paid,
        uint256 returned,
        bool fullCover
    );
    /// @notice The guarantor was subrogated: `custody` says whether the escrow keeps the claim (pro-rata split of
    /// later payments) or the claim went to the guarantor.
    /// @param claimId The called claim.
    /// @param guarantor The guarantor.
    /// @param custody True if the escrow keeps the claim, false if it went to the guarantor.
    event Subrogated(uint256 indexed claimId, address indexed guarantor, bool custody);
    /// @notice Debtor payments on a claim in the escrow's custody were split: `toHolder` and `toGuarantor` credited.
    /// @param claimId The claim in custody.
    /// @param toHolder What was credited to the holder at the call, in base units of the claim's currency.
    /// @param toGuarantor What was credited to the guarantor.
    event RecoveryDistributed(uint256 indexed claimId, uint256 toHolder, uint256 toGuarantor);
    /// @notice A guarantor with full cover took the claim out of the escrow's custody.
    /// @param claimId The claim.
    /// @param guarantor The guarantor, its holder now.
    event SubrogatedClaimTaken(uint256 indexed claimId, address indexed guarantor);
    /// @notice `amount` was credited to `account`'s ledger.
    /// @param account The account credited (guarantor or holder).
    /// @param currency The ERC-20.
    /// @param amount What was credited, in base units of `currency`.
    event Credited(address indexed account, address indexed currency, uint256 amount);
    /// @notice `account` withdrew `amount` of its credit to `to`.
    /// @param account The account whose credit was paid out.
    /// @param currency The ERC-20 sent.
    /// @param to Where it was sent.
    /// @param amount What was sent, in base units of `currency`.
    event Withdrawn(address indexed account, address indexed currency, address indexed to, uint256 amount);
    /// @notice The treasury collected the escrow's fees (its surplus above its liabilities) in `currency`.
    /// @param treasury The registry's treasury that collected them.
    /// @param currency The ERC-20 sent.
    /// @param to Where it was sent.
    /// @param amount What was sent, in base units of `currency`.
    event FeesWithdrawn(address indexed treasury, address indexed currency, address indexed to, uint256 amount);

    // ---------------------------------------------------------------- offers

    /// @notice Offers `cover` on a live claim (Accepted, Financed or Overdue, and not past its default grace:
    /// `block.timestamp <= dueDate + defaultGrace`, else `EscrowClaimDefaultable`) for `premium`, activatable until
    /// `offerExpiry` (inclusive). Pulls the cover from the caller, a verified guarantor that is not the claim's
    /// debtor. `0 < cover <= outstanding` (so the cover fits the 96 bits a guarantee stores: a face value is at
    /// most 2^96 - 1); premium at most 2^96 - 1 base units, else `EscrowAmountAboveLimit`. Several guarantors may offer on one claim; the holder activates one.
    /// @return guaranteeId The new guarantee's id (from 1).
    /// @param claimId The claim to cover.
    /// @param cover The collateral, in base units of the claim's currency; pulled from the caller now.
    /// @param premium What the holder pays to activate it, in the same units; 0 for none.
    /// @param offerExpiry The last second it can be activated, in unix seconds; in the future.
    function offer(
        uint256 claimId,
        uint128 cover,
        uint128 premium,
        uint64 offerExpiry
    ) external returns (uint256 guaranteeId);

    /// @notice The guarantor takes back an offer that was never activated (expired or not); the cover is credited
    /// to it. Allowed while paused.
    /// @param guaranteeId An Offered guarantee of the caller's.
    function withdrawOffer(uint256 guaranteeId) external;

    /// @notice The claim's holder activates an offer before it expires by paying its premium, while the claim is
    /// live (Accepted, Financed or Overdue, and not past its default grace) and has no active guarantee. The
    /// guarantor must still be verified. The premium net of the fee goes from the caller straight to the guarantor
    /// (pulled into the escrow and credited to the guarantor instead if the currency refuses that transfer); the fee
    /// is pulled into the escrow. The caller approves the escrow for the whole premium. Voids every order priced on
    /// the claim before (`voidOrders`: its nonce moves), since they priced it unguaranteed.
    /// @param guaranteeId An Offered, unexpired guarantee on a claim the caller holds.
    function activate(uint256 guaranteeId) external;

    // ---------------------------------------------------------------- end of a guarantee

    /// @notice Credits an active guarantee's collateral back to its guarantor when the claim is Settled or Voided,
    /// or once the cover has ended ({callDeadline} passed, whether or not anyone declared the default) unless a
    /// dispute is open. Anyone may call it. The guarantor may also release it while it holds the claim itself (the
    /// cover would protect nobody but the guarantor). Voids every order priced on the claim before (`voidOrders`:
    /// its nonce moves), since they priced it guaranteed; if the escrow is no longer an agent of the claim contract
    /// (`voidOrders` refuses with `ClaimNotAgent`), the release still goes through, without voiding.
    /// @param guaranteeId An Active guarantee.
    function release(uint256 guaranteeId) external;

    /// @notice The claim's holder calls an active guarantee after default, until {callDeadline} (inclusive): due
    /// date + default grace + guarantee claim window of the rules the claim was issued under, whether or not anyone
    /// declared the default. A claim past its grace that nobody declared Defaulted yet (stored as Accepted, Financed
    /// or Overdue) is declared Defaulted first. Sends min(cover, outstanding) straight to `to`, the address the
    /// holder names (not through the ledger), credits the guarantor the rest of the cover, then subrogates the
    /// guarantor: with full cover the claim goes to the guarantor (into the
    /// escrow's custody if it cannot move from the holder to the guarantor now, e.g. either's verification lapsed);
    /// with partial cover into the escrow's custody, for a pro-rata split of later payments. Either way the claim
    /// moves, so its nonce moves and every order priced before the call is void. Allowed while paused. A claim locked
    /// by a listing must be delisted first, and one locked by a sealed-bid auction closed first (the default made
    /// the auction Void, so anyone may close it).
    /// @return paid The amount sent to `to`, in base units of the claim's currency.
    /// @param guaranteeId An Active guarantee on a claim the caller holds.
    /// @param to Where to send the payout: not zero, not the escrow (`EscrowInvalidRecipient`). If the currency
    /// refuses to pay it (a blocklisted address), the whole call reverts and nothing moves.
    function callGuarantee(uint256 guaranteeId, address to) external returns (uint256 paid);

    /// @notice Splits the debtor's payments on a claim in custody since the last distribution: the guarantor's share
    /// is `covered / outstandingAtCall` of everything recovered since the call, rounded down on the running total
    /// (so the holder receives the rounding, less than one unit, until everything is recovered, when both shares
    /// are exact). Anyone may call it.
    /// @param claimId A claim in the escrow's custody after a call, not taken by its guarantor.
    function distribute(uint256 claimId) external;

    /// @notice A guarantor with full cover whose claim is in the escrow's custody takes it (now that it can receive
    /// it), after distributing what arrived. Later payments go straight to it. The claim's transfer rules apply
    /// (`ClaimTransferNotAllowed` while the guarantor is unverified, or once the claim is Settled: a settled claim
    /// stays in custody, its payments all distributed).
    /// @param claimId A claim in the escrow's custody on which the caller, its guarantor, paid everything outstanding
    /// at the call.
    function takeClaim(uint256 claimId) external;

    /// @notice Sends everything credited to the caller in `currency` to `to`.
    /// @return amount What was sent.
    /// @param currency The ERC-20 to withdraw.
    /// @param to Where to send it: not zero, not the escrow.
    function withdraw(address currency, address to) external returns (uint256 amount);

    /// @notice The registry's current treasury collects the fees: sends everything the escrow holds in `currency`
    /// above its liabilities ({feesAccrued}: premium fees and donations) to `to`. Liabilities (collateral, credits,
    /// undistributed recoveries) are untouched. Never paused. Reverts with `EscrowNotTreasury` for any other caller,
    /// `EscrowInvalidRecipient` for a zero or escrow recipient and `EscrowNoFeesDue` when nothing is due.
    /// @param currency The ERC-20 to collect.
    /// @param to Where to send it: not zero, not the escrow.
    /// @return amount What was sent, in base units of `currency`.
    function withdrawFees(address currency, address to) external returns (uint256 amount);

    // ---------------------------------------------------------------- views

    /// @notice A guarantee.
    /// @param guaranteeId The guarantee; reverts with {EscrowUnknownGuarantee} if none.
    function guarantee(uint256 guaranteeId) external view returns (Guarantee memory);

    /// @notice How many guarantees were ever offered (ids run from 1 to this).
    function guaranteeCount() external view returns (uint256);

    /// @notice The active (or called) guarantee of a claim, 0 if none. A called guarantee stays recorded here.
    /// @param claimId The claim.
    function guaranteeOfClaim(uint256 claimId) external view returns (uint256 guaranteeId);

    /// @notice Whether the claim is covered by an active guarantee now.
    /// @param claimId The claim.
    function isGuaranteed(uint256 claimId) external view returns (bool);

    /// @notice The guarantees among ids `fromId` to `fromId + count - 1`, in id order (oldest first); `claimId` and
    /// `guarantor` filter when not zero. No list per claim or guarantor is stored (it would cost every offer writes):
    /// callers walk the ids from 1 to {guaranteeCount} in windows, and {GuaranteeOffered} serves indexers.
    /// @param claimId Only guarantees on this claim; 0 for any.
    /// @param guarantor Only guarantees offered by this guarantor; zero for any.
    /// @param fromId The first guarantee id to look at (0 reads as 1).
    /// @param count The most ids to look at; the window stops at {guaranteeCount}.
    /// @return ids The matching guarantee ids.
    function guaranteesOf(
        uint256 claimId,
        address guarantor,
        uint256 fromId,
        uint256 count
    ) external view returns (uint256[] memory ids);

    /// @notice The subrogation record of a claim held in custody (zeroes if none).
    /// @param claimId The claim.
    function subrogation(uint256 claimId) external view returns (Subrogation memory);

    /// @notice What {distribute} would credit now.
    /// @param claimId The claim (zeroes unless it is in custody and not taken).
    function pendingRecovery(uint256 claimId) external view returns (uint256 toHolder, uint256 toGuarantor);

    /// @notice The last second at which an active guarantee may be called, the end of its cover: the claim's due
    /// date + default grace + guarantee claim window of the rules it was issued under, whether or not anyone
    /// declared the default. Defined for every guarantee, whatever its status.
    /// @param guaranteeId The guarantee; reverts with {EscrowUnknownGuarantee} if none.
    function callDeadline(uint256 guaranteeId) external view returns (uint256);

    /// @notice The premium fee and the guarantor's net for `premium` under the rules in force now.
    /// @param premium A premium, in base units of the claim's currency.
    function feeFor(uint256 premium) external view returns (uint256 fee, uint256 net);

    /// @notice What `account` may withdraw in `currency`.
    /// @param account The account.
    /// @param currency The ERC-20.
    function credited(address account, address currency) external view returns (uint256);

    /// @notice Everything the escrow owes in `currency`: offered and active collateral, credited amounts and
    /// recoveries collected from the claim contract and not yet distributed.
    /// @param currency The ERC-20.
    function totalLiabilities(address currency) external view returns (uint256);

    /// @notice The fees the treasury can collect in `currency` now: the escrow's balance minus {totalLiabilities}
    /// (premium fees kept since the last collection, plus donations).
    /// @param currency The ERC-20.
    function feesAccrued(address currency) external view returns (uint256);

    /// @notice The claim contract the escrow serves.
    function claims() external view returns (address);
}
