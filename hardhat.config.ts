import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

import { DEMO_HISTORY_DAYS } from "./scripts/seed/history.js";

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
    // The chain `npm run dev` serves on 127.0.0.1:8545 (`hardhat node --network demo`): chain 31337, starting
    // DEMO_HISTORY_DAYS before now so that the seeded history ends near the wall clock.
    demo: {
      type: "edr-simulated",
      chainType: "l1",
      hardfork: "prague",
      chainId: 31337,
      initialDate: new Date(Date.now() - DEMO_HISTORY_DAYS * 86_400_000),
    },
    // The scale benchmark's chain (`npm run bench:scale`, `hardhat node --network bench --port 8745`): chain 31337 like
    // the demo's, so the dApp's contract file holds its addresses, with blocks big enough for any batch size the
    // benchmark may be asked for (BENCH_BATCH up to 2,500 transactions of 400,000 gas, mined in one block).
    bench: {
      type: "edr-simulated",
      chainType: "l1",
      hardfork: "prague",
      chainId: 31337,
      blockGasLimit: 1_000_000_000n,
    },
    // Public testnets. The RPC URLs and the deployer's key are configuration variables, read from the encrypted
    // keystore (`npx hardhat keystore set SEPOLIA_RPC_URL`) or the environment; never from the repository.
    sepolia: {
      type: "http",
      chainType: "l1",
      chainId: 11155111,
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
    baseSepolia: {
      type: "http",
      chainType: "op",
      chainId: 84532,
      url: configVariable("BASE_SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
    arbitrumSepolia: {
      type: "http",
      chainType: "generic",
      chainId: 421614,
      url: configVariable("ARBITRUM_SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
  // Contract verification (`npx hardhat ignition verify chain-<id>`): one Etherscan API key covers every chain.
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
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
