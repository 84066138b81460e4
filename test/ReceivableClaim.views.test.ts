import { expect } from "chai";
import { keccak256, MaxUint256, toUtf8Bytes, ZeroAddress } from "ethers";
import { network } from "hardhat";

import { commitment, deploySystem, USD, type System } from "./fixtures/system.js";
import { deployAgent } from "./helpers/agents.js";
import { issuedHashes } from "./helpers/signatures.js";
import { CLAIM_STATES, reachState } from "./helpers/states.js";
import { MockStablecoin__factory, NoMetadataToken__factory, ReceivableClaim__factory } from "../types/index.js";
import { ClaimState as State, DAY } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

interface Metadata {
  name: string;
  description: string;
  external_url?: string;
  image: string;
  attributes: { trait_type: string; value: string }[];
}

function decodeDataUri(uri: string, mime: string): string {
  const prefix = `data:${mime};base64,`;
  expect(uri.startsWith(prefix), `${uri.slice(0, 40)}… is not a ${mime} data URI`).to.equal(true);
  return Buffer.from(uri.slice(prefix.length), "base64").toString("utf8");
}

async function metadataOf(s: System, id: bigint): Promise<{ json: Metadata; svg: string }> {
  const json = JSON.parse(decodeDataUri(await s.claims.tokenURI(id), "application/json")) as Metadata;
  return { json, svg: decodeDataUri(json.image, "image/svg+xml") };
}

function trait(m: Metadata, name: string): string | undefined {
  return m.attributes.find((a) => a.trait_type === name)?.value;
}

const isoDate = (timestamp: bigint) => new Date(Number(timestamp) * 1000).toISOString().slice(0, 10);

