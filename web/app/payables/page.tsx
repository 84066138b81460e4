import type { Metadata } from "next";

import { RoleGate } from "../../components/RoleGate";
import { Payables } from "./Payables";

export const metadata: Metadata = { title: "Payables · OpenFactor" };

export default function PayablesPage() {
  return (
    <>
      <h1>Payables</h1>
      <p className="muted">The claims you owe. Select several and pay them in one transaction.</p>
      <RoleGate role="Debtor" action="see and pay your payables">
        <Payables />
      </RoleGate>
    </>
  );
}
