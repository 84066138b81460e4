import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import {
  AbiCoder,
  concat,
  dataSlice,
  getBytes,
  hexlify,
  keccak256,
  randomBytes,
  Signature,
  toUtf8Bytes,
  TypedDataEncoder,
  ZeroHash,
  type ContractTransactionResponse,
} from "ethers";
import { network } from "hardhat";

import { commitment, deploySystem, USD, type ClaimTermsStruct, type System } from "./fixtures/system.js";
import { expectRevertUnchanged, type Watch } from "./helpers/snapshot.js";
import {
  acceptanceTypes,
  acceptanceValue,
  highS,
  relayAcceptance,
  signAcceptanceIn,
  termsOfClaim,
  withV,
} from "./helpers/signatures.js";
import {
  CLAIM_ACCEPTANCE_TYPE_STRING,
  CLAIM_ACCEPTANCE_TYPES,
  CLAIM_DOMAIN,
  claimDomain,
  ClaimState as State,
  DAY,
  Role,
} from "@openfactor/sdk";
import { ERC1271WalletMock__factory, MockStablecoin__factory, type ERC1271WalletMock } from "../types/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const fixture = () => deploySystem(connection);
const twoSystems = async () => ({ a: await deploySystem(connection), b: await deploySystem(connection) });

const WalletMode = { Valid: 0, WrongMagic: 1, Reverting: 2 } as const;

const nothingIssued = (t: ClaimTermsStruct, ...ids: bigint[]): Watch => ({
  ids: [...ids, 1n, 2n],
  commitments: [t.invoiceCommitment],
});

/** Terms, a deadline a day away and the debtor's signature of them. */
async function signed(s: System, overrides: Partial<ClaimTermsStruct> = {}) {
  const t = await s.terms(overrides);
  const deadline = (await s.now()) + DAY;
  const signature = await s.signAcceptance(s.debtor, t, deadline);
  return { t, deadline, signature };
}

const issueAccepted = (
  s: System,
  t: ClaimTermsStruct,
  deadline: bigint,
  signature: string,
  from?: HardhatEthersSigner,
) => s.claims.connect(from ?? s.sme).issueAccepted(t, "", deadline, signature);

const relay = (s: System, id: bigint, deadline: bigint, signature: string): Promise<ContractTransactionResponse> =>
  relayAcceptance(s.claims.connect(s.stranger), id, deadline, signature);

/** ecrecover itself (the 0x01 precompile), to show what a raw recovery makes of a signature. */
async function ecrecover(digest: string, signature: string): Promise<string> {
  const bytes = getBytes(signature);
  const input = AbiCoder.defaultAbiCoder().encode(
    ["bytes32", "uint8", "bytes32", "bytes32"],
    [digest, bytes[64], hexlify(bytes.slice(0, 32)), hexlify(bytes.slice(32, 64))],
  );
  const output = await ethers.provider.call({ to: "0x0000000000000000000000000000000000000001", data: input });
  return ethers.getAddress(dataSlice(output, 12));
}

