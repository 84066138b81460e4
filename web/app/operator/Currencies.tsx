"use client";

import { useState, type FormEvent } from "react";
import { isAddress, type Address } from "viem";
import { useReadContract } from "wagmi";

import { Account } from "../../components/Account";
import { shortAddress } from "../../lib/domain/format";
import { tokenOf, useDeployment, useTokens } from "../../lib/data/hooks";
import { currenciesRead } from "../../lib/data/reads";
import { useWrite } from "../../lib/data/tx";
import { ReadOnlyNote } from "./ReadOnlyNote";
import { contractCall } from "@openfactor/sdk";

/** The currencies ever allowlisted, each allowed or not, and the form adding one. */
export function Currencies({ canChange }: { canChange: boolean }) {
  const { chainId, contracts } = useDeployment();
  const { write, busy } = useWrite();
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string>();
  const { data, isPending } = useReadContract({
    ...currenciesRead(chainId, contracts?.registry),
    query: { enabled: contracts !== undefined },
  });
  const [list, allowed] = data ?? [[], []];
  const tokens = useTokens(list);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (contracts === undefined) return;
    const address = typed.trim();
    if (!isAddress(address, { strict: false })) {
      setProblem("Enter the token contract's address (0x followed by 40 hexadecimal digits).");
      return;
    }
    const known = list.findIndex((c) => c.toLowerCase() === address.toLowerCase());
    if (known >= 0 && allowed[known]) {
      setProblem("This currency is allowed already.");
      return;
    }
    setProblem(undefined);
    const result = await write((c) => contractCall(c, "registry", "setCurrencyAllowed", [address as Address, true]));
    if (result.ok) setTyped("");
  }

  return (
    <section aria-labelledby="currencies-title">
      <h2 id="currencies-title">Currencies</h2>
      <p className="muted small">
        Claims are issued only in allowed stablecoins. Taking one off the list stops new claims in it; live claims in it
        are paid, sold and guaranteed as before.
      </p>
      {isPending ? (
        <p className="muted">Reading the currencies…</p>
      ) : list.length === 0 ? (
        <p className="card">No currency yet: allow a stablecoin below so that claims can be issued.</p>
      ) : (
        <ul className="plain currency-list">
          {list.map((currency, i) => {
            const symbol = tokenOf(tokens, currency)?.symbol ?? shortAddress(currency);
            return (
              <li key={currency} className="card">
                <strong>{symbol}</strong> <Account address={currency} />{" "}
                <span className={`badge ${allowed[i] ? "badge-ok" : "badge-warn"}`}>
                  {allowed[i] ? "Allowed for new claims" : "Not allowed for new claims"}
                </span>
                {canChange && (
                  <div className="actions">
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() =>
                        void write((c) => contractCall(c, "registry", "setCurrencyAllowed", [currency, !allowed[i]]))
                      }
                    >
                      {allowed[i] ? `Stop new claims in ${symbol}` : `Allow ${symbol} again`}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canChange ? (
        <form className="card form" onSubmit={(e) => void add(e)} noValidate aria-labelledby="currency-add-title">
          <h3 id="currency-add-title">Allow a currency</h3>
          <label htmlFor="currency-address">
            Token address<span className="field-hint">An ERC-20 stablecoin without transfer fees or rebasing.</span>
          </label>
          <input
            id="currency-address"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="0x…"
            spellCheck={false}
            autoComplete="off"
            className="wide"
            aria-invalid={problem !== undefined}
            aria-describedby={problem !== undefined ? "currency-error" : undefined}
          />
          {problem && (
            <span id="currency-error" role="alert" className="field-error">
              {problem}
            </span>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              Allow the currency
            </button>
          </div>
        </form>
      ) : (
        <ReadOnlyNote role="operator" />
      )}
    </section>
  );
}
