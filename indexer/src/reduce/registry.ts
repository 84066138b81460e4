/**
 * What the participant registry's events mean for participants and their roles, access roles, agents, currencies,
 * market rules and the pause. Pure: rows before, event, rows after.
 */
import type { claimsAbi, registryAbi } from "@openfactor/sdk";
import { ACCESS_ROLES, DEFAULT_ADMIN_ROLE, ROLE_NAMES } from "@openfactor/sdk";
import type { Hex } from "viem";

import type {
  AccessRoleRow,
  AgentRow,
  AllowedCurrencyRow,
  At,
  EventArgs,
  ParticipantRoleRow,
  ParticipantRow,
  PlatformStateRow,
  RulesVersionRow,
} from "./types.ts";
import { lower, named } from "./types.ts";

type Args<N extends string> = EventArgs<typeof registryAbi, N>;

/** A participant as first seen: not suspended, acceptance counter 0. */
export function participantSeen(participant: ParticipantRow | undefined, account: string, at: At): ParticipantRow {
  return participant ?? { id: lower(account), suspended: false, acceptanceCounter: 0n, updatedAt: at.timestamp };
}

export const participantRoleId = (account: string, role: number) =>
  `${account.toLowerCase()}:${named(ROLE_NAMES, role)}`;

export function participantVerified(args: Args<"ParticipantVerified">, at: At): ParticipantRoleRow {
  return {
    id: participantRoleId(args.account, args.role),
    account: lower(args.account),
    role: named(ROLE_NAMES, args.role),
    expiresAt: args.expiresAt,
    revoked: false,
    by: lower(args.by),
    updatedAt: at.timestamp,
  };
}

export function participantRevoked(role: ParticipantRoleRow, args: Args<"ParticipantRevoked">, at: At) {
  return { ...role, revoked: true, by: lower(args.by), updatedAt: at.timestamp } satisfies ParticipantRoleRow;
}

export function participantSuspended(p: ParticipantRow, args: Args<"ParticipantSuspended">, at: At): ParticipantRow {
  return { ...p, suspended: args.suspended, updatedAt: at.timestamp };
}

export function acceptanceCounterIncremented(
  p: ParticipantRow,
  args: EventArgs<typeof claimsAbi, "AcceptanceCounterIncremented">,
  at: At,
): ParticipantRow {
  return { ...p, acceptanceCounter: args.newCounter, updatedAt: at.timestamp };
}

export function currencyAllowed(args: Args<"CurrencyAllowed">, at: At): AllowedCurrencyRow {
  return { id: lower(args.currency), allowed: args.allowed, updatedAt: at.timestamp };
}

export function marketRulesUpdated(args: Args<"MarketRulesUpdated">, at: At): RulesVersionRow {
  const r = args.rules;
  return {
    id: args.version,
    minTenor: r.minTenor,
    maxTenor: r.maxTenor,
    acceptanceWindow: r.acceptanceWindow,
    defaultGrace: r.defaultGrace,
    guaranteeClaimWindow: r.guaranteeClaimWindow,
    saleFeeBps: r.saleFeeBps,
    premiumFeeBps: r.premiumFeeBps,
    treasury: lower(r.treasury),
    publishedAt: at.timestamp,
  };
}

/** An agent's trust took effect; any announced change is spent. */
export function agentSet(args: Args<"AgentSet">, at: At): AgentRow {
  return {
    id: lower(args.agent),
    trusted: args.trusted,
    pendingTrusted: null,
    pendingEffectiveAt: null,
    updatedAt: at.timestamp,
  };
}

export function agentChangeScheduled(
  agent: AgentRow | undefined,
  args: Args<"AgentChangeScheduled">,
  at: At,
): AgentRow {
  return {
    id: lower(args.agent),
    trusted: agent?.trusted ?? false,
    pendingTrusted: args.trusted,
    pendingEffectiveAt: args.effectiveAt,
    updatedAt: at.timestamp,
  };
}

export function agentChangeCancelled(agent: AgentRow, at: At): AgentRow {
  return { ...agent, pendingTrusted: null, pendingEffectiveAt: null, updatedAt: at.timestamp };
}

export function pauseChanged(paused: boolean, at: At): PlatformStateRow {
  return { id: "registry", paused, updatedAt: at.timestamp };
}

/** The SDK's name of an access role id, or null. */
export function accessRoleName(role: Hex): string | null {
  if (role === DEFAULT_ADMIN_ROLE) return "Admin";
  const found = Object.entries(ACCESS_ROLES).find(([, id]) => id === role);
  return found === undefined ? null : found[0];
}

export const accessRoleId = (role: Hex, account: string) => `${role}:${account.toLowerCase()}`;

export function accessRoleChanged(args: Args<"RoleGranted">, granted: boolean, at: At): AccessRoleRow {
  return {
    id: accessRoleId(args.role, args.account),
    role: args.role,
    roleName: accessRoleName(args.role),
    account: lower(args.account),
    granted,
    by: lower(args.sender),
    updatedAt: at.timestamp,
  };
}
