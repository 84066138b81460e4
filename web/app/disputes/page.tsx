import type { Metadata } from "next";

import { AccessGate } from "../../components/AccessGate";
import { Disputes } from "./Disputes";

export const metadata: Metadata = { title: "Disputes · OpenFactor" };

export default function DisputesPage() {
  return (
    <>
      <h1>Disputes</h1>
      <p className="muted">
        Claims frozen by a dispute, waiting for the arbiter. Upheld or diluted, a claim returns to the state it was in;
        voided, it ends. The outcome goes on the claim&apos;s history.
      </p>
      <AccessGate roles={["Arbiter"]}>
        <Disputes />
      </AccessGate>
    </>
  );
}
