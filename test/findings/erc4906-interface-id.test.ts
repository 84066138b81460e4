/**
 * Finding: ReceivableClaim.supportsInterface answered ERC-4906 with `type(IERC4906).interfaceId`. IERC4906 declares
 * only events, so that expression is 0x00000000: the contract said false for the standard id 0x49064906 (wallets and
 * marketplaces never learnt to refresh metadata on MetadataUpdate) and true for the meaningless id 0x00000000.
 * Fix: compare with the constant 0x49064906, as OpenZeppelin's ERC721URIStorage does.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem } from "../fixtures/system.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("finding: ERC-4906 interface id", () => {
  it("supports 0x49064906, the id ERC-4906 fixes", async () => {
    const { claims } = await networkHelpers.loadFixture(fixture);
    expect(await claims.supportsInterface("0x49064906")).to.equal(true);
  });

  it("does not claim the empty interface id 0x00000000", async () => {
    const { claims } = await networkHelpers.loadFixture(fixture);
    expect(await claims.supportsInterface("0x00000000")).to.equal(false);
  });
});
