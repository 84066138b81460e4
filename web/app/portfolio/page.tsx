import type { Metadata } from "next";

import { Portfolio } from "./Portfolio";

export const metadata: Metadata = { title: "Portfolio · OpenFactor" };

export default function PortfolioPage() {
  return (
    <>
      <h1>Portfolio</h1>
      <p className="muted">
        The claims you hold, what you paid for them and what they will pay; when the payments are due; your returns; and
        everything the contracts owe you, withdrawn in one go.
      </p>
      <Portfolio />
    </>
  );
}
