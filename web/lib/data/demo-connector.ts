/**
 * A wagmi connector per demo account of the local chain: it signs locally with the account's key (transactions,
 * personal_sign, EIP-712) and sends everything to the local node. Offered only when the dApp is on chain 31337.
 */
import {
  createWalletClient,
  custom,
  fromHex,
  http,
  numberToHex,
  SwitchChainError,
  UnsupportedProviderMethodError,
  type Address,
  type EIP1193RequestFn,
  type Hex,
  type TypedDataDefinition,
} from "viem";
import { createConnector } from "wagmi";

import { LOCAL_CHAIN_ID, localChain } from "./chains";
import type { DemoAccount } from "../domain/demo-accounts";
import { demoSigner } from "./demo-keys";

export const DEMO_CONNECTOR_TYPE = "demo";

interface RpcTransaction {
  to?: Address;
  data?: Hex;
  input?: Hex;
  value?: Hex;
  gas?: Hex;
  nonce?: Hex;
}

/** EIP-712 JSON as wallets receive it (numbers may be decimal strings); turns integer fields back into bigints. */
export function reviveTypedData(json: string): TypedDataDefinition {
  const data = JSON.parse(json) as {
    types: Record<string, { name: string; type: string }[]>;
    primaryType: string;
    domain: Record<string, unknown>;
    message: Record<string, unknown>;
  };
  const revive = (type: string, value: unknown): unknown => {
    if (type.endsWith("]")) {
      const inner = type.slice(0, type.lastIndexOf("["));
      return (value as unknown[]).map((v) => revive(inner, v));
    }
    if (/^u?int\d*$/.test(type)) return BigInt(value as string | number);
    const fields = data.types[type];
    if (fields === undefined) return value;
    const struct = value as Record<string, unknown>;
    return Object.fromEntries(fields.map((f) => [f.name, revive(f.type, struct[f.name])]));
  };
  const { EIP712Domain: _domainType, ...types } = data.types;
  const domain = { ...data.domain };
  if (domain.chainId !== undefined) domain.chainId = BigInt(domain.chainId as string | number);
  return {
    types,
    primaryType: data.primaryType,
    domain,
    message: revive(data.primaryType, data.message) as Record<string, unknown>,
  } as unknown as TypedDataDefinition;
}

/** The connector for one demo account. */
export function demoConnector(demo: DemoAccount) {
  const storageKey = `demo.${demo.key}.connected` as const;
  const node = http(localChain.rpcUrls.default.http[0])({ chain: localChain, retryCount: 0 });
  // The key is derived on the first signature, not when the page loads.
  const signer = () => demoSigner(demo.index);
  const wallet = async () =>
    createWalletClient({
      account: await signer(),
      chain: localChain,
      transport: http(localChain.rpcUrls.default.http[0]),
    });

  const request = async ({ method, params }: { method: string; params?: unknown }): Promise<unknown> => {
    const args = (params ?? []) as unknown[];
    switch (method) {
      case "eth_chainId":
        return numberToHex(LOCAL_CHAIN_ID);
      case "eth_accounts":
      case "eth_requestAccounts":
        return [demo.address];
      case "wallet_switchEthereumChain": {
        const { chainId } = args[0] as { chainId: Hex };
        if (fromHex(chainId, "number") !== LOCAL_CHAIN_ID)
          throw new SwitchChainError(new Error("Demo accounts exist only on the local chain."));
        return null;
      }
      case "eth_sendTransaction": {
        const tx = args[0] as RpcTransaction;
        return (await wallet()).sendTransaction({
          to: tx.to,
          data: tx.data ?? tx.input,
          value: tx.value === undefined ? undefined : fromHex(tx.value, "bigint"),
          gas: tx.gas === undefined ? undefined : fromHex(tx.gas, "bigint"),
          chain: localChain,
        });
      }
      case "personal_sign":
        return (await signer()).signMessage({ message: { raw: args[0] as Hex } });
      case "eth_signTypedData_v4":
        return (await signer()).signTypedData(reviveTypedData(args[1] as string));
      case "eth_sign":
      case "eth_signTransaction":
      case "wallet_sendCalls":
        throw new UnsupportedProviderMethodError(new Error(`${method} is not supported by the demo accounts`));
      default:
        return node.request({ method, params } as never);
    }
  };
  const provider = custom({ request: request as EIP1193RequestFn })({ retryCount: 0 });

  return createConnector<typeof provider>((config) => ({
    id: `demo-${demo.key}`,
    name: demo.name,
    type: DEMO_CONNECTOR_TYPE,
    async setup() {},
    async connect({ chainId, withCapabilities } = {}) {
      if (chainId !== undefined && chainId !== LOCAL_CHAIN_ID)
        throw new SwitchChainError(new Error("Demo accounts exist only on the local chain."));
      await config.storage?.setItem(storageKey, true);
      const address = demo.address;
      return {
        accounts: (withCapabilities ? [{ address, capabilities: {} }] : [address]) as never,
        chainId: LOCAL_CHAIN_ID,
      };
    },
    async disconnect() {
      await config.storage?.removeItem(storageKey);
    },
    async getAccounts() {
      return [demo.address];
    },
    async getChainId() {
      return LOCAL_CHAIN_ID;
    },
    async getProvider() {
      return provider;
    },
    async isAuthorized() {
      return Boolean(await config.storage?.getItem(storageKey));
    },
    async switchChain({ chainId }) {
      if (chainId !== LOCAL_CHAIN_ID)
        throw new SwitchChainError(new Error("Demo accounts exist only on the local chain."));
      return localChain;
    },
    onAccountsChanged() {},
    onChainChanged() {},
    onDisconnect() {
      config.emitter.emit("disconnect");
    },
  }));
}
