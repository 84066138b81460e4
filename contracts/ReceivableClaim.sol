// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IClaimRenderer} from "./interfaces/IClaimRenderer.sol";
import {IERC5192} from "./interfaces/IERC5192.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {IReceivableClaim} from "./interfaces/IReceivableClaim.sol";
import {ClaimIssuance} from "./libraries/ClaimIssuance.sol";
import {ClaimRules} from "./libraries/ClaimRules.sol";
import {ClaimTypedData} from "./libraries/ClaimTypedData.sol";
import {ClaimUpkeep} from "./libraries/ClaimUpkeep.sol";
import {IdTable} from "./libraries/IdTable.sol";
import {PullLedger} from "./libraries/PullLedger.sol";
import {ClaimCore, ClaimSale, ClaimState, ClaimTerms, DisputeOutcome} from "./types/Claim.sol";
import {CommitmentEntry, StoredClaim} from "./types/ClaimRecord.sol";
import {Role} from "./types/Roles.sol";

/// @title ReceivableClaim
/// @notice OpenFactor's invoice receivable: an ERC-721 token per claim, confirmed by its debtor, paid to its holder.
/// @dev Interface-first: every external function is specified in {IReceivableClaim}.
contract ReceivableClaim is IReceivableClaim, IERC4906, ERC721, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev ERC-5192's interface id.
    bytes4 private constant _ERC5192_INTERFACE_ID = 0xb45a3c0e;
    /// @dev ERC-4906's interface id, fixed by the standard. Not `type(IERC4906).interfaceId`: IERC4906 declares only
    /// events, so that expression is 0x00000000.
    bytes4 private constant _ERC4906_INTERFACE_ID = 0x49064906;

    IParticipantRegistry private immutable _registry;
    IClaimRenderer private immutable _renderer;

    uint256 private _claimCount;
    /// @dev The claims, their metadata URIs and the double-financing index (which {ClaimIssuance} writes on issue). A
    /// commitment's entry is kept when its claim ends unaccepted: the next claim for the commitment overwrites it (see
    /// {_commitmentInUse}), and {claimByCommitment} reads such an entry as free.
    ClaimIssuance.Records private _records;
    mapping(address debtor => uint256 counter) private _acceptanceCounters;

    /// @dev The pull ledger (payments credited to holders, and those held while Disputed, which are also kept per
    /// payer) ({ClaimRules-Money}).
    ClaimRules.Money private _money;

    /// @dev Claim-local currency ids, from 1, assigned the first time a claim is issued in a currency (the
    /// registry's allowlist decides which currencies may be used); 65,535 currencies at most ({IdTable}). The tables
    /// hold ids in uint256 words; every id fits its record field (uint16 here, uint8 for agents).
    mapping(address currency => uint256 id) private _currencyIds;
    mapping(uint256 id => address currency) private _currencies;
    uint16 private _currencyCount;
    /// @dev Locker ids, from 1, assigned to an agent the first time it locks a claim; 255 agents at most ({IdTable}).
    uint8 private _agentCount;
    mapping(address agent => uint256 id) private _agentIds;
    mapping(uint256 id => address agent) private _agentById;

    constructor(address registry_, address renderer_) ERC721("OpenFactor Receivable Claim", "OFCLAIM") {
        if (registry_ == address(0) || renderer_ == address(0)) revert ClaimZeroAddress();
        _registry = IParticipantRegistry(registry_);
        _renderer = IClaimRenderer(renderer_);
    }

    // ================================================================ issuing and accepting

    /// @inheritdoc IReceivableClaim
    function issue(ClaimTerms calldata terms, string calldata metadataURI) external returns (uint256 claimId) {
        _requireCaller(0, terms.originator);
        claimId = _issue(terms, metadataURI, ClaimState.Issued, false);
    }

    /// @inheritdoc IReceivableClaim
    function issueAccepted(
        ClaimTerms calldata terms,
        string calldata metadataURI,
        uint256 deadline,
        bytes calldata debtorSignature
    ) external returns (uint256 claimId) {
        _requireCaller(0, terms.originator);
        claimId = _issue(terms, metadataURI, ClaimState.Accepted, false);
        // Checked after the terms so that bad terms get their own error; the check is a view (staticcall). The terms
        // are read back from storage (the same values, just written): it saves a second decoder of calldata terms.
        _checkAcceptanceSignature(
            _termsOf(_records.claims[claimId], terms.invoiceCommitment, terms.documentHash),
            keccak256(bytes(metadataURI)),
            deadline,
            debtorSignature
        );
        emit ClaimAccepted(claimId, terms.debtor, msg.sender);
    }

    /// @inheritdoc IReceivableClaim
    function issueByDebtor(ClaimTerms calldata terms, string calldata metadataURI) external returns (uint256 claimId) {
        _requireCaller(0, terms.debtor);
        // Issued, not Accepted: a claim binds once both parties confirmed it, so the originator confirms it.
        claimId = _issue(terms, metadataURI, ClaimState.Issued, true);
    }

    /// @inheritdoc IReceivableClaim
    function accept(uint256 claimId) external {
        StoredClaim storage c = ClaimRules.claimIn(_records.claims, claimId, ClaimState.Issued);
        // The party asked to confirm: the debtor, or the originator for a claim the debtor issued.
        bool byDebtor = c.issuedByDebtor;
        _requireCaller(claimId, byDebtor ? c.originator : c.debtor);
        _requireVerified(msg.sender, byDebtor ? Role.Originator : Role.Debtor);
        _accept(claimId, c);
    }

    /// @inheritdoc IReceivableClaim
    function acceptWithSignature(
        uint256 claimId,
        bytes32 invoiceCommitment,
        bytes32 documentHash,
        uint256 deadline,
        bytes calldata debtorSignature
    ) external {
        StoredClaim storage c = ClaimRules.claimIn(_records.claims, claimId, ClaimState.Issued);
        // The debtor confirmed a claim it issued by issuing it: only the originator's acceptance can bind it.
        if (c.issuedByDebtor) revert ClaimIssuedByDebtor(claimId, c.originator);
        // An Issued claim's commitment entry is its own (only a claim that ended unaccepted gives its entry up): the
        // hashes given must be the ones it was issued with. The signature then binds the full document hash.
        CommitmentEntry storage entry = _records.claimByCommitment[invoiceCommitment];
        if (entry.claimId != claimId || entry.documentHashPrefix != bytes24(documentHash)) {
            revert ClaimInvoiceHashesMismatch(claimId, invoiceCommitment, documentHash);
        }
        bytes32 metadataHash = keccak256(bytes(_records.metadataURIs[claimId]));
        _checkAcceptanceSignature(
            _termsOf(c, invoiceCommitment, documentHash),
            metadataHash,
            deadline,
            debtorSignature
        );
        _requireVerified(c.debtor, Role.Debtor);
        _accept(claimId, c);
    }

    /// @inheritdoc IReceivableClaim
    function reject(uint256 claimId) external {
        StoredClaim storage c = ClaimRules.claimIn(_records.claims, claimId, ClaimState.Issued);
        // The party asked to confirm refuses: the debtor, or the originator for a claim the debtor issued.
        _requireCaller(claimId, c.issuedByDebtor ? c.originator : c.debtor);
        _endUnaccepted(claimId, c, ClaimState.Rejected);
    }

    /// @inheritdoc IReceivableClaim
    function cancel(uint256 claimId) external {
        StoredClaim storage c = ClaimRules.claimIn(_records.claims, claimId, ClaimState.Issued);
        // The issuer withdraws: the originator, or the debtor for a claim the debtor issued.
        _requireCaller(claimId, c.issuedByDebtor ? c.debtor : c.originator);
        _endUnaccepted(claimId, c, ClaimState.Cancelled);
    }

    /// @inheritdoc IReceivableClaim
    function expire(uint256 claimId) external {
        ClaimUpkeep.expire(_records.claims, claimId);
    }

    /// @inheritdoc IReceivableClaim
    function incrementAcceptanceCounter() external returns (uint256 newCounter) {
        newCounter = ++_acceptanceCounters[msg.sender];
        emit AcceptanceCounterIncremented(msg.sender, newCounter);
    }

    // ================================================================ paying

    /// @inheritdoc IReceivableClaim
    function pay(uint256 claimId, uint256 amount) external nonReentrant {
        StoredClaim storage c = _records.claims[claimId];
        ClaimState state = c.state;
        uint16 currencyId = c.currencyId; // the same slot as the state: read with it
        ClaimRules.requirePayable(claimId, state);
        uint256 remaining = ClaimRules.remainingOf(c, state);
        if (amount == 0) revert ClaimZeroAmount(claimId);
        if (amount > remaining) revert ClaimOverpayment(claimId, amount, remaining);
        address currency = _currencies[currencyId];
        // The holder of record is read only when the payment is credited (a Disputed claim's is held).
        address payee = state == ClaimState.Disputed ? address(0) : _ownerOf(claimId);
        ClaimRules.recordPayment(_money, c, claimId, state, currency, payee, amount);
        ClaimRules.pullExact(currency, msg.sender, amount);
    }

    /// @inheritdoc IReceivableClaim
    function payInFull(uint256[] calldata claimIds, uint256 maxTotal) external nonReentrant returns (uint256 total) {
        return ClaimUpkeep.payInFull(_records.claims, _currencies, _money, claimIds, maxTotal);
    }

    /// @inheritdoc IReceivableClaim
    function withdraw(address currency, address to) external nonReentrant returns (uint256 amount) {
        ClaimRules.checkRecipient(to);
        amount = PullLedger.withdraw(_money.ledger, msg.sender, currency, to);
        if (amount == 0) revert ClaimNothingToWithdraw(msg.sender, currency);
        emit Withdrawn(msg.sender, currency, to, amount);
    }

    /// @inheritdoc IReceivableClaim
    function reclaimHeldPayment(uint256 claimId, address to) external nonReentrant returns (uint256 amount) {
        return ClaimUpkeep.reclaimHeldPayment(_records.claims, _currencies, _money, claimId, to);
    }

    // ================================================================ time, disputes, losses

    /// @inheritdoc IReceivableClaim
    function poke(uint256 claimId) external returns (ClaimState state) {
        return ClaimUpkeep.poke(_records.claims, address(_registry), claimId);
    }

    /// @inheritdoc IReceivableClaim
    function dispute(uint256 claimId, bytes32 evidenceHash) external {
        (StoredClaim storage c, ClaimState state) = ClaimRules.existingWithState(_records.claims, claimId);
        if (!ClaimRules.isIn(state, ClaimRules.DISPUTABLE)) revert ClaimWrongState(claimId, state);
        if (msg.sender != c.debtor && msg.sender != _ownerOf(claimId)) revert ClaimNotDisputant(claimId, msg.sender);
        // Past the grace the claim is in default, declared or not: a dispute would freeze the guarantee call.
        uint256 disputableUntil = uint256(c.dueDate) + _registry.rulesAt(c.rulesVersion).defaultGrace;
        if (block.timestamp > disputableUntil) revert ClaimDisputeTooLate(claimId, disputableUntil, block.timestamp);
        c.stateBeforeDispute = state;
        ++c.disputeCount;
        ClaimRules.moveState(c, claimId, state, ClaimState.Disputed);
        emit ClaimDisputed(claimId, msg.sender, evidenceHash);
    }

    /// @inheritdoc IReceivableClaim
    function resolve(uint256 claimId, DisputeOutcome outcome, uint128 newFaceValue) external {
        _requireAccessRole(_registry.ARBITER_ROLE());
        StoredClaim storage c = ClaimRules.claimIn(_records.claims, claimId, ClaimState.Disputed);
        uint96 oldFaceValue = c.faceValue;
        uint256 paidAndHeld = uint256(c.amountPaid) + c.heldAmount;
        bool valid;
        if (outcome == DisputeOutcome.Diluted) {
            valid = newFaceValue < oldFaceValue && newFaceValue >= paidAndHeld && newFaceValue != 0;
        } else {
            valid = newFaceValue == oldFaceValue;
        }
        if (!valid) revert ClaimDisputeFaceValueInvalid(claimId, newFaceValue, oldFaceValue, paidAndHeld);

        if (outcome == DisputeOutcome.Voided) {
            // Held payments stay in the contract, reclaimable by their payers.
            ClaimRules.moveState(c, claimId, ClaimState.Disputed, ClaimState.Voided);
        } else {
            // Fits: a valid new face value is at most the old one.
            c.faceValue = uint96(newFaceValue);
            uint128 held = c.heldAmount;
            if (held != 0) {
                address payee = _ownerOf(claimId);
                c.heldAmount = 0;
                // Fits: paid plus held is at most the face value, a uint96.
                c.amountPaid += uint96(held);
                PullLedger.creditHeld(_money.ledger, payee, _currencies[c.currencyId], held);
                emit HeldPaymentsReleased(claimId, payee, held, c.amountPaid);
            }
            ClaimState restored = c.stateBeforeDispute;
            if (c.amountPaid == c.faceValue) restored = ClaimState.Settled;
            ClaimRules.moveState(c, claimId, ClaimState.Disputed, restored);
        }
        emit ClaimDisputeResolved(claimId, outcome, oldFaceValue, newFaceValue, msg.sender);
    }

    /// @inheritdoc IReceivableClaim
    function writeOff(uint256 claimId) external {
        StoredClaim storage c = ClaimRules.claimIn(_records.claims, claimId, ClaimState.Defaulted);
        address holder = _ownerOf(claimId);
        _requireCaller(claimId, holder);
        ClaimRules.moveState(c, claimId, ClaimState.Defaulted, ClaimState.WrittenOff);
        emit ClaimWrittenOff(claimId, holder, c.faceValue - c.amountPaid);
    }

    // ================================================================ agents

    /// @inheritdoc IReceivableClaim
    function lock(uint256 claimId) external {
        _requireAgent();
        StoredClaim storage c = _existing(claimId);
        if (c.lockerId != 0) revert ClaimIsLocked(claimId, _lockerOf(c));
        c.lockerId = _agentIdOf(msg.sender);
        emit Locked(claimId);
        emit MetadataUpdate(claimId);
    }

    /// @inheritdoc IReceivableClaim
    /// @dev The holder may also unlock a claim whose locker is no longer a trusted agent, so that distrusting an
    /// agent never strands the claims it had locked.
    function unlock(uint256 claimId) external {
        StoredClaim storage c = _records.claims[claimId];
        address locker = _lockerOf(c);
        bool byLocker = locker != address(0) && locker == msg.sender;
        bool byHolderOfOrphan =
            !byLocker && locker != address(0) && msg.sender == _ownerOf(claimId) && !_registry.isAgent(locker);
        if (!byLocker && !byHolderOfOrphan) revert ClaimNotLockedByCaller(claimId, msg.sender);
        _unlock(claimId, c);
        emit MetadataUpdate(claimId);
    }

    /// @inheritdoc IReceivableClaim
    function agentTransfer(uint256 claimId, address to) external {
        _requireAgent();
        StoredClaim storage c = _existing(claimId);
        address locker = _lockerOf(c);
        if (locker == msg.sender) {
            _unlock(claimId, c); // the transfer below emits the MetadataUpdate that covers the unlock too
        } else if (locker != address(0)) {
            revert ClaimIsLocked(claimId, locker);
        }
        _transfer(_ownerOf(claimId), to, claimId);
        if (c.state == ClaimState.Accepted) {
            // The transfer moved the nonce and emitted the MetadataUpdate that covers this change too.
            c.state = ClaimState.Financed;
            emit ClaimStateChanged(claimId, ClaimState.Accepted, ClaimState.Financed);
        }
    }

    /// @inheritdoc IReceivableClaim
    function voidOrders(uint256 claimId) external {
        _requireAgent();
        StoredClaim storage c = _existing(claimId);
        uint40 nonce = ++c.nonce;
        emit ClaimOrdersVoided(claimId, msg.sender, nonce);
        emit MetadataUpdate(claimId);
    }

    // ================================================================ views

    /// @inheritdoc IReceivableClaim
    function claimCore(uint256 claimId) external view returns (ClaimCore memory) {
        return _toCore(_existing(claimId));
    }

    /// @inheritdoc IReceivableClaim
    function claimForTrade(
        uint256 claimId
    ) external view returns (ClaimCore memory core, address holder, address locker) {
        StoredClaim storage c = _existing(claimId);
        return (_toCore(c), _ownerOf(claimId), _lockerOf(c));
    }

    /// @inheritdoc IReceivableClaim
    function claimForSale(uint256 claimId) external view returns (ClaimSale memory sale) {
        uint256 w1;
        uint256 w2;
        StoredClaim storage c = _records.claims[claimId];
        // Slots 1 and 2 only (see {_toCore} for the layout): a sale needs no dates.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            w1 := sload(add(c.slot, 1))
            w2 := sload(add(c.slot, 2))
        }
        sale.state = ClaimState(uint8(w1 >> 160));
        if (sale.state == ClaimState.None) revert ClaimNotFound(claimId);
        sale.debtor = address(uint160(w1));
        sale.nonce = uint40(w1 >> 168);
        uint8 lockerId = uint8(w1 >> 208);
        if (lockerId != 0) sale.locker = _agentById[lockerId];
        sale.currencyId = uint16(w1 >> 216);
        sale.currency = _currencies[sale.currencyId];
        sale.faceValue = uint96(w2);
        sale.amountPaid = uint96(w2 >> 96);
        sale.holder = _ownerOf(claimId);
    }

    /// @inheritdoc IReceivableClaim
    function currencyAt(uint16 currencyId) external view returns (address currency) {
        currency = _currencies[currencyId];
        if (currency == address(0)) revert ClaimUnknownCurrencyId(currencyId);
    }

    /// @inheritdoc IReceivableClaim
    function claimExtras(uint256 claimId) external view returns (uint128 heldAmount, bool issuedByDebtor) {
        StoredClaim storage c = _existing(claimId);
        return (c.heldAmount, c.issuedByDebtor);
    }

    /// @inheritdoc IERC5192
    function locked(uint256 claimId) external view returns (bool) {
        return _existing(claimId).lockerId != 0;
    }

    /// @inheritdoc IReceivableClaim
    function lockedBy(uint256 claimId) external view returns (address) {
        return _lockerOf(_records.claims[claimId]);
    }

    /// @inheritdoc IReceivableClaim
    function owed(address account, address currency) external view returns (uint256) {
        return PullLedger.creditOf(_money.ledger, account, currency);
    }

    /// @inheritdoc IReceivableClaim
    function totalLiabilities(address currency) external view returns (uint256) {
        return PullLedger.liabilities(_money.ledger, currency);
    }

    /// @inheritdoc IReceivableClaim
    function heldPaymentOf(uint256 claimId, address payer) external view returns (uint256) {
        (StoredClaim storage c, ClaimState state) = ClaimRules.existingWithState(_records.claims, claimId);
        // An upheld or diluted dispute credits its held payments to the holder without clearing the per-payer
        // entries, so they are only still held while the dispute is open or after it voided the claim.
        if (!ClaimRules.isIn(state, ClaimRules.HOLDING)) return 0;
        return _money.held[claimId][c.disputeCount][payer];
    }

    /// @inheritdoc IReceivableClaim
    function claimByCommitment(bytes32 invoiceCommitment) external view returns (uint256 claimId) {
        // A claim that ended unaccepted freed its commitment; its entry stays until a corrected claim overwrites it.
        return _commitmentInUse(invoiceCommitment);
    }

    /// @inheritdoc IReceivableClaim
    function claimCount() external view returns (uint256) {
        return _claimCount;
    }

    /// @inheritdoc IReceivableClaim
    function acceptanceCounter(address debtor) external view returns (uint256) {
        return _acceptanceCounters[debtor];
    }

    /// @inheritdoc IReceivableClaim
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IReceivableClaim
    function renderer() external view returns (address) {
        return address(_renderer);
    }

    /// @notice On-chain JSON metadata with the claim's terms and state and an SVG card.
    /// @param claimId The claim; reverts with {ClaimNotFound} if none.
    function tokenURI(uint256 claimId) public view override returns (string memory) {
        StoredClaim storage c = _existing(claimId);
        return _renderer.tokenURI(claimId, _toCore(c), _records.metadataURIs[claimId], c.lockerId != 0);
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, IERC165) returns (bool) {
        return
            interfaceId == _ERC4906_INTERFACE_ID ||
            interfaceId == _ERC5192_INTERFACE_ID ||
            super.supportsInterface(interfaceId);
    }

    // ================================================================ internal: lifecycle

    function _issue(
        ClaimTerms calldata terms,
        string calldata metadataURI,
        ClaimState initialState,
        bool byDebtor
    ) private returns (uint256 claimId) {
        claimId = ++_claimCount;
        ClaimIssuance.NewClaim memory n = ClaimIssuance.NewClaim({
            claimId: claimId,
            // Assigned before the rules are checked: a claim the rules refuse reverts, its currency's new id included.
            currencyId: _currencyIdOf(terms.currency),
            initialState: initialState,
            byDebtor: byDebtor,
            commitmentInUse: _commitmentInUse(terms.invoiceCommitment)
        });
        ClaimIssuance.issue(_records, address(_registry), terms, metadataURI, n);
        _mint(terms.originator, claimId);
    }

    /// @dev The claim-local id of `currency` (an allowlisted one), assigned on its first use.
    function _currencyIdOf(address currency) private returns (uint16 id) {
        id = uint16(_currencyIds[currency]);
        if (id == 0) {
            id = uint16(IdTable.add(_currencyIds, _currencies, currency, _currencyCount, type(uint16).max));
            _currencyCount = id;
        }
    }

    /// @dev The locker id of `agent` (a trusted agent), assigned on its first lock.
    function _agentIdOf(address agent) private returns (uint8 id) {
        id = uint8(_agentIds[agent]);
        if (id == 0) {
            id = uint8(IdTable.add(_agentIds, _agentById, agent, _agentCount, type(uint8).max));
            _agentCount = id;
        }
    }

    /// @dev The live claim issued for `invoiceCommitment`, or 0 when the commitment is free: unused, or its claim
    /// ended unaccepted (a commitment stays in use while its claim is live or done with: Settled, Voided...).
    function _commitmentInUse(bytes32 invoiceCommitment) private view returns (uint256 claimId) {
        claimId = _records.claimByCommitment[invoiceCommitment].claimId;
        if (claimId != 0 && _endedUnaccepted(claimId)) return 0;
    }

    /// @dev `c` is Issued and the confirming party is still verified (both callers checked it).
    function _accept(uint256 claimId, StoredClaim storage c) private {
        if (block.timestamp > c.acceptanceDeadline) {
            revert ClaimAcceptanceWindowClosed(claimId, c.acceptanceDeadline, block.timestamp);
        }
        ClaimRules.moveState(c, claimId, ClaimState.Issued, ClaimState.Accepted);
        emit ClaimAccepted(claimId, c.debtor, msg.sender);
    }

    /// @dev Ends a claim never confirmed (`c` is Issued). That frees its invoice commitment for a corrected claim:
    /// the index reads an entry whose claim ended unaccepted as free, so nothing more is written here.
    function _endUnaccepted(uint256 claimId, StoredClaim storage c, ClaimState to) private {
        ClaimRules.moveState(c, claimId, ClaimState.Issued, to);
    }

    /// @dev Callers emit the MetadataUpdate (a transfer that follows the unlock emits one anyway).
    function _unlock(uint256 claimId, StoredClaim storage c) private {
        c.lockerId = 0;
        emit Unlocked(claimId);
    }

    /// @dev The agent holding `c` locked, or zero (id 0, never assigned, maps to zero).
    function _lockerOf(StoredClaim storage c) private view returns (address) {
        uint8 id = c.lockerId;
        return id == 0 ? address(0) : _agentById[id];
    }

    // ================================================================ internal: transfers

    /// @dev Every transfer (holder-initiated or by an agent) passes here: locks and transfer rules are enforced in
    /// one place, and the claim's nonce moves so that signed offers for the old holder die.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = super._update(to, tokenId, auth);
        if (from != address(0)) {
            StoredClaim storage c = _records.claims[tokenId];
            if (c.lockerId != 0) revert ClaimIsLocked(tokenId, _lockerOf(c));
            if (!_transferAllowed(from, to, tokenId)) revert ClaimTransferNotAllowed(tokenId, from, to);
            ++c.nonce;
            emit MetadataUpdate(tokenId);
        }
    }

    /// @dev State and participant rules of a transfer; locks are checked by the callers.
    function _transferAllowed(address from, address to, uint256 claimId) private view returns (bool) {
        if (!ClaimRules.isIn(_records.claims[claimId].state, ClaimRules.TRANSFERABLE) || from == to) return false;
        // The participant rule (verified parties; an agent's own custody) is the registry's, in one call.
        return _registry.transferPartiesAllowed(from, to, msg.sender);
    }

    // ================================================================ internal: checks and helpers

    /// @dev Whether claim `claimId` was rejected, cancelled or expired (false for id 0): its commitment is free.
    function _endedUnaccepted(uint256 claimId) private view returns (bool) {
        return ClaimRules.isIn(_records.claims[claimId].state, ClaimRules.ENDED_UNACCEPTED);
    }

    function _existing(uint256 claimId) private view returns (StoredClaim storage c) {
        c = _records.claims[claimId];
        if (c.state == ClaimState.None) revert ClaimNotFound(claimId);
    }

    function _requireCaller(uint256 claimId, address expected) private view {
        if (msg.sender != expected) revert ClaimUnauthorized(claimId, msg.sender, expected);
    }

    function _requireVerified(address account, Role role) private view {
        if (!_registry.isVerified(account, role)) revert ClaimParticipantNotVerified(account, role);
    }

    function _requireAccessRole(bytes32 role) private view {
        if (!_registry.hasRole(role, msg.sender)) revert ClaimMissingAccessRole(msg.sender, role);
    }

    function _requireAgent() private view {
        if (!_registry.isAgent(msg.sender)) revert ClaimNotAgent(msg.sender);
    }

    /// @dev Checks the debtor's signature over the EIP-712 `ClaimAcceptance` digest of `terms` and `metadataHash` until
    /// `deadline`, under its current acceptance counter (the digest ClaimLens's `acceptanceDigest` computes).
    function _checkAcceptanceSignature(
        ClaimTerms memory terms,
        bytes32 metadataHash,
        uint256 deadline,
        bytes calldata signature
    ) private view {
        if (block.timestamp > deadline) revert ClaimSignatureExpired(deadline, block.timestamp);
        uint256 counter = _acceptanceCounters[terms.debtor];
        bytes32 digest = ClaimTypedData.digest(
            address(this),
            ClaimTypedData.hashAcceptance(terms, metadataHash, counter, deadline)
        );
        if (!SignatureChecker.isValidSignatureNow(terms.debtor, digest, signature)) {
            revert ClaimInvalidSignature(terms.debtor);
        }
    }

    /// @dev The public shape of a stored claim: the same values, widened to the {ClaimCore} struct's types.
    function _toCore(StoredClaim storage stored) private view returns (ClaimCore memory c) {
        uint256 w0;
        uint256 w1;
        uint256 w2;
        // Reads each packed slot once; field by field, the compiler reads a slot per field (claimCore() is on the hot
        // path of every market and escrow step). Only sloads, no memory. The bit offsets below are StoredClaim's
        // declaration order, lowest first; the issue, dispute and time tests pin every field.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let slot := stored.slot
            w0 := sload(slot)
            w1 := sload(add(slot, 1))
            w2 := sload(add(slot, 2))
        }
        c.originator = address(uint160(w0));
        c.issuedAt = uint40(w0 >> 160);
        c.dueDate = uint40(w0 >> 200);
        c.debtor = address(uint160(w1));
        c.state = ClaimState(uint8(w1 >> 160));
        c.nonce = uint40(w1 >> 168);
        // w1 >> 208: the locker id, not part of the core ({lockedBy})
        c.currency = _currencies[uint16(w1 >> 216)];
        c.rulesVersion = uint24(w1 >> 232);
        c.faceValue = uint96(w2);
        c.amountPaid = uint96(w2 >> 96);
        c.acceptanceDeadline = uint40(w2 >> 192);
        // w2 >> 232: issuedByDebtor, not part of the core
        c.stateBeforeDispute = ClaimState(uint8(w2 >> 240));
        c.disputeCount = uint8(w2 >> 248);
    }

    /// @dev The terms of a stored claim, with the two hashes the record does not keep (checked by the caller).
    function _termsOf(
        StoredClaim storage c,
        bytes32 invoiceCommitment,
        bytes32 documentHash
    ) private view returns (ClaimTerms memory) {
        return
            ClaimTerms({
                originator: c.originator,
                debtor: c.debtor,
                currency: _currencies[c.currencyId],
                faceValue: c.faceValue,
                dueDate: c.dueDate,
                invoiceCommitment: invoiceCommitment,
                documentHash: documentHash
            });
    }
}
