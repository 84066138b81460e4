"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { useRoles, type RoleName } from "../lib/roles";
import { ConnectButton } from "./ConnectButton";

/** The header's links; one with `roles` shows only to an account verified for one of them. */
export const NAV: readonly { href: string; label: string; roles?: readonly RoleName[] }[] = [
  { href: "/market", label: "Market" },
  { href: "/issue", label: "Issue" },
  { href: "/payables", label: "Payables" },
  { href: "/factor", label: "Factor" },
  { href: "/portfolio", label: "Portfolio", roles: ["Factor", "Originator", "Guarantor"] },
];

export function Header() {
  const pathname = usePathname();
  const { has } = useRoles();
  const links = NAV.filter((item) => item.roles === undefined || item.roles.some((role) => has[role]));
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        OpenFactor
      </Link>
      <nav aria-label="Main">
        <ul>
          {links.map(({ href, label }) => (
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
