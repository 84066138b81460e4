/**
 * The indexer's configuration. Environment:
 *   OPENFACTOR_CHAIN_ID   the chain to index (default 31337, the local chain); its addresses come from the SDK
 *   OPENFACTOR_RPC_URL    its JSON-RPC endpoint (default http://127.0.0.1:8545)
 *   OPENFACTOR_START_BLOCK  the first block to read (default 0)
 *   DATABASE_URL          PostgreSQL connection string; without it the indexer runs on PGlite (embedded)
 *   PONDER_PGLITE_DIR     PGlite's directory (default .ponder/pglite)
 */
import { createConfig } from "ponder";

import { abiOf, addressesOn } from "./src/contracts.ts";

const chainId = Number(process.env.OPENFACTOR_CHAIN_ID ?? "31337");
const rpc = process.env.OPENFACTOR_RPC_URL ?? "http://127.0.0.1:8545";
const startBlock = Number(process.env.OPENFACTOR_START_BLOCK ?? "0");
const addresses = addressesOn(chainId);
/** The local chain restarts from block 0 with new blocks under the same numbers: nothing of it may be cached. */
const isLocal = chainId === 31337;

const on = { chain: "openfactor", startBlock } as const;

export default createConfig({
  database:
    process.env.DATABASE_URL === undefined || process.env.DATABASE_URL === ""
      ? { kind: "pglite", directory: process.env.PONDER_PGLITE_DIR ?? ".ponder/pglite" }
      : { kind: "postgres", connectionString: process.env.DATABASE_URL },
  chains: {
    openfactor: { id: chainId, rpc, disableCache: isLocal, pollingInterval: isLocal ? 250 : 1_000 },
  },
  contracts: {
    ReceivableClaim: { ...on, abi: abiOf("ReceivableClaim"), address: addresses.ReceivableClaim },
    ClaimMarket: { ...on, abi: abiOf("ClaimMarket"), address: addresses.ClaimMarket },
    GuaranteeEscrow: { ...on, abi: abiOf("GuaranteeEscrow"), address: addresses.GuaranteeEscrow },
    SealedBidAuction: { ...on, abi: abiOf("SealedBidAuction"), address: addresses.SealedBidAuction },
    ParticipantRegistry: { ...on, abi: abiOf("ParticipantRegistry"), address: addresses.ParticipantRegistry },
    ClaimRenderer: { ...on, abi: abiOf("ClaimRenderer"), address: addresses.ClaimRenderer },
  },
});
