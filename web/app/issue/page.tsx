import type { Metadata } from "next";

import { RoleGate } from "../../components/RoleGate";
import { IssueForm } from "./IssueForm";

export const metadata: Metadata = { title: "Issue a claim · OpenFactor" };

export default function IssuePage() {
  return (
    <>
      <h1>Issue a claim</h1>
      <p className="muted">
        Turn an invoice into a claim your buyer confirms. The invoice file stays on your computer: only its fingerprint
        (a hash) goes on chain.
      </p>
      <RoleGate role="Originator" action="issue claims">
        <IssueForm />
      </RoleGate>
    </>
  );
}
