import { describe, expect, it } from "vitest";

import { eventNamesOf, INDEXED_CONTRACTS, type IndexedContract } from "../src/contracts.ts";
import { HANDLERS, LOG_ONLY } from "../src/handlers/index.ts";
import { recorded } from "./recorded.ts";

const contracts = Object.keys(INDEXED_CONTRACTS) as IndexedContract[];

describe("every event of every indexed contract", () => {
  for (const contract of contracts) {
    it(`${contract}: each ABI event has a handler or is logged only, never both`, () => {
      for (const name of eventNamesOf(contract)) {
        const handled = HANDLERS[contract]?.[name] !== undefined;
        const logOnly = LOG_ONLY[contract]?.[name] !== undefined;
        expect(handled !== logOnly, `${contract}:${name} handled ${handled}, log only ${logOnly}`).toBe(true);
      }
    });

    it(`${contract}: every handler and log-only entry names an event of its ABI`, () => {
      const names = new Set(eventNamesOf(contract));
      for (const name of [...Object.keys(HANDLERS[contract] ?? {}), ...Object.keys(LOG_ONLY[contract] ?? {})]) {
        expect(names.has(name), `${contract}:${name}`).toBe(true);
      }
    });
  }

  it("the recorded events come from every indexed contract", () => {
    expect(new Set(recorded.map((e) => e.contract))).toEqual(new Set(contracts));
  });
});
