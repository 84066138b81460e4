/**
 * The local demo's accounts: the seed's cast (the SDK's cast (packages/sdk/src/cast.ts), the one list of who is who) paired with the
 * local node's funded accounts (Hardhat's public test mnemonic; their addresses are generated into
 * generated/contracts.ts). Naming them needs no key: the keys are derived only when a demo account signs
 * (demo-keys.ts), so the key-derivation code is not part of any page's first load. Public, worthless keys: used
 * only on the local chain (31337).
 */
import { getAddress, type Address } from "viem";

import { CAST, localAccounts } from "@openfactor/sdk";

export interface DemoAccount {
  /** The cast member's key (operator, sme1, …). */
  key: string;
  /** The business name, e.g. "Acme Textiles". */
  label: string;
  /** Its part in the story, e.g. "SME". */
  part: string;
  /** The button text: "Acme Textiles — SME". */
  name: string;
  /** Its index among the node's accounts (the mnemonic's address index). */
  index: number;
  /** Its address. */
  address: Address;
}

const DEMO_ACCOUNTS: readonly DemoAccount[] = CAST.map((member) => ({
  key: member.key,
  label: member.label,
  part: member.part,
  name: `${member.label} — ${member.part}`,
  index: member.account,
  address: getAddress(localAccounts[member.account]),
}));

/** The demo accounts in the cast's order. */
export function demoAccounts(): readonly DemoAccount[] {
  return DEMO_ACCOUNTS;
}

/** The demo account's label for `address`, if it is one (e.g. to name debtors in the local demo). */
export function demoLabel(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  return DEMO_ACCOUNTS.find((d) => d.address.toLowerCase() === address.toLowerCase())?.label;
}
