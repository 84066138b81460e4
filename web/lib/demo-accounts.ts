/**
 * The local demo's accounts: the seed's cast (scripts/seed/cast.ts, the one list of who is who) paired with the
 * accounts of Hardhat's public test mnemonic, which the local node funds. Public, worthless keys: this module is
 * only ever used on the local chain (31337).
 */
import { toHex } from "viem";
import { mnemonicToAccount, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { CAST } from "../../scripts/seed/cast";

/** Hardhat's default test mnemonic (public; the local node's accounts 0..19). */
export const HARDHAT_TEST_MNEMONIC = "test test test test test test test test test test test junk";

export interface DemoAccount {
  /** The cast member's key (operator, sme1, …). */
  key: string;
  /** The business name, e.g. "Acme Textiles". */
  label: string;
  /** Its part in the story, e.g. "SME". */
  part: string;
  /** The button text: "Acme Textiles — SME". */
  name: string;
  account: PrivateKeyAccount;
}

let cached: DemoAccount[] | undefined;

/**
 * The demo accounts in the cast's order, derived once, on first use. The mnemonic's seed (2,048 rounds of
 * PBKDF2) is computed once for all of them: the key at m/44'/60'/0'/0 is derived once, and each demo account is
 * its child <index> (Hardhat's path m/44'/60'/0'/0/<index>), the key `mnemonicToAccount` gives one seed at a time.
 */
export function demoAccounts(): DemoAccount[] {
  if (cached !== undefined) return cached;
  const parent = mnemonicToAccount(HARDHAT_TEST_MNEMONIC, { path: "m/44'/60'/0'/0" }).getHdKey();
  cached = CAST.map((member) => ({
    key: member.key,
    label: member.label,
    part: member.part,
    name: `${member.label} — ${member.part}`,
    account: privateKeyToAccount(toHex(parent.deriveChild(member.account).privateKey!)),
  }));
  return cached;
}

/** The demo account's label for `address`, if it is one (e.g. to name debtors in the local demo). */
export function demoLabel(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  return demoAccounts().find((d) => d.account.address.toLowerCase() === address.toLowerCase())?.label;
}
