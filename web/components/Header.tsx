"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { useAccessRoles } from "../lib/data/access";
import type { AccessRoleName } from "@openfactor/sdk";
import { useRoles, type RoleName } from "../lib/data/roles";
import { ConnectButton } from "./ConnectButton";

/**
 * The main navigation. An entry with `roles` is shown only to an account verified for one of those business roles;
 * one with `access` only to an account holding one of those registry access roles (the operator's pages are
 * invisible to everyone else).
 */
export const NAV: readonly {
  href: string;
  label: string;
  roles?: readonly RoleName[];
  access?: readonly AccessRoleName[];
}[] = [
  { href: "/market", label: "Market" },
  { href: "/issue", label: "Issue" },
  { href: "/payables", label: "Payables" },
  { href: "/factor", label: "Factor" },
  { href: "/portfolio", label: "Portfolio", roles: ["Factor", "Originator", "Guarantor"] },
  { href: "/guarantor", label: "Guarantor", roles: ["Guarantor"] },
  { href: "/activity", label: "Activity" },
  { href: "/operator", label: "Operator", access: ["Operator", "Arbiter", "Pauser"] },
  { href: "/disputes", label: "Disputes", access: ["Arbiter"] },
];

export function Header() {
  const pathname = usePathname();
  const access = useAccessRoles();
  const { has } = useRoles();
  const shown = NAV.filter(
    (item) =>
      (item.roles === undefined || item.roles.some((role) => has[role])) &&
      (item.access === undefined || item.access.some((role) => access.has[role])),
  );
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        OpenFactor
      </Link>
      <nav aria-label="Main">
        <ul>
          {shown.map(({ href, label }) => (
            <li key={href}>
              <Link href={href} aria-current={pathname.startsWith(href) ? "page" : undefined}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ConnectButton />
    </header>
  );
}
