/** The dApp's one wagmi config: its chains, transports and wallet connectors. */
import { createConfig, http, type CreateConnectorFn, type Transport } from "wagmi";
import { injected, walletConnect } from "wagmi/connectors";

import { CHAINS, LOCAL_CHAIN_ENABLED, LOCAL_CHAIN_ID, LOCAL_RPC_URL } from "./chains";
import { demoAccounts } from "../domain/demo-accounts";
import { demoConnector } from "./demo-connector";

const WALLETCONNECT_PROJECT_ID = process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID;

function connectors(): CreateConnectorFn[] {
  const list: CreateConnectorFn[] = [];
  // WalletConnect's provider is imported by the connector only when a user picks it.
  if (WALLETCONNECT_PROJECT_ID)
    list.push(walletConnect({ projectId: WALLETCONNECT_PROJECT_ID, showQrModal: true }) as CreateConnectorFn);
  // The demo accounts exist only in builds that include the local chain (constant at build time).
  if (LOCAL_CHAIN_ENABLED) list.push(...demoAccounts().map((d) => demoConnector(d) as CreateConnectorFn));
  return list;
}

/** The config: injected wallets discovered with EIP-6963, plus the connectors above. */
export function makeConfig() {
  return createConfig({
    chains: CHAINS,
    connectors: [injected({ shimDisconnect: true }) as CreateConnectorFn, ...connectors()],
    multiInjectedProviderDiscovery: true,
    ssr: true,
    transports: Object.fromEntries(
      CHAINS.map((c) => [c.id, c.id === LOCAL_CHAIN_ID ? http(LOCAL_RPC_URL, { batch: true }) : http()]),
    ) as Record<number, Transport>,
  });
}

export type OpenFactorConfig = ReturnType<typeof makeConfig>;
