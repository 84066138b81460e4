"use client";
/**
 * The connected account's access roles in the participant registry (OpenZeppelin AccessControl): the operator
 * verifies participants and sets rules and currencies, the arbiter resolves disputes, the pauser pauses. These are
 * the platform's own roles, apart from the business roles of `useRoles()`.
 */
import { useConnection } from "wagmi";

import { ACCESS_ROLE_NAMES, ACCESS_ROLES, type AccessRoleName } from "@openfactor/sdk";
import { useDeployment } from "./hooks";
import { readCall, useContractReads } from "./contracts";

export interface AccessRoles {
  /** Still reading (or no account yet). */
  loading: boolean;
  has: Record<AccessRoleName, boolean>;
  /** True when the account holds at least one of them: the operator console is for it. */
  any: boolean;
}

const NONE: Record<AccessRoleName, boolean> = { Operator: false, Arbiter: false, Pauser: false };

/** Which access roles the connected account holds, in one batched read (`hasRole` for each). */
export function useAccessRoles(): AccessRoles {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const { data, isPending } = useContractReads(
    ACCESS_ROLE_NAMES.map((name) => readCall("registry", "hasRole", [ACCESS_ROLES[name], address])),
    { enabled: address !== undefined, allowFailure: true },
  );
  if (address === undefined || contracts === undefined || data === undefined)
    return { loading: address !== undefined && isPending, has: NONE, any: false };
  const has = { ...NONE };
  ACCESS_ROLE_NAMES.forEach((name, i) => {
    has[name] = data[i]?.status === "success" && data[i].result === true;
  });
  return { loading: false, has, any: ACCESS_ROLE_NAMES.some((name) => has[name]) };
}
