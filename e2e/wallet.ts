/**
 * A browser wallet for the tests: an EIP-1193 provider injected into every page and announced through EIP-6963
 * ("OpenFactor Test Wallet"), as an extension would. Its `request` crosses to Node (page.exposeFunction), where the
 * demo cast's real keys sign (the node's public test mnemonic, accounts 0 to 10 as the SDK's cast (packages/sdk/src/cast.ts) assigns
 * them) and everything a wallet does not answer itself is forwarded to the test chain, errors included (Hardhat's
 * {code: 3, data} for a revert reaches the dApp as it would from MetaMask).
 *
 * The dApp sees no account until it asks (eth_requestAccounts or wallet_requestPermissions), so its Connect button
 * shows; `use(key)` switches the account (accountsChanged), `rejectNext()` makes the next request that needs the
 * user's approval fail with EIP-1193's 4001, `switchChain(id)` pretends the wallet moved to another network.
 */
import type { BrowserContext } from "@playwright/test";
import { hexToBigInt, numberToHex, toHex, type Address, type Hex, type TypedDataDefinition } from "viem";
import { mnemonicToAccount, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { CAST, type CastKey } from "@openfactor/sdk";
import { CHAIN_ID, RPC_URL } from "./chain.js";

export type { CastKey } from "@openfactor/sdk";

/** Hardhat's public test mnemonic: the node's default accounts. Worthless keys, never use them elsewhere. */
export const TEST_MNEMONIC = "test test test test test test test test test test test junk";

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0f766e"/>' +
  '<path d="M9 8h14v4H13v3h8v4h-8v5H9z" fill="#fff"/></svg>';

/** The EIP-6963 provider info the wallet announces. */
export const WALLET_INFO = {
  uuid: "4f1b3c2e-6a0d-4c1e-9f5a-0e2d7b8c9a10",
  name: "OpenFactor Test Wallet",
  icon: `data:image/svg+xml,${encodeURIComponent(ICON_SVG)}`,
  rdns: "org.openfactor.testwallet",
} as const;

/** EIP-1193 error codes the wallet answers with. */
export const USER_REJECTED = { code: 4001, message: "User rejected the request." } as const;
const UNAUTHORIZED = 4100;
const UNSUPPORTED = 4200;
const UNRECOGNIZED_CHAIN = 4902;

/** Requests that need the user's approval in a real wallet, and so can be rejected. */
const APPROVALS = new Set([
  "eth_requestAccounts",
  "wallet_requestPermissions",
  "personal_sign",
  "eth_signTypedData_v4",
  "eth_sendTransaction",
  "wallet_switchEthereumChain",
  "wallet_addEthereumChain",
  "wallet_watchAsset",
]);

const BINDING = "__openfactorTestWalletRequest";
const EMITTER = "__openfactorTestWalletEmit";

interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}
type Answer = { result: unknown } | { error: RpcError };

/** A request the dApp made, as the tests may inspect it. */
export interface WalletRequest {
  method: string;
  params: unknown;
  account: Address;
}

/** The page side: the EIP-1193 provider and its EIP-6963 announcement. Runs in the browser, before the dApp. */
export function injectProvider({
  binding,
  emitter,
  info,
}: {
  binding: string;
  emitter: string;
  info: typeof WALLET_INFO;
}) {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const bridge = (window as unknown as Record<string, (method: string, params: unknown) => Promise<Answer>>)[binding];

  const provider = {
    isOpenFactorTestWallet: true,
    async request({ method, params }: { method: string; params?: unknown }) {
      const answer = await bridge(method, params ?? []);
      if ("error" in answer) {
        const error = new Error(answer.error.message) as Error & RpcError;
        error.code = answer.error.code;
        if (answer.error.data !== undefined) error.data = answer.error.data;
        throw error;
      }
      return answer.result;
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener);
      return provider;
    },
    once(event: string, listener: Listener) {
      const wrapped: Listener = (payload) => {
        provider.removeListener(event, wrapped);
        listener(payload);
      };
      return provider.on(event, wrapped);
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
    off(event: string, listener: Listener) {
      return provider.removeListener(event, listener);
    },
  };

  Object.defineProperty(window, emitter, {
    value: (event: string, payload: unknown) => {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          listener(payload);
        } catch (error) {
          console.error(error);
        }
      }
    },
  });

  const detail = Object.freeze({ info: Object.freeze({ ...info }), provider });
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
}

/** Uint and int fields of EIP-712 typed data arrive as decimal strings (JSON has no bigint): make them bigints. */
function normalizeTypedValue(
  types: Record<string, { name: string; type: string }[]>,
  type: string,
  value: unknown,
): unknown {
  const array = /^(.*)\[\d*\]$/.exec(type);
  if (array !== null && Array.isArray(value)) {
    return value.map((item): unknown => normalizeTypedValue(types, array[1], item));
  }
  if (/^u?int\d*$/.test(type) && (typeof value === "string" || typeof value === "number")) return BigInt(value);
  const fields = types[type];
  if (fields !== undefined && typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(fields.map((f) => [f.name, normalizeTypedValue(types, f.type, record[f.name])]));
  }
  return value;
}

