import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import {
  AbiCoder,
  concat,
  dataSlice,
  getBytes,
  hexlify,
  keccak256,
  MaxUint256,
  Signature,
  toUtf8Bytes,
  TypedDataEncoder,
  ZeroHash,
  type TypedDataDomain,
} from "ethers";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem, type SignedOfferStruct } from "./fixtures/market.js";
import { USD } from "./fixtures/system.js";
import { expectMarketRevertUnchanged, type MarketWatch } from "./helpers/marketState.js";
import { compact, highS, withV } from "./helpers/signatures.js";
import { EVIDENCE, reachState } from "./helpers/states.js";
import {
  ClaimState as State,
  DAY,
  DEFAULT_MARKET_RULES as RULES,
  DisputeOutcome as Outcome,
  MARKET_DOMAIN,
  marketDomain,
  OFFER_TYPE_STRING,
  OFFER_TYPES,
  Role,
  SaleKind,
  splitFee,
} from "@openfactor/sdk";
import {
  ClaimMarket__factory,
  ERC1271WalletMock__factory,
  MockStablecoin__factory,
  type MockStablecoin,
} from "../types/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const WalletMode = { Valid: 0, WrongMagic: 1, Reverting: 2 } as const;

/** The claim the fixture issues: 10,000 USD from `sme` on `debtor`, due in 60 days. */
const FACE = 10_000n * USD;
/** What the bank offers for it. */
const PRICE = 9_850n * USD;

const offerTypes = () => ({ Offer: [...OFFER_TYPES.Offer] });

async function signedFixture() {
  const s = await deployMarketSystem(connection);
  const id = await s.issueAccepted();
  const offer = await s.offerFor(id, PRICE, s.bank);
  const signature = await s.signOffer(s.bank, offer);
  return { s, id, offer, signature };
}

/** What a refused fill must leave untouched: the claim, the money of the cast, and the offer's nonce. */
const fillWatch = (s: MarketSystem, offer: SignedOfferStruct, ids: bigint[] = [offer.claimId]): MarketWatch => ({
  ids: ids,
  accounts: [s.operator, s.sme, s.sme2, s.factor, s.bank, s.guarantor, s.stranger, offer.bidder],
  offerNonces: [[offer.bidder, offer.offerNonce]],
});

/** Signs `offer` under any domain (another deployment). */
const signIn = (signer: HardhatEthersSigner, domain: TypedDataDomain, offer: SignedOfferStruct) =>
  signer.signTypedData(domain, offerTypes(), offer);

