/**
 * The demo accounts' keys, derived when a demo account first signs: the derivation code (BIP-39 seed, BIP-32 keys,
 * secp256k1) is loaded then, never with a page. The mnemonic's seed (2,048 rounds of PBKDF2) is computed once for
 * all accounts: the key at m/44'/60'/0'/0 is derived once, and each account is its child <index> (Hardhat's path
 * m/44'/60'/0'/0/<index>), the key `mnemonicToAccount` gives one seed at a time. Public, worthless keys.
 */
import { toHex } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";

/** Hardhat's default test mnemonic (public; the local node's accounts 0..19). */
export const HARDHAT_TEST_MNEMONIC = "test test test test test test test test test test test junk";

let parentKey: Promise<{ deriveChild(index: number): { privateKey: Uint8Array | null } }> | undefined;
const signers = new Map<number, Promise<PrivateKeyAccount>>();

/** The signing account at the mnemonic's address `index`, derived on first use. */
export function demoSigner(index: number): Promise<PrivateKeyAccount> {
  let signer = signers.get(index);
  if (signer === undefined) {
    signer = (async () => {
      const { mnemonicToAccount, privateKeyToAccount } = await import("viem/accounts");
      parentKey ??= Promise.resolve(mnemonicToAccount(HARDHAT_TEST_MNEMONIC, { path: "m/44'/60'/0'/0" }).getHdKey());
      const { privateKey } = (await parentKey).deriveChild(index);
      if (privateKey === null) throw new Error(`no key at address index ${index}`);
      return privateKeyToAccount(toHex(privateKey));
    })();
    signers.set(index, signer);
  }
  return signer;
}
