import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import { isAddress } from "ethers";
import { network } from "hardhat";

import AdminHandoverModule from "../ignition/modules/AdminHandover.js";
import LocalStablecoinModule from "../ignition/modules/LocalStablecoin.js";
import StablecoinModule from "../ignition/modules/Stablecoin.js";
import { MockStablecoin__factory, ParticipantRegistry__factory } from "../types/index.js";

const connection = await network.create();
const { ethers } = connection;
const PARAMETERS_DIR = path.join(import.meta.dirname, "..", "ignition", "parameters");
/** A short admin handover delay for these tests, in seconds. */
const ADMIN_DELAY = 3600;

describe("deployment modules", function () {
  it("LocalStablecoin: deploys the system and a 6-decimal mock USDC the registry allowlists", async function () {
    const deployed = await connection.ignition.deploy(LocalStablecoinModule, {
      parameters: path.join(PARAMETERS_DIR, "local.json"),
    });
    const [operator] = await ethers.getSigners();
    const registry = ParticipantRegistry__factory.connect(await deployed.registry.getAddress(), operator);
    const usdc = MockStablecoin__factory.connect(await deployed.stablecoin.getAddress(), operator);
    expect(await registry.isCurrencyAllowed(await usdc.getAddress())).to.equal(true);
    expect([await usdc.symbol(), await usdc.decimals()]).to.deep.equal(["USDC", 6n]);
    expect(await registry.isAgent(await deployed.market.getAddress())).to.equal(true);
    expect(await registry.isAgent(await deployed.auction.getAddress())).to.equal(true);
    expect(await registry.isAgent(await deployed.escrow.getAddress())).to.equal(true);
  });

  it("Stablecoin: allowlists the existing stablecoin named by the `address` parameter, deploys no token", async function () {
    const [operator] = await ethers.getSigners();
    const existing = await new MockStablecoin__factory(operator).deploy("USD Coin", "USDC", 6);
    const deployed = await connection.ignition.deploy(StablecoinModule, {
      parameters: { Stablecoin: { address: await existing.getAddress() } },
    });
    const registry = ParticipantRegistry__factory.connect(await deployed.registry.getAddress(), operator);
    const [currencies] = await registry.currencies();
    expect(currencies).to.deep.equal([await existing.getAddress()]);
    expect(Object.keys(deployed)).to.not.include("stablecoin");
  });

  describe("AdminHandover", function () {
    async function handOver() {
      const [deployer, admin] = await ethers.getSigners();
      const deployed = await connection.ignition.deploy(AdminHandoverModule, {
        parameters: { AdminHandover: { admin: admin.address }, ParticipantRegistry: { adminDelay: ADMIN_DELAY } },
      });
      const registry = ParticipantRegistry__factory.connect(await deployed.registry.getAddress(), deployer);
      const operatorRoles = [
        await registry.OPERATOR_ROLE(),
        await registry.ARBITER_ROLE(),
        await registry.PAUSER_ROLE(),
      ];
      return { deployer, admin, deployed, registry, operatorRoles };
    }

    it("moves the operator, arbiter and pauser roles at once and only begins the admin transfer", async function () {
      const { deployer, admin, deployed, registry, operatorRoles } = await handOver();
      for (const role of operatorRoles) {
        expect(await registry.hasRole(role, admin.address), role).to.equal(true);
        expect(await registry.hasRole(role, deployer.address), role).to.equal(false);
      }
      expect(await registry.defaultAdmin()).to.equal(deployer.address);
      const [pending] = await registry.pendingDefaultAdmin();
      expect(pending).to.equal(admin.address);
      // The wiring the deployer did before handing over stays: the market is a trusted claim agent.
      expect(await registry.isAgent(await deployed.market.getAddress())).to.equal(true);
    });

    it("lets the named admin accept after the delay, which leaves the deployer with no role", async function () {
      const { deployer, admin, registry, operatorRoles } = await handOver();
      const [, schedule] = await registry.pendingDefaultAdmin();
      await expect(registry.connect(admin).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminDelay")
        .withArgs(schedule);
      await connection.networkHelpers.time.increaseTo(schedule + 1n);
      await registry.connect(admin).acceptDefaultAdminTransfer();
      const adminRole = await registry.DEFAULT_ADMIN_ROLE();
      expect(await registry.defaultAdmin()).to.equal(admin.address);
      for (const role of [adminRole, ...operatorRoles]) {
        expect(await registry.hasRole(role, admin.address), role).to.equal(true);
        expect(await registry.hasRole(role, deployer.address), role).to.equal(false);
      }
    });
  });

  it("has parameters for the local chain and the public testnets, each testnet naming its stablecoin", function () {
    const files = readdirSync(PARAMETERS_DIR).sort();
    expect(files).to.deep.equal(["arbitrumSepolia.json", "baseSepolia.json", "local.json", "sepolia.json"]);
    for (const file of files.filter((f) => f !== "local.json")) {
      const parameters = JSON.parse(readFileSync(path.join(PARAMETERS_DIR, file), "utf8"));
      expect(isAddress(parameters.Stablecoin?.address), file).to.equal(true);
      expect(parameters.ParticipantRegistry?.adminDelay, file).to.equal(2 * 24 * 60 * 60);
      expect(parameters, file).to.not.have.property("LocalStablecoin");
    }
  });
});
