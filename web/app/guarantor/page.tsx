import type { Metadata } from "next";

import { RoleGate } from "../../components/RoleGate";
import { Guarantor } from "./Guarantor";

export const metadata: Metadata = { title: "Guarantor · OpenFactor" };

export default function GuarantorPage() {
  return (
    <>
      <h1>Guarantees</h1>
      <p className="muted">
        Cover a claim&apos;s credit risk for a premium. Your cover is escrowed in full when you offer it; if the debtor
        defaults, the holder calls it and you take over the claim, or a share of what the debtor pays later.
      </p>
      <RoleGate role="Guarantor" action="offer guarantees">
        <Guarantor />
      </RoleGate>
    </>
  );
}
