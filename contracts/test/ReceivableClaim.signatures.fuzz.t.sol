// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test code follows the test runner's naming (test_*, invariant_*) and public fixtures: func-name-mixedcase, private-vars-leading-underscore off.
// solhint-disable func-name-mixedcase, private-vars-leading-underscore

import {IReceivableClaim} from "../interfaces/IReceivableClaim.sol";
import {Claim, ClaimState, ClaimTerms} from "../types/Claim.sol";
import {Role} from "../types/Roles.sol";

import {Fixture} from "./utils/Fixture.t.sol";
import {vm} from "./utils/Vm.t.sol";
import {ClaimViews} from "../libraries/ClaimViews.sol";

/// @title ReceivableClaimSignaturesFuzzTest
/// @notice The debtor's EIP-712 acceptance (issueAccepted, acceptWithSignature) under fuzzed keys and terms:
/// only the debtor's own signature over the claim lens's `acceptanceDigest(terms, "", deadline)` is accepted, before its deadline, on
/// this chain, under the current counter; any other key, a single flipped bit, the high-s twin or a changed term is
/// refused with ClaimInvalidSignature(debtor).
contract ReceivableClaimSignaturesFuzzTest is Fixture {
    address internal constant ORIGINATOR = address(0xA1);
    address internal constant RELAYER = address(0x5A);

    /// @dev The fuzzed inputs that make up one set of terms.
    struct TermsSeed {
        uint128 faceValue;
        uint256 tenor;
        bytes32 invoiceCommitment;
        bytes32 documentHash;
        uint256 deadline;
    }

    function setUp() public {
        _deploySystem();
        _verify(ORIGINATOR, Role.Originator);
    }

    /// @notice The debtor's own signature is accepted: the claim is born Accepted with exactly the signed terms.
    function testFuzz_debtorSignatureAccepted(uint256 keySeed, TermsSeed calldata seed) public {
        (uint256 key, address debtor) = _debtorKey(keySeed);
        (ClaimTerms memory terms, uint256 deadline) = _termsFrom(debtor, seed);
        bytes memory signature = _signAcceptance(key, terms, deadline);

        vm.prank(ORIGINATOR);
        uint256 id = claims.issueAccepted(terms, "", deadline, signature);

        Claim memory c = ClaimViews.claimOf(claims, id);
        _assertTrue(c.state == ClaimState.Accepted, "Accepted at issue");
        _assertEq(c.debtor, debtor, "debtor");
        _assertEq(c.faceValue, terms.faceValue, "face value");
        _assertEq(c.dueDate, terms.dueDate, "due date");
        _assertEq(claims.claimByCommitment(terms.invoiceCommitment), id, "commitment indexed");
        _assertEq(claims.ownerOf(id), ORIGINATOR, "owned by the originator");
    }

    /// @notice A used acceptance cannot be used again (S1): replaying it reverts ClaimCommitmentInUse, and it
    /// cannot accept another claim on the same terms either.
    function testFuzz_usedSignatureNotReplayable(uint256 keySeed, TermsSeed calldata seed) public {
        (uint256 key, address debtor) = _debtorKey(keySeed);
        (ClaimTerms memory terms, uint256 deadline) = _termsFrom(debtor, seed);
        bytes memory signature = _signAcceptance(key, terms, deadline);
        vm.prank(ORIGINATOR);
        uint256 id = claims.issueAccepted(terms, "", deadline, signature);

        vm.expectRevert(
            abi.encodeWithSelector(IReceivableClaim.ClaimCommitmentInUse.selector, terms.invoiceCommitment, id)
        );
        vm.prank(ORIGINATOR);
        claims.issueAccepted(terms, "", deadline, signature);
        _assertEq(claims.claimCount(), id, "no second claim");
    }

    /// @notice Relayed acceptance of an Issued claim: anyone may submit the debtor's signature.
    function testFuzz_relayedAcceptanceAccepted(uint256 keySeed, TermsSeed calldata seed) public {
        (uint256 key, address debtor) = _debtorKey(keySeed);
        (ClaimTerms memory terms, uint256 deadline) = _termsFrom(debtor, seed);
        vm.prank(ORIGINATOR);
        uint256 id = claims.issue(terms, "");
        bytes memory signature = _signAcceptance(key, terms, deadline);

        vm.prank(RELAYER);
        claims.acceptWithSignature(id, terms.invoiceCommitment, terms.documentHash, deadline, signature);
        _assertTrue(ClaimViews.claimOf(claims, id).state == ClaimState.Accepted, "Accepted by relay");
    }

    /// @notice A different key's signature is refused with ClaimInvalidSignature(debtor).
    function testFuzz_otherKeyRefused(uint256 keySeed, uint256 otherKeySeed, TermsSeed calldata seed) public {
        (, address debtor) = _debtorKey(keySeed);
        uint256 otherKey = _bound(otherKeySeed, 1, SECP256K1_N - 1);
        vm.assume(vm.addr(otherKey) != debtor);
        (ClaimTerms memory terms, uint256 deadline) = _termsFrom(debtor, seed);
        bytes memory signature = _signAcceptance(otherKey, terms, deadline);

        _expectIssueRefused(
            terms,
            deadline,
            signature,
            abi.encodeWithSelector(IReceivableClaim.ClaimInvalidSignature.selector, debtor)
        );
    }

    /// @notice Any single bit flipped in r, s or v makes the signature invalid.
    function testFuzz_bitFlipRefused(uint256 keySeed, TermsSeed calldata seed, uint256 bitSeed) public {
        (uint256 key, address debtor) = _debtorKey(keySeed);
        (ClaimTerms memory terms, uint256 deadline) = _termsFrom(debtor, seed);
        bytes memory signature = _signAcceptance(key, terms, deadline);

        // Bits 0..519 of the 65-byte r || s || v encoding: 0..255 in r, 256..511 in s, 512..519 in v.
        uint256 bit = _bound(bitSeed, 0, 519);
        signature[bit / 8] = signature[bit / 8] ^ bytes1(uint8(1) << uint8(7 - (bit % 8)));

        _expectIssueRefused(
            terms,
            deadline,
            signature,
            abi.encodeWithSelector(IReceivableClaim.ClaimInvalidSignature.selector, debtor)
        );
    }

    /// @notice The malleable twin (r, n - s, v flipped) recovers the same debtor with ecrecover, yet is refused.
    function testFuzz_highSTwinRefused(uint256 keySeed, TermsSeed calldata seed) public {
        (uint256 key, address debtor) = _debtorKey(keySeed);
        (ClaimTerms memory terms, uint256 deadline) = _termsFrom(debtor, seed);
        bytes32 digest = lens.acceptanceDigest(terms, "", deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        _assertEq(ecrecover(digest, flippedV, r, highS), debtor, "the twin is a valid raw signature");

        _expectIssueRefused(
            terms,
            deadline,
            _sig(flippedV, r, highS),
            abi.encodeWithSelector(IReceivableClaim.ClaimInvalidSignature.selector, debtor)
        );
    }

    /// @notice A deadline in the past is refused with ClaimSignatureExpired, even with a valid signature; the
    /// deadline itself is still valid (inclusive).
    function testFuzz_pastDeadlineRefused(uint256 keySeed, TermsSeed calldata seed, uint256 lateSeed) public {
        (uint256 key, address debtor) = _debtorKey(keySeed);
        (ClaimTerms memory terms, ) = _termsFrom(debtor, seed);
        // A deadline within 30 days and a due date at least 75 days out, so that the terms stay valid when the
        // signature is finally used at its deadline.
        uint256 deadline = _bound(seed.deadline, block.timestamp, block.timestamp + 30 days);
        terms.dueDate = uint64(block.timestamp + _bound(seed.tenor, MIN_TENOR + 60 days, MAX_TENOR));
        bytes memory signature = _signAcceptance(key, terms, deadline);

        uint256 submittedAt = deadline + _bound(lateSeed, 1, 30 days);
        vm.warp(submittedAt);
        _expectIssueRefused(
            terms,
            deadline,
            signature,
            abi.encodeWithSelector(IReceivableClaim.ClaimSignatureExpired.selector, deadline, submittedAt)
        );

        vm.warp(deadline);
        vm.prank(ORIGINATOR);
        uint256 id = claims.issueAccepted(terms, "", deadline, signature);
        _assertTrue(ClaimViews.claimOf(claims, id).state == ClaimState.Accepted, "accepted at the deadline itself");
    }

    /// @notice Changing any one signed field after signing (S4) makes the signature the wrong one.
    function testFuzz_tamperedTermRefused(
        uint256 keySeed,
        TermsSeed calldata seed,
        uint256 fieldSeed,
        uint256 delta
    ) public {
        (uint256 key, address debtor) = _debtorKey(keySeed);
        (ClaimTerms memory terms, uint256 deadline) = _termsFrom(debtor, seed);
        bytes memory signature = _signAcceptance(key, terms, deadline);
        delta = _bound(delta, 1, 7 days);

        uint256 field = _bound(fieldSeed, 0, 4);
        if (field == 0) {
            terms.faceValue = terms.faceValue == 1 ? 2 : terms.faceValue - 1;
        } else if (field == 1) {
            terms.dueDate += uint64(delta); // still within the tenor limits: _termsFrom keeps a week of margin
        } else if (field == 2) {
            // A commitment flipped to zero would be refused as zero before the signature is looked at: flip it to
            // another non-zero value then (delta equals the commitment only when both are small).
            uint256 flipped = uint256(terms.invoiceCommitment) ^ delta;
            terms.invoiceCommitment = bytes32(flipped == 0 ? delta + 1 : flipped);
        } else if (field == 3) {
            terms.documentHash = bytes32(uint256(terms.documentHash) ^ delta);
        } else {
            deadline += delta;
        }
        _expectIssueRefused(
            terms,
            deadline,
            signature,
            abi.encodeWithSelector(IReceivableClaim.ClaimInvalidSignature.selector, debtor)
        );
    }

    /// @notice The deep profile's counterexample: a commitment equal to the tamper delta (0x2738) used to flip to zero
    /// and meet {IReceivableClaim-ClaimZeroCommitment} first; the tamper now keeps it non-zero.
    function test_tamperedCommitmentEqualToTheDeltaIsStillASignatureMismatch() public {
        this.testFuzz_tamperedTermRefused(
            35_954,
            TermsSeed({
                faceValue: 21_010_323_265_881,
                tenor: 4_259,
                invoiceCommitment: bytes32(uint256(0x2738)),
                documentHash: bytes32(uint256(0x2142)),
                deadline: 1_666_094_041
            }),
            2_992,
            10_040
        );
    }

    /// @notice A signature made on this chain is refused on another chain id (S2).
    function testFuzz_otherChainRefused(uint256 keySeed, TermsSeed calldata seed, uint64 chainSeed) public {
        (uint256 key, address debtor) = _debtorKey(keySeed);
        (ClaimTerms memory terms, uint256 deadline) = _termsFrom(debtor, seed);
        bytes memory signature = _signAcceptance(key, terms, deadline);
        vm.assume(chainSeed != block.chainid && chainSeed != 0);
        vm.chainId(chainSeed);
        _expectIssueRefused(
            terms,
            deadline,
            signature,
            abi.encodeWithSelector(IReceivableClaim.ClaimInvalidSignature.selector, debtor)
        );
    }

    /// @notice After the debtor bumps its acceptance counter, its earlier signatures are refused.
    function testFuzz_counterBumpRefusesOldSignatures(uint256 keySeed, TermsSeed calldata seed) public {
        (uint256 key, address debtor) = _debtorKey(keySeed);
        (ClaimTerms memory terms, uint256 deadline) = _termsFrom(debtor, seed);
        bytes memory signature = _signAcceptance(key, terms, deadline);
        vm.prank(debtor);
        claims.incrementAcceptanceCounter();
        _expectIssueRefused(
            terms,
            deadline,
            signature,
            abi.encodeWithSelector(IReceivableClaim.ClaimInvalidSignature.selector, debtor)
        );
    }

    // ================================================================ helpers

    /// @dev A fuzzed private key in [1, n - 1] and its address, verified as a debtor.
    function _debtorKey(uint256 keySeed) private returns (uint256 key, address debtor) {
        key = _bound(keySeed, 1, SECP256K1_N - 1);
        debtor = vm.addr(key);
        vm.assume(debtor != ORIGINATOR && debtor.code.length == 0);
        _verify(debtor, Role.Debtor);
    }

    /// @dev Fuzzed but valid terms: face value >= 1, tenor within the limits with a week of margin on top, non-zero
    /// commitment, deadline within a year from now.
    function _termsFrom(
        address debtor,
        TermsSeed calldata seed
    ) private view returns (ClaimTerms memory terms, uint256 deadline) {
        terms = ClaimTerms({
            originator: ORIGINATOR,
            debtor: debtor,
            currency: address(usdc),
            faceValue: uint128(_bound(seed.faceValue, 1, type(uint96).max)),
            dueDate: uint64(block.timestamp + _bound(seed.tenor, MIN_TENOR, MAX_TENOR - 7 days)),
            invoiceCommitment: seed.invoiceCommitment == bytes32(0) ? bytes32(uint256(1)) : seed.invoiceCommitment,
            documentHash: seed.documentHash
        });
        deadline = _bound(seed.deadline, block.timestamp, block.timestamp + 365 days);
    }

    function _signAcceptance(uint256 key, ClaimTerms memory terms, uint256 deadline) private returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, lens.acceptanceDigest(terms, "", deadline));
        return _sig(v, r, s);
    }

    /// @dev issueAccepted reverts with exactly `expectedError`, and no claim comes into existence.
    function _expectIssueRefused(
        ClaimTerms memory terms,
        uint256 deadline,
        bytes memory signature,
        bytes memory expectedError
    ) private {
        uint256 countBefore = claims.claimCount();
        vm.expectRevert(expectedError);
        vm.prank(ORIGINATOR);
        claims.issueAccepted(terms, "", deadline, signature);
        _assertEq(claims.claimCount(), countBefore, "no claim issued");
        _assertEq(claims.claimByCommitment(terms.invoiceCommitment), 0, "commitment still free");
    }
}