/** An EIP-2612 permit of `value` from `owner` to the market, valid until `deadline`, as the market takes it. */
async function signPermit(
  s: MarketSystem,
  token: MockStablecoin,
  owner: HardhatEthersSigner,
  value: bigint,
  deadline: bigint,
) {
  const { chainId } = await ethers.provider.getNetwork();
  const domain = { name: await token.name(), version: "1", chainId, verifyingContract: await token.getAddress() };
  const types = {
    Permit: [
      { name: "owner", type: "address" },
      { name: "spender", type: "address" },
      { name: "value", type: "uint256" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  };
  const message = {
    owner: owner.address,
    spender: await s.market.getAddress(),
    value,
    nonce: await token.nonces(owner.address),
    deadline,
  };
  const { v, r, s: sValue } = Signature.from(await owner.signTypedData(domain, types, message));
  return { value, deadline, v, r, s: sValue };
}

describe("ClaimMarket: private signed offers", () => {
  describe("typed data", () => {
    it("pins the Offer type string to the typed-data package's field list", async () => {
      expect(TypedDataEncoder.from(offerTypes()).encodeType("Offer")).to.equal(OFFER_TYPE_STRING);
      const parsed = /^Offer\((.*)\)$/.exec(OFFER_TYPE_STRING);
      expect(parsed).to.not.equal(null);
      const fields = (parsed?.[1] ?? "").split(",").map((field) => {
        const [type, name] = field.split(" ");
        return { name, type };
      });
      expect(fields).to.deep.equal(OFFER_TYPES.Offer.map(({ name, type }) => ({ name, type })));
    });

    it("pins OFFER_TYPEHASH: the contract's digest equals ethers' and one built by hand from the type string", async () => {
      const { s, offer } = await networkHelpers.loadFixture(signedFixture);
      const tuned = { ...offer, offerNonce: 77n, deadline: 1_900_000_000n };
      const { chainId } = await ethers.provider.getNetwork();
      const verifyingContract = await s.market.getAddress();
      const coder = AbiCoder.defaultAbiCoder();
      const structHash = keccak256(
        coder.encode(
          ["bytes32", "uint256", "uint256", "uint256", "address", "uint256", "address", "uint256"],
          [
            keccak256(toUtf8Bytes(OFFER_TYPE_STRING)),
            tuned.claimId,
            tuned.claimNonce,
            tuned.price,
            tuned.currency,
            tuned.deadline,
            tuned.bidder,
            tuned.offerNonce,
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
            keccak256(toUtf8Bytes(MARKET_DOMAIN.name)),
            keccak256(toUtf8Bytes(MARKET_DOMAIN.version)),
            chainId,
            verifyingContract,
          ],
        ),
      );
      const byHand = keccak256(concat(["0x1901", domainSeparator, structHash]));
      const byEthers = TypedDataEncoder.hash(marketDomain(chainId, verifyingContract), offerTypes(), tuned);
      expect(byEthers).to.equal(byHand);
      expect(await s.market.offerDigest(tuned)).to.equal(byHand);
      expect(TypedDataEncoder.hashStruct("Offer", offerTypes(), tuned)).to.equal(structHash);
    });

    it("moves the digest with every field", async () => {
      const { s, offer } = await networkHelpers.loadFixture(signedFixture);
      const base = await s.market.offerDigest(offer);
      const changes: Partial<SignedOfferStruct>[] = [
        { claimId: offer.claimId + 1n },
        { claimNonce: offer.claimNonce + 1n },
        { price: offer.price - 1n },
        { currency: s.factor.address },
        { deadline: offer.deadline + 1n },
        { bidder: s.factor.address },
        { offerNonce: offer.offerNonce + 1n },
      ];
      const seen = new Set([base]);
      for (const change of changes) seen.add(await s.market.offerDigest({ ...offer, ...change }));
      expect(seen.size).to.equal(changes.length + 1);
    });

    it("publishes its EIP-712 domain (ERC-5267) as the SDK builds it", async () => {
      const { s } = await networkHelpers.loadFixture(signedFixture);
      const { chainId } = await ethers.provider.getNetwork();
      const domain = await s.market.eip712Domain();
      expect(domain.fields).to.equal("0x0f");
      expect(domain.name).to.equal(MARKET_DOMAIN.name);
      expect(domain.version).to.equal(MARKET_DOMAIN.version);
      expect(domain.chainId).to.equal(chainId);
      expect(domain.verifyingContract).to.equal(await s.market.getAddress());
      expect(domain.salt).to.equal(ZeroHash);
      expect(domain.extensions).to.deep.equal([]);
    });
  });

  describe("deployment", () => {
    it("refuses a zero claim contract with ClaimMarketInvalidRecipient", async () => {
      const { s } = await networkHelpers.loadFixture(signedFixture);
      const factory = new ClaimMarket__factory(s.operator);
      await expect(factory.deploy(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(s.market, "ClaimMarketInvalidRecipient")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("acceptSignedOffer", () => {
    describe("when the holder fills a live offer", () => {
      it("swaps atomically: price from the signer, fee kept for the treasury, net to the holder, claim to the signer", async () => {
        const { s, id, offer, signature } = await networkHelpers.loadFixture(signedFixture);
        const { fee, net } = splitFee(PRICE, RULES.saleFeeBps);
        const usdc = await s.usdc.getAddress();
        const tx = s.market.connect(s.sme).acceptSignedOffer(offer, signature);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.bank, s.sme, s.market, s.operator, s.factor],
          [-PRICE, net, fee, 0n, 0n],
        );
        await expect(tx)
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, s.bank.address, PRICE, fee, SaleKind.SignedOffer);
        await expect(tx).not.to.emit(s.market, "Credited");
        expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
        expect(await s.market.offerNonceUsed(s.bank.address, 0n)).to.equal(true);
        expect(await s.market.offerNonceUsed(s.bank.address, 1n)).to.equal(false);
        expect(await s.market.credited(s.operator.address, usdc)).to.equal(0n);
        expect(await s.market.feesAccrued(usdc)).to.equal(fee);
      });

      it("takes a price of exactly the outstanding amount, and of one base unit", async () => {
        const { s, id } = await networkHelpers.loadFixture(signedFixture);
        const all = await s.offerFor(id, FACE, s.bank, 5n);
        await s.market.connect(s.sme).acceptSignedOffer(all, await s.signOffer(s.bank, all));
        const other = await s.issueAccepted();
        const dust = await s.offerFor(other, 1n, s.factor);
        await expect(s.market.connect(s.sme).acceptSignedOffer(dust, await s.signOffer(s.factor, dust)))
          .to.emit(s.market, "ClaimSold")
          .withArgs(other, s.sme.address, s.factor.address, 1n, 0n, SaleKind.SignedOffer);
      });

      it("fills a listed claim, and the sale clears the listing and its lock", async () => {
        const { s, id, offer, signature } = await networkHelpers.loadFixture(signedFixture);
        await s.market.connect(s.sme).list(id, 0n, 0n, (await s.now()) + DAY);
        expect(await s.claims.lockedBy(id)).to.equal(await s.market.getAddress());
        expect(await s.claimLens.claimNonce(id)).to.equal(offer.claimNonce);
        await s.market.connect(s.sme).acceptSignedOffer(offer, signature);
        expect((await s.market.listing(id)).seller).to.equal(ethers.ZeroAddress);
        expect(await s.claims.lockedBy(id)).to.equal(ethers.ZeroAddress);
        expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
      });
    });

    describe("when anyone but the holder submits it (A1)", () => {
      it("refuses the signer itself, the debtor, another factor and a stranger with ClaimMarketNotHolder", async () => {
        const { s, id, offer, signature } = await networkHelpers.loadFixture(signedFixture);
        for (const who of [s.bank, s.debtor, s.factor, s.stranger, s.operator]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(who).acceptSignedOffer(offer, signature),
            "ClaimMarketNotHolder",
            [id, who.address, s.sme.address],
            fillWatch(s, offer),
          );
        }
        await s.market.connect(s.sme).acceptSignedOffer(offer, signature);
      });
    });

    describe("when the claim or the bidder cannot trade", () => {
      it("refuses an offer signed by the holder itself with ClaimMarketSelfTrade", async () => {
        const { s } = await networkHelpers.loadFixture(signedFixture);
        // Financed through the market (the fixture issued a claim already, so no new agent is trusted at once).
        const id = await s.issueAccepted();
        await s.market.connect(s.sme).list(id, PRICE, 0n, (await s.now()) + DAY);
        await s.market.connect(s.factor).buy(id, PRICE);
        const own = await s.offerFor(id, PRICE, s.factor);
        const signature = await s.signOffer(s.factor, own);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).acceptSignedOffer(own, signature),
          "ClaimMarketSelfTrade",
          [s.factor.address],
          fillWatch(s, own),
        );
      });

      it("refuses a signer that is not a verified factor with ClaimMarketNotVerified", async () => {
        const { s, id } = await networkHelpers.loadFixture(signedFixture);
        // The guarantor holds money and a standing allowance, but is no factor.
        const offer = await s.offerFor(id, PRICE, s.guarantor);
        const signature = await s.signOffer(s.guarantor, offer);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
          "ClaimMarketNotVerified",
          [s.guarantor.address, Role.Factor],
          fillWatch(s, offer),
        );
      });

      for (const state of [State.Disputed, State.Overdue, State.Settled, State.Issued] as const) {
        it(`refuses a claim in state ${state} with ClaimMarketClaimNotSellable`, async () => {
          const { s } = await networkHelpers.loadFixture(signedFixture);
          const id = await reachState(s, state);
          const offer = { ...(await s.offerFor(id, PRICE, s.bank)), deadline: MaxUint256 };
          const signature = await s.signOffer(s.bank, offer);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
            "ClaimMarketClaimNotSellable",
            [id, state],
            fillWatch(s, offer),
          );
        });
      }

      it("refuses a price above the outstanding amount with ClaimMarketPriceAboveOutstanding", async () => {
        const { s, id } = await networkHelpers.loadFixture(signedFixture);
        const offer = await s.offerFor(id, FACE + 1n, s.bank);
        const signature = await s.signOffer(s.bank, offer);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
          "ClaimMarketPriceAboveOutstanding",
          [id, FACE + 1n, FACE],
          fillWatch(s, offer),
        );
      });

      it("refuses a price above what a partly paid claim still owes", async () => {
        const { s, id } = await networkHelpers.loadFixture(signedFixture);
        await s.claims.connect(s.debtor).pay(id, 500n * USD);
        const offer = await s.offerFor(id, 9_500n * USD + 1n, s.bank);
        const signature = await s.signOffer(s.bank, offer);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
          "ClaimMarketPriceAboveOutstanding",
          [id, 9_500n * USD + 1n, 9_500n * USD],
          fillWatch(s, offer),
        );
      });

      it("refuses a price of zero with ClaimMarketZeroPrice", async () => {
        const { s, id } = await networkHelpers.loadFixture(signedFixture);
        const offer = await s.offerFor(id, 0n, s.bank);
        const signature = await s.signOffer(s.bank, offer);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
          "ClaimMarketZeroPrice",
          [],
          fillWatch(s, offer),
        );
      });

      it("refuses an offer in another currency than the claim's with ClaimMarketCurrencyMismatch", async () => {
        const { s, id } = await networkHelpers.loadFixture(signedFixture);
        const dai = await new MockStablecoin__factory(s.operator).deploy("Dai Stablecoin", "DAI", 18);
        await s.registry.setCurrencyAllowed(await dai.getAddress(), true);
        const offer = { ...(await s.offerFor(id, PRICE, s.bank)), currency: await dai.getAddress() };
        const signature = await s.signOffer(s.bank, offer);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
          "ClaimMarketCurrencyMismatch",
          [await dai.getAddress(), await s.usdc.getAddress()],
          fillWatch(s, offer),
        );
      });

      it("refuses while the registry is paused with ClaimMarketPaused, and fills once unpaused", async () => {
        const { s, offer, signature } = await networkHelpers.loadFixture(signedFixture);
        await s.registry.pause();
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
          "ClaimMarketPaused",
          [],
          fillWatch(s, offer),
        );
        await s.registry.unpause();
        await s.market.connect(s.sme).acceptSignedOffer(offer, signature);
      });
    });

    describe("when the signer has no allowance left (F1)", () => {
      it("reverts with the token's ERC20InsufficientAllowance, moves nothing and leaves the nonce unused", async () => {
        const { s, offer, signature } = await networkHelpers.loadFixture(signedFixture);
        const marketAddress = await s.market.getAddress();
        await s.usdc.connect(s.bank).approve(marketAddress, PRICE - 1n);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
          "ERC20InsufficientAllowance",
          [marketAddress, PRICE - 1n, PRICE],
          fillWatch(s, offer),
          s.usdc,
        );
      });

      it("never pulls from anyone but the signer, whatever bidder field an attacker writes", async () => {
        const { s, id } = await networkHelpers.loadFixture(signedFixture);
        // The attacker (the holder) signs an offer naming the bank, which has a standing allowance.
        const forged = await s.offerFor(id, PRICE, s.bank);
        const signature = await s.signOffer(s.sme, forged);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(forged, signature),
          "ClaimMarketInvalidSignature",
          [s.bank.address],
          fillWatch(s, forged),
        );
      });
    });
  });

  describe("S1: replay on the same chain", () => {
    it("refuses the filled offer a second time with ClaimMarketOfferNonceUsed, even once the claim is back", async () => {
      const { s, id, offer, signature } = await networkHelpers.loadFixture(signedFixture);
      await s.market.connect(s.sme).acceptSignedOffer(offer, signature);
      await s.claims.connect(s.bank).transferFrom(s.bank.address, s.sme.address, id);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
        "ClaimMarketOfferNonceUsed",
        [s.bank.address, 0n],
        fillWatch(s, offer),
      );
    });

    it("refuses another offer under a used nonce, on another claim", async () => {
      const { s, offer, signature } = await networkHelpers.loadFixture(signedFixture);
      await s.market.connect(s.sme).acceptSignedOffer(offer, signature);
      const other = await s.issueAccepted();
      const again = await s.offerFor(other, PRICE, s.bank, 0n);
      const againSignature = await s.signOffer(s.bank, again);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).acceptSignedOffer(again, againSignature),
        "ClaimMarketOfferNonceUsed",
        [s.bank.address, 0n],
        fillWatch(s, again),
      );
      const fresh = await s.offerFor(other, PRICE, s.bank, 1n);
      await s.market.connect(s.sme).acceptSignedOffer(fresh, await s.signOffer(s.bank, fresh));
    });
  });

  describe("S1: nonces are kept 256 to a word", () => {
    it("spends exactly the nonce used or cancelled: its neighbours in the word, the next word and 2^256-1 stay apart", async () => {
      const { s, offer, signature } = await networkHelpers.loadFixture(signedFixture);
      const MAX = 2n ** 256n - 1n;
      const edges = [1n, 254n, 255n, 256n, 257n, 511n, 512n, MAX - 256n, MAX - 255n, MAX - 1n, MAX];
      await s.market.connect(s.bank).cancelSignedOffer(255n);
      await s.market.connect(s.bank).cancelSignedOffer(MAX);
      await s.market.connect(s.sme).acceptSignedOffer(offer, signature); // nonce 0
      const spent = new Set([0n, 255n, MAX]);
      for (const nonce of [0n, ...edges]) {
        expect(await s.market.offerNonceUsed(s.bank.address, nonce), `nonce ${nonce}`).to.equal(spent.has(nonce));
      }
      // Another bidder's words are its own.
      expect(await s.market.offerNonceUsed(s.factor.address, 255n)).to.equal(false);
      // A neighbour of a spent nonce still fills, and is then spent too.
      const other = await s.issueAccepted();
      const neighbour = await s.offerFor(other, PRICE, s.bank, 256n);
      await s.market.connect(s.sme).acceptSignedOffer(neighbour, await s.signOffer(s.bank, neighbour));
      expect(await s.market.offerNonceUsed(s.bank.address, 256n)).to.equal(true);
      expect(await s.market.offerNonceUsed(s.bank.address, 257n)).to.equal(false);
      await expect(s.market.connect(s.bank).cancelSignedOffer(256n))
        .to.be.revertedWithCustomError(s.market, "ClaimMarketOfferNonceUsed")
        .withArgs(s.bank.address, 256n);
    });
  });

  // S2, a signature made for another chain id, is proven on a real fork of the chain id (the chain id changes under
  // the deployed market, fuzzed) in contracts/test/ClaimMarket.signatures.fuzz.t.sol: signing here for a made-up
  // chain id would pass even if the market cached its domain separator at deployment.

  describe("S3: a signature made for another deployment", () => {
    it("is refused on the other market and filled on its own", async () => {
      const twoMarkets = async () => ({
        a: await deployMarketSystem(connection),
        b: await deployMarketSystem(connection),
      });
      const { a, b } = await networkHelpers.loadFixture(twoMarkets);
      expect(await a.market.getAddress()).to.not.equal(await b.market.getAddress());
      const idB = await b.issueAccepted();
      const offer = await b.offerFor(idB, PRICE, b.bank);
      const { chainId } = await ethers.provider.getNetwork();
      const forA = await signIn(b.bank, marketDomain(chainId, await a.market.getAddress()), offer);
      await expectMarketRevertUnchanged(
        b,
        () => b.market.connect(b.sme).acceptSignedOffer(offer, forA),
        "ClaimMarketInvalidSignature",
        [b.bank.address],
        fillWatch(b, offer),
      );
      await b.market.connect(b.sme).acceptSignedOffer(offer, await b.signOffer(b.bank, offer));
      expect(await b.claims.ownerOf(idB)).to.equal(b.bank.address);
    });
  });

  describe("S4: a field changed after signing", () => {
    const tamperings: [string, (s: MarketSystem, o: SignedOfferStruct) => Promise<SignedOfferStruct>][] = [
      ["claimId (another claim of the same holder)", async (s, o) => ({ ...o, claimId: await s.issueAccepted() })],
      ["claimNonce", async (_s, o) => ({ ...o, claimNonce: o.claimNonce + 1n })],
      ["price (lowered)", async (_s, o) => ({ ...o, price: o.price - 1n })],
      ["price (raised)", async (_s, o) => ({ ...o, price: o.price + 1n })],
      [
        "currency",
        async (s, o) => {
          const dai = await new MockStablecoin__factory(s.operator).deploy("Dai Stablecoin", "DAI", 18);
          await s.registry.setCurrencyAllowed(await dai.getAddress(), true);
          return { ...o, currency: await dai.getAddress() };
        },
      ],
      ["deadline (extended)", async (_s, o) => ({ ...o, deadline: o.deadline + 1n })],
      ["bidder (another factor with an allowance)", async (s, o) => ({ ...o, bidder: s.factor.address })],
      ["offerNonce", async (_s, o) => ({ ...o, offerNonce: o.offerNonce + 1n })],
    ];
    for (const [field, tamper] of tamperings) {
      it(`refuses the signature when ${field} is changed, and the untouched offer still fills`, async () => {
        const { s, offer, signature } = await networkHelpers.loadFixture(signedFixture);
        const changed = await tamper(s, offer);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(changed, signature),
          "ClaimMarketInvalidSignature",
          [changed.bidder],
          fillWatch(s, changed, [offer.claimId, changed.claimId]),
        );
        await s.market.connect(s.sme).acceptSignedOffer(offer, signature);
      });
    }
  });

  describe("S5: malformed signatures", () => {
    const malformed = (signature: string): [string, string][] => [
      ["empty", "0x"],
      ["64-byte compact (EIP-2098)", compact(signature)],
      ["64 bytes (the v byte cut)", dataSlice(signature, 0, 64)],
      ["66 bytes (a trailing byte)", concat([signature, "0x00"])],
      ["v = 0", withV(signature, 0)],
      ["v = 1", withV(signature, 1)],
      ["v = 29", withV(signature, 29)],
      ["v = 255", withV(signature, 255)],
      ["v flipped", withV(signature, getBytes(signature)[64] === 27 ? 28 : 27)],
      ["high-s malleable twin", highS(signature)],
      ["65 zero bytes", hexlify(new Uint8Array(65))],
      ["65 pseudo-random bytes", concat([keccak256("0x01"), keccak256("0x02"), "0x1b"])],
    ];

    it("refuses each with ClaimMarketInvalidSignature, consuming nothing; the valid signature fills after", async () => {
      const { s, id, offer, signature } = await networkHelpers.loadFixture(signedFixture);
      for (const [what, bad] of malformed(signature)) {
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(offer, bad),
          "ClaimMarketInvalidSignature",
          [s.bank.address],
          fillWatch(s, offer),
        ).catch((error: Error) => {
          throw new Error(`${what}: ${error.message}`);
        });
      }
      await expect(s.market.connect(s.sme).acceptSignedOffer(offer, signature))
        .to.emit(s.market, "ClaimSold")
        .withArgs(
          id,
          s.sme.address,
          s.bank.address,
          PRICE,
          splitFee(PRICE, RULES.saleFeeBps).fee,
          SaleKind.SignedOffer,
        );
    });

    it("keys 'used' on the bidder's nonce, not the signature bytes: the high-s twin cannot replay a fill", async () => {
      const { s, offer, signature } = await networkHelpers.loadFixture(signedFixture);
      await s.market.connect(s.sme).acceptSignedOffer(offer, signature);
      await s.claims.connect(s.bank).transferFrom(s.bank.address, s.sme.address, offer.claimId);
      const fresh = { ...offer, claimNonce: await s.claimLens.claimNonce(offer.claimId) };
      const twin = highS(await s.signOffer(s.bank, fresh));
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).acceptSignedOffer(fresh, twin),
        "ClaimMarketOfferNonceUsed",
        [s.bank.address, 0n],
        fillWatch(s, fresh),
      );
    });
  });

  describe("S6: a bidder that is a contract wallet (ERC-1271)", () => {
    /** A wallet owned by `stranger`, verified as a factor, funded, with the market approved through `execute`. */
    async function walletFixture() {
      const f = await signedFixture();
      const { s } = f;
      const owner = s.stranger;
      const wallet = await new ERC1271WalletMock__factory(owner).deploy(owner.address);
      const address = await wallet.getAddress();
      await s.registry.verify(address, Role.Factor, (await s.now()) + 365n * DAY);
      await s.usdc.mint(address, 1_000_000n * USD);
      await wallet
        .connect(owner)
        .execute(
          await s.usdc.getAddress(),
          s.usdc.interface.encodeFunctionData("approve", [await s.market.getAddress(), MaxUint256]),
        );
      const offer = { ...(await s.offerFor(f.id, PRICE, s.stranger)), bidder: address };
      return { ...f, wallet, address, owner, offer, signature: await s.signOffer(owner, offer) };
    }

    it("fills an offer its owner signed when the wallet answers the magic value; the wallet is the buyer", async () => {
      const { s, id, address, offer, signature } = await networkHelpers.loadFixture(walletFixture);
      const tx = s.market.connect(s.sme).acceptSignedOffer(offer, signature);
      await expect(tx)
        .to.emit(s.market, "ClaimSold")
        .withArgs(id, s.sme.address, address, PRICE, splitFee(PRICE, RULES.saleFeeBps).fee, SaleKind.SignedOffer);
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [address, s.stranger.address], [-PRICE, 0n]);
      expect(await s.claims.ownerOf(id)).to.equal(address);
      expect(await s.market.offerNonceUsed(address, 0n)).to.equal(true);
      expect(await s.market.offerNonceUsed(s.stranger.address, 0n)).to.equal(false);
    });

    for (const [mode, value] of [
      ["WrongMagic", WalletMode.WrongMagic],
      ["Reverting", WalletMode.Reverting],
    ] as const) {
      it(`refuses the owner's signature when the wallet is in ${mode} mode`, async () => {
        const { s, wallet, owner, address, offer, signature } = await networkHelpers.loadFixture(walletFixture);
        await wallet.connect(owner).setMode(value);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
          "ClaimMarketInvalidSignature",
          [address],
          fillWatch(s, offer),
        );
        await wallet.connect(owner).setMode(WalletMode.Valid);
        await s.market.connect(s.sme).acceptSignedOffer(offer, signature);
      });
    }

    it("refuses a signature by anyone but the wallet's owner, and an empty one", async () => {
      const { s, address, offer } = await networkHelpers.loadFixture(walletFixture);
      for (const signature of [await s.signOffer(s.bank, offer), await s.signOffer(s.factor, offer), "0x"]) {
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
          "ClaimMarketInvalidSignature",
          [address],
          fillWatch(s, offer),
        );
      }
    });

    it("refuses a bidder without code whose key did not sign: the EOA itself must sign", async () => {
      const { s, id } = await networkHelpers.loadFixture(signedFixture);
      const offer = await s.offerFor(id, PRICE, s.bank);
      const byOther = await s.signOffer(s.factor, offer);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).acceptSignedOffer(offer, byOther),
        "ClaimMarketInvalidSignature",
        [s.bank.address],
        fillWatch(s, offer),
      );
    });

    it("lets the wallet cancel its offer through its owner", async () => {
      const { s, wallet, owner, address, offer, signature } = await networkHelpers.loadFixture(walletFixture);
      await expect(
        wallet
          .connect(owner)
          .execute(await s.market.getAddress(), s.market.interface.encodeFunctionData("cancelSignedOffer", [0n])),
      )
        .to.emit(s.market, "SignedOfferCancelled")
        .withArgs(address, 0n);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
        "ClaimMarketOfferNonceUsed",
        [address, 0n],
        fillWatch(s, offer),
      );
    });
  });

  describe("S7: the offer's deadline (inclusive)", () => {
    for (const [label, offset, ok] of [
      ["deadline - 1", -1n, true],
      ["deadline", 0n, true],
      ["deadline + 1", 1n, false],
    ] as const) {
      it(`${ok ? "fills" : "refuses with ClaimMarketOfferExpired"} at ${label}`, async () => {
        const { s, id } = await networkHelpers.loadFixture(signedFixture);
        const deadline = (await s.now()) + 1_000n;
        const offer = { ...(await s.offerFor(id, PRICE, s.bank)), deadline };
        const signature = await s.signOffer(s.bank, offer);
        await time.setNextBlockTimestamp(deadline + offset);
        if (ok) {
          await s.market.connect(s.sme).acceptSignedOffer(offer, signature);
          expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
        } else {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
            "ClaimMarketOfferExpired",
            [deadline, deadline + 1n],
            fillWatch(s, offer),
          );
        }
      });
    }

    it("checks the deadline before the signature and the nonce", async () => {
      const { s, id } = await networkHelpers.loadFixture(signedFixture);
      const deadline = (await s.now()) + 100n;
      const offer = { ...(await s.offerFor(id, PRICE, s.bank)), deadline };
      await s.market.connect(s.bank).cancelSignedOffer(0n);
      await time.setNextBlockTimestamp(deadline + 5n);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).acceptSignedOffer(offer, "0x"),
        "ClaimMarketOfferExpired",
        [deadline, deadline + 5n],
        fillWatch(s, offer),
      );
    });
  });

  describe("S8: the signer, not the submitter, is the party of record", () => {
    it("makes the signer the buyer and payer; the holder who submits only sells", async () => {
      const { s, id, offer, signature } = await networkHelpers.loadFixture(signedFixture);
      const tx = s.market.connect(s.sme).acceptSignedOffer(offer, signature);
      await expect(tx)
        .to.emit(s.market, "ClaimSold")
        .withArgs(
          id,
          s.sme.address,
          s.bank.address,
          PRICE,
          splitFee(PRICE, RULES.saleFeeBps).fee,
          SaleKind.SignedOffer,
        );
      expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
      expect(await s.market.offerNonceUsed(s.sme.address, 0n)).to.equal(false);
      expect(await s.market.offerNonceUsed(s.bank.address, 0n)).to.equal(true);
    });

    it("fills a permit-carrying offer submitted by the holder from the signer's money", async () => {
      const { s, id } = await networkHelpers.loadFixture(signedFixture);
      const buyer = (await ethers.getSigners())[9];
      await s.registry.verify(buyer.address, Role.Factor, (await s.now()) + 365n * DAY);
      await s.usdc.mint(buyer.address, PRICE);
      const offer = await s.offerFor(id, PRICE, buyer);
      const permit = await signPermit(s, s.usdc, buyer, PRICE, (await s.now()) + DAY);
      await expect(
        s.market.connect(s.sme).acceptSignedOfferWithPermit(offer, await s.signOffer(buyer, offer), permit),
      ).to.changeTokenBalances(ethers, s.usdc, [buyer, s.sme], [-PRICE, splitFee(PRICE, RULES.saleFeeBps).net]);
      expect(await s.claims.ownerOf(id)).to.equal(buyer.address);
    });
  });

  describe("F2: stale offers die", () => {
    describe("cancelSignedOffer", () => {
      it("cancels one nonce: emits SignedOfferCancelled, the view reports it, the offer is refused", async () => {
        const { s, offer, signature } = await networkHelpers.loadFixture(signedFixture);
        await expect(s.market.connect(s.bank).cancelSignedOffer(0n))
          .to.emit(s.market, "SignedOfferCancelled")
          .withArgs(s.bank.address, 0n);
        expect(await s.market.offerNonceUsed(s.bank.address, 0n)).to.equal(true);
        expect(await s.market.offerNonceUsed(s.bank.address, 1n)).to.equal(false);
        expect(await s.market.offerNonceUsed(s.factor.address, 0n)).to.equal(false);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
          "ClaimMarketOfferNonceUsed",
          [s.bank.address, 0n],
          fillWatch(s, offer),
        );
      });

      it("refuses to cancel twice, a filled nonce, or one below the minimum, with ClaimMarketOfferNonceUsed", async () => {
        const { s, id, offer, signature } = await networkHelpers.loadFixture(signedFixture);
        await s.market.connect(s.bank).cancelSignedOffer(3n);
        await s.market.connect(s.sme).acceptSignedOffer(offer, signature);
        await s.market.connect(s.bank).raiseMinOfferNonce(10n);
        for (const nonce of [3n, 0n, 9n]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.bank).cancelSignedOffer(nonce),
            "ClaimMarketOfferNonceUsed",
            [s.bank.address, nonce],
            { ids: [id], offerNonces: [[s.bank.address, nonce]] },
          );
        }
        await s.market.connect(s.bank).cancelSignedOffer(10n);
      });

      it("cancels while the registry is paused", async () => {
        const { s } = await networkHelpers.loadFixture(signedFixture);
        await s.registry.pause();
        await expect(s.market.connect(s.bank).cancelSignedOffer(MaxUint256))
          .to.emit(s.market, "SignedOfferCancelled")
          .withArgs(s.bank.address, MaxUint256);
      });
    });

    describe("raiseMinOfferNonce", () => {
      it("kills every offer below the new minimum at once, and leaves the minimum itself live", async () => {
        const { s, id } = await networkHelpers.loadFixture(signedFixture);
        expect(await s.market.minOfferNonce(s.bank.address)).to.equal(0n);
        await expect(s.market.connect(s.bank).raiseMinOfferNonce(5n))
          .to.emit(s.market, "MinOfferNonceRaised")
          .withArgs(s.bank.address, 5n);
        expect(await s.market.minOfferNonce(s.bank.address)).to.equal(5n);
        expect(await s.market.minOfferNonce(s.factor.address)).to.equal(0n);
        for (const nonce of [0n, 4n]) {
          expect(await s.market.offerNonceUsed(s.bank.address, nonce)).to.equal(true);
          const stale = await s.offerFor(id, PRICE, s.bank, nonce);
          const staleSignature = await s.signOffer(s.bank, stale);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.sme).acceptSignedOffer(stale, staleSignature),
            "ClaimMarketOfferNonceUsed",
            [s.bank.address, nonce],
            fillWatch(s, stale),
          );
        }
        expect(await s.market.offerNonceUsed(s.bank.address, 5n)).to.equal(false);
        const live = await s.offerFor(id, PRICE, s.bank, 5n);
        await s.market.connect(s.sme).acceptSignedOffer(live, await s.signOffer(s.bank, live));
        expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
      });

      it("refuses a minimum that does not rise with ClaimMarketNonceNotRaised", async () => {
        const { s } = await networkHelpers.loadFixture(signedFixture);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.bank).raiseMinOfferNonce(0n),
          "ClaimMarketNonceNotRaised",
          [0n, 0n],
          { offerNonces: [[s.bank.address, 0n]] },
        );
        await s.market.connect(s.bank).raiseMinOfferNonce(5n);
        for (const requested of [5n, 4n]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.bank).raiseMinOfferNonce(requested),
            "ClaimMarketNonceNotRaised",
            [5n, requested],
            { offerNonces: [[s.bank.address, 5n]] },
          );
        }
        await s.registry.pause();
        await s.market.connect(s.bank).raiseMinOfferNonce(MaxUint256);
        expect(await s.market.offerNonceUsed(s.bank.address, MaxUint256 - 1n)).to.equal(true);
        expect(await s.market.offerNonceUsed(s.bank.address, MaxUint256)).to.equal(false);
      });
    });

    describe("when the claim changed since the offer was signed", () => {
      const changes: [string, (s: MarketSystem, id: bigint) => Promise<unknown>][] = [
        [
          "moved to another holder by a plain transfer",
          (s, id) => s.claims.connect(s.sme).transferFrom(s.sme.address, s.sme2.address, id),
        ],
        ["partly paid", (s, id) => s.claims.connect(s.debtor).pay(id, 1n)],
        [
          "disputed and upheld (a state change and back)",
          async (s, id) => {
            await s.claims.connect(s.debtor).dispute(id, EVIDENCE);
            return s.claims.connect(s.operator).resolve(id, Outcome.Upheld, FACE);
          },
        ],
        [
          "sold to someone else and bought back",
          async (s, id) => {
            const other = await s.offerFor(id, 9_000n * USD, s.factor);
            await s.market.connect(s.sme).acceptSignedOffer(other, await s.signOffer(s.factor, other));
            return s.claims.connect(s.factor).transferFrom(s.factor.address, s.sme.address, id);
          },
        ],
      ];
      for (const [how, change] of changes) {
        it(`refuses the offer with ClaimMarketStaleOffer once the claim was ${how}`, async () => {
          const { s, id, offer, signature } = await networkHelpers.loadFixture(signedFixture);
          await change(s, id);
          const current = await s.claimLens.claimNonce(id);
          expect(current).to.be.greaterThan(offer.claimNonce);
          const holder = await ethers.getSigner(await s.claims.ownerOf(id));
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(holder).acceptSignedOffer(offer, signature),
            "ClaimMarketStaleOffer",
            [id, offer.claimNonce, current],
            fillWatch(s, offer),
          );
          const renewed = { ...offer, claimNonce: current };
          await s.market.connect(holder).acceptSignedOffer(renewed, await s.signOffer(s.bank, renewed));
          expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
        });
      }

      it("refuses an offer signed for a nonce the claim has not reached yet", async () => {
        const { s, id } = await networkHelpers.loadFixture(signedFixture);
        const ahead = { ...(await s.offerFor(id, PRICE, s.bank)), claimNonce: (await s.claimLens.claimNonce(id)) + 1n };
        const signature = await s.signOffer(s.bank, ahead);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOffer(ahead, signature),
          "ClaimMarketStaleOffer",
          [id, ahead.claimNonce, ahead.claimNonce - 1n],
          fillWatch(s, ahead),
        );
      });
    });
  });

  describe("acceptSignedOfferWithPermit", () => {
    /** A factor with money but no allowance to the market: signers[9], verified and funded. */
    async function permitFixture() {
      const f = await signedFixture();
      const { s } = f;
      const buyer = (await ethers.getSigners())[9];
      await s.registry.verify(buyer.address, Role.Factor, (await s.now()) + 365n * DAY);
      await s.usdc.mint(buyer.address, 100_000n * USD);
      const offer = await s.offerFor(f.id, PRICE, buyer);
      const signature = await s.signOffer(buyer, offer);
      const permit = await signPermit(s, s.usdc, buyer, PRICE, (await s.now()) + DAY);
      return { ...f, buyer, offer, signature, permit };
    }

    it("fills with a fresh permit from the signer: the allowance is set and spent, the permit nonce used", async () => {
      const { s, id, buyer, offer, signature, permit } = await networkHelpers.loadFixture(permitFixture);
      const marketAddress = await s.market.getAddress();
      expect(await s.usdc.allowance(buyer.address, marketAddress)).to.equal(0n);
      const { fee, net } = splitFee(PRICE, RULES.saleFeeBps);
      const tx = s.market.connect(s.sme).acceptSignedOfferWithPermit(offer, signature, permit);
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [buyer, s.sme, s.market], [-PRICE, net, fee]);
      await expect(tx)
        .to.emit(s.market, "ClaimSold")
        .withArgs(id, s.sme.address, buyer.address, PRICE, fee, SaleKind.SignedOffer);
      expect(await s.usdc.allowance(buyer.address, marketAddress)).to.equal(0n);
      expect(await s.usdc.nonces(buyer.address)).to.equal(1n);
      expect(await s.claims.ownerOf(id)).to.equal(buyer.address);
    });

    describe("when someone submitted the permit to the token first (R2)", () => {
      it("still fills: the failing permit is ignored and the allowance it left is used", async () => {
        const { s, id, buyer, offer, signature, permit } = await networkHelpers.loadFixture(permitFixture);
        await s.usdc
          .connect(s.stranger)
          .permit(
            buyer.address,
            await s.market.getAddress(),
            permit.value,
            permit.deadline,
            permit.v,
            permit.r,
            permit.s,
          );
        await expect(
          s.usdc
            .connect(s.stranger)
            .permit(
              buyer.address,
              await s.market.getAddress(),
              permit.value,
              permit.deadline,
              permit.v,
              permit.r,
              permit.s,
            ),
        ).to.be.revertedWithCustomError(s.usdc, "ERC2612InvalidSigner");
        await expect(s.market.connect(s.sme).acceptSignedOfferWithPermit(offer, signature, permit))
          .to.emit(s.market, "ClaimSold")
          .withArgs(
            id,
            s.sme.address,
            buyer.address,
            PRICE,
            splitFee(PRICE, RULES.saleFeeBps).fee,
            SaleKind.SignedOffer,
          );
      });
    });

    describe("when the permit fails and there is no allowance", () => {
      it("reverts with the token's ERC20InsufficientAllowance and moves nothing", async () => {
        const { s, buyer, offer, signature, permit } = await networkHelpers.loadFixture(permitFixture);
        const marketAddress = await s.market.getAddress();
        for (const bad of [
          { ...permit, value: permit.value + 1n },
          { ...permit, deadline: 1n },
          { ...permit, v: 0 },
        ]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.sme).acceptSignedOfferWithPermit(offer, signature, bad),
            "ERC20InsufficientAllowance",
            [marketAddress, 0n, PRICE],
            fillWatch(s, offer),
            s.usdc,
          );
        }
        expect(await s.usdc.nonces(buyer.address)).to.equal(0n);
      });

      it("cannot use a permit of someone else than the signer: the pull is only ever from the signer", async () => {
        const { s, offer, signature } = await networkHelpers.loadFixture(permitFixture);
        const marketAddress = await s.market.getAddress();
        // The holder's own permit does not pay for the buyer's offer.
        const smePermit = await signPermit(s, s.usdc, s.sme, PRICE, (await s.now()) + DAY);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptSignedOfferWithPermit(offer, signature, smePermit),
          "ERC20InsufficientAllowance",
          [marketAddress, 0n, PRICE],
          fillWatch(s, offer),
          s.usdc,
        );
      });
    });

    it("applies every check of acceptSignedOffer after the permit: a stranger cannot fill it", async () => {
      const { s, id, offer, signature, permit } = await networkHelpers.loadFixture(permitFixture);
      await expect(s.market.connect(s.stranger).acceptSignedOfferWithPermit(offer, signature, permit))
        .to.be.revertedWithCustomError(s.market, "ClaimMarketNotHolder")
        .withArgs(id, s.stranger.address, s.sme.address);
      await s.registry.pause();
      await expect(
        s.market.connect(s.sme).acceptSignedOfferWithPermit(offer, signature, permit),
      ).to.be.revertedWithCustomError(s.market, "ClaimMarketPaused");
    });
  });
});
