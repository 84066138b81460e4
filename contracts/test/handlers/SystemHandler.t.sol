// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks, max-states-count (a model has many ledgers) off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks, max-states-count

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {GuaranteeEscrow} from "../../GuaranteeEscrow.sol";
import {ParticipantRegistry} from "../../ParticipantRegistry.sol";
import {ReceivableClaim} from "../../ReceivableClaim.sol";
import {ClaimViews} from "../../libraries/ClaimViews.sol";
import {IGuaranteeEscrow} from "../../interfaces/IGuaranteeEscrow.sol";
import {IReceivableClaim} from "../../interfaces/IReceivableClaim.sol";
import {Claim, ClaimState, DisputeOutcome} from "../../types/Claim.sol";
import {GuaranteeStatus, Subrogation} from "../../types/Guarantee.sol";
import {MarketRules, Role} from "../../types/Roles.sol";

import {ITestCurrency} from "../utils/ITestCurrency.t.sol";
import {vm} from "../utils/Vm.t.sol";

import {BaseHandler} from "./BaseHandler.t.sol";
import {SystemMarketHandler} from "./SystemMarketHandler.t.sol";

/// @title SystemHandler
/// @notice Drives the claim contract, the market and the guarantee escrow together for the system invariant test,
/// with ten actors: three originators (the first also a guarantor: recourse), two debtors, three factors (the third,
/// the bank, also a guarantor) and two guarantors (the second has its verification suspended and restored at
/// times, so that a full-cover call lands in the escrow's custody and the guarantor takes the claim later).
/// Claims are issued and accepted (and traded by {SystemMarketHandler}); guarantors offer cover, withdraw offers, the
/// holders activate them; debtors pay in parts; time passes; claims go overdue and default, are written off,
/// disputed and resolved (upheld, diluted, voided by the arbiter); holders call guarantees; collateral is released;
/// recoveries on claims in custody are distributed; everyone withdraws from each of the three contracts; tokens are
/// donated straight to the contracts.
/// @dev Every action picks inputs that make the call valid and skips when nothing fits. An action expected to
/// succeed that reverts, or one whose money differs from the model, is recorded as a violation. The ghost ledger
/// mirrors what each contract owes each account: claim-contract credits and held payments; market bids and credits;
/// escrow collateral and credits; plus, per claim, where every debtor payment went.
contract SystemHandler is BaseHandler {
    /// @dev The model of one claim.
    struct ClaimGhost {
        address debtor;
        uint256 paidToHolders; // debtor payments credited to holders other than the escrow
        uint256 paidToEscrow; // debtor payments credited to the escrow as the holder of a claim in custody
        uint256 distributed; // escrow distributions of recoveries (holder's and guarantor's shares)
        uint256 held; // payments held by the open dispute, or reclaimable after a void
        uint256 guaranteeId; // the active or called guarantee (mirror of guaranteeOfClaim)
        address caller; // the holder of record at the guarantee call; zero if never called
        uint256 callerReceived; // what that holder received from the call on: the payout and its recovery shares
        uint256 outstandingAtCall;
    }

    /// @dev The model of one guarantee.
    struct GuaranteeGhost {
        uint256 claimId;
        address guarantor;
        uint128 cover;
        uint128 premium;
        uint64 offerExpiry;
        GuaranteeStatus status;
    }

    uint256 public constant ACTOR_COUNT = 10;
    uint256 internal constant FIRST_DEBTOR = 3;
    uint256 internal constant BANK = 7;
    uint256 internal constant G2 = 9; // the guarantor whose verification comes and goes
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_FACE_WHOLE_TOKENS = 1_000_000;
    uint256 internal constant MAX_DONATION_WHOLE_TOKENS = 1_000;
    uint256 internal constant MAX_WARP = 20 days;
    uint256 internal constant MAX_WINDOW = 20 days;

    // Plain storage, not immutables: the test runner recognises a handler by its deployed code, and dozens of
    // inlined immutable addresses would make the code differ too much from its artifact.
    SystemMarketHandler public marketHandler;
    GuaranteeEscrow public escrow;
    ParticipantRegistry public registry;
    ITestCurrency public currency;
    /// @notice One whole token of {currency} in base units (10 ** decimals): amount ranges scale with it.
    uint256 public unit;
    /// @notice The registry's operator and arbiter (the test contract).
    address public operator;
    uint256 internal _premiumFeeBps;

    /// @dev Indices of the guarantors among the actors, packed one per byte: the recourse originator (0), the bank
    /// (7), G1 (8), G2 (9).
    uint256 internal constant GUARANTOR_INDICES = 0x09080700;

    mapping(uint256 claimId => ClaimGhost ghost) internal _claim;
    GuaranteeGhost[] internal _guarantees;

    /// @notice What the claim contract owes each account (actors and the escrow), as the model says.
    mapping(address account => uint256 amount) public ghostClaimsOwed;
    /// @notice What the escrow has credited each account (the actors; never the treasury).
    mapping(address account => uint256 amount) public ghostEscrowCredit;
    /// @notice Collateral of offered and active guarantees.
    uint256 public ghostCollateral;
    /// @notice Money the escrow collected from the claim contract and has not distributed yet (other claims' shares):
    /// a liability of the escrow from the moment it arrives.
    uint256 public ghostEscrowFloat;
    /// @notice Tokens donated straight to each contract and not collected (nobody's liability; the treasury collects
    /// the market's and the escrow's with their fees).
    mapping(address target => uint256 amount) public ghostDonated;
    /// @notice Premium fees the escrow keeps above its liabilities, not yet collected by the treasury.
    uint256 public ghostEscrowFees;
    /// @notice Set if the holder's call of an Active guarantee, past the grace and within the cover
    /// (`dueDate + defaultGrace + guaranteeClaimWindow`), ever reverted: the holder's right was removed.
    bool public ghostCallRefusedInWindow;
    /// @notice Set if an Active guarantee's collateral ever went back to its guarantor while the cover was still
    /// owed: the claim neither Settled nor Voided, the cover not ended (or a dispute open), and the caller not the
    /// guarantor holding the claim.
    bool public ghostCoverReleasedEarly;

    uint256 public maxClaims = 12;
    uint256 public maxGuarantees = 24;

    constructor(
        SystemMarketHandler marketHandler_,
        GuaranteeEscrow escrow_,
        ReceivableClaim claims_,
        ParticipantRegistry registry_,
        ITestCurrency currency_,
        address operator_,
        address[ACTOR_COUNT] memory actors_,
        MarketRules memory rules
    ) BaseHandler(claims_, address(currency_), rules.treasury, "system handler") {
        marketHandler = marketHandler_;
        escrow = escrow_;
        registry = registry_;
        currency = currency_;
        unit = 10 ** currency_.decimals();
        operator = operator_;
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) _actors.push(actors_[a]);
        _premiumFeeBps = rules.premiumFeeBps;
        _useRules(rules);
    }

    // ================================================================ claims

    /// @notice An originator issues a claim on a debtor, which accepts it. One claim in eight is tiny (1..1,000 base
    /// units) so that fees and pro-rata shares round, the others 1..1,000,000 whole tokens; three in four are short
    /// (15..30 days) so that defaults come.
    function issue(uint256 originatorSeed, uint256 debtorSeed, uint256 faceSeed, uint256 tenorSeed) external {
        if (claimCount >= maxClaims) return;
        address originator = _actors[originatorSeed % 3];
        address debtor = _actors[FIRST_DEBTOR + (debtorSeed % 2)];
        uint256 face = _boundFace(faceSeed, unit, MAX_FACE_WHOLE_TOKENS * unit);
        uint256 longest = tenorSeed % 4 == 0 ? 120 days : 30 days;
        uint256 dueDate = block.timestamp + _bound(tenorSeed >> 2, _minTenor, longest);
        (uint256 id, bool ok) = _issueAccepted(_newTerms(originator, debtor, face, dueDate), false);
        if (!ok) return;
        _recordIssued(id);
        _claim[id].debtor = debtor;
        _done("issue");
    }

    /// @notice The claim's debtor pays part of what is left or (one time in four; in the escrow's custody one time
    /// in sixteen, so that recoveries come in parts and are distributed more than once) all of it; while disputed
    /// the payment is held.
    function pay(uint256 claimSeed, uint256 amountSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isPayable);
        if (!found) return;
        Claim memory c = _claimOf(id);
        uint256 remaining = uint256(c.faceValue) - c.amountPaid - c.heldAmount;
        uint256 amount = _partOrAll(amountSeed, remaining, _heldByActor(id) ? 4 : 16);
        _pay(id, amount);
        _done(amount == remaining ? "payInFull" : "payPart");
    }

    /// @notice Time moves forward by up to twenty days.
    function warp(uint256 secondsSeed) external {
        _warpBy(secondsSeed, 1, MAX_WARP);
        _done("warp");
    }

    /// @notice Anyone moves a claim past its due date to Overdue, or past its grace to Defaulted.
    function poke(uint256 claimSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isDueForPoke);
        if (!found) return;
        (bool ok, ) = _pokeAs(address(this), id);
        if (!ok) return;
        _done("poke");
    }

    /// @notice The holder (an actor) of a defaulted claim writes it off.
    function writeOff(uint256 claimSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isWriteOffable);
        if (!found) return;
        address holder = claims.ownerOf(id);
        vm.prank(holder);
        try claims.writeOff(id) {} catch (bytes memory err) {
            return _unexpectedRevert("writeOff", err);
        }
        _done("writeOff");
    }

    /// @notice The debtor or the holder disputes a live claim; past its due date plus the grace the claim is in
    /// default, declared or not, and the model expects ClaimDisputeTooLate (the guarantee stays callable).
    function dispute(uint256 claimSeed, bool byDebtor) external {
        (uint256 id, bool found) = _find(claimSeed, _isDisputable);
        if (!found) return;
        address by = byDebtor ? _claim[id].debtor : claims.ownerOf(id);
        uint256 disputableUntil = uint256(_claimOf(id).dueDate) + _defaultGrace;
        bool late = block.timestamp > disputableUntil;
        ClaimState stateBefore = _claimOf(id).state;
        vm.prank(by);
        try claims.dispute(id, keccak256(abi.encode("evidence", id))) {
            if (late) _violation("a dispute past the default grace was accepted", id);
        } catch (bytes memory err) {
            bytes memory tooLate = abi.encodeWithSelector(
                IReceivableClaim.ClaimDisputeTooLate.selector,
                id,
                disputableUntil,
                block.timestamp
            );
            if (!late || keccak256(err) != keccak256(tooLate)) return _unexpectedRevert("dispute", err);
            if (_claimOf(id).state != stateBefore) _violation("a refused dispute moved the claim", id);
            return _done("disputeRefusedLate");
        }
        _claim[id].held = 0;
        _done("dispute");
    }

    /// @notice The arbiter resolves a dispute: upheld, diluted (to a face value between what was paid and held and
    /// the old one) or voided. Held payments reach the holder, or stay reclaimable by the debtor after a void.
    function resolve(uint256 claimSeed, uint256 outcomeSeed, uint256 faceSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isDisputed);
        if (!found) return;
        Claim memory c = _claimOf(id);
        DisputeOutcome outcome = DisputeOutcome(outcomeSeed % 3);
        uint128 newFace = c.faceValue;
        uint256 floor = uint256(c.amountPaid) + c.heldAmount;
        if (floor == 0) floor = 1;
        if (outcome == DisputeOutcome.Diluted) {
            if (floor >= c.faceValue) outcome = DisputeOutcome.Upheld;
            else newFace = uint128(_bound(faceSeed, floor, uint256(c.faceValue) - 1));
        }
        _resolve(id, outcome, newFace);
        _done(
            outcome == DisputeOutcome.Upheld
                ? "resolveUpheld"
                : (outcome == DisputeOutcome.Diluted ? "resolveDiluted" : "resolveVoided")
        );
    }

    /// @notice The operator suspends the second guarantor's verification, or restores it.
    function toggleSuspension() external {
        address g2 = _actors[G2];
        (, bool suspended) = registry.verification(g2, Role.Guarantor);
        vm.prank(operator);
        try registry.setSuspended(g2, !suspended) {} catch (bytes memory err) {
            return _unexpectedRevert("setSuspended", err);
        }
        _done(suspended ? "restore" : "suspend");
    }

    // ================================================================ guarantees

    /// @notice A verified guarantor offers cover on a live claim: cover 1..outstanding (one time in three all of
    /// it), premium 0..5 % of the cover (one time in four none), offer open up to twenty days.
    function offerCover(
        uint256 claimSeed,
        uint256 guarantorSeed,
        uint256 coverSeed,
        uint256 premiumSeed,
        uint256 expirySeed
    ) external {
        if (_guarantees.length >= maxGuarantees) return;
        (uint256 id, bool found) = _find(claimSeed, _isCoverable);
        if (!found) return;
        address guarantor = _guarantor(guarantorSeed);
        if (!registry.isVerified(guarantor, Role.Guarantor)) guarantor = _guarantor(guarantorSeed + 1);
        uint256 outstanding = ClaimViews.outstandingOf(claims, id);
        uint128 cover = uint128(coverSeed % 3 == 0 ? outstanding : _bound(coverSeed >> 2, 1, outstanding));
        uint128 premium = premiumSeed % 4 == 0 ? 0 : uint128(_bound(premiumSeed >> 2, 0, cover / 20));
        uint64 expiry = uint64(block.timestamp + _bound(expirySeed, 1, MAX_WINDOW));
        uint256 before = currency.balanceOf(guarantor);
        vm.prank(guarantor);
        try escrow.offer(id, cover, premium, expiry) returns (uint256 guaranteeId) {
            if (guaranteeId != _guarantees.length + 1) _violation("guarantee ids are not sequential", id);
        } catch (bytes memory err) {
            return _unexpectedRevert("offer", err);
        }
        if (before - currency.balanceOf(guarantor) != cover)
            _violation("offer pulled another amount than the cover", id);
        _guarantees.push(
            GuaranteeGhost({
                claimId: id,
                guarantor: guarantor,
                cover: cover,
                premium: premium,
                offerExpiry: expiry,
                status: GuaranteeStatus.Offered
            })
        );
        ghostCollateral += cover;
        _done(cover == outstanding ? "offerFullCover" : "offerPartialCover");
    }

    /// @notice A guarantor takes back one of its offers (expired or not); the cover is credited back.
    function withdrawOffer(uint256 seed) external {
        (uint256 gid, bool found) = _findGuarantee(seed, _isOffered);
        if (!found) return;
        _withdrawOffer(gid);
        _done("withdrawOffer");
    }

    /// @notice The holder of a live, unguaranteed claim activates an open offer by another guarantor, paying the
    /// premium: the rest paid to the guarantor (credited if the currency refuses it), the fee kept in the escrow for the
    /// treasury to collect.
    function activate(uint256 seed) external {
        (uint256 gid, bool found) = _findGuarantee(seed, _isActivatable);
        if (!found) return;
        GuaranteeGhost storage g = _guarantees[gid - 1];
        address holder = claims.ownerOf(g.claimId);
        uint256 before = currency.balanceOf(holder);
        uint256 guarantorBefore = currency.balanceOf(g.guarantor);
        vm.prank(holder);
        try escrow.activate(gid) {} catch (bytes memory err) {
            return _unexpectedRevert("activate", err);
        }
        uint256 premium = g.premium;
        uint256 fee = (premium * _premiumFeeBps) / BPS;
        if (before - currency.balanceOf(holder) != premium)
            _violation("activate pulled another amount than the premium", gid);
        // The net goes straight to the guarantor; only a transfer the currency refuses is credited instead.
        uint256 paidStraight = currency.balanceOf(g.guarantor) - guarantorBefore;
        if (paidStraight == 0) ghostEscrowCredit[g.guarantor] += premium - fee;
        else if (paidStraight != premium - fee) _violation("activate paid the guarantor another amount", gid);
        ghostEscrowFees += fee;
        g.status = GuaranteeStatus.Active;
        _claim[g.claimId].guaranteeId = gid;
        _done(g.guarantor == _claimOf(g.claimId).originator ? "activateRecourse" : "activate");
    }

    /// @notice The holder calls an active guarantee on a claim past its grace, until due date + grace + window
    /// (delisting it first; the call declares the default of a claim nobody poked). Pays min(cover, outstanding)
    /// straight to the holder (it names itself), credits the rest of the cover to the guarantor; the claim goes to the guarantor (full cover) or into
    /// the escrow's custody. A revert sets {ghostCallRefusedInWindow}.
    function callGuarantee(uint256 seed) external {
        (uint256 gid, bool found) = _findGuarantee(seed, _isCallable);
        if (!found) return;
        GuaranteeGhost storage g = _guarantees[gid - 1];
        uint256 id = g.claimId;
        marketHandler.delistIfListed(id);
        _call(gid); // a live claim past its grace is declared Defaulted by the call itself
        _done(g.cover >= _claim[id].outstandingAtCall ? "callFullCover" : "callPartialCover");
    }

    /// @notice Time moves to a second of an Active guarantee's call window, from the end of the grace (or now) to
    /// the end of the cover, due date + grace + window (one time in three exactly that last second), and the holder
    /// calls: whether or not anyone declared the default, the call must succeed (I8, {ghostCallRefusedInWindow}).
    function callLate(uint256 seed, uint256 whenSeed) external {
        (uint256 gid, bool found) = _findGuarantee(seed, _isCallableLater);
        if (!found) return;
        uint256 id = _guarantees[gid - 1].claimId;
        uint256 opens = uint256(_claimOf(id).dueDate) + _defaultGrace + 1;
        uint256 end = _coverEnds(id);
        uint256 at =
            whenSeed % 3 == 0 ? end : _bound(whenSeed >> 2, block.timestamp > opens ? block.timestamp : opens, end);
        vm.warp(at);
        marketHandler.delistIfListed(id);
        _call(gid);
        _done(_guarantees[gid - 1].cover >= _claim[id].outstandingAtCall ? "callFullCover" : "callPartialCover");
        _done(at == end ? "callAtCoverEnd" : "callLate");
    }

    /// @notice Anyone releases an active guarantee's collateral to its guarantor once the claim is settled or
    /// voided, or once the cover has ended (due date + grace + window passed, declared or not, and no dispute open:
    /// a call then fails); the guarantor releases it when it holds the claim itself.
    function release(uint256 seed, uint256 callerSeed) external {
        (uint256 gid, bool found) = _findGuarantee(seed, _isReleasable);
        if (!found) return;
        GuaranteeGhost storage g = _guarantees[gid - 1];
        address holder = claims.ownerOf(g.claimId);
        bool byGuarantor = holder == g.guarantor;
        ClaimState state = _claimOf(g.claimId).state;
        bool ended = state != ClaimState.Settled && state != ClaimState.Voided && _windowPassed(g.claimId);
        if (!byGuarantor && ended && !claims.locked(g.claimId)) {
            // Z1: after the cover ends the holder's call fails (declared Defaulted or not), and changes nothing.
            vm.prank(holder);
            try escrow.callGuarantee(gid, holder) {
                _violation("a guarantee was called after its window", gid);
            } catch (bytes memory err) {
                if (bytes4(err) != IGuaranteeEscrow.EscrowCallWindowClosed.selector) {
                    _violation("a late call failed with another error", gid);
                }
            }
        }
        _release(gid, byGuarantor ? g.guarantor : _actorAt(callerSeed));
        _done(byGuarantor ? "releaseByGuarantorHolder" : "release");
    }

    /// @notice Someone tries to take an active guarantee's collateral back while the cover is still owed: its
    /// guarantor (or, when the guarantor holds the claim, anyone else) releases before the claim is settled or
    /// voided and before the cover ends. It must revert with EscrowNotReleasable and change nothing; a success sets
    /// {ghostCoverReleasedEarly} (and the model follows the escrow, so that the other invariants stay meaningful).
    function releaseEarly(uint256 seed, uint256 callerSeed) external {
        (uint256 gid, bool found) = _findGuarantee(seed, _isHeld);
        if (!found) return;
        GuaranteeGhost storage g = _guarantees[gid - 1];
        address caller = g.guarantor;
        if (claims.ownerOf(g.claimId) == g.guarantor) {
            caller = _actorAt(callerSeed);
            if (caller == g.guarantor) caller = _actorAt(callerSeed + 1);
        }
        uint256 credit = escrow.credited(g.guarantor, address(currency));
        vm.prank(caller);
        try escrow.release(gid) {
            ghostCoverReleasedEarly = true;
            _violation("an active guarantee's cover was released before the cover ended", gid);
            g.status = GuaranteeStatus.Released;
            ghostCollateral -= g.cover;
            ghostEscrowCredit[g.guarantor] += g.cover;
            _claim[g.claimId].guaranteeId = 0;
            return;
        } catch (bytes memory err) {
            if (bytes4(err) != IGuaranteeEscrow.EscrowNotReleasable.selector) {
                _violation("an early release failed with another error", gid);
            }
        }
        if (escrow.credited(g.guarantor, address(currency)) != credit) _violation("early release credited", gid);
        _done("releaseEarlyRefused");
    }

    /// @notice Anyone distributes the debtor's payments on a claim in the escrow's custody.
    function distribute(uint256 claimSeed, uint256 callerSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _hasPendingRecovery);
        if (!found) return;
        uint256 owedToEscrow = claims.owed(address(escrow), address(currency));
        (uint256 toHolder, uint256 toGuarantor) = _expectedShares(id);
        vm.prank(_actorAt(callerSeed));
        try escrow.distribute(id) {} catch (bytes memory err) {
            return _unexpectedRevert("distribute", err);
        }
        _afterDistribution(id, owedToEscrow, toHolder, toGuarantor);
        _done("distribute");
    }

    /// @notice A guarantor with full cover takes its claim out of the escrow's custody once it can receive it.
    function takeClaim(uint256 claimSeed) external {
        (uint256 id, bool found) = _find(claimSeed, _isTakeable);
        if (!found) return;
        Subrogation memory s = escrow.subrogation(id);
        uint256 owedToEscrow = claims.owed(address(escrow), address(currency));
        (uint256 toHolder, uint256 toGuarantor) = _expectedShares(id);
        vm.prank(s.guarantor);
        try escrow.takeClaim(id) {} catch (bytes memory err) {
            return _unexpectedRevert("takeClaim", err);
        }
        if (toHolder + toGuarantor != 0) _afterDistribution(id, owedToEscrow, toHolder, toGuarantor);
        else if (claims.owed(address(escrow), address(currency)) != owedToEscrow) _violation("takeClaim collected", id);
        if (claims.ownerOf(id) != s.guarantor) _violation("takeClaim: the claim did not reach the guarantor", id);
        if (!escrow.subrogation(id).released) _violation("takeClaim: subrogation not released", id);
        _done("takeClaim");
    }

    // ================================================================ money out, money in

    /// @notice An account owed money by the claim contract withdraws it; or a debtor reclaims a payment held by a
    /// dispute that voided the claim.
    function withdrawFromClaims(uint256 seed) external {
        if (seed % 3 == 0 && _reclaimOne(seed >> 2)) return _done("reclaimHeld");
        (address account, bool found) = _findActor(seed, _isOwedByClaims);
        if (!found) return;
        _withdrawClaims(account);
        _done("withdrawFromClaims");
    }

    /// @notice An account (an actor or the treasury) withdraws its escrow credit.
    function withdrawFromEscrow(uint256 seed) external {
        (address account, bool found) = _findAccount(seed, _hasEscrowCredit);
        if (!found) return;
        _withdrawEscrow(account);
        _done("withdrawFromEscrow");
    }

    /// @notice The treasury collects the surplus of the market (even seed) or the escrow (odd seed): the fees kept
    /// plus the donations not yet collected, and nothing the contract owes.
    function collectFees(uint256 seed) external {
        bool collected = seed % 2 == 0 ? _collectMarketFees() : _collectEscrowFees();
        if (collected) _done("collectFees");
    }

    /// @notice Someone sends tokens straight to one of the three contracts (D2: nobody's liability; the market's
    /// and the escrow's are surplus the treasury collects).
    function donate(uint256 targetSeed, uint256 amountSeed) external {
        address target =
            targetSeed % 3 == 0
                ? address(claims)
                : (targetSeed % 3 == 1 ? address(marketHandler.market()) : address(escrow));
        uint256 amount = _bound(amountSeed, 1, MAX_DONATION_WHOLE_TOKENS * unit);
        vm.prank(operator); // the test contract, which deployed the currency and may mint it
        currency.mint(target, amount);
        ghostDonated[target] += amount;
        _done("donate");
    }

    // ================================================================ the end of a run

    /// @notice Everyone exits (not a fuzz target): bids cancelled, listings withdrawn, offers withdrawn, disputes
    /// upheld, every claim paid in full (a claim in custody in two instalments), every active guarantee released,
    /// every recovery distributed, held payments reclaimed, every account withdraws everything from the three
    /// contracts, and the treasury collects the market's and the escrow's surplus (fees and donations).
    function exitAll() external {
        address g2 = _actors[G2];
        (, bool suspended) = registry.verification(g2, Role.Guarantor);
        if (suspended) {
            vm.prank(operator);
            registry.setSuspended(g2, false);
        }
        marketHandler.exitMarket();
        for (uint256 id = 1; id <= claimCount; ++id) {
            if (_claimOf(id).state == ClaimState.Disputed) {
                _resolve(id, DisputeOutcome.Upheld, _claimOf(id).faceValue);
            }
            if (!_isPayable(id)) continue;
            if (!_heldByActor(id) && ClaimViews.outstandingOf(claims, id) > 1) {
                // A claim in the escrow's custody is paid in two instalments, each distributed, so that the
                // guarantor's running pro-rata total is checked over more than one distribution.
                _pay(id, ClaimViews.outstandingOf(claims, id) / 2);
                _distributeAtExit(id);
            }
            _pay(id, ClaimViews.outstandingOf(claims, id));
        }
        for (uint256 gid = 1; gid <= _guarantees.length; ++gid) {
            GuaranteeStatus status = _guarantees[gid - 1].status;
            if (status == GuaranteeStatus.Offered) _withdrawOffer(gid);
            else if (status == GuaranteeStatus.Active) _release(gid, _actorAt(gid));
        }
        for (uint256 id = 1; id <= claimCount; ++id) {
            _distributeAtExit(id);
            Subrogation memory s = escrow.subrogation(id);
            if (s.guarantor != address(0) && !s.released) {
                // Fully recovered: both shares exact.
                if (s.recovered != s.outstandingAtCall) _violation("exit: custody claim not fully recovered", id);
                if (s.guarantorRecovered != s.covered) _violation("exit: guarantor's share not exact at the end", id);
            }
        }
        while (_reclaimOne(0)) {}
        for (uint256 a = 0; a <= ACTOR_COUNT; ++a) {
            address account = _account(a);
            if (ghostClaimsOwed[account] != 0) _withdrawClaims(account);
            if (ghostEscrowCredit[account] != 0) _withdrawEscrow(account);
        }
        marketHandler.withdrawAllFromMarket();
        _collectMarketFees();
        _collectEscrowFees();
    }

    /// @notice Sets {maxClaims} and {maxGuarantees} (not a fuzz target).
    function setLimits(uint256 claims_, uint256 guarantees_) external {
        maxClaims = claims_;
        maxGuarantees = guarantees_;
    }

    // ================================================================ views for the invariant test

    function actors() external view returns (address[ACTOR_COUNT] memory all) {
        for (uint256 a = 0; a < ACTOR_COUNT; ++a) all[a] = _actors[a];
    }

    function claimGhost(uint256 claimId) external view returns (ClaimGhost memory) {
        return _claim[claimId];
    }

    function guaranteeCount() external view returns (uint256) {
        return _guarantees.length;
    }

    function guaranteeGhost(uint256 guaranteeId) external view returns (GuaranteeGhost memory) {
        return _guarantees[guaranteeId - 1];
    }

    // ================================================================ model updates

    function _pay(uint256 id, uint256 amount) private {
        ClaimGhost storage g = _claim[id];
        Claim memory c = _claimOf(id);
        address payee = claims.ownerOf(id);
        if (!_payAs(g.debtor, id, amount)) return;
        if (c.state == ClaimState.Disputed) {
            g.held += amount;
            return;
        }
        ghostClaimsOwed[payee] += amount;
        if (payee == address(escrow)) g.paidToEscrow += amount;
        else g.paidToHolders += amount;
        // I3: after a call, the holder of record at the call never receives the debtor's payments directly.
        if (g.caller != address(0) && payee == g.caller) _violation("I3: a called claim paid its caller directly", id);
        if (c.amountPaid + amount == c.faceValue && _claimOf(id).state != ClaimState.Settled) {
            _violation("a claim paid in full is not Settled", id);
        }
    }

    function _resolve(uint256 id, DisputeOutcome outcome, uint128 newFace) private {
        ClaimGhost storage g = _claim[id];
        Claim memory c = _claimOf(id);
        address holder = claims.ownerOf(id);
        vm.prank(operator);
        try claims.resolve(id, outcome, newFace) {} catch (bytes memory err) {
            return _unexpectedRevert("resolve", err);
        }
        if (outcome == DisputeOutcome.Voided) return; // held payments stay reclaimable by the debtor
        ghostClaimsOwed[holder] += g.held;
        g.paidToHolders += g.held;
        uint256 paid = uint256(c.amountPaid) + g.held;
        g.held = 0;
        ClaimState expected = paid == newFace ? ClaimState.Settled : c.stateBeforeDispute;
        if (_claimOf(id).state != expected) _violation("resolve restored another state", id);
    }

    /// @dev Anyone distributes the recoveries pending on a claim in custody, if there are any (the end of a run).
    function _distributeAtExit(uint256 id) private {
        if (!_hasPendingRecovery(id)) return;
        uint256 owedToEscrow = claims.owed(address(escrow), address(currency));
        (uint256 toHolder, uint256 toGuarantor) = _expectedShares(id);
        try escrow.distribute(id) {} catch (bytes memory err) {
            return _unexpectedRevert("exit: distribute", err);
        }
        _afterDistribution(id, owedToEscrow, toHolder, toGuarantor);
    }

    /// @dev The debtor of a Voided claim with a held payment reclaims it; false if there is none (from `seed` on).
    function _reclaimOne(uint256 seed) private returns (bool) {
        uint256 count = claimCount;
        for (uint256 k = 0; k < count; ++k) {
            uint256 id = ((seed + k) % count) + 1;
            ClaimGhost storage g = _claim[id];
            if (g.held == 0 || _claimOf(id).state != ClaimState.Voided) continue;
            uint256 before = currency.balanceOf(g.debtor);
            vm.prank(g.debtor);
            try claims.reclaimHeldPayment(id, g.debtor) returns (uint256 amount) {
                if (amount != g.held) _violation("reclaimHeldPayment returned another amount", id);
            } catch (bytes memory err) {
                _unexpectedRevert("reclaimHeldPayment", err);
                return false;
            }
            if (currency.balanceOf(g.debtor) - before != g.held) _violation("reclaim paid another amount", id);
            g.held = 0;
            return true;
        }
        return false;
    }

    function _withdrawOffer(uint256 gid) private {
        GuaranteeGhost storage g = _guarantees[gid - 1];
        vm.prank(g.guarantor);
        try escrow.withdrawOffer(gid) {} catch (bytes memory err) {
            return _unexpectedRevert("withdrawOffer", err);
        }
        g.status = GuaranteeStatus.Withdrawn;
        ghostCollateral -= g.cover;
        ghostEscrowCredit[g.guarantor] += g.cover;
    }

    function _release(uint256 gid, address caller) private {
        GuaranteeGhost storage g = _guarantees[gid - 1];
        vm.prank(caller);
        try escrow.release(gid) {} catch (bytes memory err) {
            return _unexpectedRevert("release", err);
        }
        g.status = GuaranteeStatus.Released;
        ghostCollateral -= g.cover;
        ghostEscrowCredit[g.guarantor] += g.cover;
        _claim[g.claimId].guaranteeId = 0;
    }

    function _call(uint256 gid) private {
        GuaranteeGhost storage g = _guarantees[gid - 1];
        uint256 id = g.claimId;
        Claim memory c = _claimOf(id);
        address holder = claims.ownerOf(id);
        uint256 owed = uint256(c.faceValue) - c.amountPaid;
        uint256 paid = g.cover < owed ? g.cover : owed;
        bool custody = paid != owed || !(registry.isVerifiedAny(holder) && registry.isVerifiedAny(g.guarantor));
        uint256 holderBalance = currency.balanceOf(holder);
        vm.prank(holder);
        try escrow.callGuarantee(gid, holder) returns (uint256 sent) {
            if (sent != paid) _violation("callGuarantee returned another amount than min(cover, owed)", gid);
        } catch (bytes memory err) {
            // Only called within the window (see _isCallable): the holder's right to call was refused.
            ghostCallRefusedInWindow = true;
            return _unexpectedRevert("callGuarantee", err);
        }
        g.status = GuaranteeStatus.Called;
        ghostCollateral -= g.cover;
        // The payout went straight to the holder, not to its ledger.
        if (currency.balanceOf(holder) - holderBalance != paid) _violation("call: the holder was not paid", gid);
        ghostEscrowCredit[g.guarantor] += g.cover - paid;
        ClaimGhost storage cg = _claim[id];
        (cg.caller, cg.callerReceived, cg.outstandingAtCall) = (holder, paid, owed);
        if (claims.ownerOf(id) != (custody ? address(escrow) : g.guarantor)) {
            _violation("call: the claim is not where subrogation puts it", id);
        }
        if (custody) {
            Subrogation memory s = escrow.subrogation(id);
            if (s.holder != holder || s.guarantor != g.guarantor) _violation("call: subrogation parties", id);
            if (s.outstandingAtCall != owed || s.covered != paid) _violation("call: subrogation amounts", id);
            if (s.paidAtCall != c.amountPaid || s.recovered != 0 || s.released) _violation("call: subrogation", id);
        }
    }

    /// @dev The shares {distribute} must credit now, from the model: the guarantor's running total is
    /// floor(recovered * covered / outstandingAtCall).
    function _expectedShares(uint256 id) private returns (uint256 toHolder, uint256 toGuarantor) {
        Subrogation memory s = escrow.subrogation(id);
        uint256 recovered = uint256(_claimOf(id).amountPaid) - s.paidAtCall;
        toGuarantor = Math.mulDiv(recovered, s.covered, s.outstandingAtCall) - s.guarantorRecovered;
        toHolder = recovered - s.recovered - toGuarantor;
        (uint256 viewHolder, uint256 viewGuarantor) = escrow.pendingRecovery(id);
        if (viewHolder != toHolder || viewGuarantor != toGuarantor) {
            _violation("pendingRecovery differs from the model", id);
        }
    }

    function _afterDistribution(uint256 id, uint256 owedToEscrow, uint256 toHolder, uint256 toGuarantor) private {
        Subrogation memory s = escrow.subrogation(id);
        ClaimGhost storage g = _claim[id];
        // The escrow collects everything the claim contract owes it, for every claim in custody.
        if (claims.owed(address(escrow), address(currency)) != 0) _violation("distribute left a claim credit", id);
        ghostClaimsOwed[address(escrow)] -= owedToEscrow;
        ghostEscrowFloat += owedToEscrow;
        ghostEscrowFloat -= toHolder + toGuarantor;
        ghostEscrowCredit[s.holder] += toHolder;
        ghostEscrowCredit[s.guarantor] += toGuarantor;
        g.distributed += toHolder + toGuarantor;
        g.callerReceived += toHolder;
    }

    function _withdrawClaims(address account) private {
        if (!_withdrawOwed(account, account, ghostClaimsOwed[account], "claims.withdraw")) return;
        ghostClaimsOwed[account] = 0;
    }

    function _collectMarketFees() private returns (bool collected) {
        address market = address(marketHandler.market());
        collected = marketHandler.collectFees(ghostDonated[market]);
        if (collected) ghostDonated[market] = 0;
    }

    function _collectEscrowFees() private returns (bool) {
        uint256 expected = ghostEscrowFees + ghostDonated[address(escrow)];
        if (expected == 0) return false;
        uint256 liabilities = escrow.totalLiabilities(address(currency));
        uint256 before = currency.balanceOf(treasury);
        vm.prank(treasury);
        try escrow.withdrawFees(address(currency), treasury) returns (uint256 amount) {
            if (amount != expected) _violation("escrow.withdrawFees returned another amount than the surplus", 0);
        } catch (bytes memory err) {
            _unexpectedRevert("escrow.withdrawFees", err);
            return false;
        }
        if (currency.balanceOf(treasury) - before != expected) _violation("escrow.withdrawFees paid another amount", 0);
        if (escrow.totalLiabilities(address(currency)) != liabilities) {
            _violation("escrow.withdrawFees moved the liabilities", 0);
        }
        ghostEscrowFees = 0;
        ghostDonated[address(escrow)] = 0;
        return true;
    }

    function _withdrawEscrow(address account) private {
        uint256 expected = ghostEscrowCredit[account];
        uint256 before = currency.balanceOf(account);
        vm.prank(account);
        try escrow.withdraw(address(currency), account) returns (uint256 amount) {
            if (amount != expected) _violation("escrow.withdraw returned another amount than credited", 0);
        } catch (bytes memory err) {
            return _unexpectedRevert("escrow.withdraw", err);
        }
        if (currency.balanceOf(account) - before != expected) _violation("escrow.withdraw paid another amount", 0);
        ghostEscrowCredit[account] = 0;
    }

    // ================================================================ selection

    /// @dev The first guarantee from `seed % count` on (wrapping) that satisfies `fits`.
    function _findGuarantee(
        uint256 seed,
        function(uint256) view returns (bool) fits
    ) private view returns (uint256 gid, bool found) {
        uint256 count = _guarantees.length;
        if (count == 0) return (0, false);
        uint256 start = seed % count;
        for (uint256 k = 0; k < count; ++k) {
            gid = ((start + k) % count) + 1;
            if (fits(gid)) return (gid, true);
        }
        return (0, false);
    }

    function _isLive(uint256 id) private view returns (bool) {
        ClaimState s = _claimOf(id).state;
        return s == ClaimState.Accepted || s == ClaimState.Financed || s == ClaimState.Overdue;
    }

    /// @dev Cover may be offered and activated: live and not yet past the default grace.
    function _isCoverable(uint256 id) private view returns (bool) {
        return _isLive(id) && block.timestamp <= uint256(_claimOf(id).dueDate) + _defaultGrace;
    }

    function _isPayable(uint256 id) private view returns (bool) {
        Claim memory c = _claimOf(id);
        bool payableState =
            c.state == ClaimState.Accepted ||
                c.state == ClaimState.Financed ||
                c.state == ClaimState.Overdue ||
                c.state == ClaimState.Defaulted ||
                c.state == ClaimState.WrittenOff ||
                c.state == ClaimState.Disputed;
        return payableState && uint256(c.amountPaid) + c.heldAmount < c.faceValue;
    }

    function _isWriteOffable(uint256 id) private view returns (bool) {
        return _claimOf(id).state == ClaimState.Defaulted && _heldByActor(id);
    }

    function _isDisputable(uint256 id) private view returns (bool) {
        return _isLive(id) && _heldByActor(id);
    }

    function _isDisputed(uint256 id) private view returns (bool) {
        return _claimOf(id).state == ClaimState.Disputed;
    }

    function _isOffered(uint256 gid) private view returns (bool) {
        return _guarantees[gid - 1].status == GuaranteeStatus.Offered;
    }

    function _isActivatable(uint256 gid) private view returns (bool) {
        GuaranteeGhost storage g = _guarantees[gid - 1];
        if (g.status != GuaranteeStatus.Offered || block.timestamp > g.offerExpiry) return false;
        if (!_isCoverable(g.claimId) || _claim[g.claimId].guaranteeId != 0) return false;
        if (claims.ownerOf(g.claimId) == g.guarantor) return false;
        return registry.isVerified(g.guarantor, Role.Guarantor);
    }

    function _isCallable(uint256 gid) private view returns (bool) {
        GuaranteeGhost storage g = _guarantees[gid - 1];
        if (g.status != GuaranteeStatus.Active) return false;
        uint256 id = g.claimId;
        address holder = claims.ownerOf(id);
        if (holder == g.guarantor || !_heldByActor(id)) return false;
        Claim memory c = _claimOf(id);
        if (block.timestamp > _coverEnds(id)) return false;
        if (c.state == ClaimState.Defaulted || c.state == ClaimState.WrittenOff) return true;
        bool pastGrace = block.timestamp > uint256(c.dueDate) + _defaultGrace;
        return
            pastGrace &&
            (c.state == ClaimState.Accepted || c.state == ClaimState.Financed || c.state == ClaimState.Overdue);
    }

    /// @dev An Active guarantee its holder (an actor, not the guarantor) may call now or later in its window: the
    /// claim is live or defaulted, and the cover has not ended.
    function _isCallableLater(uint256 gid) private view returns (bool) {
        GuaranteeGhost storage g = _guarantees[gid - 1];
        if (g.status != GuaranteeStatus.Active) return false;
        uint256 id = g.claimId;
        if (claims.ownerOf(id) == g.guarantor || !_heldByActor(id) || block.timestamp > _coverEnds(id)) return false;
        ClaimState s = _claimOf(id).state;
        return
            s == ClaimState.Accepted ||
            s == ClaimState.Financed ||
            s == ClaimState.Overdue ||
            s == ClaimState.Defaulted ||
            s == ClaimState.WrittenOff;
    }

    /// @dev An Active guarantee whose cover is still owed to the holder: the claim neither Settled nor Voided, and
    /// the cover not ended (or a dispute open, which keeps the collateral).
    function _isHeld(uint256 gid) private view returns (bool) {
        GuaranteeGhost storage g = _guarantees[gid - 1];
        if (g.status != GuaranteeStatus.Active) return false;
        ClaimState s = _claimOf(g.claimId).state;
        if (s == ClaimState.Settled || s == ClaimState.Voided) return false;
        return !_windowPassed(g.claimId);
    }

    /// @dev The last second a guarantee on claim `id` may be called: due date + grace + window (the handler never
    /// changes the rules, so every claim has the rules read at construction).
    function _coverEnds(uint256 id) private view returns (uint256) {
        return uint256(_claimOf(id).dueDate) + _defaultGrace + _claimWindow;
    }

    function _isReleasable(uint256 gid) private view returns (bool) {
        GuaranteeGhost storage g = _guarantees[gid - 1];
        if (g.status != GuaranteeStatus.Active) return false;
        ClaimState s = _claimOf(g.claimId).state;
        if (s == ClaimState.Settled || s == ClaimState.Voided) return true;
        if (_windowPassed(g.claimId)) return true;
        return claims.ownerOf(g.claimId) == g.guarantor;
    }

    /// @dev The cover has ended, whether or not anyone declared the default, and no dispute holds the claim.
    function _windowPassed(uint256 id) private view returns (bool) {
        return _claimOf(id).state != ClaimState.Disputed && block.timestamp > _coverEnds(id);
    }

    function _hasPendingRecovery(uint256 id) private view returns (bool) {
        Subrogation memory s = escrow.subrogation(id);
        if (s.guarantor == address(0) || s.released) return false;
        return uint256(_claimOf(id).amountPaid) - s.paidAtCall > s.recovered;
    }

    /// @dev Full cover in custody, a guarantor that can receive the claim, a claim that can still move.
    function _isTakeable(uint256 id) private view returns (bool) {
        Subrogation memory s = escrow.subrogation(id);
        if (s.guarantor == address(0) || s.released || s.covered != s.outstandingAtCall) return false;
        ClaimState state = _claimOf(id).state;
        if (state != ClaimState.Defaulted && state != ClaimState.WrittenOff) return false;
        return registry.isVerifiedAny(s.guarantor);
    }

    function _heldByActor(uint256 id) private view returns (bool) {
        return claims.ownerOf(id) != address(escrow);
    }

    // ================================================================ helpers

    function _guarantor(uint256 seed) private view returns (address) {
        return _actors[(GUARANTOR_INDICES >> (8 * (seed % 4))) & 0xff];
    }

    function _isOwedByClaims(address account) private view returns (bool) {
        return ghostClaimsOwed[account] != 0;
    }

    function _hasEscrowCredit(address account) private view returns (bool) {
        return ghostEscrowCredit[account] != 0;
    }
}
