"use client";

import Link from "next/link";
import { useConnection } from "wagmi";

import { useAccessRoles } from "../../lib/data/access";
import { Currencies } from "./Currencies";
import { Participants } from "./Participants";
import { PauseSection } from "./PauseSection";
import { Rules } from "./Rules";
import { TreasuryFees } from "../portfolio/TreasuryFees";

/** The console's sections; each says which access role changes it, and shows the state to every operator. */
export function OperatorConsole() {
  const { has } = useAccessRoles();
  const { address } = useConnection();
  const roles = (["Operator", "Arbiter", "Pauser"] as const).filter((r) => has[r]).map((r) => r.toLowerCase());
  return (
    <>
      <p>
        Your account holds the {roles.join(", ")} role{roles.length > 1 ? "s" : ""}.
        {has.Arbiter && (
          <>
            {" "}
            Open disputes are on the <Link href="/disputes">Disputes</Link> page.
          </>
        )}
      </p>
      <nav aria-label="Console sections" className="section-links">
        <a href="#participants-title">Participants</a>
        <a href="#rules-title">Market rules</a>
        <a href="#currencies-title">Currencies</a>
        <a href="#pause-title">Pause</a>
      </nav>
      <Participants canChange={has.Operator} />
      <Rules canChange={has.Operator} />
      <Currencies canChange={has.Operator} />
      <PauseSection canChange={has.Pauser} />
      {address !== undefined && <TreasuryFees account={address} />}
    </>
  );
}
