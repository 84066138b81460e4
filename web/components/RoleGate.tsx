"use client";

import type { ReactNode } from "react";
import { useConnection } from "wagmi";

import { useDeployment } from "../lib/data/hooks";
import { useRoles, type RoleName } from "../lib/data/roles";

/** Renders `children` only for a connected account verified for `role`; otherwise says what is missing. */
export function RoleGate({ role, action, children }: { role: RoleName; action: string; children: ReactNode }) {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const { has, loading } = useRoles();
  if (address === undefined) return <p className="card">Connect a wallet to {action}.</p>;
  if (contracts === undefined) return <p className="card">OpenFactor is not deployed on this network.</p>;
  if (loading) return <p className="muted">Checking your verification…</p>;
  if (!has[role])
    return (
      <p className="card">
        Your account is not verified as {role === "Originator" ? "an originator" : `a ${role.toLowerCase()}`}, so you
        cannot {action}. The platform operator verifies participants.
      </p>
    );
  return <>{children}</>;
}

/** A button that copies `text` and says so. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  return (
    <button
      type="button"
      onClick={(e) => {
        const button = e.currentTarget;
        void navigator.clipboard?.writeText(text).then(() => {
          button.textContent = "Copied";
          setTimeout(() => (button.textContent = label), 1500);
        });
      }}
    >
      {label}
    </button>
  );
}
