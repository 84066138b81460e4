"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useConnection } from "wagmi";
import { useEffect } from "react";

import { useNotices, type Notice } from "../lib/data/notices";

/** The live regions: progress in role="status" (always present, so changes are announced), errors in role="alert". */
export function NoticeArea() {
  const { notice, clear } = useNotices();
  const pathname = usePathname();
  const { address } = useConnection();
  // A notice belongs to the page and the account it was raised for.
  useEffect(() => clear(), [pathname, address, clear]);
  const status = notice?.kind === "status" ? notice : undefined;
  const error = notice?.kind === "error" ? notice : undefined;
  return (
    <div className="notices">
      <div role="status" aria-live="polite" className={status ? "notice notice-status" : "notice-empty"}>
        {status && (
          <>
            <span>{status.text}</span>
            {status.link && <NoticeLink link={status.link} />}
          </>
        )}
      </div>
      {error && (
        <div role="alert" className="notice notice-error">
          <span>{error.text}</span>
          <button type="button" className="link-button" onClick={clear}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

function NoticeLink({ link }: { link: NonNullable<Notice["link"]> }) {
  return link.external ? (
    <a href={link.href} target="_blank" rel="noreferrer">
      {link.label}
    </a>
  ) : (
    <Link href={link.href}>{link.label}</Link>
  );
}
