/**
 * Finding: tokenURI reverted ("function returned an unexpected amount of data") when the currency's symbol()
 * returned bytes32 (MKR-style) or when the currency answered with nothing from a silent fallback: Solidity's
 * try/catch does not catch a failure to decode return data. The renderer now reads decimals() and symbol() with
 * a raw staticcall and checks the shape of what comes back, falling back to raw units and the word "units".
 */
import { expect } from "chai";
import { AbiCoder, encodeBytes32String, toBeHex, zeroPadValue } from "ethers";
import { network } from "hardhat";

import { deploySystem, type System } from "../fixtures/system.js";
import { OddMetadataToken__factory } from "../../types/index.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySystem(connection);
const abi = AbiCoder.defaultAbiCoder();

interface Metadata {
  attributes: { trait_type: string; value: string }[];
}

async function faceValueShown(s: System, symbolReply: string, decimalsReply: string, revertSymbol = false) {
  const odd = await new OddMetadataToken__factory(s.operator).deploy();
  await odd.setReplies(symbolReply, decimalsReply, revertSymbol);
  await s.registry.setCurrencyAllowed(await odd.getAddress(), true);
  const id = await s.issue({ currency: await odd.getAddress(), faceValue: 1_234_500_000n });
  const uri = await s.claims.tokenURI(id);
  const json = JSON.parse(Buffer.from(uri.split(",")[1], "base64").toString("utf8")) as Metadata;
  return json.attributes.find((a) => a.trait_type === "Face value")?.value;
}

const six = abi.encode(["uint8"], [6]);

describe("finding: tokenURI with currencies that answer oddly", () => {
  it("reads a bytes32 symbol up to its first zero byte", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    expect(await faceValueShown(s, encodeBytes32String("MKR"), six)).to.equal("1234.50 MKR");
  });

  it("reads a full 32-byte bytes32 symbol", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const full = toBeHex(BigInt("0x" + "41".repeat(32)), 32); // 32 × "A"
    expect(await faceValueShown(s, full, six)).to.equal(`1234.50 ${"A".repeat(32)}`);
  });

  it("shows raw units and 'units' when symbol() and decimals() return nothing", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    expect(await faceValueShown(s, "0x", "0x")).to.equal("1234500000 units");
  });

  it("shows 'units' when symbol() reverts", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    expect(await faceValueShown(s, "0x", six, true)).to.equal("1234.50 units");
  });

  it("shows 'units' for a string whose offset is not 32", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const bad = abi.encode(["uint256", "uint256", "bytes32"], [64, 3, encodeBytes32String("USD")]);
    expect(await faceValueShown(s, bad, six)).to.equal("1234.50 units");
  });

  it("shows 'units' for a string whose length runs past the data", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const bad = abi.encode(["uint256", "uint256", "bytes32"], [32, 33, encodeBytes32String("USD")]);
    expect(await faceValueShown(s, bad, six)).to.equal("1234.50 units");
  });

  it("shows 'units' for a reply between 33 and 63 bytes", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    expect(await faceValueShown(s, zeroPadValue("0x01", 40), six)).to.equal("1234.50 units");
  });

  it("reads a well-formed string symbol", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    expect(await faceValueShown(s, abi.encode(["string"], ["EURC"]), six)).to.equal("1234.50 EURC");
  });

  it("shows raw units when decimals() answers above 255 or with the wrong length", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const symbol = abi.encode(["string"], ["X"]);
    expect(await faceValueShown(s, symbol, abi.encode(["uint256"], [256]))).to.equal("1234500000 X");
    expect(await faceValueShown(s, symbol, zeroPadValue("0x06", 64))).to.equal("1234500000 X");
  });
});
