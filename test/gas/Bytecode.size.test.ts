/**
 * CI's bytecode check: each production contract's deployed code, read from the chain after the production Ignition
 * deployment, is reported and must stay at or under 24,000 bytes, a margin of 576 bytes below EIP-170's limit of
 * 24,576 bytes above which a deployment fails. The margin leaves room for a fix without a redesign.
 */
import { expect } from "chai";
import hre, { network } from "hardhat";

import { deploySystem } from "../fixtures/system.js";

/** EIP-170: the largest deployable contract. */
const EIP170_LIMIT = 24_576;
/** What CI allows: the limit less a 576-byte margin. */
const CEILING = 24_000;

const connection = await network.create();

describe("bytecode size of the production contracts", () => {
  it(`stays at or under ${CEILING.toLocaleString("en-US")} bytes (EIP-170 limit ${EIP170_LIMIT.toLocaleString("en-US")})`, async function () {
    // Coverage instrumentation inflates the code: sizes only make sense on the real build.
    if (hre.globalOptions.coverage) this.skip();
    const s = await deploySystem(connection);
    const contracts = {
      ParticipantRegistry: s.registry,
      ReceivableClaim: s.claims,
      ClaimRenderer: s.renderer,
      ClaimMarket: s.market,
      GuaranteeEscrow: s.escrow,
      SealedBidAuction: s.auction,
      MarketLens: s.lens,
      ClaimLens: s.claimLens,
      ClaimIssuance: s.issuance,
    };
    const over: string[] = [];
    for (const [name, contract] of Object.entries(contracts)) {
      const address = typeof contract === "string" ? contract : await contract.getAddress();
      const code = await connection.ethers.provider.getCode(address);
      const size = (code.length - 2) / 2;
      console.log(
        `      ${name.padEnd(20)} ${size.toLocaleString("en-US").padStart(6)} bytes, ${(CEILING - size).toLocaleString("en-US")} under the ceiling`,
      );
      if (size > CEILING) over.push(`${name}: ${size} bytes > ${CEILING}`);
    }
    expect(over.join("\n")).to.equal("");
  });
});
