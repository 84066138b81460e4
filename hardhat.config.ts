import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

/** The exact compiler version, matching the `solc` package pinned in package.json. */
const SOLC_VERSION = "0.8.30";
const solcPackageVersion: string = require("solc/package.json").version;
if (solcPackageVersion !== SOLC_VERSION) {
  throw new Error(`solc ${SOLC_VERSION} expected, but node_modules has solc ${solcPackageVersion}; run npm ci`);
}

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: SOLC_VERSION,
    // Compile with the solc-js build from npm: no compiler download, ever.
    path: require.resolve("solc/soljson.js"),
    settings: {
      evmVersion: "prague",
      optimizer: { enabled: true, runs: 200 },
    },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1", hardfork: "prague" },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
  },
  test: {
    solidity: {
      profiles: {
        default: { fuzz: { runs: 256 }, invariant: { runs: 64, depth: 64 } },
        deep: { fuzz: { runs: 10_000 }, invariant: { runs: 256, depth: 128 } },
      },
    },
    mocha: { timeout: 120_000 },
  },
  // Mocks are test scaffolding, not product: keep them out of the coverage figures.
  coverage: { skipFiles: ["contracts/mocks/**"] },
  typechain: { outDir: "types" },
});
