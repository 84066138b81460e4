import { ACCESS_ROLE_NAMES } from "@openfactor/sdk";
import { describe, expect, it } from "vitest";

import {
  accessRole,
  agent,
  allowedCurrency,
  participant,
  participantRole,
  platformState,
  rulesVersion,
} from "../ponder.schema.ts";
import { eventsNamed, replay } from "./recorded.ts";

const memory = await replay();
const lower = (a: unknown) => (a as string).toLowerCase();

describe("participants and roles", () => {
  it("one role row per account and role verified; a revoked one says so", () => {
    const verified = new Set(eventsNamed("ParticipantVerified").map((e) => `${lower(e.args.account)}:${e.args.role}`));
    expect(memory.rows(participantRole)).toHaveLength(verified.size);
    const [revoked] = eventsNamed("ParticipantRevoked");
    const row = memory.rows(participantRole).find((r) => r.account === lower(revoked!.args.account))!;
    expect(row.revoked).toBe(true);
  });

  it("a participant suspended then reinstated is not suspended", () => {
    const changes = eventsNamed("ParticipantSuspended");
    expect(changes.map((e) => e.args.suspended)).toEqual([true, false]);
    expect(memory.row(participant, lower(changes[0]!.args.account) as `0x${string}`)!.suspended).toBe(false);
  });

  it("a debtor's acceptance counter is its last increment", () => {
    const [counter] = eventsNamed("AcceptanceCounterIncremented");
    expect(memory.row(participant, lower(counter!.args.debtor) as `0x${string}`)!.acceptanceCounter).toBe(
      counter!.args.newCounter,
    );
  });
});

describe("the operator's settings", () => {
  it("the access roles granted, by the SDK's names", () => {
    const names = memory.rows(accessRole).map((r) => r.roleName);
    for (const name of ACCESS_ROLE_NAMES) expect(names).toContain(name);
    expect(names).toContain("Admin");
  });

  it("an access role granted then revoked is no longer held", () => {
    const [revoked] = eventsNamed("RoleRevoked");
    const row = memory.row(accessRole, `${revoked!.args.role}:${lower(revoked!.args.account)}`)!;
    expect(row).toMatchObject({ granted: false, roleName: "Pauser" });
  });

  it("an agent change announced then withdrawn leaves the agent as it was, nothing pending", () => {
    const [scheduled] = eventsNamed("AgentChangeScheduled");
    const row = memory.row(agent, lower(scheduled!.args.agent) as `0x${string}`)!;
    expect(row).toMatchObject({ trusted: true, pendingTrusted: null, pendingEffectiveAt: null });
  });

  it("every rules version published has its row", () => {
    const versions = eventsNamed("MarketRulesUpdated").map((e) => e.args.version);
    expect(versions.length).toBeGreaterThan(1);
    expect(memory.rows(rulesVersion).map((r) => r.id)).toEqual(versions);
  });

  it("the agents trusted, the currency allowed, the rules published, the pause lifted", () => {
    for (const e of eventsNamed("AgentSet"))
      expect(memory.row(agent, lower(e.args.agent) as `0x${string}`)!.trusted).toBe(e.args.trusted);
    const [allowed] = eventsNamed("CurrencyAllowed");
    expect(memory.row(allowedCurrency, lower(allowed!.args.currency) as `0x${string}`)!.allowed).toBe(true);
    const [rules] = eventsNamed("MarketRulesUpdated");
    expect(memory.row(rulesVersion, rules!.args.version as number)).toMatchObject({
      ...(rules!.args.rules as object),
      treasury: lower((rules!.args.rules as { treasury: string }).treasury),
    });
    expect(memory.row(platformState, "registry")!.paused).toBe(false);
  });
});
