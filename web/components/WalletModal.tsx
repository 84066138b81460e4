"use client";

import { useEffect, useRef, useState } from "react";
import { useChainId, useConnect, useConnection, useConnectors, useDisconnect, type Connector } from "wagmi";

import { CHAINS, LOCAL_CHAIN_ID } from "../lib/data/chains";
import { DEMO_CONNECTOR_TYPE } from "../lib/data/demo-connector";
import { describeError } from "../lib/domain/errors";

/** Discovered (EIP-6963) wallets first; the generic injected one only when nothing announced itself. */
function walletConnectors(connectors: readonly Connector[]): Connector[] {
  const announced = connectors.filter((c) => c.type === "injected" && c.id !== "injected");
  const generic = connectors.filter(
    (c) => c.id === "injected" && typeof window !== "undefined" && "ethereum" in window && window.ethereum,
  );
  const walletConnect = connectors.filter((c) => c.type === "walletConnect");
  return [...(announced.length > 0 ? announced : generic), ...walletConnect];
}

/** The "Connect a wallet" dialog: browser wallets, WalletConnect when configured, demo accounts on chain 31337. */
export function WalletModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const connectors = useConnectors();
  // The chain the dApp is on: the connection's, else the config's (the first supported chain if it is another).
  const configChainId = useChainId();
  const chainId =
    useConnection().chainId ?? (CHAINS.some((c) => c.id === configChainId) ? configChainId : CHAINS[0].id);
  const [error, setError] = useState<string>();
  const { connectAsync, isPending, variables } = useConnect();
  const { disconnectAsync } = useDisconnect();
  const current = useConnection().connector;

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) {
      setError(undefined);
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const wallets = walletConnectors(connectors);
  const demo = chainId === LOCAL_CHAIN_ID ? connectors.filter((c) => c.type === DEMO_CONNECTOR_TYPE) : [];

  async function pick(connector: Connector) {
    setError(undefined);
    try {
      // Switching: connect the new one first, then leave the previous connection.
      const previous = current;
      if (previous?.uid !== connector.uid) await connectAsync({ connector });
      if (previous !== undefined && previous.uid !== connector.uid) await disconnectAsync({ connector: previous });
      onClose();
    } catch (e) {
      setError(describeError(e).message);
    }
  }

  const button = (connector: Connector) => (
    <li key={connector.uid}>
      <button
        type="button"
        className="wallet-option"
        onClick={() => void pick(connector)}
        disabled={isPending}
        aria-busy={isPending && variables?.connector === connector}
      >
        {connector.icon && <img src={connector.icon} alt="" width={24} height={24} />}
        {connector.name}
      </button>
    </li>
  );

  return (
    <dialog
      ref={dialog}
      className="modal"
      aria-labelledby="wallet-modal-title"
      onClose={onClose}
      onClick={(e) => e.target === dialog.current && onClose()}
    >
      <div className="modal-body">
        <div className="modal-head">
          <h2 id="wallet-modal-title">Connect a wallet</h2>
          <button type="button" className="link-button" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </div>
        {wallets.length > 0 ? (
          <ul className="wallet-list" aria-label="Wallets">
            {wallets.map(button)}
          </ul>
        ) : (
          <p className="muted">No wallet found in this browser. Install one (for example MetaMask or Rabby).</p>
        )}
        {demo.length > 0 && (
          <section aria-labelledby="demo-accounts-title">
            <h3 id="demo-accounts-title">Demo accounts</h3>
            <p className="muted small">Local chain only: accounts of the public test mnemonic, signing in this page.</p>
            <ul className="wallet-list" aria-labelledby="demo-accounts-title">
              {demo.map(button)}
            </ul>
          </section>
        )}
        {error && (
          <p role="alert" className="notice notice-error">
            {error}
          </p>
        )}
      </div>
    </dialog>
  );
}
