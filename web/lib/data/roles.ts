"use client";
/** The connected account's verified roles, read from the participant registry (isVerified per role). */
import { useConnection } from "wagmi";

import { Role, ROLE_NAMES, type RoleName } from "@openfactor/sdk";
import { useDeployment } from "./hooks";
import { readCall, useContractReads } from "./contracts";

/** The registry's roles, in the order of the Solidity `Role` enum. */
export { ROLE_NAMES, Role, type RoleName };

export interface Roles {
  /** Still loading (or no account). */
  loading: boolean;
  has: Record<RoleName, boolean>;
}

const NONE: Record<RoleName, boolean> = { Originator: false, Debtor: false, Factor: false, Guarantor: false };

export function useRoles(): Roles {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const { data, isPending } = useContractReads(
    ROLE_NAMES.map((name) => readCall("registry", "isVerified", [address, Role[name]])),
    { enabled: address !== undefined, allowFailure: true },
  );
  if (address === undefined || contracts === undefined || data === undefined) return { loading: isPending, has: NONE };
  const has = { ...NONE };
  ROLE_NAMES.forEach((name, i) => {
    has[name] = data[i]?.status === "success" && data[i].result === true;
  });
  return { loading: false, has };
}
