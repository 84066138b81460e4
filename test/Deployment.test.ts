import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import { isAddress } from "ethers";
import { network } from "hardhat";

import AdminHandoverModule from "../ignition/modules/AdminHandover.js";
import LocalStablecoinModule from "../ignition/modules/LocalStablecoin.js";
import StablecoinModule from "../ignition/modules/Stablecoin.js";
import { MockStablecoin__factory, ParticipantRegistry__factory, ReceivableClaim__factory } from "../types/index.js";

const connection = await network.create();
const { ethers } = connection;
const PARAMETERS_DIR = path.join(import.meta.dirname, "..", "ignition", "parameters");

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
    const claims = ReceivableClaim__factory.connect(await deployed.claims.getAddress(), operator);
    expect(await claims.isAgent(await deployed.market.getAddress())).to.equal(true);
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

  it("AdminHandover: gives every registry role to the named admin and takes them all from the deployer", async function () {
    const [deployer, admin] = await ethers.getSigners();
    const deployed = await connection.ignition.deploy(AdminHandoverModule, {
      parameters: { AdminHandover: { admin: admin.address } },
    });
    const registry = ParticipantRegistry__factory.connect(await deployed.registry.getAddress(), deployer);
    const roles = [
      await registry.DEFAULT_ADMIN_ROLE(),
      await registry.OPERATOR_ROLE(),
      await registry.ARBITER_ROLE(),
      await registry.PAUSER_ROLE(),
    ];
    for (const role of roles) {
      expect(await registry.hasRole(role, admin.address), role).to.equal(true);
      expect(await registry.hasRole(role, deployer.address), role).to.equal(false);
    }
    // The wiring the deployer did before handing over stays: the market is a trusted claim agent.
    const claims = ReceivableClaim__factory.connect(await deployed.claims.getAddress(), deployer);
    expect(await claims.isAgent(await deployed.market.getAddress())).to.equal(true);
  });

  it("has parameters for the local chain and the public testnets, each testnet naming its stablecoin", function () {
    const files = readdirSync(PARAMETERS_DIR).sort();
    expect(files).to.deep.equal(["arbitrumSepolia.json", "baseSepolia.json", "local.json", "sepolia.json"]);
    for (const file of files.filter((f) => f !== "local.json")) {
      const parameters = JSON.parse(readFileSync(path.join(PARAMETERS_DIR, file), "utf8"));
      expect(isAddress(parameters.Stablecoin?.address), file).to.equal(true);
      expect(parameters, file).to.not.have.property("LocalStablecoin");
    }
  });
});
