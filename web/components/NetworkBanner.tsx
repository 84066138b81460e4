"use client";

import { useConnection, useSwitchChain } from "wagmi";

import { CHAINS, contractsOn } from "../lib/data/chains";
import { describeError } from "../lib/domain/errors";
import { useNotices } from "../lib/data/notices";

/** Shown while the wallet is on a chain without OpenFactor: one click asks it to switch (wallet_switchEthereumChain). */
export function NetworkBanner() {
  const { status, chainId } = useConnection();
  const { switchChainAsync, isPending } = useSwitchChain();
  const { show } = useNotices();
  if (status !== "connected" || contractsOn(chainId) !== undefined) return null;
  const target = CHAINS[0];
  return (
    <div role="alert" className="banner banner-warning">
      <span>
        <strong>Wrong network.</strong> OpenFactor runs on {target.name}; your wallet is on another network.
      </span>
      <button
        type="button"
        className="primary"
        disabled={isPending}
        onClick={() =>
          switchChainAsync({ chainId: target.id }).catch((e: unknown) =>
            show({ kind: "error", text: describeError(e).message }),
          )
        }
      >
        Switch to {target.name}
      </button>
    </div>
  );
}
