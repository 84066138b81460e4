"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useConnection, useDisconnect } from "wagmi";

import { shortAddress } from "../lib/domain/format";
import { WalletModal } from "./WalletModal";

/** Nothing to subscribe to: whether the page is hydrated never changes once it is. */
const noSubscription = () => () => {};

/** The header's wallet control: "Connect wallet", or "Account 0x1234…abcd" with its menu once connected. */
export function ConnectButton() {
  // False in the server's HTML and until React has hydrated the header: a click before then would do nothing, so
  // the button is disabled until it can open the dialog.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const { address, connector, status } = useConnection();
  const { disconnect } = useDisconnect();
  const [modalOpen, setModalOpen] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !menu.current?.contains(e.target as Node))
        setMenuOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [menuOpen]);

  const modal = <WalletModal open={modalOpen} onClose={() => setModalOpen(false)} />;

  if (address === undefined || status !== "connected") {
    return (
      <>
        <button
          type="button"
          className="primary"
          onClick={() => setModalOpen(true)}
          disabled={!hydrated || status === "connecting" || status === "reconnecting"}
        >
          Connect wallet
        </button>
        {modal}
      </>
    );
  }

  return (
    <div className="account" ref={menu}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        aria-label={`Account ${shortAddress(address)}`}
        onClick={() => setMenuOpen((o) => !o)}
      >
        <span className="account-dot" aria-hidden="true" />
        {shortAddress(address)}
      </button>
      {menuOpen && (
        <div role="menu" className="menu" aria-label="Account">
          <p className="menu-address">
            <code>{shortAddress(address)}</code>
            {connector && <span className="muted small"> via {connector.name}</span>}
          </p>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              void navigator.clipboard?.writeText(address).then(() => setCopied(true));
              setTimeout(() => setCopied(false), 1500);
            }}
          >
            {copied ? "Copied" : "Copy address"}
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              // Pick another wallet or account; the modal leaves this connection once the new one is made.
              setMenuOpen(false);
              setModalOpen(true);
            }}
          >
            Switch account
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setMenuOpen(false);
              disconnect();
            }}
          >
            Disconnect
          </button>
        </div>
      )}
      {modal}
    </div>
  );
}
