/** The participant registry's events: participants and roles, access roles, agents, currencies, rules, the pause. */
import type { registryAbi } from "@openfactor/sdk";

import {
  accessRole,
  agent,
  allowedCurrency,
  participant,
  participantRole,
  platformState,
  rulesVersion,
} from "../../ponder.schema.ts";
import * as registry from "../reduce/registry.ts";
import type { At } from "../reduce/types.ts";
import { load, save, type Store, type Handlers } from "./store.ts";

const seen = async (db: Store, account: string, at: At) =>
  registry.participantSeen(await load(db, participant, account.toLowerCase() as `0x${string}`), account, at);

export const registryHandlers: Handlers<typeof registryAbi> = {
  async ParticipantVerified(args, at, db) {
    await save(db, participant, await seen(db, args.account, at));
    await save(db, participantRole, registry.participantVerified(args, at));
  },
  async ParticipantRevoked(args, at, db) {
    const role = await load(db, participantRole, registry.participantRoleId(args.account, args.role));
    if (role) await save(db, participantRole, registry.participantRevoked(role, args, at));
  },
  async ParticipantSuspended(args, at, db) {
    await save(db, participant, registry.participantSuspended(await seen(db, args.account, at), args, at));
  },
  async CurrencyAllowed(args, at, db) {
    await save(db, allowedCurrency, registry.currencyAllowed(args, at));
  },
  async MarketRulesUpdated(args, at, db) {
    await save(db, rulesVersion, registry.marketRulesUpdated(args, at));
  },
  async AgentSet(args, at, db) {
    await save(db, agent, registry.agentSet(args, at));
  },
  async AgentChangeScheduled(args, at, db) {
    const current = await load(db, agent, args.agent.toLowerCase() as `0x${string}`);
    await save(db, agent, registry.agentChangeScheduled(current, args, at));
  },
  async AgentChangeCancelled(args, at, db) {
    const current = await load(db, agent, args.agent.toLowerCase() as `0x${string}`);
    if (current) await save(db, agent, registry.agentChangeCancelled(current, at));
  },
  async Paused(_args, at, db) {
    await save(db, platformState, registry.pauseChanged(true, at));
  },
  async Unpaused(_args, at, db) {
    await save(db, platformState, registry.pauseChanged(false, at));
  },
  async RoleGranted(args, at, db) {
    await save(db, accessRole, registry.accessRoleChanged(args, true, at));
  },
  async RoleRevoked(args, at, db) {
    await save(db, accessRole, registry.accessRoleChanged(args, false, at));
  },
};
