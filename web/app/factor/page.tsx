import type { Metadata } from "next";

import { RoleGate } from "../../components/RoleGate";
import { StandingOffers } from "./StandingOffers";

export const metadata: Metadata = { title: "Factor · OpenFactor" };

export default function FactorPage() {
  return (
    <>
      <h1>Standing rate offers</h1>
      <p className="muted">
        Offer to buy any claim on a debtor at an annual yield, up to an exposure limit. Sellers can sell to your offer
        at once; the money stays in your account until a sale takes it.
      </p>
      <RoleGate role="Factor" action="post standing offers">
        <StandingOffers />
      </RoleGate>
    </>
  );
}
