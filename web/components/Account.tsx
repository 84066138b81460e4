"use client";

import type { Address } from "viem";

import { shortAddress } from "../lib/domain/format";
import { useNamer } from "../lib/data/hooks";

/**
 * An account as people read it: its name when known (the demo's labels on the local chain), the short address
 * beside it, and a button that copies the full address. The full address is never shown.
 */
export function Account({ address, copy = true }: { address: Address; copy?: boolean }) {
  const name = useNamer();
  const label = name(address);
  const short = shortAddress(address);
  return (
    <span className="account-name">
      {label}
      {label !== short && <span className="muted small"> {short}</span>}
      {copy && (
        <button
          type="button"
          className="link-button small"
          aria-label={`Copy the address of ${label}`}
          onClick={(e) => {
            const button = e.currentTarget;
            void navigator.clipboard?.writeText(address).then(() => {
              button.textContent = "Copied";
              setTimeout(() => (button.textContent = "Copy"), 1500);
            });
          }}
        >
          Copy
        </button>
      )}
    </span>
  );
}
