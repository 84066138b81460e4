import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { Future, IgnitionModule } from "@nomicfoundation/ignition-core";
import { keccak256, toUtf8Bytes, ZeroHash } from "ethers";

import OpenFactorModule from "./OpenFactor.js";

/** The registry's access roles, as ParticipantRegistry defines them. */
const ROLES = {
  Operator: keccak256(toUtf8Bytes("OPERATOR_ROLE")),
  Arbiter: keccak256(toUtf8Bytes("ARBITER_ROLE")),
  Pauser: keccak256(toUtf8Bytes("PAUSER_ROLE")),
  Admin: ZeroHash, // DEFAULT_ADMIN_ROLE, renounced last
} as const;

/** Every future of a module and of the modules it uses: the whole wiring the deployer does with its roles. */
function everyFuture(module: IgnitionModule): Future[] {
  return [...module.futures, ...[...module.submodules].flatMap(everyFuture)];
}

/**
 * Optional, after a deployment: hands every access role of the registry (admin, operator, arbiter, pauser) from
 * the deployer to a named `admin` (a multisig, the operator's own account), then the deployer renounces its own.
 * Run it on the same deployment, which it extends without redeploying anything:
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
  const renounces = Object.entries(ROLES)
    .filter(([name]) => name !== "Admin")
    .map(([name, role]) =>
      m.call(registry, "renounceRole", [role, deployer], { id: `Renounce${name}Role`, after: grants }),
    );
  m.call(registry, "renounceRole", [ROLES.Admin, deployer], { id: "RenounceAdminRole", after: renounces });
  return system;
});
