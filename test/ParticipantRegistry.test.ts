import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { network } from "hardhat";

import { ACCESS_ROLES, DEFAULT_ADMIN_ROLE, DEFAULT_MARKET_RULES, SECONDS_PER_DAY } from "@openfactor/sdk";
import ParticipantRegistryModule, { DEFAULT_ADMIN_DELAY } from "../ignition/modules/ParticipantRegistry.js";
import {
  IParticipantRegistry__factory,
  ParticipantRegistry__factory,
  type ParticipantRegistry,
} from "../types/index.js";

const { ethers, ignition, networkHelpers } = await network.create();
const { loadFixture, time } = networkHelpers;

/** Mirrors the Solidity `Role` enum (contracts/types/Roles.sol). */
const Role = { Originator: 0, Debtor: 1, Factor: 2, Guarantor: 3 } as const;
type RoleValue = (typeof Role)[keyof typeof Role];
const ALL_ROLES: readonly RoleValue[] = [Role.Originator, Role.Debtor, Role.Factor, Role.Guarantor];

const MAX_UINT32 = 2n ** 32n - 1n;
const MAX_UINT64 = 2n ** 64n - 1n;
const { Operator: OPERATOR_ROLE, Arbiter: ARBITER_ROLE, Pauser: PAUSER_ROLE } = ACCESS_ROLES;
/** MAX_COVER_SPAN (contracts/types/Roles.sol): the most maxTenor + defaultGrace + guaranteeClaimWindow may add up to. */
const MAX_COVER_SPAN = 540 * SECONDS_PER_DAY;
/** AGENT_CHANGE_DELAY (contracts/types/Roles.sol): MAX_COVER_SPAN plus a day, in seconds. */
const AGENT_CHANGE_DELAY = BigInt(MAX_COVER_SPAN + SECONDS_PER_DAY);
/** A short admin handover delay for the constructor tests, in seconds. */
const ADMIN_DELAY = 3600;

interface Rules {
  minTenor: number;
  maxTenor: number;
  acceptanceWindow: number;
  defaultGrace: number;
  guaranteeClaimWindow: number;
  saleFeeBps: number;
  premiumFeeBps: number;
  treasury: string;
}

/** The struct as the ABI returns it and as `withArgs` compares it: fields in declaration order. */
function rulesTuple(rules: Rules): [bigint, bigint, bigint, bigint, bigint, bigint, bigint, string] {
  return [
    BigInt(rules.minTenor),
    BigInt(rules.maxTenor),
    BigInt(rules.acceptanceWindow),
    BigInt(rules.defaultGrace),
    BigInt(rules.guaranteeClaimWindow),
    BigInt(rules.saleFeeBps),
    BigInt(rules.premiumFeeBps),
    rules.treasury,
  ];
}

/** A handful of fresh, funded accounts that hold no role: the "random caller" fuzz set. */
async function randomCallers(count = 4): Promise<HardhatEthersSigner[]> {
  const callers: HardhatEthersSigner[] = [];
  for (let i = 0; i < count; i++) {
    const address = ethers.Wallet.createRandom().address;
    await networkHelpers.setBalance(address, ethers.parseEther("1"));
    callers.push(await ethers.getImpersonatedSigner(address));
  }
  return callers;
}

/** Default deployment, exactly as production: every parameter from DEFAULT_MARKET_RULES, admin = account 0. */
async function deployDefaultFixture() {
  const [deployer, operator, pauser, arbiter, treasury, alice, bob, carol, dave] = await ethers.getSigners();
  const deployed = await ignition.deploy(ParticipantRegistryModule);
  const registry: ParticipantRegistry = ParticipantRegistry__factory.connect(
    await deployed.registry.getAddress(),
    deployer,
  );
  const defaultRules: Rules = { ...DEFAULT_MARKET_RULES, treasury: deployer.address };
  return { registry, deployer, operator, pauser, arbiter, treasury, alice, bob, carol, dave, defaultRules };
}

/**
 * A registry whose admin is a dedicated account that has handed OPERATOR_ROLE, PAUSER_ROLE and ARBITER_ROLE to
 * three other accounts, so each test can tell the roles apart. Two contracts with code serve as currencies.
 */
async function deployWithRolesFixture() {
  const [deployer, admin, operator, pauser, arbiter, treasury, alice, bob, carol, dave] = await ethers.getSigners();
  const deployed = await ignition.deploy(ParticipantRegistryModule, {
    parameters: { ParticipantRegistry: { admin: admin.address, treasury: treasury.address } },
  });
  const address = await deployed.registry.getAddress();
  const registry = ParticipantRegistry__factory.connect(address, operator);
  const asAdmin = registry.connect(admin);
  await asAdmin.grantRole(OPERATOR_ROLE, operator.address);
  await asAdmin.grantRole(PAUSER_ROLE, pauser.address);
  await asAdmin.grantRole(ARBITER_ROLE, arbiter.address);

  const usdc = ethers.Wallet.createRandom().address;
  const eurc = ethers.Wallet.createRandom().address;
  await networkHelpers.setCode(usdc, "0x00");
  await networkHelpers.setCode(eurc, "0x00");

  const defaultRules: Rules = { ...DEFAULT_MARKET_RULES, treasury: treasury.address };
  return {
    registry,
    deployer,
    admin,
    operator,
    pauser,
    arbiter,
    treasury,
    alice,
    bob,
    carol,
    dave,
    usdc,
    eurc,
    defaultRules,
  };
}

/** Invalid rule sets, each with the error it must raise, shared by the constructor and setMarketRules tests. */
function invalidRuleCases(valid: Rules): { title: string; rules: Rules; error: string; args: unknown[] }[] {
  return [
    {
      title: "the minimum tenor is zero",
      rules: { ...valid, minTenor: 0 },
      error: "RegistryInvalidTenor",
      args: [0, valid.maxTenor],
    },
    {
      title: "the minimum tenor exceeds the maximum tenor",
      rules: { ...valid, minTenor: 30 * SECONDS_PER_DAY, maxTenor: 30 * SECONDS_PER_DAY - 1 },
      error: "RegistryInvalidTenor",
      args: [30 * SECONDS_PER_DAY, 30 * SECONDS_PER_DAY - 1],
    },
    {
      title: "the acceptance window is zero",
      rules: { ...valid, acceptanceWindow: 0 },
      error: "RegistryZeroWindow",
      args: [],
    },
    { title: "the default grace is zero", rules: { ...valid, defaultGrace: 0 }, error: "RegistryZeroWindow", args: [] },
    {
      title: "the guarantee claim window is zero",
      rules: { ...valid, guaranteeClaimWindow: 0 },
      error: "RegistryZeroWindow",
      args: [],
    },
    {
      title: "the maximum tenor, default grace and claim window add up to one second over MAX_COVER_SPAN",
      rules: {
        ...valid,
        maxTenor: 400 * SECONDS_PER_DAY,
        defaultGrace: 50 * SECONDS_PER_DAY,
        guaranteeClaimWindow: 90 * SECONDS_PER_DAY + 1,
      },
      error: "RegistryCoverSpanTooLong",
      args: [400 * SECONDS_PER_DAY, 50 * SECONDS_PER_DAY, 90 * SECONDS_PER_DAY + 1, MAX_COVER_SPAN],
    },
    {
      title: "every window is the largest uint32 (no overflow)",
      rules: {
        ...valid,
        maxTenor: Number(MAX_UINT32),
        defaultGrace: Number(MAX_UINT32),
        guaranteeClaimWindow: Number(MAX_UINT32),
      },
      error: "RegistryCoverSpanTooLong",
      args: [MAX_UINT32, MAX_UINT32, MAX_UINT32, MAX_COVER_SPAN],
    },
    {
      title: "the fee is 101 bps",
      rules: { ...valid, saleFeeBps: 101 },
      error: "RegistryFeeTooHigh",
      args: [101, 100],
    },
    {
      title: "the fee is the largest uint16",
      rules: { ...valid, saleFeeBps: 65535 },
      error: "RegistryFeeTooHigh",
      args: [65535, 100],
    },
    {
      title: "the fee is not zero and the treasury is the zero address",
      rules: { ...valid, saleFeeBps: 1, premiumFeeBps: 0, treasury: ethers.ZeroAddress },
      error: "RegistryZeroTreasury",
      args: [],
    },
    {
      title: "the premium fee is 101 bps",
      rules: { ...valid, premiumFeeBps: 101 },
      error: "RegistryFeeTooHigh",
      args: [101, 100],
    },
    {
      title: "only the premium fee is not zero and the treasury is the zero address",
      rules: { ...valid, saleFeeBps: 0, premiumFeeBps: 1, treasury: ethers.ZeroAddress },
      error: "RegistryZeroTreasury",
      args: [],
    },
  ];
}