async function nodeRequest(method: string, params: unknown): Promise<Answer> {
  const response = await fetch(RPC_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: RpcError };
  return body.error !== undefined ? { error: body.error } : { result: body.result };
}

async function nodeResult<T>(method: string, params: unknown): Promise<T> {
  const answer = await nodeRequest(method, params);
  if ("error" in answer) throw Object.assign(new Error(answer.error.message), { rpc: answer.error });
  return answer.result as T;
}

let cast: ReadonlyMap<CastKey, PrivateKeyAccount> | undefined;

/**
 * The cast's signing accounts, derived once per test worker (not once per test): the mnemonic's seed (2,048 rounds
 * of PBKDF2) once, the key at m/44'/60'/0'/0 once, and each member's key as its child at the member's index (Hardhat's
 * path m/44'/60'/0'/0/<index>).
 */
function castAccounts(): ReadonlyMap<CastKey, PrivateKeyAccount> {
  if (cast !== undefined) return cast;
  const parent = mnemonicToAccount(TEST_MNEMONIC, { path: "m/44'/60'/0'/0" }).getHdKey();
  cast = new Map(
    CAST.map((member) => [member.key, privateKeyToAccount(toHex(parent.deriveChild(member.account).privateKey!))]),
  );
  return cast;
}

/** The Node side of the wallet: keys, state, and the answers to the page's requests. */
export class TestWallet {
  readonly #context: BrowserContext;
  readonly #accounts = castAccounts();
  #active: CastKey;
  #connected = false;
  #chainId: number = CHAIN_ID;
  readonly #knownChains = new Set<number>([CHAIN_ID]);
  #rejections = 0;
  /** Every request the dApp made, in order. */
  readonly requests: WalletRequest[] = [];

  constructor(context: BrowserContext, account: CastKey = "operator") {
    this.#context = context;
    this.#active = account;
  }

  /** Injects the wallet into every page of the context; call before the first navigation. */
  async install(): Promise<void> {
    await this.#context.exposeFunction(BINDING, (method: string, params: unknown) => this.#answer(method, params));
    await this.#context.addInitScript(injectProvider, { binding: BINDING, emitter: EMITTER, info: WALLET_INFO });
  }

  /** The address of a cast member, or of the active account. */
  address(key: CastKey = this.#active): Address {
    const account = this.#accounts.get(key);
    if (account === undefined) throw new Error(`no test account "${key}"`);
    return account.address;
  }

  /** The active account's cast key. */
  get account(): CastKey {
    return this.#active;
  }

  /** True once the dApp was given the account (and until it revokes it or `disconnect()`). */
  get connected(): boolean {
    return this.#connected;
  }

  /** The chain id the wallet reports. */
  get chainId(): number {
    return this.#chainId;
  }

  /** Switches the active account, as a user would in the wallet; the dApp hears accountsChanged if connected. */
  async use(key: CastKey): Promise<void> {
    this.address(key);
    this.#active = key;
    if (this.#connected) await this.#emit("accountsChanged", [this.address()]);
  }

  /** The next request needing approval (connect, sign, send, switch chain) fails with 4001 "User rejected". */
  rejectNext(times = 1): void {
    this.#rejections += times;
  }

  /** Disconnects from the wallet's side (the dApp hears accountsChanged with no account). */
  async disconnect(): Promise<void> {
    this.#connected = false;
    await this.#emit("accountsChanged", []);
  }

  /**
   * Moves the wallet to another chain id (e.g. 11155111 to show the dApp a wrong network) or back to the test
   * chain; the dApp hears chainChanged. Requests are still answered by the test node.
   */
  async switchChain(chainId: number): Promise<void> {
    this.#chainId = chainId;
    this.#knownChains.add(chainId);
    await this.#emit("chainChanged", numberToHex(chainId));
  }

  /** The requests made for `method`. */
  requestsFor(method: string): WalletRequest[] {
    return this.requests.filter((r) => r.method === method);
  }

  async #emit(event: string, payload: unknown): Promise<void> {
    await Promise.all(
      this.#context
        .pages()
        .map((page) =>
          page
            .evaluate(
              ([emitter, name, value]) =>
                (window as unknown as Record<string, (e: unknown, p: unknown) => void>)[emitter as string]?.(
                  name,
                  value,
                ),
              [EMITTER, event, payload] as const,
            )
            .catch(() => undefined),
        ),
    );
  }

  async #answer(method: string, params: unknown): Promise<Answer> {
    const args = Array.isArray(params) ? (params as unknown[]) : [];
    this.requests.push({ method, params, account: this.address() });
    if (APPROVALS.has(method) && this.#rejections > 0) {
      this.#rejections--;
      return { error: { ...USER_REJECTED } };
    }
    try {
      return { result: await this.#handle(method, args) };
    } catch (error) {
      const rpc = (error as { rpc?: RpcError }).rpc;
      if (rpc !== undefined) return { error: rpc };
      return { error: { code: -32603, message: error instanceof Error ? error.message : String(error) } };
    }
  }

