"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { useRoles, type RoleName } from "../lib/roles";
import { ConnectButton } from "./ConnectButton";

/** The main navigation; an entry with a `role` shows only to an account verified for it. */
export const NAV: readonly { href: string; label: string; role?: RoleName }[] = [
  { href: "/market", label: "Market" },
  { href: "/issue", label: "Issue" },
  { href: "/payables", label: "Payables" },
  { href: "/factor", label: "Factor" },
  { href: "/guarantor", label: "Guarantor", role: "Guarantor" },
];

export function Header() {
  const pathname = usePathname();
  const { has } = useRoles();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        OpenFactor
      </Link>
      <nav aria-label="Main">
        <ul>
          {NAV.filter(({ role }) => role === undefined || has[role]).map(({ href, label }) => (
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
