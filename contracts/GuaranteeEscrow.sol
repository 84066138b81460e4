// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {LowLevelCall} from "@openzeppelin/contracts/utils/LowLevelCall.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IGuaranteeEscrow} from "./interfaces/IGuaranteeEscrow.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {IReceivableClaim} from "./interfaces/IReceivableClaim.sol";
import {Paging} from "./libraries/Paging.sol";
import {PullLedger} from "./libraries/PullLedger.sol";
import {Pricing} from "./libraries/Pricing.sol";
import {ClaimCore, ClaimSale, ClaimState} from "./types/Claim.sol";
import {Guarantee, GuaranteeStatus, Subrogation} from "./types/Guarantee.sol";
import {MarketRules, Role} from "./types/Roles.sol";

/// @title GuaranteeEscrow
/// @notice Fully collateralised credit-risk guarantees on single claims: offer, activation by premium, release,
/// call on default and subrogation.
/// @dev Interface-first: every external function is specified in {IGuaranteeEscrow}.
contract GuaranteeEscrow is IGuaranteeEscrow, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using PullLedger for PullLedger.Book;

    /// @dev A guarantee as stored: the public {Guarantee} in two slots. The claim id is a uint48 (ids count the claims
    /// issued, and an id the claim contract does not know is refused before the record is written; 2^48 issues cannot
    /// happen), the activation time a uint40 (block time), cover and premium uint96 each ({offer} refuses more than
    /// 2^96 - 1 base units, 79 billion tokens of 18 decimals), and the currency, the claim's, as its 16-bit index in
    /// the escrow's ledger (see {PullLedger}). The offer expiry is stored cut to the claim's due date + default grace
    /// (a uint40: a due date is at most the issue time plus a uint32 tenor, and the grace a uint32), so that activating
    /// needs no rules read: a claim's due date and its rules version never change, nor do published rules. The status,
    /// the activation time and the fields every later step reads first share slot 0, so activating writes one slot of
    /// the record. {guarantee} widens it back.
    struct StoredGuarantee {
        // slot 0
        address guarantor;
        GuaranteeStatus status;
        uint40 activatedAt; // unix seconds; 0 until Active
        uint48 claimId;
        // slot 1
        uint96 cover; // collateral escrowed, in the claim's currency
        uint96 premium; // paid by the holder on activation, in the claim's currency
        uint40 offerExpiry; // last second the offer may be activated: the guarantor's expiry or the grace end
        bool expiryIsGraceEnd; // the guarantor's expiry outlived the grace: activating later is too late to cover
        uint16 currencyIndex; // the claim's currency, as its index in the escrow's ledger
    }

    /// @dev A subrogation as stored: the public {Subrogation} in three slots, written as the steps need them. The call
    /// writes slots 0 and 1; each distribution writes slot 2 only; taking the claim sets the flag in slot 1. Every
    /// amount of the call fits 96 bits: what the debtor owed and had paid are at most the claim's face value, and the
    /// covered amount at most the cover. The guarantor is not stored: it is the called guarantee's, the one
    /// {guaranteeOfClaim} keeps recorded on the claim (a called guarantee is never cleared nor replaced).
    /// {subrogation} widens it back.
    struct StoredSubrogation {
        // slot 0
        address holder; // the holder of record at the call; never zero once written
        uint96 covered; // what the guarantee paid the holder at the call
        // slot 1
        uint96 outstandingAtCall; // what the debtor still owed at the call
        uint96 paidAtCall; // the claim's amountPaid at the call
        bool released; // the guarantor took the claim (full cover only)
        // slot 2
        uint128 recovered; // debtor payments since the call, distributed so far
        uint128 guarantorRecovered; // of which the guarantor's share
    }

    IReceivableClaim private immutable _claims;
    IParticipantRegistry private immutable _registry;

    /// @dev Guarantee ids start at 1; index 0 is never used.
    mapping(uint256 guaranteeId => StoredGuarantee record) private _guarantees;
    uint256 private _guaranteeCount;
    /// @dev The active or called guarantee of a claim (0 = none); cleared when an active guarantee is released.
    mapping(uint256 claimId => uint256 guaranteeId) private _guaranteeOfClaim;
    mapping(uint256 claimId => StoredSubrogation record) private _subrogations;

    PullLedger.Book private _ledger;

    constructor(address claims_) {
        if (claims_ == address(0)) revert EscrowInvalidRecipient(claims_);
        _claims = IReceivableClaim(claims_);
        _registry = IParticipantRegistry(IReceivableClaim(claims_).registry());
    }

    // ================================================================ offers

    /// @inheritdoc IGuaranteeEscrow
    function offer(
        uint256 claimId,
        uint128 cover,
        uint128 premium,
        uint64 offerExpiry
    ) external nonReentrant returns (uint256 guaranteeId) {
        (bool isPaused, bool verified, , ) = _registry.tradeCheck(msg.sender, Role.Guarantor);
        if (isPaused) revert EscrowPaused();
        if (!verified) revert EscrowNotVerified(msg.sender, uint8(Role.Guarantor));
        ClaimCore memory c = _claims.claimCore(claimId);
        uint256 graceEnd = _requireCoverable(claimId, c);
        if (msg.sender == c.debtor) revert EscrowGuarantorIsDebtor(claimId, msg.sender);
        _requireCurrencyAllowed(c.currency);
        uint256 owed = uint256(c.faceValue) - c.amountPaid;
        if (cover == 0 || cover > owed) revert EscrowInvalidCover(claimId, cover, owed);
        // The cover fits in 96 bits: it is at most what the claim owes, and a face value is at most 2^96 - 1.
        if (premium > type(uint96).max) revert EscrowAmountAboveLimit(premium, type(uint96).max);
        if (offerExpiry <= block.timestamp) revert EscrowExpiryNotInFuture(offerExpiry, block.timestamp);

        // Past the grace the claim could be declared Defaulted: the offer cannot be activated after it.
        bool expiryIsGraceEnd = offerExpiry > graceEnd;
        if (expiryIsGraceEnd) offerExpiry = uint64(graceEnd);

        // Cannot overflow: one id per offer.
        unchecked {
            guaranteeId = ++_guaranteeCount;
        }
        // The liabilities slot, written anyway, also gives the currency's index in the escrow's ledger.
        uint16 currencyIndex = _ledger.addLiabilityIndexed(c.currency, cover);
        // Every narrowing fits: claimCore() above found the claim, and ids count the claims issued (see
        // StoredGuarantee); cover and premium were bounded above, and the expiry is at most the grace end.
        _guarantees[guaranteeId] = StoredGuarantee({
            guarantor: msg.sender,
            status: GuaranteeStatus.Offered,
            activatedAt: 0,
            claimId: uint48(claimId),
            cover: uint96(cover),
            premium: uint96(premium),
            offerExpiry: uint40(offerExpiry),
            expiryIsGraceEnd: expiryIsGraceEnd,
            currencyIndex: currencyIndex
        });
        emit GuaranteeOffered(guaranteeId, claimId, msg.sender, cover, premium, offerExpiry);
        _pullExact(c.currency, msg.sender, cover);
    }

    /// @inheritdoc IGuaranteeEscrow
    function withdrawOffer(uint256 guaranteeId) external nonReentrant {
        StoredGuarantee storage g = _guaranteeIn(guaranteeId, GuaranteeStatus.Offered);
        if (msg.sender != g.guarantor) revert EscrowNotGuarantor(guaranteeId, msg.sender);
        g.status = GuaranteeStatus.Withdrawn;
        uint256 claimId = g.claimId;
        emit GuaranteeOfferWithdrawn(guaranteeId, claimId, msg.sender);
        // The record names the currency by its ledger index: no claim call.
        _credit(msg.sender, _ledger.currencyAt(g.currencyIndex), g.cover);
    }

    /// @inheritdoc IGuaranteeEscrow
    function activate(uint256 guaranteeId) external nonReentrant {
        StoredGuarantee storage g = _guarantees[guaranteeId];
        address guarantor = g.guarantor;
        // One registry call: the pause, the guarantor's verification and the premium fee in force.
        (bool isPaused, bool verified, , uint16 premiumFeeBps) = _registry.tradeCheck(guarantor, Role.Guarantor);
        if (isPaused) revert EscrowPaused();
        _requireStatus(guaranteeId, g, GuaranteeStatus.Offered);
        uint256 claimId = g.claimId;
        address currency;
        {
            uint256 expiry = g.offerExpiry;
            bool late = block.timestamp > expiry;
            // The stored expiry is the claim's grace end when the guarantor's own expiry outlived it (see {offer}).
            if (late && !g.expiryIsGraceEnd) revert EscrowOfferExpired(guaranteeId, uint64(expiry), block.timestamp);
            // One claim call, two of its slots: its state, currency and holder (no dates needed).
            ClaimSale memory c = _claims.claimForSale(claimId);
            // Live, and not past the default grace (the stored expiry says when it ends): no rules read needed.
            _requireLive(claimId, c.state);
            if (late) revert EscrowClaimDefaultable(claimId, expiry, block.timestamp);
            currency = c.currency;
            if (msg.sender != c.holder) revert EscrowNotHolder(claimId, msg.sender, c.holder);
        }
        if (msg.sender == guarantor) revert EscrowSelfGuarantee(guaranteeId, msg.sender);
        uint256 current = _guaranteeOfClaim[claimId];
        if (current != 0) revert EscrowAlreadyGuaranteed(claimId, current);
        if (!verified) revert EscrowNotVerified(guarantor, uint8(Role.Guarantor));
        _requireCurrencyAllowed(currency);

        g.status = GuaranteeStatus.Active;
        g.activatedAt = uint40(block.timestamp);
        _guaranteeOfClaim[claimId] = guaranteeId;

        uint256 premium = g.premium;
        (uint256 fee, uint256 net) = Pricing.splitFee(premium, premiumFeeBps);
        emit GuaranteeActivated(guaranteeId, claimId, msg.sender, premium, fee);
        // The claim is worth more now: every order priced on it unguaranteed is void.
        _claims.voidOrders(claimId);
        // The net (never 0 with a premium: the fee is at most 1 % of it, rounded down) goes from the holder straight to
        // the guarantor; only if the currency refuses that transfer (the guarantor blocklisted, or the holder short of
        // balance or allowance, which the pull then reports) does it pass through the escrow, credited.
        if (net != 0 && !IERC20(currency).trySafeTransferFrom(msg.sender, guarantor, net)) {
            _ledger.addLiability(currency, net);
            _credit(guarantor, currency, net);
            _pullExact(currency, msg.sender, net);
        }
        // The fee stays in the escrow as surplus for the treasury to collect ({withdrawFees}): no liability.
        if (fee != 0) _pullExact(currency, msg.sender, fee);
    }

    // ================================================================ end of a guarantee

    /// @inheritdoc IGuaranteeEscrow
    function release(uint256 guaranteeId) external nonReentrant {
        StoredGuarantee storage g = _guaranteeIn(guaranteeId, GuaranteeStatus.Active);
        uint256 claimId = g.claimId;
        address guarantor = g.guarantor;
        // Two slots of the claim: its state, currency and holder; the dates only if the cover's end decides.
        ClaimSale memory c = _claims.claimForSale(claimId);
        if (!_releasable(claimId, c, guarantor)) revert EscrowNotReleasable(guaranteeId);
        g.status = GuaranteeStatus.Released;
        delete _guaranteeOfClaim[claimId];
        uint256 cover = g.cover;
        emit GuaranteeReleased(guaranteeId, claimId, guarantor, cover);
        _credit(guarantor, c.currency, cover);
        // The claim is worth less now: every order priced on it guaranteed is void.
        _voidOrdersIfAgent(claimId);
    }

    /// @inheritdoc IGuaranteeEscrow
    function callGuarantee(uint256 guaranteeId, address to) external nonReentrant returns (uint256 paid) {
        if (to == address(0) || to == address(this)) revert EscrowInvalidRecipient(to);
        StoredGuarantee storage g = _guaranteeIn(guaranteeId, GuaranteeStatus.Active);
        uint256 claimId = g.claimId;
        // One claim call: the claim's core and its holder.
        (ClaimCore memory c, address holder, ) = _claims.claimForTrade(claimId);
        if (msg.sender != holder) revert EscrowNotHolder(claimId, msg.sender, holder);
        if (holder == g.guarantor) revert EscrowGuarantorHoldsClaim(guaranteeId);

        if (c.state == ClaimState.Accepted || c.state == ClaimState.Financed || c.state == ClaimState.Overdue) {
            // Declares the default once the grace has run out; reverts before the due date. A poke changes only the
            // state (and the claim's default time, which the escrow does not read): the claim read above is
            // otherwise current, so its state is updated here rather than read again.
            c.state = _claims.poke(claimId);
        }
        if (c.state != ClaimState.Defaulted && c.state != ClaimState.WrittenOff) {
            revert EscrowWrongClaimState(claimId, uint8(c.state));
        }
        {
            // Reverting here also undoes the poke above: past the window the claim is left as it was stored.
            uint256 deadline = _callDeadline(c);
            if (block.timestamp > deadline) revert EscrowCallWindowClosed(guaranteeId, deadline, block.timestamp);
        }

        uint256 owed = uint256(c.faceValue) - c.amountPaid;
        uint256 cover = g.cover;
        paid = cover < owed ? cover : owed;

        g.status = GuaranteeStatus.Called;
        // The payout leaves the escrow below, straight to `to`; the cover above it stays owed to the guarantor.
        _ledger.removeLiability(c.currency, paid);
        emit GuaranteeCalled(guaranteeId, claimId, holder, to, paid, cover - paid, paid == owed);
        if (cover != paid) _credit(g.guarantor, c.currency, cover - paid);
        _subrogate(claimId, holder, g.guarantor, owed, paid, c.amountPaid);
        // Paid straight to the address the holder named: a payee the currency blocks stops only this call (the holder
        // names another `to`), and nobody but the holder is paid by it.
        IERC20(c.currency).safeTransfer(to, paid);
    }

    /// @inheritdoc IGuaranteeEscrow
    function distribute(uint256 claimId) external nonReentrant {
        StoredSubrogation storage s = _openSubrogation(claimId);
        if (!_distribute(claimId, s, _subrogatedGuarantor(claimId))) revert EscrowNothingToDistribute(claimId);
    }

    /// @inheritdoc IGuaranteeEscrow
    function takeClaim(uint256 claimId) external nonReentrant {
        StoredSubrogation storage s = _openSubrogation(claimId);
        uint256 guaranteeId = _guaranteeOfClaim[claimId];
        if (msg.sender != _guarantees[guaranteeId].guarantor) revert EscrowNotGuarantor(guaranteeId, msg.sender);
        if (s.covered != s.outstandingAtCall) revert EscrowPartialCover(claimId, s.covered, s.outstandingAtCall);
        _distribute(claimId, s, msg.sender);
        s.released = true;
        emit SubrogatedClaimTaken(claimId, msg.sender);
        _claims.agentTransfer(claimId, msg.sender);
    }

    /// @inheritdoc IGuaranteeEscrow
    function withdraw(address currency, address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0) || to == address(this)) revert EscrowInvalidRecipient(to);
        amount = _ledger.withdraw(msg.sender, currency, to);
        if (amount == 0) revert EscrowNothingToWithdraw(msg.sender, currency);
        emit Withdrawn(msg.sender, currency, to, amount);
    }

    /// @inheritdoc IGuaranteeEscrow
    function withdrawFees(address currency, address to) external nonReentrant returns (uint256 amount) {
        address treasury = _registry.treasury();
        if (msg.sender != treasury) revert EscrowNotTreasury(msg.sender, treasury);
        if (to == address(0) || to == address(this)) revert EscrowInvalidRecipient(to);
        amount = _ledger.surplus(currency);
        if (amount == 0) revert EscrowNoFeesDue(currency);
        IERC20(currency).safeTransfer(to, amount);
        emit FeesWithdrawn(treasury, currency, to, amount);
    }

    // ================================================================ views

    /// @inheritdoc IGuaranteeEscrow
    function guarantee(uint256 guaranteeId) external view returns (Guarantee memory) {
        StoredGuarantee storage g = _existing(guaranteeId);
        return
            Guarantee({
                guarantor: g.guarantor,
                offerExpiry: g.offerExpiry,
                status: g.status,
                claimId: g.claimId,
                cover: g.cover,
                premium: g.premium,
                currency: _ledger.currencyAt(g.currencyIndex),
                activatedAt: g.activatedAt
            });
    }

    /// @inheritdoc IGuaranteeEscrow
    function guaranteeCount() external view returns (uint256) {
        return _guaranteeCount;
    }

    /// @inheritdoc IGuaranteeEscrow
    function guaranteeOfClaim(uint256 claimId) external view returns (uint256) {
        return _guaranteeOfClaim[claimId];
    }

    /// @inheritdoc IGuaranteeEscrow
    function isGuaranteed(uint256 claimId) external view returns (bool) {
        uint256 guaranteeId = _guaranteeOfClaim[claimId];
        return guaranteeId != 0 && _guarantees[guaranteeId].status == GuaranteeStatus.Active;
    }

    /// @inheritdoc IGuaranteeEscrow
    function guaranteesOf(
        uint256 claimId,
        address guarantor,
        uint256 fromId,
        uint256 count
    ) external view returns (uint256[] memory ids) {
        (uint256 first, uint256 end) = Paging.window(fromId, count, _guaranteeCount);
        ids = new uint256[](end - first);
        uint256 found = 0;
        for (uint256 id = first; id < end; ++id) {
            StoredGuarantee storage g = _guarantees[id];
            if (claimId != 0 && g.claimId != claimId) continue;
            if (guarantor != address(0) && g.guarantor != guarantor) continue;
            ids[found++] = id;
        }
        return Paging.truncate(ids, found);
    }

    /// @inheritdoc IGuaranteeEscrow
    function subrogation(uint256 claimId) external view returns (Subrogation memory) {
        StoredSubrogation storage s = _subrogations[claimId];
        address holder = s.holder;
        if (holder == address(0)) return Subrogation(address(0), address(0), 0, 0, 0, 0, 0, false);
        return
            Subrogation({
                holder: holder,
                guarantor: _subrogatedGuarantor(claimId),
                outstandingAtCall: s.outstandingAtCall,
                covered: s.covered,
                paidAtCall: s.paidAtCall,
                recovered: s.recovered,
                guarantorRecovered: s.guarantorRecovered,
                released: s.released
            });
    }

    /// @inheritdoc IGuaranteeEscrow
    function pendingRecovery(uint256 claimId) external view returns (uint256 toHolder, uint256 toGuarantor) {
        StoredSubrogation storage s = _subrogations[claimId];
        if (s.holder == address(0) || s.released) return (0, 0);
        (toHolder, toGuarantor, ) = _pending(_claims.claimCore(claimId).amountPaid, s);
    }

    /// @inheritdoc IGuaranteeEscrow
    function callDeadline(uint256 guaranteeId) external view returns (uint256) {
        return _callDeadline(_claims.claimCore(_existing(guaranteeId).claimId));
    }

    /// @inheritdoc IGuaranteeEscrow
    function feeFor(uint256 premium) external view returns (uint256 fee, uint256 net) {
        return Pricing.splitFee(premium, _registry.currentRules().premiumFeeBps);
    }

    /// @inheritdoc IGuaranteeEscrow
    function credited(address account, address currency) external view returns (uint256) {
        return _ledger.creditOf(account, currency);
    }

    /// @inheritdoc IGuaranteeEscrow
    function totalLiabilities(address currency) external view returns (uint256) {
        return _ledger.liabilities(currency);
    }

    /// @inheritdoc IGuaranteeEscrow
    function feesAccrued(address currency) external view returns (uint256) {
        return _ledger.surplus(currency);
    }

    /// @inheritdoc IGuaranteeEscrow
    function claims() external view returns (address) {
        return address(_claims);
    }

    // ================================================================ internal

    /// @dev Splits what the debtor paid since the last distribution and credits both shares (already counted as a
    /// liability when collected from the claim contract). False if nothing came.
    /// @param guarantor The called guarantee's guarantor ({_subrogatedGuarantor}).
    function _distribute(uint256 claimId, StoredSubrogation storage s, address guarantor) private returns (bool) {
        ClaimCore memory c = _claims.claimCore(claimId);
        (uint256 toHolder, uint256 toGuarantor, uint256 recovered) = _pending(c.amountPaid, s);
        uint256 amount = toHolder + toGuarantor;
        if (amount == 0) return false;
        s.recovered = uint128(recovered);
        s.guarantorRecovered += uint128(toGuarantor);
        address currency = c.currency;
        // The claim contract credited the payments to the escrow, as holder; collect everything it owes the escrow
        // in this currency (other claims' shares are credited when they are distributed). All of it becomes a
        // liability as it arrives, so that recoveries not yet distributed are never counted as fees.
        if (_claims.owed(address(this), currency) != 0) {
            _ledger.addLiability(currency, _claims.withdraw(currency, address(this)));
        }
        emit RecoveryDistributed(claimId, toHolder, toGuarantor);
        if (toHolder != 0) _credit(s.holder, currency, toHolder);
        if (toGuarantor != 0) _credit(guarantor, currency, toGuarantor);
        return true;
    }

    /// @dev The guarantor's share is computed on the running total and rounded down, so the shares of all
    /// distributions add up to exactly what the debtor paid, and both are exact once the claim is fully recovered.
    /// @param amountPaid The claim's amount paid now.
    function _pending(
        uint256 amountPaid,
        StoredSubrogation storage s
    ) private view returns (uint256 toHolder, uint256 toGuarantor, uint256 recovered) {
        recovered = amountPaid - s.paidAtCall;
        uint256 guarantorTotal = Math.mulDiv(recovered, s.covered, s.outstandingAtCall);
        toGuarantor = guarantorTotal - s.guarantorRecovered;
        toHolder = recovered - s.recovered - toGuarantor;
    }

    /// @dev Whether an active guarantee's collateral may go back to its guarantor now: the claim is Settled or
    /// Voided; or the cover has ended (past the call deadline, whatever the stored state, declared Defaulted or not)
    /// and no dispute is open (the arbiter's outcome decides what the claim becomes); or the caller is the
    /// guarantor and holds the claim itself (the cover would protect nobody but it).
    function _releasable(uint256 claimId, ClaimSale memory c, address guarantor) private view returns (bool) {
        ClaimState state = c.state;
        if (state == ClaimState.Settled || state == ClaimState.Voided) return true;
        if (msg.sender == guarantor && c.holder == guarantor) return true;
        return state != ClaimState.Disputed && block.timestamp > _callDeadline(_claims.claimCore(claimId));
    }

    /// @dev Subrogates the guarantor of a called guarantee. Both branches move the claim away from the holder, which
    /// moves its nonce: no order priced on the guaranteed claim survives the call. With full cover the claim is tried
    /// straight to the guarantor; only the claim contract's transfer rule refusing it (`ClaimTransferNotAllowed`:
    /// either party's verification lapsed) sends it into custody instead, as {IReceivableClaim-canTransfer} would
    /// have said beforehand. The amounts fit 96 bits: `owed` and `paidAtCall` are at most the claim's face value.
    function _subrogate(
        uint256 claimId,
        address holder,
        address guarantor,
        uint256 owed,
        uint256 paid,
        uint128 paidAtCall
    ) private {
        bool custody = paid != owed || !_tryTransferTo(claimId, guarantor);
        if (custody) {
            _subrogations[claimId] = StoredSubrogation({
                holder: holder,
                covered: uint96(paid),
                outstandingAtCall: uint96(owed),
                paidAtCall: uint96(paidAtCall),
                released: false,
                recovered: 0,
                guarantorRecovered: 0
            });
            _claims.agentTransfer(claimId, address(this));
        }
        emit Subrogated(claimId, guarantor, custody);
    }

    /// @dev Moves the claim to `to` as an agent; false if the claim contract's transfer rule refuses it. Any other
    /// failure (a lock, the escrow no longer an agent, running out of gas, whose revert data is empty) reverts.
    /// The claim contract is the escrow's own and calls no receiver hook on an agent transfer.
    function _tryTransferTo(uint256 claimId, address to) private returns (bool) {
        try _claims.agentTransfer(claimId, to) {
            return true;
        } catch (bytes memory reason) {
            if (bytes4(reason) != IReceivableClaim.ClaimTransferNotAllowed.selector) LowLevelCall.bubbleRevert(reason);
            return false;
        }
    }

    /// @dev Voids the orders priced on the claim (`voidOrders` moves its nonce). A release is an exit, so it still
    /// works once the operator has stopped trusting the escrow as an agent: the claim contract's `ClaimNotAgent` then
    /// voids nothing and is passed over. Any other failure reverts, running out of gas (empty revert data) included,
    /// so no caller can starve the call to skip the voiding.
    function _voidOrdersIfAgent(uint256 claimId) private {
        // solhint-disable-next-line no-empty-blocks
        try _claims.voidOrders(claimId) {} catch (bytes memory reason) {
            if (bytes4(reason) != IReceivableClaim.ClaimNotAgent.selector) LowLevelCall.bubbleRevert(reason);
        }
    }

    /// @dev The guarantor of a claim's called guarantee, which stays recorded on the claim.
    function _subrogatedGuarantor(uint256 claimId) private view returns (address) {
        return _guarantees[_guaranteeOfClaim[claimId]].guarantor;
    }

    /// @dev The end of the cover: due date + default grace + claim window of the rules the claim was issued under,
    /// whether or not anyone declared the default.
    function _callDeadline(ClaimCore memory c) private view returns (uint256) {
        MarketRules memory rules = _registry.rulesAt(c.rulesVersion);
        return uint256(c.dueDate) + rules.defaultGrace + rules.guaranteeClaimWindow;
    }

    /// @dev Credits money the escrow already holds (its liability is already counted).
    function _credit(address account, address currency, uint256 amount) private {
        _ledger.creditHeld(account, currency, amount);
        emit Credited(account, currency, amount);
    }

    function _pullExact(address currency, address from, uint256 amount) private {
        uint256 received = PullLedger.pullMeasured(currency, from, amount);
        if (received != amount) revert EscrowTransferAmountMismatch(currency, amount, received);
    }

    function _existing(uint256 guaranteeId) private view returns (StoredGuarantee storage g) {
        g = _guarantees[guaranteeId];
        if (g.status == GuaranteeStatus.None) revert EscrowUnknownGuarantee(guaranteeId);
    }

    function _guaranteeIn(
        uint256 guaranteeId,
        GuaranteeStatus expected
    ) private view returns (StoredGuarantee storage g) {
        g = _guarantees[guaranteeId];
        _requireStatus(guaranteeId, g, expected);
    }

    function _requireStatus(uint256 guaranteeId, StoredGuarantee storage g, GuaranteeStatus expected) private view {
        GuaranteeStatus status = g.status;
        if (status == GuaranteeStatus.None) revert EscrowUnknownGuarantee(guaranteeId);
        if (status != expected) revert EscrowWrongStatus(guaranteeId, uint8(status));
    }

    function _openSubrogation(uint256 claimId) private view returns (StoredSubrogation storage s) {
        s = _subrogations[claimId];
        if (s.holder == address(0) || s.released) revert EscrowNoSubrogation(claimId);
    }

    /// @dev Coverable: live and not yet past its default grace. Cover bought on a claim that could be declared
    /// Defaulted now would insure a loss already made. Returns the grace end, due date + default grace.
    function _requireCoverable(uint256 claimId, ClaimCore memory c) private view returns (uint256 graceEnd) {
        _requireLive(claimId, c.state);
        graceEnd = uint256(c.dueDate) + _registry.rulesAt(c.rulesVersion).defaultGrace;
        if (block.timestamp > graceEnd) revert EscrowClaimDefaultable(claimId, graceEnd, block.timestamp);
    }

    /// @dev Live: Accepted, Financed or Overdue (not frozen by a dispute, not ended).
    function _requireLive(uint256 claimId, ClaimState state) private pure {
        if (state != ClaimState.Accepted && state != ClaimState.Financed && state != ClaimState.Overdue) {
            revert EscrowWrongClaimState(claimId, uint8(state));
        }
    }

    function _requireCurrencyAllowed(address currency) private view {
        if (!_registry.isCurrencyAllowed(currency)) revert EscrowCurrencyNotAllowed(currency);
    }
}