  #fail(code: number, message: string): never {
    throw Object.assign(new Error(message), { rpc: { code, message } });
  }

  #signer(from: unknown): PrivateKeyAccount {
    if (!this.#connected) this.#fail(UNAUTHORIZED, "The requested account has not been authorized by the user.");
    const account = this.#accounts.get(this.#active);
    if (account === undefined || typeof from !== "string" || from.toLowerCase() !== account.address.toLowerCase()) {
      this.#fail(UNAUTHORIZED, `The requested account ${String(from)} is not the wallet's active account.`);
    }
    return account;
  }

  async #handle(method: string, args: unknown[]): Promise<unknown> {
    switch (method) {
      case "eth_accounts":
        return this.#connected ? [this.address()] : [];
      case "eth_requestAccounts":
        this.#connected = true;
        return [this.address()];
      case "wallet_requestPermissions":
        this.#connected = true;
        return [this.#permission()];
      case "wallet_getPermissions":
        return this.#connected ? [this.#permission()] : [];
      case "wallet_revokePermissions":
        this.#connected = false;
        return null;
      case "eth_chainId":
        return numberToHex(this.#chainId);
      case "net_version":
        return String(this.#chainId);
      case "wallet_switchEthereumChain": {
        const chainId = Number((args[0] as { chainId: Hex }).chainId);
        if (!this.#knownChains.has(chainId)) this.#fail(UNRECOGNIZED_CHAIN, `Unrecognized chain ID ${chainId}.`);
        if (chainId !== this.#chainId) await this.switchChain(chainId);
        return null;
      }
      case "wallet_addEthereumChain":
        this.#knownChains.add(Number((args[0] as { chainId: Hex }).chainId));
        return null;
      case "wallet_watchAsset":
        return true;
      case "personal_sign": {
        const [message, from] = args as [Hex, Address];
        return this.#signer(from).signMessage({ message: { raw: message } });
      }
      case "eth_signTypedData_v4": {
        const [from, json] = args as [Address, string | Record<string, unknown>];
        const account = this.#signer(from);
        const typed = (typeof json === "string" ? JSON.parse(json) : json) as {
          domain: Record<string, unknown>;
          types: Record<string, { name: string; type: string }[]>;
          primaryType: string;
          message: Record<string, unknown>;
        };
        const { EIP712Domain: _domainType, ...types } = typed.types;
        const domain = { ...typed.domain };
        if (domain.chainId !== undefined) domain.chainId = Number(domain.chainId);
        return account.signTypedData({
          domain,
          types,
          primaryType: typed.primaryType,
          message: normalizeTypedValue(types, typed.primaryType, typed.message),
        } as unknown as TypedDataDefinition);
      }
      case "eth_sendTransaction":
        return this.#send(args[0] as Record<string, Hex | undefined>);
      case "eth_sign":
      case "eth_signTransaction":
      case "eth_signTypedData":
      case "eth_signTypedData_v3":
        this.#fail(UNSUPPORTED, `The test wallet does not support ${method}.`);
        break;
      default:
        return nodeResult(method, args);
    }
  }

  #permission() {
    return {
      parentCapability: "eth_accounts",
      invoker: "openfactor-e2e",
      caveats: [{ type: "restrictReturnedAccounts", value: [this.address()] }],
    };
  }

  /** Signs the transaction with the active key and sends it raw; gas, nonce and fees filled in as a wallet would. */
  async #send(tx: Record<string, Hex | undefined>): Promise<Hex> {
    const account = this.#signer(tx.from);
    const call = { from: account.address, to: tx.to, data: tx.data ?? tx.input, value: tx.value };
    // A reverting call fails here with the node's own error ({code: 3, data}), as in a real wallet.
    const gas = tx.gas ?? tx.gasLimit ?? (await nodeResult<Hex>("eth_estimateGas", [call]));
    const nonce = tx.nonce ?? (await nodeResult<Hex>("eth_getTransactionCount", [account.address, "pending"]));
    const block = await nodeResult<{ baseFeePerGas?: Hex }>("eth_getBlockByNumber", ["latest", false]);
    const priority = tx.maxPriorityFeePerGas ?? toHex(1_000_000_000n);
    const maxFee =
      tx.maxFeePerGas ?? tx.gasPrice ?? toHex(hexToBigInt(block.baseFeePerGas ?? "0x0") * 2n + hexToBigInt(priority));
    const signed = await account.signTransaction({
      type: "eip1559",
      chainId: CHAIN_ID,
      to: tx.to,
      data: call.data,
      value: tx.value === undefined ? undefined : hexToBigInt(tx.value),
      gas: hexToBigInt(gas),
      nonce: Number(hexToBigInt(nonce)),
      maxFeePerGas: hexToBigInt(maxFee),
      maxPriorityFeePerGas: hexToBigInt(priority),
    });
    return nodeResult<Hex>("eth_sendRawTransaction", [signed]);
  }
}
