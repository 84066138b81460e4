/**
 * The operator's recurring steps in the participant registry: verifying participants for their roles, revoking and
 * suspending them, and giving staff the access roles. One-off administration (rules, currencies, agents, pausing)
 * is left to `contractCall`. Each returns one call for viem or wagmi.
 */
import type { Address } from "viem";

import { contractCall, type Contracts } from "../calls.ts";
import { Role, type RoleName } from "../enums.ts";
import { ACCESS_ROLES, type AccessRoleName } from "../roles.ts";

/**
 * The operator verifies `account` for `role` until `expiresAt` (unix seconds, exclusive). Fails with
 * `RegistryExpiryNotInFuture`, or AccessControl's `AccessControlUnauthorizedAccount` without OPERATOR_ROLE.
 */
export const verifyParticipant = (contracts: Contracts, account: Address, role: RoleName, expiresAt: bigint) =>
  contractCall(contracts, "registry", "verify", [account, Role[role], expiresAt]);

/** {@link verifyParticipant} for several accounts, roles and expiries at once (`RegistryLengthMismatch`). */
export const verifyParticipants = (
  contracts: Contracts,
  verifications: readonly { account: Address; role: RoleName; expiresAt: bigint }[],
) =>
  contractCall(contracts, "registry", "verifyBatch", [
    verifications.map((v) => v.account),
    verifications.map((v) => Role[v.role]),
    verifications.map((v) => v.expiresAt),
  ]);

/** The operator removes `role` from `account`. Fails with `RegistryRoleNotHeld`. */
export const revokeParticipant = (contracts: Contracts, account: Address, role: RoleName) =>
  contractCall(contracts, "registry", "revoke", [account, Role[role]]);

/**
 * The operator suspends (true) or reinstates (false) `account` in all its roles. Fails with
 * `RegistrySuspensionUnchanged`.
 */
export const suspendParticipant = (contracts: Contracts, account: Address, suspended: boolean) =>
  contractCall(contracts, "registry", "setSuspended", [account, suspended]);

/** The admin gives `account` an access role (operator, arbiter, pauser). */
export const grantAccessRole = (contracts: Contracts, role: AccessRoleName, account: Address) =>
  contractCall(contracts, "registry", "grantRole", [ACCESS_ROLES[role], account]);

/** The admin takes an access role from `account`. */
export const revokeAccessRole = (contracts: Contracts, role: AccessRoleName, account: Address) =>
  contractCall(contracts, "registry", "revokeRole", [ACCESS_ROLES[role], account]);