describe("ReceivableClaim: acceptance signatures", () => {
  describe("typed data", () => {
    it("pins the ClaimAcceptance type string to the typed-data package's field list", async () => {
      expect(TypedDataEncoder.from(acceptanceTypes()).encodeType("ClaimAcceptance")).to.equal(
        CLAIM_ACCEPTANCE_TYPE_STRING,
      );
      const parsed = /^ClaimAcceptance\((.*)\)$/.exec(CLAIM_ACCEPTANCE_TYPE_STRING);
      expect(parsed).to.not.equal(null);
      const fields = (parsed?.[1] ?? "").split(",").map((field) => {
        const [type, name] = field.split(" ");
        return { name, type };
      });
      expect(fields).to.deep.equal(CLAIM_ACCEPTANCE_TYPES.ClaimAcceptance.map(({ name, type }) => ({ name, type })));
    });

    it("pins CLAIM_ACCEPTANCE_TYPEHASH: the contract's digest equals one built by hand from the type string", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.claims.connect(s.debtor).incrementAcceptanceCounter();
      const t = await s.terms();
      const deadline = 1_900_000_000n;
      const counter = await s.claims.acceptanceCounter(s.debtor.address);
      expect(counter).to.equal(1n);
      const { chainId } = await ethers.provider.getNetwork();
      const verifyingContract = await s.claims.getAddress();

      const coder = AbiCoder.defaultAbiCoder();
      const typehash = keccak256(toUtf8Bytes(CLAIM_ACCEPTANCE_TYPE_STRING));
      const structHash = keccak256(
        coder.encode(
          [
            "bytes32",
            "address",
            "address",
            "address",
            "uint256",
            "uint256",
            "bytes32",
            "bytes32",
            "bytes32",
            "uint256",
            "uint256",
          ],
          [
            typehash,
            t.originator,
            t.debtor,
            t.currency,
            t.faceValue,
            t.dueDate,
            t.invoiceCommitment,
            t.documentHash,
            keccak256(toUtf8Bytes("")),
            counter,
            deadline,
          ],
        ),
      );
      const domainSeparator = keccak256(
        coder.encode(
          ["bytes32", "bytes32", "bytes32", "uint256", "address"],
          [
            keccak256(
              toUtf8Bytes("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
            ),
            keccak256(toUtf8Bytes(CLAIM_DOMAIN.name)),
            keccak256(toUtf8Bytes(CLAIM_DOMAIN.version)),
            chainId,
            verifyingContract,
          ],
        ),
      );
      const byHand = keccak256(concat(["0x1901", domainSeparator, structHash]));
      const byEthers = TypedDataEncoder.hash(
        claimDomain(chainId, verifyingContract),
        acceptanceTypes(),
        acceptanceValue(t, counter, deadline),
      );

      expect(byEthers).to.equal(byHand);
      expect(await s.claimLens.acceptanceDigest(t, "", deadline)).to.equal(byHand);
    });

    it("moves the digest with the debtor's counter and with every term", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t = await s.terms();
      const deadline = (await s.now()) + DAY;
      const before = await s.claimLens.acceptanceDigest(t, "", deadline);
      expect(await s.claimLens.acceptanceDigest(t, "", deadline + 1n)).to.not.equal(before);
      expect(await s.claimLens.acceptanceDigest({ ...t, documentHash: ZeroHash }, "", deadline)).to.not.equal(before);
      await s.claims.connect(s.debtor2).incrementAcceptanceCounter();
      expect(await s.claimLens.acceptanceDigest(t, "", deadline)).to.equal(before);
      await s.claims.connect(s.debtor).incrementAcceptanceCounter();
      expect(await s.claimLens.acceptanceDigest(t, "", deadline)).to.not.equal(before);
    });

    it("publishes its EIP-712 domain (ERC-5267's shape, through the claim lens) as the SDK builds it", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { chainId } = await ethers.provider.getNetwork();
      const domain = await s.claimLens.acceptanceDomain();
      expect(domain.fields).to.equal("0x0f");
      expect(domain.name).to.equal(CLAIM_DOMAIN.name);
      expect(domain.version).to.equal(CLAIM_DOMAIN.version);
      expect(domain.chainId).to.equal(chainId);
      expect(domain.verifyingContract).to.equal(await s.claims.getAddress());
      expect(domain.salt).to.equal(ZeroHash);
      expect(domain.extensions).to.deep.equal([]);
    });
  });

  describe("S1: replay on the same chain", () => {
    it("refuses the same signature a second time: the commitment is in use", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { t, deadline, signature } = await signed(s);
      await issueAccepted(s, t, deadline, signature);
      await expectRevertUnchanged(
        s,
        () => issueAccepted(s, t, deadline, signature),
        "ClaimCommitmentInUse",
        [t.invoiceCommitment, 1n],
        nothingIssued(t, 1n),
      );
    });

    it("refuses it still after the claim is settled: an accepted commitment is consumed forever", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { t, deadline, signature } = await signed(s);
      await issueAccepted(s, t, deadline, signature);
      await s.claims.connect(s.debtor).pay(1n, t.faceValue);
      expect((await s.claimLens.claim(1n)).state).to.equal(State.Settled);
      await expectRevertUnchanged(
        s,
        () => issueAccepted(s, t, deadline, signature),
        "ClaimCommitmentInUse",
        [t.invoiceCommitment, 1n],
        nothingIssued(t, 1n),
      );
    });

    it("refuses a relayed acceptance replayed on the accepted claim with ClaimWrongState", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issue();
      const deadline = (await s.now()) + DAY;
      const signature = await s.signAcceptance(s.debtor, await termsOfClaim(s.claims, id), deadline);
      await relay(s, id, deadline, signature);
      await expectRevertUnchanged(s, () => relay(s, id, deadline, signature), "ClaimWrongState", [id, State.Accepted], {
        ids: [id],
      });
    });

    it("lets one signature serve a relay or an issue, but never both", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { t, deadline, signature } = await signed(s);
      await s.claims.connect(s.sme).issue(t, "");
      await relay(s, 1n, deadline, signature);
      await expectRevertUnchanged(
        s,
        () => issueAccepted(s, t, deadline, signature),
        "ClaimCommitmentInUse",
        [t.invoiceCommitment, 1n],
        nothingIssued(t, 1n),
      );
    });

    describe("when the commitment is released by a rejection", () => {
      it("keeps the debtor's unexpired signature usable for the same terms until it bumps its counter", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { t, deadline, signature } = await signed(s);
        await s.claims.connect(s.sme).issue(t, "");
        await s.claims.connect(s.debtor).reject(1n);
        await issueAccepted(s, t, deadline, signature);
        expect((await s.claimLens.claim(2n)).state).to.equal(State.Accepted);
      });

      it("refuses the signature once the debtor bumped its counter", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { t, deadline, signature } = await signed(s);
        await s.claims.connect(s.sme).issue(t, "");
        await s.claims.connect(s.debtor).reject(1n);
        await s.claims.connect(s.debtor).incrementAcceptanceCounter();
        await expectRevertUnchanged(
          s,
          () => issueAccepted(s, t, deadline, signature),
          "ClaimInvalidSignature",
          [s.debtor.address],
          nothingIssued(t, 1n),
        );
      });
    });

    it("refuses a relayed acceptance signed before the counter bump", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issue();
      const deadline = (await s.now()) + DAY;
      const signature = await s.signAcceptance(s.debtor, await termsOfClaim(s.claims, id), deadline);
      await s.claims.connect(s.debtor).incrementAcceptanceCounter();
      await expectRevertUnchanged(
        s,
        () => relay(s, id, deadline, signature),
        "ClaimInvalidSignature",
        [s.debtor.address],
        {
          ids: [id],
        },
      );
    });
  });

  describe("S2: a signature made for another chain id", () => {
    it("is refused by issueAccepted and acceptWithSignature", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { chainId } = await ethers.provider.getNetwork();
      const fork = claimDomain(chainId + 1n, await s.claims.getAddress());
      const t = await s.terms();
      const deadline = (await s.now()) + DAY;
      const signature = await signAcceptanceIn(s.debtor, fork, t, 0n, deadline);
      await expectRevertUnchanged(
        s,
        () => issueAccepted(s, t, deadline, signature),
        "ClaimInvalidSignature",
        [s.debtor.address],
        nothingIssued(t),
      );

      await s.claims.connect(s.sme).issue(t, "");
      await expectRevertUnchanged(
        s,
        () => relay(s, 1n, deadline, signature),
        "ClaimInvalidSignature",
        [s.debtor.address],
        {
          ids: [1n],
        },
      );
      const good = await s.signAcceptance(s.debtor, t, deadline);
      await relay(s, 1n, deadline, good);
    });
  });

  describe("S3: a signature made for another deployment", () => {
    it("is refused on the other deployment and accepted on its own", async () => {
      const { a, b } = await networkHelpers.loadFixture(twoSystems);
      expect(await a.claims.getAddress()).to.not.equal(await b.claims.getAddress());
      await b.registry.setCurrencyAllowed(await a.usdc.getAddress(), true);
      const t = await a.terms();
      const deadline = (await a.now()) + DAY;
      const forA = await a.signAcceptance(a.debtor, t, deadline);
      const forB = await b.signAcceptance(b.debtor, t, deadline);
      expect(forA).to.not.equal(forB);

      await expectRevertUnchanged(
        b,
        () => issueAccepted(b, t, deadline, forA),
        "ClaimInvalidSignature",
        [b.debtor.address],
        nothingIssued(t),
      );
      await expectRevertUnchanged(
        a,
        () => issueAccepted(a, t, deadline, forB),
        "ClaimInvalidSignature",
        [a.debtor.address],
        nothingIssued(t),
      );
      await issueAccepted(a, t, deadline, forA);
      await issueAccepted(b, t, deadline, forB);
      expect((await a.claimLens.claim(1n)).state).to.equal(State.Accepted);
      expect((await b.claimLens.claim(1n)).state).to.equal(State.Accepted);
    });

    it("cannot accept the twin claim on the other deployment", async () => {
      const { a, b } = await networkHelpers.loadFixture(twoSystems);
      await b.registry.setCurrencyAllowed(await a.usdc.getAddress(), true);
      const t = await a.terms();
      await a.claims.connect(a.sme).issue(t, "");
      await b.claims.connect(b.sme).issue(t, "");
      const deadline = (await a.now()) + DAY;
      const forA = await a.signAcceptance(a.debtor, t, deadline);
      await expectRevertUnchanged(b, () => relay(b, 1n, deadline, forA), "ClaimInvalidSignature", [b.debtor.address], {
        ids: [1n],
      });
      await relay(a, 1n, deadline, forA);
      expect((await b.claimLens.claim(1n)).state).to.equal(State.Issued);
    });
  });

  describe("S4: a term changed after signing", () => {
    /** Each tampering of signed terms, with the account that must submit the tampered terms. */
    const tamperings: [string, (s: System, t: ClaimTermsStruct) => Promise<ClaimTermsStruct>][] = [
      ["originator", async (s, t) => ({ ...t, originator: s.sme2.address })],
      ["debtor", async (s, t) => ({ ...t, debtor: s.debtor2.address })],
      [
        "currency",
        async (s, t) => {
          const other = await new MockStablecoin__factory(s.operator).deploy("Euro Coin", "EURC", 6);
          await s.registry.setCurrencyAllowed(await other.getAddress(), true);
          return { ...t, currency: await other.getAddress() };
        },
      ],
      ["faceValue", async (_s, t) => ({ ...t, faceValue: t.faceValue + 1n })],
      ["dueDate", async (_s, t) => ({ ...t, dueDate: t.dueDate + 1n })],
      ["invoiceCommitment", async (_s, t) => ({ ...t, invoiceCommitment: commitment() })],
      ["documentHash", async (_s, t) => ({ ...t, documentHash: commitment() })],
    ];

    for (const [field, tamper] of tamperings) {
      it(`issueAccepted refuses the signature when ${field} is changed`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { t, deadline, signature } = await signed(s);
        const changed = await tamper(s, t);
        await expectRevertUnchanged(
          s,
          () => issueAccepted(s, changed, deadline, signature, field === "originator" ? s.sme2 : s.sme),
          "ClaimInvalidSignature",
          [changed.debtor],
          nothingIssued(changed),
        );
        await issueAccepted(s, t, deadline, signature);
      });

      it(`acceptWithSignature refuses a signature over terms whose ${field} differs from the claim's`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const t = await s.terms();
        const changed = await tamper(s, t);
        await s.claims.connect(await ethers.getSigner(changed.originator)).issue(changed, "");
        const deadline = (await s.now()) + DAY;
        const signature = await s.signAcceptance(s.debtor, t, deadline);
        await expectRevertUnchanged(
          s,
          () => relay(s, 1n, deadline, signature),
          "ClaimInvalidSignature",
          [changed.debtor],
          { ids: [1n] },
        );
      });
    }

    it("refuses a signature under another counter than the debtor's", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t = await s.terms();
      const deadline = (await s.now()) + DAY;
      const ahead = await s.signAcceptance(s.debtor, t, deadline, 1n);
      await expectRevertUnchanged(
        s,
        () => issueAccepted(s, t, deadline, ahead),
        "ClaimInvalidSignature",
        [s.debtor.address],
        nothingIssued(t),
      );
      await s.claims.connect(s.debtor).incrementAcceptanceCounter();
      await s.claims.connect(s.debtor).incrementAcceptanceCounter();
      await expectRevertUnchanged(
        s,
        () => issueAccepted(s, t, deadline, ahead),
        "ClaimInvalidSignature",
        [s.debtor.address],
        nothingIssued(t),
      );
    });

    it("refuses a signature submitted with another deadline than the signed one", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { t, deadline, signature } = await signed(s);
      for (const other of [deadline - 1n, deadline + 1n, deadline + 365n * DAY]) {
        await expectRevertUnchanged(
          s,
          () => issueAccepted(s, t, other, signature),
          "ClaimInvalidSignature",
          [s.debtor.address],
          nothingIssued(t),
        );
      }
      await issueAccepted(s, t, deadline, signature);
    });
  });

  describe("S5: malformed signatures", () => {
    const malformed = (signature: string): [string, string][] => [
      ["empty", "0x"],
      ["64-byte compact (EIP-2098)", Signature.from(signature).compactSerialized],
      ["66 bytes (a trailing byte)", concat([signature, "0x00"])],
      ["64 bytes (the v byte cut)", dataSlice(signature, 0, 64)],
      ["v = 0", withV(signature, 0)],
      ["v = 1", withV(signature, 1)],
      ["v = 29", withV(signature, 29)],
      ["v flipped", withV(signature, getBytes(signature)[64] === 27 ? 28 : 27)],
      ["high-s malleable twin", highS(signature)],
      ["65 zero bytes", hexlify(new Uint8Array(65))],
      ["65 random bytes", hexlify(randomBytes(65))],
    ];

    it("the high-s twin is a real signature: raw ecrecover maps it to the debtor", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { t, deadline, signature } = await signed(s);
      const digest = await s.claimLens.acceptanceDigest(t, "", deadline);
      expect(await ecrecover(digest, signature)).to.equal(s.debtor.address);
      expect(await ecrecover(digest, highS(signature))).to.equal(s.debtor.address);
    });

    it("issueAccepted refuses each with ClaimInvalidSignature, and the valid signature still works after", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { t, deadline, signature } = await signed(s);
      for (const [what, bad] of malformed(signature)) {
        await expectRevertUnchanged(
          s,
          () => issueAccepted(s, t, deadline, bad),
          "ClaimInvalidSignature",
          [s.debtor.address],
          nothingIssued(t),
        ).catch((error: Error) => {
          throw new Error(`${what}: ${error.message}`);
        });
      }
      await expect(issueAccepted(s, t, deadline, signature))
        .to.emit(s.claims, "ClaimAccepted")
        .withArgs(1n, s.debtor.address, s.sme.address);
    });

    it("acceptWithSignature refuses each with ClaimInvalidSignature, and the valid signature still works after", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issue();
      const deadline = (await s.now()) + DAY;
      const signature = await s.signAcceptance(s.debtor, await termsOfClaim(s.claims, id), deadline);
      for (const [what, bad] of malformed(signature)) {
        await expectRevertUnchanged(s, () => relay(s, id, deadline, bad), "ClaimInvalidSignature", [s.debtor.address], {
          ids: [id],
        }).catch((error: Error) => {
          throw new Error(`${what}: ${error.message}`);
        });
      }
      await relay(s, id, deadline, signature);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
    });
  });

  describe("S6: a debtor that is a contract wallet (ERC-1271)", () => {
    /** A wallet owned by `stranger` (an unverified EOA), verified as a debtor and funded. */
    async function walletDebtor(
      s: System,
    ): Promise<{ wallet: ERC1271WalletMock; address: string; owner: HardhatEthersSigner }> {
      const owner = s.stranger;
      const wallet = await new ERC1271WalletMock__factory(owner).deploy(owner.address);
      const address = await wallet.getAddress();
      await s.registry.verify(address, Role.Debtor, (await s.now()) + 365n * DAY);
      return { wallet, address, owner };
    }

    it("accepts a signature its owner made when the wallet answers the magic value", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { address, owner } = await walletDebtor(s);
      const t = await s.terms({ debtor: address });
      const deadline = (await s.now()) + DAY;
      const signature = await s.signAcceptance(owner, t, deadline);
      await expect(issueAccepted(s, t, deadline, signature))
        .to.emit(s.claims, "ClaimAccepted")
        .withArgs(1n, address, s.sme.address);
      expect((await s.claimLens.claim(1n)).debtor).to.equal(address);
    });

    it("accepts a relayed acceptance from the wallet, recorded as the wallet's", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { address, owner } = await walletDebtor(s);
      const id = await s.issue({ debtor: address });
      const deadline = (await s.now()) + DAY;
      const signature = await s.signAcceptance(owner, await termsOfClaim(s.claims, id), deadline);
      await expect(relayAcceptance(s.claims.connect(s.factor), id, deadline, signature))
        .to.emit(s.claims, "ClaimAccepted")
        .withArgs(id, address, s.factor.address);
    });

    it("refuses a signature by an EOA other than the wallet's owner", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { address } = await walletDebtor(s);
      const t = await s.terms({ debtor: address });
      const deadline = (await s.now()) + DAY;
      for (const impostor of [s.debtor, s.sme]) {
        const signature = await s.signAcceptance(impostor, t, deadline);
        await expectRevertUnchanged(
          s,
          () => issueAccepted(s, t, deadline, signature),
          "ClaimInvalidSignature",
          [address],
          nothingIssued(t),
        );
      }
    });

    for (const [mode, value] of [
      ["WrongMagic", WalletMode.WrongMagic],
      ["Reverting", WalletMode.Reverting],
    ] as const) {
      it(`refuses the owner's signature when the wallet is in ${mode} mode, on both paths`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { wallet, address, owner } = await walletDebtor(s);
        const t = await s.terms({ debtor: address });
        const deadline = (await s.now()) + DAY;
        const signature = await s.signAcceptance(owner, t, deadline);
        await wallet.connect(owner).setMode(value);
        await expectRevertUnchanged(
          s,
          () => issueAccepted(s, t, deadline, signature),
          "ClaimInvalidSignature",
          [address],
          nothingIssued(t),
        );

        await s.claims.connect(s.sme).issue(t, "");
        await expectRevertUnchanged(s, () => relay(s, 1n, deadline, signature), "ClaimInvalidSignature", [address], {
          ids: [1n],
        });

        await wallet.connect(owner).setMode(WalletMode.Valid);
        await relay(s, 1n, deadline, signature);
        expect((await s.claimLens.claim(1n)).state).to.equal(State.Accepted);
      });
    }

    it("refuses an empty signature even in Valid mode", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { address } = await walletDebtor(s);
      const t = await s.terms({ debtor: address });
      const deadline = (await s.now()) + DAY;
      await expectRevertUnchanged(
        s,
        () => issueAccepted(s, t, deadline, "0x"),
        "ClaimInvalidSignature",
        [address],
        nothingIssued(t),
      );
    });

    it("refuses the owner's signature for an EOA debtor: the signer must be the debtor itself", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { t, deadline } = await signed(s);
      const bySomeoneElse = await s.signAcceptance(s.debtor2, t, deadline);
      await expectRevertUnchanged(
        s,
        () => issueAccepted(s, t, deadline, bySomeoneElse),
        "ClaimInvalidSignature",
        [s.debtor.address],
        nothingIssued(t),
      );
    });

    it("lets the wallet accept by transaction and issue by itself (reverse factoring) through its owner", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { wallet, address, owner } = await walletDebtor(s);
      const claimsAddress = await s.claims.getAddress();
      const id = await s.issue({ debtor: address });
      await expect(wallet.connect(owner).execute(claimsAddress, s.claims.interface.encodeFunctionData("accept", [id])))
        .to.emit(s.claims, "ClaimAccepted")
        .withArgs(id, address, address);
      const t = await s.terms({ debtor: address });
      await wallet
        .connect(owner)
        .execute(claimsAddress, s.claims.interface.encodeFunctionData("issueByDebtor", [t, ""]));
      expect((await s.claimLens.claim(id + 1n)).state).to.equal(State.Issued);
      expect(await s.claims.ownerOf(id + 1n)).to.equal(s.sme.address);
      // The originator confirms the claim the wallet issued.
      await expect(s.claims.connect(s.sme).accept(id + 1n))
        .to.emit(s.claims, "ClaimAccepted")
        .withArgs(id + 1n, address, s.sme.address);
    });
  });

  describe("S7: the signature's deadline (inclusive)", () => {
    for (const [label, offset, ok] of [
      ["deadline - 1", -1n, true],
      ["deadline", 0n, true],
      ["deadline + 1", 1n, false],
    ] as const) {
      it(`issueAccepted ${ok ? "accepts" : "refuses with ClaimSignatureExpired"} at ${label}`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const deadline = BigInt(await time.latest()) + 1_000n;
        const t = await s.terms();
        const signature = await s.signAcceptance(s.debtor, t, deadline);
        await time.setNextBlockTimestamp(deadline + offset);
        if (ok) {
          await issueAccepted(s, t, deadline, signature);
          expect((await s.claimLens.claim(1n)).state).to.equal(State.Accepted);
        } else {
          await expectRevertUnchanged(
            s,
            () => issueAccepted(s, t, deadline, signature),
            "ClaimSignatureExpired",
            [deadline, deadline + 1n],
            nothingIssued(t),
          );
        }
      });

      it(`acceptWithSignature ${ok ? "accepts" : "refuses with ClaimSignatureExpired"} at ${label}`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const deadline = BigInt(await time.latest()) + 1_000n;
        const signature = await s.signAcceptance(s.debtor, await termsOfClaim(s.claims, id), deadline);
        await time.setNextBlockTimestamp(deadline + offset);
        if (ok) {
          await relay(s, id, deadline, signature);
          expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
        } else {
          await expectRevertUnchanged(
            s,
            () => relay(s, id, deadline, signature),
            "ClaimSignatureExpired",
            [deadline, deadline + 1n],
            { ids: [id] },
          );
        }
      });
    }

    it("checks the deadline before the signature itself", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t = await s.terms();
      const deadline = BigInt(await time.latest()) + 100n;
      await time.setNextBlockTimestamp(deadline + 5n);
      await expectRevertUnchanged(
        s,
        () => issueAccepted(s, t, deadline, "0x"),
        "ClaimSignatureExpired",
        [deadline, deadline + 5n],
        nothingIssued(t),
      );
    });
  });

  describe("S8: the signer, not the relayer, is the party of record", () => {
    it("records the debtor as acceptor and the relayer only as relayer, who gains nothing", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issue({ faceValue: 5_000n * USD });
      const deadline = (await s.now()) + DAY;
      const signature = await s.signAcceptance(s.debtor, await termsOfClaim(s.claims, id), deadline);
      const tx = relayAcceptance(s.claims.connect(s.stranger), id, deadline, signature);
      await expect(tx).to.emit(s.claims, "ClaimAccepted").withArgs(id, s.debtor.address, s.stranger.address);
      const c = await s.claimLens.claim(id);
      expect(c.debtor).to.equal(s.debtor.address);
      expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
      expect(await s.claims.balanceOf(s.stranger.address)).to.equal(0n);
      expect(await s.claims.acceptanceCounter(s.stranger.address)).to.equal(0n);
    });

    it("records the originator as relayer when it submits the debtor's signature with the issue", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { t, deadline, signature } = await signed(s);
      await expect(issueAccepted(s, t, deadline, signature))
        .to.emit(s.claims, "ClaimAccepted")
        .withArgs(1n, s.debtor.address, s.sme.address);
    });
  });
});
