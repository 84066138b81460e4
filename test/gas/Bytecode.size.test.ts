/**
 * CI's bytecode check: each production contract's deployed code, read from the chain after the production Ignition
 * deployment, is reported and must stay at or under its ceiling (test/gas/sizes.ts): 22,000 bytes, 2,576 below
 * EIP-170's limit of 24,576 bytes above which a deployment fails, so that a fix never needs a redesign.
 * ReceivableClaim is held to 24,000 bytes until its own re-cut lowers it.
 */
import { expect } from "chai";
import hre, { network } from "hardhat";

import { deploySystem } from "../fixtures/system.js";
import { CEILING, ceilingOf, contractSizes, EIP170_LIMIT } from "./sizes.js";

const connection = await network.create();

describe("bytecode size of the production contracts", () => {
  it(`stays at or under ${CEILING.toLocaleString("en-US")} bytes (EIP-170 limit ${EIP170_LIMIT.toLocaleString("en-US")}), ReceivableClaim 24,000`, async function () {
    // Coverage instrumentation inflates the code: sizes only make sense on the real build.
    if (hre.globalOptions.coverage) this.skip();
    const over: string[] = [];
    for (const { name, size } of await contractSizes(connection, await deploySystem(connection))) {
      const ceiling = ceilingOf(name);
      console.log(
        `      ${name.padEnd(20)} ${size.toLocaleString("en-US").padStart(6)} bytes, ${(ceiling - size).toLocaleString("en-US")} under its ceiling`,
      );
      if (size > ceiling) over.push(`${name}: ${size} bytes > ${ceiling}`);
    }
    expect(over.join("\n")).to.equal("");
  });
});
