import type { Metadata } from "next";

import { AccessGate } from "../../components/AccessGate";
import { OperatorConsole } from "./OperatorConsole";

export const metadata: Metadata = { title: "Operator console · OpenFactor" };

export default function OperatorPage() {
  return (
    <>
      <h1>Operator console</h1>
      <p className="muted">
        Who may take part and under which rules: participants and their roles, the market rules, the currencies, and the
        pause.
      </p>
      <AccessGate roles={["Operator", "Arbiter", "Pauser"]}>
        <OperatorConsole />
      </AccessGate>
    </>
  );
}