describe("ParticipantRegistry", function () {
  describe("when deployed through the Ignition module with its defaults", function () {
    it("grants every access role to the first account", async function () {
      const { registry, deployer } = await loadFixture(deployDefaultFixture);
      for (const role of [DEFAULT_ADMIN_ROLE, OPERATOR_ROLE, ARBITER_ROLE, PAUSER_ROLE]) {
        expect(await registry.hasRole(role, deployer.address)).to.equal(true);
      }
    });

    it("publishes DEFAULT_MARKET_RULES as version 1 with the first account as treasury", async function () {
      const { registry, defaultRules } = await loadFixture(deployDefaultFixture);
      expect(await registry.currentRulesVersion()).to.equal(1n);
      expect(await registry.currentRules()).to.deep.equal(rulesTuple(defaultRules));
      expect(await registry.rulesAt(1)).to.deep.equal(rulesTuple(defaultRules));
    });

    it("uses the documented default rules in seconds and basis points", function () {
      expect(DEFAULT_MARKET_RULES).to.deep.equal({
        minTenor: 15 * SECONDS_PER_DAY,
        maxTenor: 365 * SECONDS_PER_DAY,
        acceptanceWindow: 7 * SECONDS_PER_DAY,
        defaultGrace: 30 * SECONDS_PER_DAY,
        guaranteeClaimWindow: 90 * SECONDS_PER_DAY,
        saleFeeBps: 25,
        premiumFeeBps: 25,
      });
    });

    it("emitted MarketRulesUpdated for version 1", async function () {
      const { registry, defaultRules } = await loadFixture(deployDefaultFixture);
      const events = await registry.queryFilter(registry.filters.MarketRulesUpdated());
      expect(events).to.have.length(1);
      expect(events[0].args.version).to.equal(1n);
      expect(events[0].args.rules).to.deep.equal(rulesTuple(defaultRules));
    });

    it("starts unpaused, with no participants and no currencies", async function () {
      const { registry } = await loadFixture(deployDefaultFixture);
      expect(await registry.paused()).to.equal(false);
      expect(await registry.participantCount()).to.equal(0n);
      expect(await registry.participants(0, 10)).to.deep.equal([]);
      expect(await registry.currencies()).to.deep.equal([[], []]);
    });

    it("exposes the role ids and the fee cap as constants", async function () {
      const { registry } = await loadFixture(deployDefaultFixture);
      expect(await registry.OPERATOR_ROLE()).to.equal(OPERATOR_ROLE);
      expect(await registry.ARBITER_ROLE()).to.equal(ARBITER_ROLE);
      expect(await registry.PAUSER_ROLE()).to.equal(PAUSER_ROLE);
      expect(await registry.DEFAULT_ADMIN_ROLE()).to.equal(DEFAULT_ADMIN_ROLE);
      expect(await registry.MAX_FEE_BPS()).to.equal(100n);
    });

    it("makes DEFAULT_ADMIN_ROLE the admin of every role", async function () {
      const { registry } = await loadFixture(deployDefaultFixture);
      for (const role of [DEFAULT_ADMIN_ROLE, OPERATOR_ROLE, ARBITER_ROLE, PAUSER_ROLE]) {
        expect(await registry.getRoleAdmin(role)).to.equal(DEFAULT_ADMIN_ROLE);
      }
    });

    it("supports the IParticipantRegistry, IAccessControl, IAccessControlDefaultAdminRules and IERC165 interfaces only", async function () {
      const { registry } = await loadFixture(deployDefaultFixture);
      // ERC-165 id: the XOR of the selectors of every function the interface declares.
      let iParticipantRegistry = 0n;
      IParticipantRegistry__factory.createInterface().forEachFunction((fragment) => {
        iParticipantRegistry ^= BigInt(fragment.selector);
      });
      const iAccessControl = ethers.toBeHex(
        [
          "hasRole(bytes32,address)",
          "getRoleAdmin(bytes32)",
          "grantRole(bytes32,address)",
          "revokeRole(bytes32,address)",
          "renounceRole(bytes32,address)",
        ]
          .map((signature) => BigInt(ethers.id(signature).slice(0, 10)))
          .reduce((id, selector) => id ^ selector, 0n),
        4,
      );
      expect(iAccessControl).to.equal("0x7965db0b");
      expect(await registry.supportsInterface(ethers.toBeHex(iParticipantRegistry, 4))).to.equal(true);
      expect(await registry.supportsInterface(iAccessControl)).to.equal(true);
      const iDefaultAdminRules = [
        "defaultAdmin()",
        "pendingDefaultAdmin()",
        "defaultAdminDelay()",
        "pendingDefaultAdminDelay()",
        "beginDefaultAdminTransfer(address)",
        "cancelDefaultAdminTransfer()",
        "acceptDefaultAdminTransfer()",
        "changeDefaultAdminDelay(uint48)",
        "rollbackDefaultAdminDelay()",
        "defaultAdminDelayIncreaseWait()",
      ]
        .map((signature) => BigInt(ethers.id(signature).slice(0, 10)))
        .reduce((id, selector) => id ^ selector, 0n);
      expect(await registry.supportsInterface(ethers.toBeHex(iDefaultAdminRules, 4))).to.equal(true);
      expect(await registry.supportsInterface("0x01ffc9a7")).to.equal(true);
      expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
    });
  });

  describe("when deployed with Ignition parameters", function () {
    it("gives the roles to the `admin` parameter only and uses every rule parameter", async function () {
      const [deployer, admin, treasury] = await ethers.getSigners();
      const rules: Rules = {
        minTenor: 10,
        maxTenor: 20,
        acceptanceWindow: 30,
        defaultGrace: 40,
        guaranteeClaimWindow: 50,
        saleFeeBps: 0,
        premiumFeeBps: 60,
        treasury: treasury.address,
      };
      const deployed = await ignition.deploy(ParticipantRegistryModule, {
        parameters: { ParticipantRegistry: { admin: admin.address, ...rules } },
      });
      const registry = ParticipantRegistry__factory.connect(await deployed.registry.getAddress(), deployer);
      for (const role of [DEFAULT_ADMIN_ROLE, OPERATOR_ROLE, ARBITER_ROLE, PAUSER_ROLE]) {
        expect(await registry.hasRole(role, admin.address)).to.equal(true);
        expect(await registry.hasRole(role, deployer.address)).to.equal(false);
      }
      expect(await registry.rulesAt(1)).to.deep.equal(rulesTuple(rules));
    });
  });

  describe("constructor", function () {
    async function factoryFixture() {
      const [deployer, admin, treasury] = await ethers.getSigners();
      const factory = new ParticipantRegistry__factory(deployer);
      const rules: Rules = { ...DEFAULT_MARKET_RULES, treasury: treasury.address };
      return { factory, deployer, admin, rules };
    }

    it("emits RoleGranted for each role and MarketRulesUpdated for version 1", async function () {
      const { factory, deployer, admin, rules } = await loadFixture(factoryFixture);
      const registry = await factory.deploy(admin.address, ADMIN_DELAY, rules);
      const deployment = registry.deploymentTransaction();
      for (const role of [DEFAULT_ADMIN_ROLE, OPERATOR_ROLE, ARBITER_ROLE, PAUSER_ROLE]) {
        await expect(deployment).to.emit(registry, "RoleGranted").withArgs(role, admin.address, deployer.address);
      }
      await expect(deployment).to.emit(registry, "MarketRulesUpdated").withArgs(1n, rulesTuple(rules));
    });

    it("makes the admin the one default admin, with the given handover delay", async function () {
      const { factory, admin, rules } = await loadFixture(factoryFixture);
      const registry = await factory.deploy(admin.address, ADMIN_DELAY, rules);
      expect(await registry.defaultAdmin()).to.equal(admin.address);
      expect(await registry.defaultAdminDelay()).to.equal(BigInt(ADMIN_DELAY));
    });

    describe("when the admin is the zero address", function () {
      it("reverts with AccessControlInvalidDefaultAdmin", async function () {
        const { factory, rules } = await loadFixture(factoryFixture);
        await expect(factory.deploy(ethers.ZeroAddress, ADMIN_DELAY, rules))
          .to.be.revertedWithCustomError(factory, "AccessControlInvalidDefaultAdmin")
          .withArgs(ethers.ZeroAddress);
      });
    });

    describe("when the initial rules are invalid", function () {
      for (const { title, error, args, rules: pick } of invalidRuleCases({
        ...DEFAULT_MARKET_RULES,
        treasury: "0x000000000000000000000000000000000000dEaD",
      })) {
        it(`reverts with ${error} when ${title}`, async function () {
          const { factory, admin } = await loadFixture(factoryFixture);
          await expect(factory.deploy(admin.address, ADMIN_DELAY, pick))
            .to.be.revertedWithCustomError(factory, error)
            .withArgs(...args);
        });
      }
    });

    describe("when the fee is zero and the treasury is the zero address", function () {
      it("deploys", async function () {
        const { factory, admin, rules } = await loadFixture(factoryFixture);
        const zeroFee = { ...rules, saleFeeBps: 0, premiumFeeBps: 0, treasury: ethers.ZeroAddress };
        const registry = await factory.deploy(admin.address, ADMIN_DELAY, zeroFee);
        expect(await registry.currentRules()).to.deep.equal(rulesTuple(zeroFee));
      });
    });
  });

  describe("verify", function () {
    describe("when the caller is an operator", function () {
      it("verifies the account for the role until the expiry and emits ParticipantVerified", async function () {
        const { registry, operator, alice } = await loadFixture(deployWithRolesFixture);
        const expiresAt = BigInt(await time.latest()) + 365n * BigInt(SECONDS_PER_DAY);
        await expect(registry.verify(alice.address, Role.Factor, expiresAt))
          .to.emit(registry, "ParticipantVerified")
          .withArgs(alice.address, Role.Factor, expiresAt, operator.address);
        expect(await registry.isVerified(alice.address, Role.Factor)).to.equal(true);
        expect(await registry.verification(alice.address, Role.Factor)).to.deep.equal([expiresAt, false]);
        expect(await registry.isVerifiedAny(alice.address)).to.equal(true);
      });

      it("verifies only that role", async function () {
        const { registry, alice } = await loadFixture(deployWithRolesFixture);
        await registry.verify(alice.address, Role.Factor, BigInt(await time.latest()) + 1000n);
        for (const role of [Role.Originator, Role.Debtor, Role.Guarantor]) {
          expect(await registry.isVerified(alice.address, role)).to.equal(false);
          expect(await registry.verification(alice.address, role)).to.deep.equal([0n, false]);
        }
      });

      it("lets one account hold every role, each with its own expiry", async function () {
        const { registry, alice } = await loadFixture(deployWithRolesFixture);
        const now = BigInt(await time.latest());
        for (const role of ALL_ROLES) {
          await registry.verify(alice.address, role, now + 1000n * BigInt(role + 1));
        }
        for (const role of ALL_ROLES) {
          expect(await registry.isVerified(alice.address, role)).to.equal(true);
          expect(await registry.verification(alice.address, role)).to.deep.equal([
            now + 1000n * BigInt(role + 1),
            false,
          ]);
        }
        expect(await registry.participantCount()).to.equal(1n);
      });

      it("lists the account on its first verification only", async function () {
        const { registry, alice, bob } = await loadFixture(deployWithRolesFixture);
        const expiresAt = BigInt(await time.latest()) + 1000n;
        await registry.verify(alice.address, Role.Debtor, expiresAt);
        await registry.verify(alice.address, Role.Factor, expiresAt);
        await registry.verify(bob.address, Role.Debtor, expiresAt);
        await registry.verify(alice.address, Role.Debtor, expiresAt + 1n);
        expect(await registry.participantCount()).to.equal(2n);
        const page = await registry.participants(0, 10);
        expect(page.map((p) => p.account)).to.deep.equal([alice.address, bob.address]);
      });

      it("accepts the largest uint64 expiry", async function () {
        const { registry, alice } = await loadFixture(deployWithRolesFixture);
        await registry.verify(alice.address, Role.Guarantor, MAX_UINT64);
        expect(await registry.isVerified(alice.address, Role.Guarantor)).to.equal(true);
      });
    });

    describe("when the account is already verified (re-verification)", function () {
      it("replaces a later expiry with an earlier one and emits again", async function () {
        const { registry, operator, alice } = await loadFixture(deployWithRolesFixture);
        const now = BigInt(await time.latest());
        await registry.verify(alice.address, Role.Originator, now + 10_000n);
        await expect(registry.verify(alice.address, Role.Originator, now + 100n))
          .to.emit(registry, "ParticipantVerified")
          .withArgs(alice.address, Role.Originator, now + 100n, operator.address);
        expect(await registry.verification(alice.address, Role.Originator)).to.deep.equal([now + 100n, false]);
      });

      it("extends an expired verification", async function () {
        const { registry, alice } = await loadFixture(deployWithRolesFixture);
        const now = BigInt(await time.latest());
        await registry.verify(alice.address, Role.Originator, now + 100n);
        await time.increaseTo(now + 200n);
        expect(await registry.isVerified(alice.address, Role.Originator)).to.equal(false);
        await registry.verify(alice.address, Role.Originator, now + 1000n);
        expect(await registry.isVerified(alice.address, Role.Originator)).to.equal(true);
        expect(await registry.participantCount()).to.equal(1n);
      });

      it("restores a revoked role without listing the account twice", async function () {
        const { registry, alice } = await loadFixture(deployWithRolesFixture);
        const expiresAt = BigInt(await time.latest()) + 1000n;
        await registry.verify(alice.address, Role.Debtor, expiresAt);
        await registry.revoke(alice.address, Role.Debtor);
        await registry.verify(alice.address, Role.Debtor, expiresAt);
        expect(await registry.isVerified(alice.address, Role.Debtor)).to.equal(true);
        expect(await registry.participantCount()).to.equal(1n);
      });
    });

    describe("when the account is the zero address", function () {
      it("reverts with RegistryZeroAddress", async function () {
        const { registry } = await loadFixture(deployWithRolesFixture);
        await expect(
          registry.verify(ethers.ZeroAddress, Role.Factor, BigInt(await time.latest()) + 1000n),
        ).to.be.revertedWithCustomError(registry, "RegistryZeroAddress");
      });
    });

    describe("when the expiry is not in the future", function () {
      it("reverts with RegistryExpiryNotInFuture when it equals the block timestamp", async function () {
        const { registry, alice } = await loadFixture(deployWithRolesFixture);
        const t = BigInt(await time.latest()) + 100n;
        await time.setNextBlockTimestamp(t);
        await expect(registry.verify(alice.address, Role.Factor, t))
          .to.be.revertedWithCustomError(registry, "RegistryExpiryNotInFuture")
          .withArgs(t, t);
      });

      it("reverts with RegistryExpiryNotInFuture when it is in the past", async function () {
        const { registry, alice } = await loadFixture(deployWithRolesFixture);
        const t = BigInt(await time.latest()) + 100n;
        await time.setNextBlockTimestamp(t);
        await expect(registry.verify(alice.address, Role.Factor, t - 1n))
          .to.be.revertedWithCustomError(registry, "RegistryExpiryNotInFuture")
          .withArgs(t - 1n, t);
      });

      it("reverts with RegistryExpiryNotInFuture when it is zero", async function () {
        const { registry, alice } = await loadFixture(deployWithRolesFixture);
        const t = BigInt(await time.latest()) + 100n;
        await time.setNextBlockTimestamp(t);
        await expect(registry.verify(alice.address, Role.Factor, 0))
          .to.be.revertedWithCustomError(registry, "RegistryExpiryNotInFuture")
          .withArgs(0, t);
      });

      it("accepts an expiry one second after the block timestamp", async function () {
        const { registry, operator, alice } = await loadFixture(deployWithRolesFixture);
        const t = BigInt(await time.latest()) + 100n;
        await time.setNextBlockTimestamp(t);
        await expect(registry.verify(alice.address, Role.Factor, t + 1n))
          .to.emit(registry, "ParticipantVerified")
          .withArgs(alice.address, Role.Factor, t + 1n, operator.address);
      });
    });

    describe("when the registry is paused", function () {
      it("still verifies", async function () {
        const { registry, pauser, alice } = await loadFixture(deployWithRolesFixture);
        await registry.connect(pauser).pause();
        await registry.verify(alice.address, Role.Debtor, BigInt(await time.latest()) + 1000n);
        expect(await registry.isVerified(alice.address, Role.Debtor)).to.equal(true);
      });
    });

    describe("when the caller is not an operator", function () {
      it("reverts with AccessControlUnauthorizedAccount for the deployer, the pauser, the arbiter and random callers", async function () {
        const { registry, deployer, pauser, arbiter, alice } = await loadFixture(deployWithRolesFixture);
        const expiresAt = BigInt(await time.latest()) + 1000n;
        for (const caller of [deployer, pauser, arbiter, alice, ...(await randomCallers())]) {
          await expect(registry.connect(caller).verify(alice.address, Role.Factor, expiresAt))
            .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, OPERATOR_ROLE);
        }
      });
    });
  });

  describe("expiry boundary (exclusive)", function () {
    async function verifiedUntilFixture() {
      const fixture = await deployWithRolesFixture();
      const expiresAt = BigInt(await time.latest()) + 30n * BigInt(SECONDS_PER_DAY);
      await fixture.registry.verify(fixture.alice.address, Role.Debtor, expiresAt);
      return { ...fixture, expiresAt };
    }

    it("is verified one second before the expiry", async function () {
      const { registry, alice, expiresAt } = await loadFixture(verifiedUntilFixture);
      await time.increaseTo(expiresAt - 1n);
      expect(await registry.isVerified(alice.address, Role.Debtor)).to.equal(true);
      expect(await registry.isVerifiedAny(alice.address)).to.equal(true);
    });

    it("is no longer verified at the expiry", async function () {
      const { registry, alice, expiresAt } = await loadFixture(verifiedUntilFixture);
      await time.increaseTo(expiresAt);
      expect(await registry.isVerified(alice.address, Role.Debtor)).to.equal(false);
      expect(await registry.isVerifiedAny(alice.address)).to.equal(false);
    });

    it("is not verified one second after the expiry, yet keeps the expiry on record", async function () {
      const { registry, alice, expiresAt } = await loadFixture(verifiedUntilFixture);
      await time.increaseTo(expiresAt + 1n);
      expect(await registry.isVerified(alice.address, Role.Debtor)).to.equal(false);
      expect(await registry.isVerifiedAny(alice.address)).to.equal(false);
      expect(await registry.verification(alice.address, Role.Debtor)).to.deep.equal([expiresAt, false]);
    });
  });

  describe("verifyBatch", function () {
    describe("when the caller is an operator and the arrays match", function () {
      it("verifies every triple, emits one event each and lists each new account once", async function () {
        const { registry, operator, alice, bob, carol } = await loadFixture(deployWithRolesFixture);
        const now = BigInt(await time.latest());
        const accounts = [alice.address, bob.address, alice.address, carol.address];
        const roles = [Role.Originator, Role.Debtor, Role.Factor, Role.Guarantor];
        const expiries = [now + 100n, now + 200n, now + 300n, now + 400n];
        const tx = registry.verifyBatch(accounts, roles, expiries);
        for (let i = 0; i < accounts.length; i++) {
          await expect(tx)
            .to.emit(registry, "ParticipantVerified")
            .withArgs(accounts[i], roles[i], expiries[i], operator.address);
        }
        for (let i = 0; i < accounts.length; i++) {
          expect(await registry.verification(accounts[i], roles[i])).to.deep.equal([expiries[i], false]);
        }
        expect(await registry.participantCount()).to.equal(3n);
        const page = await registry.participants(0, 10);
        expect(page.map((p) => p.account)).to.deep.equal([alice.address, bob.address, carol.address]);
      });

      it("does nothing for empty arrays", async function () {
        const { registry } = await loadFixture(deployWithRolesFixture);
        await expect(registry.verifyBatch([], [], [])).not.to.emit(registry, "ParticipantVerified");
        expect(await registry.participantCount()).to.equal(0n);
      });
    });

    describe("when one triple is invalid", function () {
      it("reverts the whole batch with that triple's error", async function () {
        const { registry, alice, bob } = await loadFixture(deployWithRolesFixture);
        const now = BigInt(await time.latest());
        await expect(
          registry.verifyBatch(
            [alice.address, ethers.ZeroAddress, bob.address],
            [Role.Debtor, Role.Debtor, Role.Debtor],
            [now + 100n, now + 100n, now + 100n],
          ),
        ).to.be.revertedWithCustomError(registry, "RegistryZeroAddress");
        const t = now + 50n;
        await time.setNextBlockTimestamp(t);
        await expect(registry.verifyBatch([alice.address, bob.address], [Role.Debtor, Role.Debtor], [now + 100n, t]))
          .to.be.revertedWithCustomError(registry, "RegistryExpiryNotInFuture")
          .withArgs(t, t);
        expect(await registry.participantCount()).to.equal(0n);
        expect(await registry.isVerified(alice.address, Role.Debtor)).to.equal(false);
      });
    });

    describe("when the arrays differ in length", function () {
      it("reverts with RegistryLengthMismatch when the roles are fewer", async function () {
        const { registry, alice, bob } = await loadFixture(deployWithRolesFixture);
        await expect(registry.verifyBatch([alice.address, bob.address], [Role.Debtor], [1000n, 1000n]))
          .to.be.revertedWithCustomError(registry, "RegistryLengthMismatch")
          .withArgs(2, 1, 2);
      });

      it("reverts with RegistryLengthMismatch when the expiries are more", async function () {
        const { registry, alice, bob } = await loadFixture(deployWithRolesFixture);
        await expect(
          registry.verifyBatch([alice.address, bob.address], [Role.Debtor, Role.Factor], [1000n, 1000n, 1000n]),
        )
          .to.be.revertedWithCustomError(registry, "RegistryLengthMismatch")
          .withArgs(2, 2, 3);
      });

      it("reverts with RegistryLengthMismatch when the accounts are empty", async function () {
        const { registry } = await loadFixture(deployWithRolesFixture);
        await expect(registry.verifyBatch([], [Role.Debtor], []))
          .to.be.revertedWithCustomError(registry, "RegistryLengthMismatch")
          .withArgs(0, 1, 0);
      });
    });

    describe("when the caller is not an operator", function () {
      it("reverts with AccessControlUnauthorizedAccount for the deployer, the pauser, the arbiter and random callers", async function () {
        const { registry, deployer, pauser, arbiter, alice } = await loadFixture(deployWithRolesFixture);
        const expiresAt = BigInt(await time.latest()) + 1000n;
        for (const caller of [deployer, pauser, arbiter, alice, ...(await randomCallers())]) {
          await expect(registry.connect(caller).verifyBatch([alice.address], [Role.Factor], [expiresAt]))
            .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, OPERATOR_ROLE);
        }
      });
    });
  });

  describe("revoke", function () {
    async function verifiedFixture() {
      const fixture = await deployWithRolesFixture();
      const expiresAt = BigInt(await time.latest()) + 30n * BigInt(SECONDS_PER_DAY);
      await fixture.registry.verify(fixture.alice.address, Role.Factor, expiresAt);
      await fixture.registry.verify(fixture.alice.address, Role.Guarantor, expiresAt);
      return { ...fixture, expiresAt };
    }

    describe("when the account holds the role", function () {
      it("removes only that role, emits ParticipantRevoked and keeps the account listed", async function () {
        const { registry, operator, alice, expiresAt } = await loadFixture(verifiedFixture);
        await expect(registry.revoke(alice.address, Role.Factor))
          .to.emit(registry, "ParticipantRevoked")
          .withArgs(alice.address, Role.Factor, operator.address);
        expect(await registry.isVerified(alice.address, Role.Factor)).to.equal(false);
        expect(await registry.verification(alice.address, Role.Factor)).to.deep.equal([0n, false]);
        expect(await registry.isVerified(alice.address, Role.Guarantor)).to.equal(true);
        expect(await registry.verification(alice.address, Role.Guarantor)).to.deep.equal([expiresAt, false]);
        expect(await registry.participantCount()).to.equal(1n);
        expect((await registry.participants(0, 1))[0].expiries).to.deep.equal([0n, 0n, 0n, expiresAt]);
      });

      it("revokes an expired role too", async function () {
        const { registry, operator, alice, expiresAt } = await loadFixture(verifiedFixture);
        await time.increaseTo(expiresAt + 1n);
        await expect(registry.revoke(alice.address, Role.Factor))
          .to.emit(registry, "ParticipantRevoked")
          .withArgs(alice.address, Role.Factor, operator.address);
        expect(await registry.verification(alice.address, Role.Factor)).to.deep.equal([0n, false]);
      });

      it("revokes the role of a suspended account", async function () {
        const { registry, alice } = await loadFixture(verifiedFixture);
        await registry.setSuspended(alice.address, true);
        await registry.revoke(alice.address, Role.Factor);
        expect(await registry.verification(alice.address, Role.Factor)).to.deep.equal([0n, true]);
      });

      it("leaves the account unverified in every role once the last one is revoked", async function () {
        const { registry, alice } = await loadFixture(verifiedFixture);
        await registry.revoke(alice.address, Role.Factor);
        await registry.revoke(alice.address, Role.Guarantor);
        expect(await registry.isVerifiedAny(alice.address)).to.equal(false);
      });
    });

    describe("when the account does not hold the role", function () {
      it("reverts with RegistryRoleNotHeld for a role never granted", async function () {
        const { registry, alice } = await loadFixture(verifiedFixture);
        await expect(registry.revoke(alice.address, Role.Debtor))
          .to.be.revertedWithCustomError(registry, "RegistryRoleNotHeld")
          .withArgs(alice.address, Role.Debtor);
      });

      it("reverts with RegistryRoleNotHeld for a role already revoked", async function () {
        const { registry, alice } = await loadFixture(verifiedFixture);
        await registry.revoke(alice.address, Role.Factor);
        await expect(registry.revoke(alice.address, Role.Factor))
          .to.be.revertedWithCustomError(registry, "RegistryRoleNotHeld")
          .withArgs(alice.address, Role.Factor);
      });

      it("reverts with RegistryRoleNotHeld for an account never verified", async function () {
        const { registry, bob } = await loadFixture(verifiedFixture);
        await expect(registry.revoke(bob.address, Role.Originator))
          .to.be.revertedWithCustomError(registry, "RegistryRoleNotHeld")
          .withArgs(bob.address, Role.Originator);
      });
    });

    describe("when the registry is paused", function () {
      it("still revokes", async function () {
        const { registry, pauser, alice } = await loadFixture(verifiedFixture);
        await registry.connect(pauser).pause();
        await registry.revoke(alice.address, Role.Factor);
        expect(await registry.isVerified(alice.address, Role.Factor)).to.equal(false);
      });
    });

    describe("when the caller is not an operator", function () {
      it("reverts with AccessControlUnauthorizedAccount for the deployer, the pauser, the arbiter and random callers", async function () {
        const { registry, deployer, pauser, arbiter, alice } = await loadFixture(verifiedFixture);
        for (const caller of [deployer, pauser, arbiter, alice, ...(await randomCallers())]) {
          await expect(registry.connect(caller).revoke(alice.address, Role.Factor))
            .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, OPERATOR_ROLE);
        }
      });
    });
  });

  describe("setSuspended", function () {
    async function everyRoleFixture() {
      const fixture = await deployWithRolesFixture();
      const expiresAt = BigInt(await time.latest()) + 30n * BigInt(SECONDS_PER_DAY);
      for (const role of ALL_ROLES) {
        await fixture.registry.verify(fixture.alice.address, role, expiresAt);
      }
      return { ...fixture, expiresAt };
    }

    describe("when the account is suspended", function () {
      it("emits ParticipantSuspended, hides every role and keeps every expiry", async function () {
        const { registry, operator, alice, expiresAt } = await loadFixture(everyRoleFixture);
        await expect(registry.setSuspended(alice.address, true))
          .to.emit(registry, "ParticipantSuspended")
          .withArgs(alice.address, true, operator.address);
        for (const role of ALL_ROLES) {
          expect(await registry.isVerified(alice.address, role)).to.equal(false);
          expect(await registry.verification(alice.address, role)).to.deep.equal([expiresAt, true]);
        }
        expect(await registry.isVerifiedAny(alice.address)).to.equal(false);
        const [participant] = await registry.participants(0, 1);
        expect(participant.suspended).to.equal(true);
        expect(participant.expiries).to.deep.equal([expiresAt, expiresAt, expiresAt, expiresAt]);
      });

      it("keeps the account hidden when an operator re-verifies it", async function () {
        const { registry, alice, expiresAt } = await loadFixture(everyRoleFixture);
        await registry.setSuspended(alice.address, true);
        await registry.verify(alice.address, Role.Factor, expiresAt + 1000n);
        expect(await registry.isVerified(alice.address, Role.Factor)).to.equal(false);
        expect(await registry.verification(alice.address, Role.Factor)).to.deep.equal([expiresAt + 1000n, true]);
      });
    });

    describe("when the account is reinstated", function () {
      it("emits ParticipantSuspended with false and shows the unexpired roles again", async function () {
        const { registry, operator, alice } = await loadFixture(everyRoleFixture);
        await registry.setSuspended(alice.address, true);
        await expect(registry.setSuspended(alice.address, false))
          .to.emit(registry, "ParticipantSuspended")
          .withArgs(alice.address, false, operator.address);
        for (const role of ALL_ROLES) {
          expect(await registry.isVerified(alice.address, role)).to.equal(true);
        }
        expect(await registry.isVerifiedAny(alice.address)).to.equal(true);
      });

      it("does not bring back roles that expired during the suspension", async function () {
        const { registry, alice, expiresAt } = await loadFixture(everyRoleFixture);
        await registry.setSuspended(alice.address, true);
        await time.increaseTo(expiresAt);
        await registry.setSuspended(alice.address, false);
        expect(await registry.isVerified(alice.address, Role.Debtor)).to.equal(false);
        expect(await registry.isVerifiedAny(alice.address)).to.equal(false);
      });
    });

    describe("when the account was never verified", function () {
      it("suspends it without listing it, and it stays suspended once verified", async function () {
        const { registry, operator, bob } = await loadFixture(deployWithRolesFixture);
        await expect(registry.setSuspended(bob.address, true))
          .to.emit(registry, "ParticipantSuspended")
          .withArgs(bob.address, true, operator.address);
        expect(await registry.participantCount()).to.equal(0n);
        const expiresAt = BigInt(await time.latest()) + 1000n;
        await registry.verify(bob.address, Role.Debtor, expiresAt);
        expect(await registry.isVerified(bob.address, Role.Debtor)).to.equal(false);
        expect(await registry.participants(0, 1)).to.deep.equal([[bob.address, true, [0n, expiresAt, 0n, 0n]]]);
      });
    });

    describe("when the state does not change", function () {
      it("reverts with RegistrySuspensionUnchanged when suspending a suspended account", async function () {
        const { registry, alice } = await loadFixture(everyRoleFixture);
        await registry.setSuspended(alice.address, true);
        await expect(registry.setSuspended(alice.address, true))
          .to.be.revertedWithCustomError(registry, "RegistrySuspensionUnchanged")
          .withArgs(alice.address, true);
      });

      it("reverts with RegistrySuspensionUnchanged when reinstating an account that is not suspended", async function () {
        const { registry, alice, bob } = await loadFixture(everyRoleFixture);
        for (const account of [alice.address, bob.address]) {
          await expect(registry.setSuspended(account, false))
            .to.be.revertedWithCustomError(registry, "RegistrySuspensionUnchanged")
            .withArgs(account, false);
        }
      });
    });

    describe("when the registry is paused", function () {
      it("still suspends and reinstates", async function () {
        const { registry, pauser, alice } = await loadFixture(everyRoleFixture);
        await registry.connect(pauser).pause();
        await registry.setSuspended(alice.address, true);
        await registry.setSuspended(alice.address, false);
        expect(await registry.isVerifiedAny(alice.address)).to.equal(true);
      });
    });

    describe("when the caller is not an operator", function () {
      it("reverts with AccessControlUnauthorizedAccount for the deployer, the pauser, the arbiter and random callers", async function () {
        const { registry, deployer, pauser, arbiter, alice } = await loadFixture(everyRoleFixture);
        for (const caller of [deployer, pauser, arbiter, alice, ...(await randomCallers())]) {
          await expect(registry.connect(caller).setSuspended(alice.address, true))
            .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, OPERATOR_ROLE);
        }
      });
    });
  });

  describe("isVerifiedAny", function () {
    it("is false for an account never verified", async function () {
      const { registry, alice } = await loadFixture(deployWithRolesFixture);
      expect(await registry.isVerifiedAny(alice.address)).to.equal(false);
      expect(await registry.isVerifiedAny(ethers.ZeroAddress)).to.equal(false);
    });

    for (const role of ALL_ROLES) {
      it(`is true when role ${role} is the only unexpired one`, async function () {
        const { registry, alice } = await loadFixture(deployWithRolesFixture);
        const now = BigInt(await time.latest());
        for (const other of ALL_ROLES) {
          await registry.verify(alice.address, other, other === role ? now + 1000n : now + 100n);
        }
        await time.increaseTo(now + 500n);
        expect(await registry.isVerifiedAny(alice.address)).to.equal(true);
        for (const other of ALL_ROLES) {
          expect(await registry.isVerified(alice.address, other)).to.equal(other === role);
        }
      });
    }

    it("is false when every role has expired", async function () {
      const { registry, alice } = await loadFixture(deployWithRolesFixture);
      const now = BigInt(await time.latest());
      for (const role of ALL_ROLES) {
        await registry.verify(alice.address, role, now + 100n);
      }
      await time.increaseTo(now + 100n);
      expect(await registry.isVerifiedAny(alice.address)).to.equal(false);
    });
  });

  describe("tradeCheck", function () {
    /** Alice verified as a factor for 30 days; the fees are the deployment's (25 and 25 bps). */
    async function factorFixture() {
      const fixture = await deployWithRolesFixture();
      const expiresAt = BigInt(await time.latest()) + 30n * BigInt(SECONDS_PER_DAY);
      await fixture.registry.verify(fixture.alice.address, Role.Factor, expiresAt);
      return { ...fixture, expiresAt };
    }

    it("returns the pause, the party's verification for the role and the current fees", async function () {
      const { registry, alice, defaultRules } = await loadFixture(factorFixture);
      expect(await registry.tradeCheck(alice.address, Role.Factor)).to.deep.equal([
        false,
        true,
        BigInt(defaultRules.saleFeeBps),
        BigInt(defaultRules.premiumFeeBps),
      ]);
    });

    it("reports the pause while paused and not after unpause; the party stays verified", async function () {
      const { registry, pauser, alice, defaultRules } = await loadFixture(factorFixture);
      const fees = [BigInt(defaultRules.saleFeeBps), BigInt(defaultRules.premiumFeeBps)];
      await registry.connect(pauser).pause();
      expect(await registry.tradeCheck(alice.address, Role.Factor)).to.deep.equal([true, true, ...fees]);
      await registry.connect(pauser).unpause();
      expect(await registry.tradeCheck(alice.address, Role.Factor)).to.deep.equal([false, true, ...fees]);
    });

    for (const role of [Role.Originator, Role.Debtor, Role.Guarantor]) {
      it(`is not verified for role ${role}, which the party does not hold`, async function () {
        const { registry, alice } = await loadFixture(factorFixture);
        expect((await registry.tradeCheck(alice.address, role))[1]).to.equal(false);
        expect(await registry.isVerified(alice.address, role)).to.equal(false);
      });
    }

    it("is not verified for an account never verified, nor for the zero address", async function () {
      const { registry, bob } = await loadFixture(factorFixture);
      for (const account of [bob.address, ethers.ZeroAddress]) {
        expect((await registry.tradeCheck(account, Role.Factor))[1]).to.equal(false);
      }
    });

    it("is verified one second before the expiry and not at it (exclusive)", async function () {
      const { registry, alice, expiresAt } = await loadFixture(factorFixture);
      await time.increaseTo(expiresAt - 1n);
      expect((await registry.tradeCheck(alice.address, Role.Factor))[1]).to.equal(true);
      await time.increaseTo(expiresAt);
      expect((await registry.tradeCheck(alice.address, Role.Factor))[1]).to.equal(false);
      expect(await registry.isVerified(alice.address, Role.Factor)).to.equal(false);
    });

    it("is not verified while suspended, and verified again once reinstated", async function () {
      const { registry, alice } = await loadFixture(factorFixture);
      await registry.setSuspended(alice.address, true);
      expect((await registry.tradeCheck(alice.address, Role.Factor))[1]).to.equal(false);
      await registry.setSuspended(alice.address, false);
      expect((await registry.tradeCheck(alice.address, Role.Factor))[1]).to.equal(true);
    });

    it("returns the fees setMarketRules publishes, sale fee first, and the treasury follows", async function () {
      const { registry, alice, bob, defaultRules } = await loadFixture(factorFixture);
      await registry.setMarketRules({ ...defaultRules, saleFeeBps: 10, premiumFeeBps: 40, treasury: bob.address });
      expect(await registry.tradeCheck(alice.address, Role.Factor)).to.deep.equal([false, true, 10n, 40n]);
      expect(await registry.treasury()).to.equal(bob.address);
      await registry.setMarketRules({ ...defaultRules, saleFeeBps: 0, premiumFeeBps: 0, treasury: ethers.ZeroAddress });
      expect(await registry.tradeCheck(alice.address, Role.Factor)).to.deep.equal([false, true, 0n, 0n]);
      expect(await registry.treasury()).to.equal(ethers.ZeroAddress);
    });
  });

  describe("verifiedAnyPair", function () {
    it("answers isVerifiedAny for each of the two accounts, in order", async function () {
      const { registry, alice, bob } = await loadFixture(deployWithRolesFixture);
      expect(await registry.verifiedAnyPair(alice.address, bob.address)).to.deep.equal([false, false]);
      const now = BigInt(await time.latest());
      await registry.verify(alice.address, Role.Debtor, now + 1000n);
      expect(await registry.verifiedAnyPair(alice.address, bob.address)).to.deep.equal([true, false]);
      expect(await registry.verifiedAnyPair(bob.address, alice.address)).to.deep.equal([false, true]);
      expect(await registry.verifiedAnyPair(alice.address, alice.address)).to.deep.equal([true, true]);
      await registry.verify(bob.address, Role.Guarantor, now + 100n);
      expect(await registry.verifiedAnyPair(alice.address, bob.address)).to.deep.equal([true, true]);
    });

    it("counts a suspended account and one whose roles all expired as not verified", async function () {
      const { registry, alice, bob } = await loadFixture(deployWithRolesFixture);
      const now = BigInt(await time.latest());
      await registry.verify(alice.address, Role.Factor, now + 1000n);
      await registry.verify(bob.address, Role.Originator, now + 100n);
      await registry.setSuspended(alice.address, true);
      expect(await registry.verifiedAnyPair(alice.address, bob.address)).to.deep.equal([false, true]);
      await time.increaseTo(now + 100n);
      expect(await registry.verifiedAnyPair(alice.address, bob.address)).to.deep.equal([false, false]);
      await registry.setSuspended(alice.address, false);
      expect(await registry.verifiedAnyPair(alice.address, bob.address)).to.deep.equal([true, false]);
    });
  });

  describe("treasury", function () {
    it("is the deployment's treasury, as currentRules names it", async function () {
      const { registry, treasury } = await loadFixture(deployWithRolesFixture);
      expect(await registry.treasury()).to.equal(treasury.address);
      expect((await registry.currentRules()).treasury).to.equal(treasury.address);
    });

    it("changes with each new rules version; earlier versions keep theirs", async function () {
      const { registry, treasury, carol, dave, defaultRules } = await loadFixture(deployWithRolesFixture);
      await registry.setMarketRules({ ...defaultRules, treasury: carol.address });
      expect(await registry.treasury()).to.equal(carol.address);
      await registry.setMarketRules({ ...defaultRules, treasury: dave.address });
      expect(await registry.treasury()).to.equal(dave.address);
      expect((await registry.rulesAt(1)).treasury).to.equal(treasury.address);
      expect((await registry.rulesAt(2)).treasury).to.equal(carol.address);
    });
  });

  describe("participants (pagination)", function () {
    async function threeParticipantsFixture() {
      const fixture = await deployWithRolesFixture();
      const { registry, alice, bob, carol } = fixture;
      const now = BigInt(await time.latest());
      await registry.verify(carol.address, Role.Factor, now + 300n);
      await registry.verify(alice.address, Role.Originator, now + 100n);
      await registry.verify(bob.address, Role.Debtor, now + 200n);
      await registry.verify(carol.address, Role.Guarantor, now + 400n);
      await registry.setSuspended(alice.address, true);
      const all = [
        [carol.address, false, [0n, 0n, now + 300n, now + 400n]],
        [alice.address, true, [now + 100n, 0n, 0n, 0n]],
        [bob.address, false, [0n, now + 200n, 0n, 0n]],
      ];
      return { ...fixture, all };
    }

    it("returns every participant in order of first verification, with state and expiries", async function () {
      const { registry, all } = await loadFixture(threeParticipantsFixture);
      expect(await registry.participantCount()).to.equal(3n);
      expect(await registry.participants(0, 3)).to.deep.equal(all);
    });

    it("returns a middle page", async function () {
      const { registry, all } = await loadFixture(threeParticipantsFixture);
      expect(await registry.participants(1, 1)).to.deep.equal([all[1]]);
    });

    it("clamps a limit beyond the end", async function () {
      const { registry, all } = await loadFixture(threeParticipantsFixture);
      expect(await registry.participants(0, 10)).to.deep.equal(all);
      expect(await registry.participants(2, 5)).to.deep.equal([all[2]]);
      expect(await registry.participants(1, ethers.MaxUint256)).to.deep.equal(all.slice(1));
    });

    it("returns an empty page for a zero limit", async function () {
      const { registry } = await loadFixture(threeParticipantsFixture);
      expect(await registry.participants(0, 0)).to.deep.equal([]);
      expect(await registry.participants(2, 0)).to.deep.equal([]);
    });

    it("returns an empty page for an offset at or beyond the end", async function () {
      const { registry } = await loadFixture(threeParticipantsFixture);
      expect(await registry.participants(3, 1)).to.deep.equal([]);
      expect(await registry.participants(4, 10)).to.deep.equal([]);
      expect(await registry.participants(ethers.MaxUint256, ethers.MaxUint256)).to.deep.equal([]);
    });

    it("keeps revoked accounts so pages stay stable", async function () {
      const { registry, all, alice } = await loadFixture(threeParticipantsFixture);
      await registry.revoke(alice.address, Role.Originator);
      expect(await registry.participantCount()).to.equal(3n);
      const page = await registry.participants(0, 3);
      expect(page.map((p) => p.account)).to.deep.equal(all.map((p) => p[0]));
      expect(page[1].expiries).to.deep.equal([0n, 0n, 0n, 0n]);
    });
  });

  describe("setCurrencyAllowed", function () {
    describe("when an operator allows a contract", function () {
      it("allowlists it, lists it and emits CurrencyAllowed", async function () {
        const { registry, usdc } = await loadFixture(deployWithRolesFixture);
        await expect(registry.setCurrencyAllowed(usdc, true)).to.emit(registry, "CurrencyAllowed").withArgs(usdc, true);
        expect(await registry.isCurrencyAllowed(usdc)).to.equal(true);
        expect(await registry.currencies()).to.deep.equal([[usdc], [true]]);
      });
    });

    describe("when an operator removes an allowed currency", function () {
      it("stops allowing it, keeps it listed with false and emits CurrencyAllowed", async function () {
        const { registry, usdc, eurc } = await loadFixture(deployWithRolesFixture);
        await registry.setCurrencyAllowed(usdc, true);
        await registry.setCurrencyAllowed(eurc, true);
        await expect(registry.setCurrencyAllowed(usdc, false))
          .to.emit(registry, "CurrencyAllowed")
          .withArgs(usdc, false);
        expect(await registry.isCurrencyAllowed(usdc)).to.equal(false);
        expect(await registry.isCurrencyAllowed(eurc)).to.equal(true);
        expect(await registry.currencies()).to.deep.equal([
          [usdc, eurc],
          [false, true],
        ]);
      });

      it("allows it again without listing it twice", async function () {
        const { registry, usdc, eurc } = await loadFixture(deployWithRolesFixture);
        await registry.setCurrencyAllowed(usdc, true);
        await registry.setCurrencyAllowed(eurc, true);
        await registry.setCurrencyAllowed(usdc, false);
        await expect(registry.setCurrencyAllowed(usdc, true)).to.emit(registry, "CurrencyAllowed").withArgs(usdc, true);
        expect(await registry.currencies()).to.deep.equal([
          [usdc, eurc],
          [true, true],
        ]);
      });
    });

    describe("when the currency has no code", function () {
      it("reverts with RegistryCurrencyNotContract for an account without code and for the zero address", async function () {
        const { registry, alice } = await loadFixture(deployWithRolesFixture);
        for (const currency of [alice.address, ethers.ZeroAddress]) {
          await expect(registry.setCurrencyAllowed(currency, true))
            .to.be.revertedWithCustomError(registry, "RegistryCurrencyNotContract")
            .withArgs(currency);
        }
        expect(await registry.currencies()).to.deep.equal([[], []]);
      });

      it("still removes an allowed currency whose code is gone", async function () {
        const { registry, usdc } = await loadFixture(deployWithRolesFixture);
        await registry.setCurrencyAllowed(usdc, true);
        await networkHelpers.setCode(usdc, "0x");
        await registry.setCurrencyAllowed(usdc, false);
        expect(await registry.isCurrencyAllowed(usdc)).to.equal(false);
      });
    });

    describe("when the state does not change", function () {
      it("reverts with RegistryCurrencyUnchanged when allowing an allowed currency", async function () {
        const { registry, usdc } = await loadFixture(deployWithRolesFixture);
        await registry.setCurrencyAllowed(usdc, true);
        await expect(registry.setCurrencyAllowed(usdc, true))
          .to.be.revertedWithCustomError(registry, "RegistryCurrencyUnchanged")
          .withArgs(usdc, true);
      });

      it("reverts with RegistryCurrencyUnchanged when removing a currency never allowed", async function () {
        const { registry, usdc, alice } = await loadFixture(deployWithRolesFixture);
        for (const currency of [usdc, alice.address]) {
          await expect(registry.setCurrencyAllowed(currency, false))
            .to.be.revertedWithCustomError(registry, "RegistryCurrencyUnchanged")
            .withArgs(currency, false);
        }
        expect(await registry.currencies()).to.deep.equal([[], []]);
      });
    });

    describe("when the registry is paused", function () {
      it("still changes the allowlist", async function () {
        const { registry, pauser, usdc } = await loadFixture(deployWithRolesFixture);
        await registry.connect(pauser).pause();
        await registry.setCurrencyAllowed(usdc, true);
        expect(await registry.isCurrencyAllowed(usdc)).to.equal(true);
      });
    });

    describe("when the caller is not an operator", function () {
      it("reverts with AccessControlUnauthorizedAccount for the deployer, the pauser, the arbiter and random callers", async function () {
        const { registry, deployer, pauser, arbiter, alice, usdc } = await loadFixture(deployWithRolesFixture);
        for (const caller of [deployer, pauser, arbiter, alice, ...(await randomCallers())]) {
          await expect(registry.connect(caller).setCurrencyAllowed(usdc, true))
            .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, OPERATOR_ROLE);
        }
      });
    });
  });

  describe("setMarketRules", function () {
    describe("when an operator publishes valid rules", function () {
      it("returns the next version, emits MarketRulesUpdated and makes them current", async function () {
        const { registry, treasury, defaultRules } = await loadFixture(deployWithRolesFixture);
        const v2: Rules = { ...defaultRules, saleFeeBps: 50, maxTenor: 180 * SECONDS_PER_DAY };
        expect(await registry.setMarketRules.staticCall(v2)).to.equal(2n);
        await expect(registry.setMarketRules(v2)).to.emit(registry, "MarketRulesUpdated").withArgs(2, rulesTuple(v2));
        expect(await registry.currentRulesVersion()).to.equal(2n);
        expect(await registry.currentRules()).to.deep.equal(rulesTuple(v2));
        expect(await registry.rulesAt(2)).to.deep.equal(rulesTuple(v2));
        expect(v2.treasury).to.equal(treasury.address);
      });

      it("creates a new version on every change and leaves the old ones intact (A6)", async function () {
        const { registry, alice, defaultRules } = await loadFixture(deployWithRolesFixture);
        const v2: Rules = { ...defaultRules, minTenor: 30 * SECONDS_PER_DAY };
        const v3: Rules = { ...defaultRules, acceptanceWindow: 3 * SECONDS_PER_DAY, treasury: alice.address };
        await registry.setMarketRules(v2);
        await registry.setMarketRules(v3);
        await registry.setMarketRules(v3);
        expect(await registry.currentRulesVersion()).to.equal(4n);
        expect(await registry.rulesAt(1)).to.deep.equal(rulesTuple(defaultRules));
        expect(await registry.rulesAt(2)).to.deep.equal(rulesTuple(v2));
        expect(await registry.rulesAt(3)).to.deep.equal(rulesTuple(v3));
        expect(await registry.rulesAt(4)).to.deep.equal(rulesTuple(v3));
        expect(await registry.currentRules()).to.deep.equal(rulesTuple(v3));
      });

      it("accepts the fee cap of 100 bps on sales and premiums", async function () {
        const { registry, defaultRules } = await loadFixture(deployWithRolesFixture);
        const atCap = { ...defaultRules, saleFeeBps: 100, premiumFeeBps: 100 };
        await expect(registry.setMarketRules(atCap))
          .to.emit(registry, "MarketRulesUpdated")
          .withArgs(2, rulesTuple(atCap));
      });

      it("accepts a zero fee with the zero address as treasury", async function () {
        const { registry, defaultRules } = await loadFixture(deployWithRolesFixture);
        const noFee = { ...defaultRules, saleFeeBps: 0, premiumFeeBps: 0, treasury: ethers.ZeroAddress };
        await registry.setMarketRules(noFee);
        expect(await registry.currentRules()).to.deep.equal(rulesTuple(noFee));
      });

      it("accepts equal minimum and maximum tenors and one-second windows", async function () {
        const { registry, defaultRules } = await loadFixture(deployWithRolesFixture);
        const tight = {
          ...defaultRules,
          minTenor: 1,
          maxTenor: 1,
          acceptanceWindow: 1,
          defaultGrace: 1,
          guaranteeClaimWindow: 1,
        };
        await registry.setMarketRules(tight);
        expect(await registry.currentRules()).to.deep.equal(rulesTuple(tight));
      });

      it("accepts a maximum tenor, default grace and claim window that add up to exactly MAX_COVER_SPAN", async function () {
        const { registry, defaultRules } = await loadFixture(deployWithRolesFixture);
        const longest = {
          ...defaultRules,
          maxTenor: 400 * SECONDS_PER_DAY,
          defaultGrace: 50 * SECONDS_PER_DAY,
          guaranteeClaimWindow: 90 * SECONDS_PER_DAY,
        };
        await expect(registry.setMarketRules(longest))
          .to.emit(registry, "MarketRulesUpdated")
          .withArgs(2, rulesTuple(longest));
      });

      it("still publishes while paused", async function () {
        const { registry, pauser, defaultRules } = await loadFixture(deployWithRolesFixture);
        await registry.connect(pauser).pause();
        await registry.setMarketRules({ ...defaultRules, saleFeeBps: 10 });
        expect(await registry.currentRulesVersion()).to.equal(2n);
      });
    });

    describe("when the rules are invalid", function () {
      for (const { title, error, args, rules: pick } of invalidRuleCases({
        ...DEFAULT_MARKET_RULES,
        treasury: "0x000000000000000000000000000000000000dEaD",
      })) {
        it(`reverts with ${error} when ${title}, publishing nothing`, async function () {
          const { registry, defaultRules } = await loadFixture(deployWithRolesFixture);
          await expect(registry.setMarketRules(pick))
            .to.be.revertedWithCustomError(registry, error)
            .withArgs(...args);
          expect(await registry.currentRulesVersion()).to.equal(1n);
          expect(await registry.currentRules()).to.deep.equal(rulesTuple(defaultRules));
        });
      }
    });

    describe("when the caller is not an operator", function () {
      it("reverts with AccessControlUnauthorizedAccount for the deployer, the pauser, the arbiter and random callers", async function () {
        const { registry, deployer, pauser, arbiter, alice, defaultRules } = await loadFixture(deployWithRolesFixture);
        for (const caller of [deployer, pauser, arbiter, alice, ...(await randomCallers())]) {
          await expect(registry.connect(caller).setMarketRules(defaultRules))
            .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, OPERATOR_ROLE);
        }
      });
    });
  });

  describe("rulesAt", function () {
    describe("when the version does not exist", function () {
      it("reverts with RegistryUnknownRulesVersion for version 0", async function () {
        const { registry } = await loadFixture(deployWithRolesFixture);
        await expect(registry.rulesAt(0))
          .to.be.revertedWithCustomError(registry, "RegistryUnknownRulesVersion")
          .withArgs(0);
      });

      it("reverts with RegistryUnknownRulesVersion for versions above the current one", async function () {
        const { registry, defaultRules } = await loadFixture(deployWithRolesFixture);
        await registry.setMarketRules(defaultRules);
        for (const version of [3n, 4n, MAX_UINT32]) {
          await expect(registry.rulesAt(version))
            .to.be.revertedWithCustomError(registry, "RegistryUnknownRulesVersion")
            .withArgs(version);
        }
      });
    });
  });

  describe("agents", function () {
    /** The roles fixture with `bob` verified as a factor and revoked again: from now on an agent change waits. */
    async function afterFirstVerificationFixture() {
      const fixture = await deployWithRolesFixture();
      const expiresAt = BigInt(await time.latest()) + 365n * BigInt(SECONDS_PER_DAY);
      await fixture.registry.verify(fixture.bob.address, Role.Factor, expiresAt);
      await fixture.registry.revoke(fixture.bob.address, Role.Factor);
      return fixture;
    }

    describe("when no participant has ever been verified", function () {
      it("trusts and distrusts a contract at once, emitting AgentSet", async function () {
        const { registry, usdc } = await loadFixture(deployWithRolesFixture);
        expect(await registry.participantCount()).to.equal(0n);
        expect(await registry.isAgent(usdc)).to.equal(false);
        const trust = registry.setAgent(usdc, true);
        await expect(trust).to.emit(registry, "AgentSet").withArgs(usdc, true);
        await expect(trust).not.to.emit(registry, "AgentChangeScheduled");
        expect(await registry.isAgent(usdc)).to.equal(true);
        await expect(registry.setAgent(usdc, false)).to.emit(registry, "AgentSet").withArgs(usdc, false);
        expect(await registry.isAgent(usdc)).to.equal(false);
        expect(await registry.agentChangeDueAt(usdc)).to.equal(0n);
      });
    });

    describe("when a participant has been verified (even one revoked since)", function () {
      it("announces the change, which anyone applies once AGENT_CHANGE_DELAY has passed", async function () {
        const { registry, usdc, alice } = await loadFixture(afterFirstVerificationFixture);
        const announced = await registry.setAgent(usdc, true);
        const effectiveAt = BigInt((await announced.getBlock())!.timestamp) + AGENT_CHANGE_DELAY;
        await expect(announced).to.emit(registry, "AgentChangeScheduled").withArgs(usdc, true, effectiveAt);
        await expect(announced).not.to.emit(registry, "AgentSet");
        expect(await registry.isAgent(usdc)).to.equal(false);
        expect(await registry.agentChangeDueAt(usdc)).to.equal(effectiveAt);

        await time.setNextBlockTimestamp(effectiveAt - 1n);
        await expect(registry.connect(alice).applyAgentChange(usdc))
          .to.be.revertedWithCustomError(registry, "RegistryAgentChangeNotDue")
          .withArgs(usdc, effectiveAt, effectiveAt - 1n);
        expect(await registry.isAgent(usdc)).to.equal(false);

        await time.setNextBlockTimestamp(effectiveAt);
        await expect(registry.connect(alice).applyAgentChange(usdc)).to.emit(registry, "AgentSet").withArgs(usdc, true);
        expect(await registry.isAgent(usdc)).to.equal(true);
        expect(await registry.agentChangeDueAt(usdc)).to.equal(0n);
      });

      it("withdraws a pending change when asked for the trust the agent has now", async function () {
        const { registry, usdc } = await loadFixture(afterFirstVerificationFixture);
        await registry.setAgent(usdc, true);
        await expect(registry.setAgent(usdc, false)).to.emit(registry, "AgentChangeCancelled").withArgs(usdc, true);
        expect(await registry.agentChangeDueAt(usdc)).to.equal(0n);
        await time.increase(AGENT_CHANGE_DELAY);
        await expect(registry.applyAgentChange(usdc))
          .to.be.revertedWithCustomError(registry, "RegistryAgentChangeNotPending")
          .withArgs(usdc);
        expect(await registry.isAgent(usdc)).to.equal(false);
      });

      it("reverts with RegistryAgentChangeAlreadyPending for a second announcement", async function () {
        const { registry, usdc } = await loadFixture(afterFirstVerificationFixture);
        await registry.setAgent(usdc, true);
        const effectiveAt = await registry.agentChangeDueAt(usdc);
        await time.increase(1);
        await expect(registry.setAgent(usdc, true))
          .to.be.revertedWithCustomError(registry, "RegistryAgentChangeAlreadyPending")
          .withArgs(usdc, effectiveAt);
        expect(await registry.agentChangeDueAt(usdc)).to.equal(effectiveAt);
      });
    });

    describe("when the address has no code", function () {
      it("reverts with RegistryAgentNotContract for an EOA or the zero address", async function () {
        const { registry, alice } = await loadFixture(deployWithRolesFixture);
        for (const account of [alice.address, ethers.ZeroAddress]) {
          await expect(registry.setAgent(account, true))
            .to.be.revertedWithCustomError(registry, "RegistryAgentNotContract")
            .withArgs(account);
          expect(await registry.isAgent(account)).to.equal(false);
        }
      });
    });

    describe("when nothing would change", function () {
      it("reverts with RegistryAgentUnchanged", async function () {
        const { registry, usdc, eurc, alice } = await loadFixture(deployWithRolesFixture);
        await registry.setAgent(usdc, true);
        await expect(registry.setAgent(usdc, true))
          .to.be.revertedWithCustomError(registry, "RegistryAgentUnchanged")
          .withArgs(usdc, true);
        for (const account of [eurc, alice.address]) {
          await expect(registry.setAgent(account, false))
            .to.be.revertedWithCustomError(registry, "RegistryAgentUnchanged")
            .withArgs(account, false);
        }
        expect(await registry.isAgent(usdc)).to.equal(true);
      });
    });

    describe("when no change is pending", function () {
      it("reverts with RegistryAgentChangeNotPending on applyAgentChange", async function () {
        const { registry, usdc, alice } = await loadFixture(deployWithRolesFixture);
        await registry.setAgent(usdc, true);
        await expect(registry.connect(alice).applyAgentChange(usdc))
          .to.be.revertedWithCustomError(registry, "RegistryAgentChangeNotPending")
          .withArgs(usdc);
        expect(await registry.isAgent(usdc)).to.equal(true);
      });
    });

    describe("when the caller is not an operator", function () {
      it("reverts with AccessControlUnauthorizedAccount for the deployer, the pauser, the arbiter and random callers", async function () {
        const { registry, deployer, pauser, arbiter, alice, usdc } = await loadFixture(deployWithRolesFixture);
        for (const caller of [deployer, pauser, arbiter, alice, ...(await randomCallers())]) {
          await expect(registry.connect(caller).setAgent(usdc, true))
            .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, OPERATOR_ROLE);
        }
        expect(await registry.isAgent(usdc)).to.equal(false);
      });
    });
  });

  describe("transferPartiesAllowed", function () {
    /** `usdc` trusted as an agent (before anyone is verified), `alice` and `carol` verified, `bob` never. */
    async function partiesFixture() {
      const fixture = await deployWithRolesFixture();
      const { registry, usdc, alice, carol } = fixture;
      await registry.setAgent(usdc, true);
      const expiresAt = BigInt(await time.latest()) + 365n * BigInt(SECONDS_PER_DAY);
      await registry.verify(alice.address, Role.Factor, expiresAt);
      await registry.verify(carol.address, Role.Originator, expiresAt);
      return fixture;
    }

    it("allows a move between two verified accounts, whoever makes it", async function () {
      const { registry, alice, bob, carol } = await loadFixture(partiesFixture);
      expect(await registry.transferPartiesAllowed(alice.address, carol.address, alice.address)).to.equal(true);
      expect(await registry.transferPartiesAllowed(alice.address, carol.address, bob.address)).to.equal(true);
    });

    it("refuses an unverified or suspended sender or receiver", async function () {
      const { registry, alice, bob, carol } = await loadFixture(partiesFixture);
      expect(await registry.transferPartiesAllowed(bob.address, alice.address, bob.address)).to.equal(false);
      expect(await registry.transferPartiesAllowed(alice.address, bob.address, alice.address)).to.equal(false);
      await registry.setSuspended(carol.address, true);
      expect(await registry.transferPartiesAllowed(alice.address, carol.address, alice.address)).to.equal(false);
      expect(await registry.transferPartiesAllowed(carol.address, alice.address, carol.address)).to.equal(false);
    });

    it("lets a trusted agent take a claim from anyone into its own custody, and only itself", async function () {
      const { registry, usdc, alice, bob } = await loadFixture(partiesFixture);
      expect(await registry.transferPartiesAllowed(bob.address, usdc, usdc)).to.equal(true);
      expect(await registry.transferPartiesAllowed(alice.address, usdc, usdc)).to.equal(true);
      expect(await registry.transferPartiesAllowed(alice.address, usdc, alice.address)).to.equal(false);
      expect(await registry.transferPartiesAllowed(bob.address, alice.address, alice.address)).to.equal(false);
    });

    it("lets a claim leave a trusted agent's custody only to a verified account", async function () {
      const { registry, usdc, eurc, alice, bob } = await loadFixture(partiesFixture);
      expect(await registry.transferPartiesAllowed(usdc, alice.address, usdc)).to.equal(true);
      expect(await registry.transferPartiesAllowed(usdc, bob.address, usdc)).to.equal(false);
      // An untrusted contract gets no exception either way.
      expect(await registry.transferPartiesAllowed(eurc, alice.address, eurc)).to.equal(false);
      expect(await registry.transferPartiesAllowed(bob.address, eurc, eurc)).to.equal(false);
    });
  });

  describe("pause and unpause", function () {
    describe("when the pauser pauses", function () {
      it("emits Paused and reports paused", async function () {
        const { registry, pauser } = await loadFixture(deployWithRolesFixture);
        await expect(registry.connect(pauser).pause()).to.emit(registry, "Paused").withArgs(pauser.address);
        expect(await registry.paused()).to.equal(true);
      });

      it("reverts with EnforcedPause when already paused", async function () {
        const { registry, pauser } = await loadFixture(deployWithRolesFixture);
        await registry.connect(pauser).pause();
        await expect(registry.connect(pauser).pause()).to.be.revertedWithCustomError(registry, "EnforcedPause");
      });
    });

    describe("when the pauser unpauses", function () {
      it("emits Unpaused and reports not paused", async function () {
        const { registry, pauser } = await loadFixture(deployWithRolesFixture);
        await registry.connect(pauser).pause();
        await expect(registry.connect(pauser).unpause()).to.emit(registry, "Unpaused").withArgs(pauser.address);
        expect(await registry.paused()).to.equal(false);
      });

      it("reverts with ExpectedPause when not paused", async function () {
        const { registry, pauser } = await loadFixture(deployWithRolesFixture);
        await expect(registry.connect(pauser).unpause()).to.be.revertedWithCustomError(registry, "ExpectedPause");
      });
    });

    describe("when the caller is not a pauser", function () {
      it("reverts pause with AccessControlUnauthorizedAccount for the deployer, the operator, the arbiter and random callers", async function () {
        const { registry, deployer, operator, arbiter, alice } = await loadFixture(deployWithRolesFixture);
        for (const caller of [deployer, operator, arbiter, alice, ...(await randomCallers())]) {
          await expect(registry.connect(caller).pause())
            .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, PAUSER_ROLE);
        }
      });

      it("reverts unpause with AccessControlUnauthorizedAccount for the deployer, the operator, the arbiter and random callers", async function () {
        const { registry, deployer, operator, pauser, arbiter, alice } = await loadFixture(deployWithRolesFixture);
        await registry.connect(pauser).pause();
        for (const caller of [deployer, operator, arbiter, alice, ...(await randomCallers())]) {
          await expect(registry.connect(caller).unpause())
            .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, PAUSER_ROLE);
        }
      });
    });

    describe("when the admin revokes PAUSER_ROLE", function () {
      it("the former pauser can no longer pause", async function () {
        const { registry, admin, pauser } = await loadFixture(deployWithRolesFixture);
        await registry.connect(admin).revokeRole(PAUSER_ROLE, pauser.address);
        await expect(registry.connect(pauser).pause())
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(pauser.address, PAUSER_ROLE);
      });
    });
  });

  describe("access roles", function () {
    describe("when the admin grants and revokes OPERATOR_ROLE", function () {
      it("gives and takes away the operator's powers", async function () {
        const { registry, admin, dave, alice } = await loadFixture(deployWithRolesFixture);
        const expiresAt = BigInt(await time.latest()) + 1000n;
        await expect(registry.connect(admin).grantRole(OPERATOR_ROLE, dave.address))
          .to.emit(registry, "RoleGranted")
          .withArgs(OPERATOR_ROLE, dave.address, admin.address);
        expect(await registry.hasRole(OPERATOR_ROLE, dave.address)).to.equal(true);
        await expect(registry.connect(dave).verify(alice.address, Role.Debtor, expiresAt))
          .to.emit(registry, "ParticipantVerified")
          .withArgs(alice.address, Role.Debtor, expiresAt, dave.address);
        await registry.connect(admin).revokeRole(OPERATOR_ROLE, dave.address);
        expect(await registry.hasRole(OPERATOR_ROLE, dave.address)).to.equal(false);
        await expect(registry.connect(dave).verify(alice.address, Role.Debtor, expiresAt))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(dave.address, OPERATOR_ROLE);
      });
    });

    describe("when a non-admin grants a role", function () {
      it("reverts with AccessControlUnauthorizedAccount for DEFAULT_ADMIN_ROLE", async function () {
        const { registry, operator, dave } = await loadFixture(deployWithRolesFixture);
        for (const caller of [operator, dave, ...(await randomCallers(2))]) {
          await expect(registry.connect(caller).grantRole(OPERATOR_ROLE, caller.address))
            .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
        }
      });
    });

    describe("when the admin is handed over (two steps with a delay)", function () {
      it("keeps the admin until the new admin accepts after the delay, then leaves the old one nothing", async function () {
        const { registry, admin, dave } = await loadFixture(deployWithRolesFixture);
        expect(await registry.defaultAdminDelay()).to.equal(BigInt(DEFAULT_ADMIN_DELAY));
        // As the AdminHandover module does: the other roles move at once, the admin role begins its handover.
        for (const role of [OPERATOR_ROLE, ARBITER_ROLE, PAUSER_ROLE]) {
          await registry.connect(admin).grantRole(role, dave.address);
          await registry.connect(admin).renounceRole(role, admin.address);
        }
        await expect(registry.connect(admin).beginDefaultAdminTransfer(dave.address)).to.emit(
          registry,
          "DefaultAdminTransferScheduled",
        );
        const [pending, schedule] = await registry.pendingDefaultAdmin();
        expect(pending).to.equal(dave.address);
        expect(schedule).to.equal(BigInt(await time.latest()) + BigInt(DEFAULT_ADMIN_DELAY));
        expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).to.equal(true);

        await expect(registry.connect(dave).acceptDefaultAdminTransfer())
          .to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminDelay")
          .withArgs(schedule);
        // OpenZeppelin's schedule is exclusive: accepted only once block.timestamp > schedule.
        await time.setNextBlockTimestamp(schedule);
        await expect(registry.connect(dave).acceptDefaultAdminTransfer())
          .to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminDelay")
          .withArgs(schedule);
        await networkHelpers.mine(); // the block at `schedule`; the next one is past it

        const accepted = registry.connect(dave).acceptDefaultAdminTransfer();
        await expect(accepted)
          .to.emit(registry, "RoleRevoked")
          .withArgs(DEFAULT_ADMIN_ROLE, admin.address, dave.address);
        await expect(accepted)
          .to.emit(registry, "RoleGranted")
          .withArgs(DEFAULT_ADMIN_ROLE, dave.address, dave.address);
        expect(await registry.defaultAdmin()).to.equal(dave.address);
        for (const role of [DEFAULT_ADMIN_ROLE, OPERATOR_ROLE, ARBITER_ROLE, PAUSER_ROLE]) {
          expect(await registry.hasRole(role, admin.address), role).to.equal(false);
        }
        await expect(registry.connect(admin).grantRole(OPERATOR_ROLE, admin.address))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(admin.address, DEFAULT_ADMIN_ROLE);
        await registry.connect(dave).revokeRole(OPERATOR_ROLE, dave.address);
        expect(await registry.hasRole(OPERATOR_ROLE, dave.address)).to.equal(false);
      });

      it("refuses acceptance by anyone but the pending admin", async function () {
        const { registry, admin, dave, alice } = await loadFixture(deployWithRolesFixture);
        await registry.connect(admin).beginDefaultAdminTransfer(dave.address);
        await time.increase(DEFAULT_ADMIN_DELAY + 1);
        await expect(registry.connect(alice).acceptDefaultAdminTransfer())
          .to.be.revertedWithCustomError(registry, "AccessControlInvalidDefaultAdmin")
          .withArgs(alice.address);
      });

      it("lets the admin cancel a pending handover", async function () {
        const { registry, admin, dave } = await loadFixture(deployWithRolesFixture);
        await registry.connect(admin).beginDefaultAdminTransfer(dave.address);
        await expect(registry.connect(admin).cancelDefaultAdminTransfer()).to.emit(
          registry,
          "DefaultAdminTransferCanceled",
        );
        await time.increase(DEFAULT_ADMIN_DELAY + 1);
        await expect(registry.connect(dave).acceptDefaultAdminTransfer())
          .to.be.revertedWithCustomError(registry, "AccessControlInvalidDefaultAdmin")
          .withArgs(dave.address);
        expect(await registry.defaultAdmin()).to.equal(admin.address);
      });

      it("refuses a one-step grant of DEFAULT_ADMIN_ROLE", async function () {
        const { registry, admin, dave } = await loadFixture(deployWithRolesFixture);
        await expect(registry.connect(admin).grantRole(DEFAULT_ADMIN_ROLE, dave.address)).to.be.revertedWithCustomError(
          registry,
          "AccessControlEnforcedDefaultAdminRules",
        );
      });
    });

    it("reports each holder through hasRole", async function () {
      const { registry, admin, operator, pauser, arbiter, deployer } = await loadFixture(deployWithRolesFixture);
      expect(await registry.hasRole(OPERATOR_ROLE, operator.address)).to.equal(true);
      expect(await registry.hasRole(PAUSER_ROLE, pauser.address)).to.equal(true);
      expect(await registry.hasRole(ARBITER_ROLE, arbiter.address)).to.equal(true);
      expect(await registry.hasRole(ARBITER_ROLE, operator.address)).to.equal(false);
      expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).to.equal(true);
      expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, deployer.address)).to.equal(false);
    });
  });
});
