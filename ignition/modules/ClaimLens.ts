import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ReceivableClaimModule from "./ReceivableClaim.js";

/**
 * Deploys the ClaimLens, the read-only view the dApp finds an account's claims through and checks a debtor's
 * acceptance digest with. It holds no role and no money.
 */
export default buildModule("ClaimLens", (m) => {
  const { claims } = m.useModule(ReceivableClaimModule);
  const claimLens = m.contract("ClaimLens", [claims]);
  return { claimLens };
});
