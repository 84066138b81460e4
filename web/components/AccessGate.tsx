"use client";

import type { ReactNode } from "react";
import { useConnection } from "wagmi";

import { useAccessRoles } from "../lib/data/access";
import type { AccessRoleName } from "@openfactor/sdk";
import { useDeployment } from "../lib/data/hooks";

/**
 * Renders `children` only for a connected account holding one of the registry access roles in `roles`; anyone
 * else reads, politely, that the page is for the platform's operators.
 */
export function AccessGate({ roles, children }: { roles: readonly AccessRoleName[]; children: ReactNode }) {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const access = useAccessRoles();
  if (address === undefined)
    return <p className="card">This page is for the platform&apos;s operators. Connect an operator&apos;s wallet.</p>;
  if (contracts === undefined) return <p className="card">OpenFactor is not deployed on this network.</p>;
  if (access.loading) return <p className="muted">Checking your access…</p>;
  if (!roles.some((role) => access.has[role]))
    return (
      <p className="card">
        This page is for the platform&apos;s operators, and your account does not hold that role. If you take part in
        the market, everything you need is in the pages above.
      </p>
    );
  return <>{children}</>;
}
