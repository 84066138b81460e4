/**
 * The registry's access roles (OpenZeppelin AccessControl): each role's id is the keccak-256 of its Solidity name,
 * as ParticipantRegistry defines it. test/ParticipantRegistry.test.ts pins these ids to the deployed contract.
 */
import { keccak256, toBytes, type Hex } from "viem";

/** Each access role's Solidity constant name, by the name the dApp shows. */
export const ACCESS_ROLE_CONSTANTS = {
  Operator: "OPERATOR_ROLE",
  Arbiter: "ARBITER_ROLE",
  Pauser: "PAUSER_ROLE",
} as const;

export type AccessRoleName = keyof typeof ACCESS_ROLE_CONSTANTS;

/** The access roles' names, in the order the dApp lists them. */
export const ACCESS_ROLE_NAMES = Object.keys(ACCESS_ROLE_CONSTANTS) as AccessRoleName[];

/** Each access role's id. */
export const ACCESS_ROLES = Object.fromEntries(
  ACCESS_ROLE_NAMES.map((name) => [name, keccak256(toBytes(ACCESS_ROLE_CONSTANTS[name]))]),
) as { readonly [N in AccessRoleName]: Hex };

/** AccessControl's admin role: the zero hash. */
export const DEFAULT_ADMIN_ROLE: Hex = `0x${"0".repeat(64)}`;
