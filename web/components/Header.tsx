"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { ConnectButton } from "./ConnectButton";

export const NAV = [
  { href: "/market", label: "Market" },
  { href: "/issue", label: "Issue" },
  { href: "/payables", label: "Payables" },
  { href: "/factor", label: "Factor" },
] as const;

export function Header() {
  const pathname = usePathname();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        OpenFactor
      </Link>
      <nav aria-label="Main">
        <ul>
          {NAV.map(({ href, label }) => (
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
