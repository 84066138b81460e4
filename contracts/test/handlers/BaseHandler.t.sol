// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore, no-empty-blocks

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ReceivableClaim} from "../../ReceivableClaim.sol";
import {ClaimViews} from "../../libraries/ClaimViews.sol";
import {Claim, ClaimState, ClaimTerms} from "../../types/Claim.sol";
import {MarketRules} from "../../types/Roles.sol";

import {Assertions} from "../utils/Assertions.t.sol";
import {vm} from "../utils/Vm.t.sol";

/// @title BaseHandler
/// @notice What the invariant handlers share: the claim contract and its currency, the actors, the rules, the
/// claims issued so far; the claim actions every suite repeats (issue, accept, pay, poke, withdraw), each wrapped so
/// that an unexpected revert is recorded instead of dropped; actor and claim selection; bounded inputs; the
/// violation record `invariant_noViolations` reports and the count of each action's successes.
/// @dev Every read of a claim's record goes through {_claimOf}. Plain storage, not immutables: the test runner
/// recognises a handler by its deployed code, and inlined immutables make the code differ from its artifact.
abstract contract BaseHandler is Assertions {
    using Strings for uint256;

    ReceivableClaim public claims;
    /// @notice The account the market's and the escrow's fees go to (zero where the suite has none).
    address public treasury;
    /// @notice The claims this handler issued, ids 1..claimCount.
    uint256 public claimCount;

    uint256 public violationCount;
    string public firstViolation;

    /// @dev The currency every claim is issued in.
    address internal _token;
    address[] internal _actors;
    uint32 internal _minTenor;
    uint32 internal _maxTenor;
    uint32 internal _acceptanceWindow;
    uint32 internal _defaultGrace;
    uint32 internal _claimWindow;

    /// @dev The prefix of the invoice commitments and document hashes this handler issues with.
    string private _label;
    uint256 private _commitmentNonce;
    mapping(bytes32 action => uint256 count) private _successes;

    constructor(ReceivableClaim claims_, address token_, address treasury_, string memory label_) {
        claims = claims_;
        _token = token_;
        treasury = treasury_;
        _label = label_;
    }

    /// @notice How many times `action` succeeded (coverage of the campaign).
    function successes(string calldata action) external view returns (uint256) {
        return _successes[keccak256(bytes(action))];
    }

    // ================================================================ set-up

    function _useRules(MarketRules memory rules) internal {
        _minTenor = rules.minTenor;
        _maxTenor = rules.maxTenor;
        _acceptanceWindow = rules.acceptanceWindow;
        _defaultGrace = rules.defaultGrace;
        _claimWindow = rules.guaranteeClaimWindow;
    }

    // ================================================================ the claim record

    /// @dev The claim's record: the one place the handlers read it.
    function _claimOf(uint256 id) internal view returns (Claim memory) {
        return ClaimViews.claimOf(claims, id);
    }

    // ================================================================ shared actions

    /// @dev Terms for a new claim in the handler's currency, with a fresh commitment and document hash.
    function _newTerms(
        address originator,
        address debtor,
        uint256 face,
        uint256 dueDate
    ) internal returns (ClaimTerms memory) {
        ++_commitmentNonce;
        return
            ClaimTerms({
                originator: originator,
                debtor: debtor,
                currency: _token,
                faceValue: uint128(face),
                dueDate: uint64(dueDate),
                invoiceCommitment: keccak256(abi.encode(string.concat(_label, " invoice"), _commitmentNonce)),
                documentHash: keccak256(abi.encode(string.concat(_label, " document"), _commitmentNonce))
            });
    }

    /// @dev `issuer` issues a claim on `terms`: the originator (`issue`) or, `byDebtor`, the debtor (`issueByDebtor`).
    function _issueAs(address issuer, ClaimTerms memory terms, bool byDebtor) internal returns (uint256 id, bool ok) {
        vm.prank(issuer);
        if (byDebtor) {
            try claims.issueByDebtor(terms, "") returns (uint256 newId) {
                return (newId, true);
            } catch (bytes memory err) {
                _unexpectedRevert("issueByDebtor", err);
            }
        } else {
            try claims.issue(terms, "") returns (uint256 newId) {
                return (newId, true);
            } catch (bytes memory err) {
                _unexpectedRevert("issue", err);
            }
        }
    }

    /// @dev `party` (the debtor, or the originator of a claim its debtor issued) accepts claim `id`.
    function _acceptAs(address party, uint256 id) internal returns (bool) {
        vm.prank(party);
        try claims.accept(id) {
            return true;
        } catch (bytes memory err) {
            _unexpectedRevert("accept", err);
            return false;
        }
    }

    /// @dev The claim is issued and accepted, by the originator then the debtor, or (`byDebtor`) the other way round.
    function _issueAccepted(ClaimTerms memory terms, bool byDebtor) internal returns (uint256 id, bool ok) {
        (id, ok) = _issueAs(byDebtor ? terms.debtor : terms.originator, terms, byDebtor);
        if (ok) ok = _acceptAs(byDebtor ? terms.originator : terms.debtor, id);
    }

    /// @dev Counts claim `id` as issued: ids are sequential.
    function _recordIssued(uint256 id) internal {
        if (id != claimCount + 1) _violation("claim ids are not sequential", id);
        claimCount = id;
    }

    /// @dev `payer` pays `amount` on claim `id`.
    function _payAs(address payer, uint256 id, uint256 amount) internal returns (bool) {
        vm.prank(payer);
        try claims.pay(id, amount) {
            return true;
        } catch (bytes memory err) {
            _unexpectedRevert("pay", err);
            return false;
        }
    }

    /// @dev `caller` moves claim `id` on with the clock (Overdue or Defaulted); returns the state it reached.
    function _pokeAs(address caller, uint256 id) internal returns (bool ok, ClaimState reached) {
        vm.prank(caller);
        try claims.poke(id) returns (ClaimState returned) {
            return (true, returned);
        } catch (bytes memory err) {
            _unexpectedRevert("poke", err);
        }
    }

    /// @dev `account` withdraws what the claim contract owes it to `to`, which must be exactly `expected`, returned
    /// and received.
    function _withdrawOwed(
        address account,
        address to,
        uint256 expected,
        string memory action
    ) internal returns (bool) {
        uint256 before = IERC20(_token).balanceOf(to);
        vm.prank(account);
        try claims.withdraw(_token, to) returns (uint256 amount) {
            if (amount != expected) _violation(string.concat(action, " returned another amount than owed"), 0);
        } catch (bytes memory err) {
            _unexpectedRevert(action, err);
            return false;
        }
        if (IERC20(_token).balanceOf(to) - before != expected) {
            _violation(string.concat(action, " paid another amount than owed"), 0);
        }
        return true;
    }

    // ================================================================ selection

    /// @dev The number of claims to pick from: those this handler issued.
    function _claimTotal() internal view virtual returns (uint256) {
        return claimCount;
    }

    /// @dev The first claim from `seed % count` on (wrapping) that satisfies `fits`.
    function _find(
        uint256 seed,
        function(uint256) view returns (bool) fits
    ) internal view returns (uint256 id, bool found) {
        uint256 count = _claimTotal();
        if (count == 0) return (0, false);
        uint256 start = seed % count;
        for (uint256 k = 0; k < count; ++k) {
            id = ((start + k) % count) + 1;
            if (fits(id)) return (id, true);
        }
        return (0, false);
    }

    /// @dev The actor at `seed`, wrapping.
    function _actorAt(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev The first actor from `seed` on (wrapping) that satisfies `fits`.
    function _findActor(
        uint256 seed,
        function(address) view returns (bool) fits
    ) internal view returns (address actor, bool found) {
        uint256 count = _actors.length;
        for (uint256 k = 0; k < count; ++k) {
            actor = _actors[(seed + k) % count];
            if (fits(actor)) return (actor, true);
        }
        return (address(0), false);
    }

    /// @dev The first account (the actors, then the treasury) from `seed` on (wrapping) that satisfies `fits`.
    function _findAccount(
        uint256 seed,
        function(address) view returns (bool) fits
    ) internal view returns (address account, bool found) {
        uint256 count = _actors.length + 1;
        for (uint256 k = 0; k < count; ++k) {
            account = _account((seed + k) % count);
            if (fits(account)) return (account, true);
        }
        return (address(0), false);
    }

    /// @dev The actors by index, then the treasury.
    function _account(uint256 index) internal view returns (address) {
        return index < _actors.length ? _actors[index] : treasury;
    }

    /// @dev An Accepted or Financed claim past its due date, or an Overdue one past its grace: poke moves it.
    function _isDueForPoke(uint256 id) internal view returns (bool) {
        Claim memory c = _claimOf(id);
        if (c.state == ClaimState.Accepted || c.state == ClaimState.Financed) return block.timestamp > c.dueDate;
        if (c.state == ClaimState.Overdue) return block.timestamp > uint256(c.dueDate) + _defaultGrace;
        return false;
    }

    // ================================================================ bounded inputs

    /// @dev One claim in eight is tiny (1..1,000 base units: fees and shares round there), the others in
    /// [`low`, `high`].
    function _boundFace(uint256 seed, uint256 low, uint256 high) internal pure returns (uint256) {
        return seed % 8 == 0 ? _bound(seed >> 3, 1, 1_000) : _bound(seed >> 3, low, high);
    }

    /// @dev All of `cap` one time in `oneIn`, otherwise a part of it in [1, `cap`].
    function _partOrAll(uint256 seed, uint256 cap, uint256 oneIn) internal pure returns (uint256) {
        return seed % oneIn == 0 ? cap : _bound(seed >> 2, 1, cap);
    }

    /// @dev Time moves forward by [`least`, `most`] seconds.
    function _warpBy(uint256 seed, uint256 least, uint256 most) internal {
        vm.warp(block.timestamp + _bound(seed, least, most));
    }

    // ================================================================ the record

    /// @dev Counts a success of `action`, then runs the handler's checks after an action.
    function _done(string memory action) internal {
        ++_successes[keccak256(bytes(action))];
        _afterAction();
    }

    /// @dev The handler's checks after every successful action (none by default).
    function _afterAction() internal virtual {}

    function _unexpectedRevert(string memory action, bytes memory err) internal {
        bytes4 selector = err.length >= 4 ? bytes4(err) : bytes4(0);
        _violation(
            string.concat("unexpected revert in ", action, ", selector ", uint256(uint32(selector)).toHexString(4)),
            0
        );
    }

    function _violation(string memory what, uint256 id) internal {
        if (violationCount++ == 0) {
            firstViolation = id == 0 ? what : string.concat(what, " (id ", id.toString(), ")");
        }
    }
}
