import { expect } from "chai";
import { network } from "hardhat";

import AdminHandoverModule from "../ignition/modules/AdminHandover.js";
import { ParticipantRegistry__factory } from "../types/index.js";

const connection = await network.create();
const { ethers } = connection;

describe("AdminHandover module", function () {
  it("gives every registry role to the named admin and takes them all from the deployer", async function () {
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
    const claims = await deployed.claims.getAddress();
    const market = await deployed.market.getAddress();
    expect(await (await ethers.getContractAt("ReceivableClaim", claims)).isAgent(market)).to.equal(true);
  });
});