/** What ClaimRenderer.formatAmount promises, written independently. */
function referenceAmount(amount: bigint, decimals: number): string {
  if (decimals === 0 || decimals > 38) return amount.toString();
  const unit = 10n ** BigInt(decimals);
  let fraction = (amount % unit).toString().padStart(decimals, "0");
  while (fraction.length > 2 && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  if (fraction.length === 1) fraction += "0";
  return `${amount / unit}.${fraction}`;
}

/** A deterministic pseudo-random 256-bit number. */
const pseudoRandom = (label: string) => BigInt(keccak256(toUtf8Bytes(label)));

describe("ReceivableClaim: views and metadata", () => {
  describe("claim, outstanding, claimNonce and tokenURI on unknown ids", () => {
    for (const id of [0n, 2n, MaxUint256]) {
      it(`revert with ClaimNotFound(${id === MaxUint256 ? "max" : id})`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await s.issue();
        await expect(s.claimLens.claim(id)).to.be.revertedWithCustomError(s.claims, "ClaimNotFound").withArgs(id);
        await expect(s.claimLens.outstanding(id)).to.be.revertedWithCustomError(s.claims, "ClaimNotFound").withArgs(id);
        await expect(s.claimLens.claimNonce(id)).to.be.revertedWithCustomError(s.claims, "ClaimNotFound").withArgs(id);
        await expect(s.claims.tokenURI(id)).to.be.revertedWithCustomError(s.claims, "ClaimNotFound").withArgs(id);
        await expect(s.claims.locked(id)).to.be.revertedWithCustomError(s.claims, "ClaimNotFound").withArgs(id);
      });
    }
  });

  describe("outstanding and claimNonce", () => {
    it("outstanding is the face value minus what was paid", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      expect(await s.claimLens.outstanding(id)).to.equal(10_000n * USD);
      await s.claims.connect(s.debtor).pay(id, 2_500n * USD);
      expect(await s.claimLens.outstanding(id)).to.equal(7_500n * USD);
      await s.claims.connect(s.debtor).pay(id, 7_500n * USD);
      expect(await s.claimLens.outstanding(id)).to.equal(0n);
    });

    it("claimNonce equals the stored nonce and moves with state changes", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issue();
      expect(await s.claimLens.claimNonce(id)).to.equal(0n);
      await s.claims.connect(s.debtor).accept(id);
      expect(await s.claimLens.claimNonce(id)).to.equal(1n);
      expect((await s.claimLens.claim(id)).nonce).to.equal(1n);
    });
  });

  describe("contract identity", () => {
    it("names the token, and reports its registry and renderer", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      expect(await s.claims.name()).to.equal("OpenFactor Receivable Claim");
      expect(await s.claims.symbol()).to.equal("OFCLAIM");
      expect(await s.claims.registry()).to.equal(await s.registry.getAddress());
      expect(await s.claims.renderer()).to.equal(await s.renderer.getAddress());
    });

    it("refuses a zero registry or a zero renderer at deployment with ClaimZeroAddress", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      // The claim contract links the two libraries the production module deployed.
      const factory = new ReceivableClaim__factory(
        {
          "project/contracts/libraries/ClaimIssuance.sol:ClaimIssuance": s.issuance,
          "project/contracts/libraries/ClaimUpkeep.sol:ClaimUpkeep": s.upkeep,
        },
        s.operator,
      );
      const registry = await s.registry.getAddress();
      const renderer = await s.renderer.getAddress();
      for (const [r, m] of [
        [ZeroAddress, renderer],
        [registry, ZeroAddress],
        [ZeroAddress, ZeroAddress],
      ]) {
        await expect(factory.deploy(r, m)).to.be.revertedWithCustomError(s.claims, "ClaimZeroAddress").withArgs();
      }
      const twin = await factory.deploy(registry, renderer);
      expect(await twin.registry()).to.equal(registry);
      expect(await twin.renderer()).to.equal(renderer);
    });

    it("counts every claim ever issued, ended ones included", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      expect(await s.claims.claimCount()).to.equal(0n);
      await reachState(s, State.Rejected);
      await reachState(s, State.Accepted);
      await reachState(s, State.Cancelled);
      expect(await s.claims.claimCount()).to.equal(3n);
    });
  });

  describe("claimByCommitment", () => {
    it("is zero for an unknown commitment, the live claim otherwise, and follows a release and a reissue", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const invoiceCommitment = commitment();
      expect(await s.claims.claimByCommitment(invoiceCommitment)).to.equal(0n);
      const first = await s.issue({ invoiceCommitment });
      expect(await s.claims.claimByCommitment(invoiceCommitment)).to.equal(first);
      await s.claims.connect(s.sme).cancel(first);
      expect(await s.claims.claimByCommitment(invoiceCommitment)).to.equal(0n);
      const second = await s.issueAccepted({ invoiceCommitment });
      expect(await s.claims.claimByCommitment(invoiceCommitment)).to.equal(second);
      expect((await issuedHashes(s.claims, second)).invoiceCommitment).to.equal(invoiceCommitment);
    });
  });

  describe("tokenURI", () => {
    it("describes the claim: name, State, Face value, Amount paid, Due date, parties, currency, Locked, Guarantee", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issue();
      const c = await s.claimLens.claim(id);
      const { json } = await metadataOf(s, id);
      expect(json.name).to.equal(`OpenFactor claim #${id}`);
      expect(json.description).to.contain("receivable claim");
      expect(json.external_url).to.equal(undefined);
      expect(json.attributes.map((a) => a.trait_type)).to.deep.equal([
        "State",
        "Face value",
        "Amount paid",
        "Due date",
        "Debtor",
        "Originator",
        "Currency",
        "Locked",
        "Guarantee",
      ]);
      expect(trait(json, "State")).to.equal("Issued");
      expect(trait(json, "Face value")).to.equal("10000.00 USDC");
      expect(trait(json, "Amount paid")).to.equal("0.00 USDC");
      expect(trait(json, "Due date")).to.equal(isoDate(c.dueDate));
      expect(trait(json, "Debtor")).to.equal(s.debtor.address.toLowerCase());
      expect(trait(json, "Originator")).to.equal(s.sme.address.toLowerCase());
      expect(trait(json, "Currency")).to.equal((await s.usdc.getAddress()).toLowerCase());
      expect(trait(json, "Locked")).to.equal("no");
      expect(trait(json, "Guarantee")).to.equal("none");
    });

    describe("the Guarantee attribute's source (the renderer's guarantee escrow)", () => {
      it("is the escrow the deployment wired in", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        expect(await s.renderer.guaranteeEscrow()).to.equal(await s.escrow.getAddress());
      });

      it("only the operator may change it: RendererMissingAccessRole, nothing changes", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const role = await s.registry.OPERATOR_ROLE();
        await expect(s.renderer.connect(s.stranger).setGuaranteeEscrow(ZeroAddress))
          .to.be.revertedWithCustomError(s.renderer, "RendererMissingAccessRole")
          .withArgs(s.stranger.address, role);
        expect(await s.renderer.guaranteeEscrow()).to.equal(await s.escrow.getAddress());
      });

      it("must be a contract (RendererEscrowNotContract) or the zero address, which shows none", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expect(s.renderer.setGuaranteeEscrow(s.stranger.address))
          .to.be.revertedWithCustomError(s.renderer, "RendererEscrowNotContract")
          .withArgs(s.stranger.address);
        await expect(s.renderer.setGuaranteeEscrow(ZeroAddress))
          .to.emit(s.renderer, "GuaranteeEscrowSet")
          .withArgs(ZeroAddress);
        const id = await s.issue();
        expect(trait((await metadataOf(s, id)).json, "Guarantee")).to.equal("none");
      });

      it("shows unknown, and still renders, when the escrow set does not answer", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await s.renderer.setGuaranteeEscrow(await s.usdc.getAddress()); // a contract without the escrow's views
        const id = await s.issue();
        const { json } = await metadataOf(s, id);
        expect(trait(json, "Guarantee")).to.equal("unknown");
        expect(trait(json, "State")).to.equal("Issued");
      });
    });

    it("draws an SVG card with the id, face value, due date, state, amount paid and debtor", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const { dueDate } = await s.claimLens.claim(id);
      const { svg } = await metadataOf(s, id);
      expect(svg.startsWith("<svg ")).to.equal(true);
      expect(svg.endsWith("</svg>")).to.equal(true);
      expect(svg).to.contain(`OpenFactor claim #${id}<`);
      expect(svg).to.contain(">10000.00 USDC<");
      expect(svg).to.contain(`Due ${isoDate(dueDate)} - Accepted<`);
      expect(svg).to.contain(">Paid 0.00 USDC<");
      expect(svg).to.contain(`Debtor ${s.debtor.address.toLowerCase()}<`);
    });

    it("follows payments, state changes and the lock", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const id = await s.issueAccepted();
      await s.claims.connect(s.debtor).pay(id, 2_500_500_000n);
      await agent.lock(id);
      let { json, svg } = await metadataOf(s, id);
      expect(trait(json, "Amount paid")).to.equal("2500.50 USDC");
      expect(trait(json, "State")).to.equal("Accepted");
      expect(trait(json, "Locked")).to.equal("yes");
      expect(svg).to.contain(">Paid 2500.50 USDC<");

      await agent.transfer(id, s.factor.address);
      await s.claims.connect(s.debtor).pay(id, 7_499_500_000n);
      ({ json, svg } = await metadataOf(s, id));
      expect(trait(json, "State")).to.equal("Settled");
      expect(trait(json, "Amount paid")).to.equal("10000.00 USDC");
      expect(trait(json, "Locked")).to.equal("no");
      expect(svg).to.contain(" - Settled<");
    });

    it("names every state a claim can reach", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s); // before the first claim, so it is trusted at once
      for (const [name, state] of CLAIM_STATES) {
        const id = await reachState(s, state, { agent });
        const { json, svg } = await metadataOf(s, id);
        const expected = name === "WrittenOff" ? "Written off" : name;
        expect(trait(json, "State")).to.equal(expected);
        expect(svg).to.contain(` - ${expected}<`);
      }
    });

    it("shows the metadata URI given at issue as external_url, stripped of characters that would break the JSON", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const plain = await s.terms();
      await s.claims.connect(s.sme).issue(plain, "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi");
      const evil = await s.terms();
      await s.claims.connect(s.sme).issue(evil, 'https://x.example/"},{"trait_type":"State","value":"Settled<b>&\\\n');
      expect((await metadataOf(s, 1n)).json.external_url).to.equal(
        "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
      );
      const { json } = await metadataOf(s, 2n);
      expect(json.external_url).to.equal("https://x.example/},{trait_type:State,value:Settledb");
      expect(trait(json, "State")).to.equal("Issued");
      expect(json.attributes.length).to.equal(9);
    });

    it("uses the currency's own symbol and decimals (18-decimal token)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const dai = await new MockStablecoin__factory(s.operator).deploy("Dai Stablecoin", "DAI", 18);
      await s.registry.setCurrencyAllowed(await dai.getAddress(), true);
      const id = await s.issue({ currency: await dai.getAddress(), faceValue: 1_234_500_000_000_000_000_000n });
      const { json, svg } = await metadataOf(s, id);
      expect(trait(json, "Face value")).to.equal("1234.50 DAI");
      expect(trait(json, "Amount paid")).to.equal("0.00 DAI");
      expect(svg).to.contain(">1234.50 DAI<");
    });

    it("strips quotes, backslashes, angle brackets, ampersands and control characters from the symbol", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const evil = await new MockStablecoin__factory(s.operator).deploy("Evil", 'U"S\\D<C>&\n\t', 6);
      await s.registry.setCurrencyAllowed(await evil.getAddress(), true);
      const id = await s.issue({ currency: await evil.getAddress() });
      const { json, svg } = await metadataOf(s, id);
      expect(trait(json, "Face value")).to.equal("10000.00 USDC");
      expect(svg).to.contain(">10000.00 USDC<");
      expect(svg).to.not.contain("<C>");
    });

    it("renders an empty symbol when every character of it is unsafe", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const evil = await new MockStablecoin__factory(s.operator).deploy("Evil", '"<>&\\', 6);
      await s.registry.setCurrencyAllowed(await evil.getAddress(), true);
      const id = await s.issue({ currency: await evil.getAddress() });
      const { json, svg } = await metadataOf(s, id);
      expect(trait(json, "Face value")).to.equal("10000.00 ");
      expect(svg).to.contain(">10000.00 <");
    });

    it("renders raw base units for a token without symbol() and decimals()", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const bare = await new NoMetadataToken__factory(s.operator).deploy();
      await s.registry.setCurrencyAllowed(await bare.getAddress(), true);
      const id = await s.issue({ currency: await bare.getAddress(), faceValue: 10_000n * USD });
      const { json, svg } = await metadataOf(s, id);
      expect(trait(json, "Face value")).to.equal("10000000000 units");
      expect(trait(json, "Amount paid")).to.equal("0 units");
      expect(svg).to.contain(">10000000000 units<");
    });
  });

  describe("ClaimRenderer", () => {
    describe("formatAmount", () => {
      const cases: [bigint, number, string][] = [
        [0n, 6, "0.00"],
        [1n, 6, "0.000001"],
        [10_000n * USD, 6, "10000.00"],
        [1_234_500_000n, 6, "1234.50"],
        [1_234_560_000n, 6, "1234.56"],
        [1_234_567_000n, 6, "1234.567"],
        [1_234_567_891n, 6, "1234.567891"],
        [5n, 0, "5"],
        [12_345n, 0, "12345"],
        [0n, 0, "0"],
        [0n, 1, "0.00"],
        [1n, 1, "0.10"],
        [15n, 1, "1.50"],
        [10n, 1, "1.00"],
        [1n, 2, "0.01"],
        [100n, 2, "1.00"],
        [10n ** 18n, 18, "1.00"],
        [1n, 18, "0.000000000000000001"],
        [1_500_000_000_000_000_000n, 18, "1.50"],
        [123_456_789_012_345_678_901_234_567_890n, 18, "123456789012.34567890123456789"],
        [1n, 38, "0.00000000000000000000000000000000000001"],
        [10n ** 38n, 38, "1.00"],
        [123n, 39, "123"],
        [10n ** 40n, 40, (10n ** 40n).toString()],
        [MaxUint256, 255, MaxUint256.toString()],
        [MaxUint256, 18, referenceAmount(MaxUint256, 18)],
        [MaxUint256, 38, referenceAmount(MaxUint256, 38)],
      ];
      for (const [amount, decimals, expected] of cases) {
        it(`formats ${amount} with ${decimals} decimals as ${expected.length > 40 ? expected.slice(0, 20) + "…" : expected}`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          expect(await s.renderer.formatAmount(amount, decimals)).to.equal(expected);
          expect(referenceAmount(amount, decimals)).to.equal(expected);
        });
      }

      it("agrees with an independent formatter on 200 pseudo-random amounts and decimals", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        for (let i = 0; i < 200; ++i) {
          const decimals = Number(pseudoRandom(`decimals-${i}`) % 45n);
          const amount = pseudoRandom(`amount-${i}`) >> (pseudoRandom(`shift-${i}`) % 256n);
          expect(await s.renderer.formatAmount(amount, decimals), `${amount} / ${decimals}`).to.equal(
            referenceAmount(amount, decimals),
          );
        }
      });
    });

    describe("formatDate", () => {
      const cases: [bigint, string][] = [
        [0n, "1970-01-01"],
        [86_399n, "1970-01-01"],
        [DAY, "1970-01-02"],
        [68_169_600n, "1972-02-29"],
        [951_782_400n, "2000-02-29"],
        [951_868_800n, "2000-03-01"],
        [1_798_329_600n, "2026-12-27"],
        [1_795_737_600n, "2026-11-27"],
        [4_107_456_000n, "2100-02-28"],
        [4_107_542_400n, "2100-03-01"],
        [253_402_214_400n, "9999-12-31"],
      ];
      for (const [timestamp, expected] of cases) {
        it(`formats ${timestamp} as ${expected}`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          expect(isoDate(timestamp)).to.equal(expected);
          expect(await s.renderer.formatDate(timestamp)).to.equal(expected);
        });
      }

      it("agrees with JavaScript's Date on 200 pseudo-random timestamps up to year 9999", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        for (let i = 0; i < 200; ++i) {
          const timestamp = pseudoRandom(`date-${i}`) % 253_402_300_800n;
          expect(await s.renderer.formatDate(timestamp), `${timestamp}`).to.equal(isoDate(timestamp));
        }
      });

      it("formats a claim's due date as tokenURI shows it", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue({ dueDate: (await s.now()) + 90n * DAY });
        const { dueDate } = await s.claimLens.claim(id);
        expect(trait((await metadataOf(s, id)).json, "Due date")).to.equal(await s.renderer.formatDate(dueDate));
      });
    });

    describe("stateName", () => {
      const names = [
        "None",
        "Issued",
        "Accepted",
        "Financed",
        "Overdue",
        "Defaulted",
        "Disputed",
        "Settled",
        "Rejected",
        "Expired",
        "Cancelled",
        "Voided",
        "Written off",
      ];
      it("names each of the 13 states", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        for (const [state, name] of names.entries()) {
          expect(await s.renderer.stateName(state)).to.equal(name);
        }
        expect(await s.renderer.stateName(State.WrittenOff)).to.equal("Written off");
      });

      it("refuses a number outside the enum", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expect(s.renderer.stateName(13)).to.be.revertedWithoutReason(ethers);
      });
    });
  });
});
