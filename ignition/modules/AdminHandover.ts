import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { Future, IgnitionModule } from "@nomicfoundation/ignition-core";
import { ACCESS_ROLES } from "@openfactor/sdk";

import OpenFactorModule from "./OpenFactor.js";

/** The registry's access roles the admin grants. */
const ROLES = ACCESS_ROLES;

/** Every future of a module and of the modules it uses: the whole wiring the deployer does with its roles. */
function everyFuture(module: IgnitionModule): Future[] {
  return [...module.futures, ...[...module.submodules].flatMap(everyFuture)];
}

/**
 * Optional, after a deployment: hands the registry from the deployer to a named `admin` (a multisig, the operator's
 * own account). The operator, arbiter and pauser roles move at once (granted to `admin`, renounced by the deployer);
 * the admin role moves in two steps: this module begins the transfer, and `admin` itself calls the registry's
 * `acceptDefaultAdminTransfer()` once the registry's `defaultAdminDelay` has passed, which takes the role from the
 * deployer. Until then the deployer may cancel (`cancelDefaultAdminTransfer()`). Run it on the same deployment, which
 * it extends without redeploying anything:
 * `npx hardhat ignition deploy ignition/modules/AdminHandover.ts --network <name> --parameters <file>`, with
 * `"AdminHandover": { "admin": "0x…" }` in the parameters file.
 */
export default buildModule("AdminHandover", (m) => {
  const system = m.useModule(OpenFactorModule);
  const { registry } = system;
  const deployer = m.getAccount(0);
  const admin = m.getParameter<string>("admin");

  const grants = Object.entries(ROLES).map(([name, role]) =>
    m.call(registry, "grantRole", [role, admin], { id: `Grant${name}Role`, after: everyFuture(OpenFactorModule) }),
  );
  const renounces = Object.entries(ROLES).map(([name, role]) =>
    m.call(registry, "renounceRole", [role, deployer], { id: `Renounce${name}Role`, after: grants }),
  );
  m.call(registry, "beginDefaultAdminTransfer", [admin], { id: "BeginAdminTransfer", after: renounces });
  return system;
});
