"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { isAddress, type Address } from "viem";

import { Account } from "../../components/Account";
import { formatDate, formatShortDate } from "../../lib/domain/format";
import { useChainNow, useDeployment, useNamer } from "../../lib/data/hooks";
import {
  expiryToDateInput,
  parseVerifyForm,
  participantStanding,
  roleStatus,
  roleWithArticle,
  suggestedRenewal,
  type ParticipantRecord,
} from "../../lib/domain/operator";
import { ROLE_NAMES, type RoleName } from "../../lib/data/roles";
import { useWrite } from "../../lib/data/tx";
import { ReadOnlyNote } from "./ReadOnlyNote";
import { Problems } from "../../components/Problems";
import { Table, type Column } from "../../components/Table";
import { readCall, useContractReads } from "../../lib/data/contracts";
import { revokeParticipant, suspendParticipant, verifyParticipant, verifyParticipants } from "@openfactor/sdk";

/** Participants per page of the registry's list. */
const PAGE = 25n;

/** The registry's participants, a page at a time (one read per page), and the panel that changes one of them. */
export function Participants({ canChange }: { canChange: boolean }) {
  const now = useChainNow();
  const name = useNamer();
  const [page, setPage] = useState(0n);
  const [selected, setSelected] = useState<{ account: Address; nonce: number }>();
  const { data, isPending, error } = useContractReads(
    [readCall("registry", "participantCount", []), readCall("registry", "participants", [page * PAGE, PAGE])],
    { allowFailure: false },
  );
  const total = data?.[0] ?? 0n;
  const list = data?.[1] ?? [];
  const pages = total === 0n ? 1n : (total + PAGE - 1n) / PAGE;

  return (
    <section aria-labelledby="participants-title">
      <h2 id="participants-title">Participants</h2>
      <p className="muted small">
        Every account ever verified, in order of first verification. A verification holds through the last day shown
        (UTC); a suspended account keeps its expiries but may do nothing until reinstated.
      </p>
      {isPending || now === undefined ? (
        <p className="muted">Reading the participants…</p>
      ) : error ? (
        <p role="alert">The participants could not be read from the network. Reload the page to try again.</p>
      ) : list.length === 0 ? (
        <p className="card">No participant yet. Verify the first one below.</p>
      ) : (
        <>
          <Table
            className="card-table participants-table"
            labelledBy="participants-title"
            caption={
              <>
                {total.toString()} participant{total === 1n ? "" : "s"}
                {pages > 1n && `, page ${page + 1n} of ${pages}`}
              </>
            }
            columns={participantColumns(now, canChange, name, (account) =>
              setSelected((s) => ({ account, nonce: (s?.nonce ?? 0) + 1 })),
            )}
            rows={list}
            rowKey={(p) => p.account}
          />
          {pages > 1n && (
            <div className="actions">
              <button type="button" disabled={page === 0n} onClick={() => setPage(page - 1n)}>
                Previous page
              </button>
              <button type="button" disabled={page + 1n >= pages} onClick={() => setPage(page + 1n)}>
                Next page
              </button>
            </div>
          )}
        </>
      )}
      {canChange ? <ParticipantPanel selected={selected} /> : <ReadOnlyNote role="operator" />}
    </section>
  );
}

/**
 * The participants table's columns: the account, its status in each role, its standing and, for the operator, the
 * button that opens it in the panel (`onManage`).
 */
function participantColumns(
  now: bigint,
  canChange: boolean,
  name: (account: Address) => string,
  onManage: (account: Address) => void,
): Column<ParticipantRecord>[] {
  const status = (p: ParticipantRecord, i: number) => roleStatus(p.expiries[i] ?? 0n, now, (t) => formatShortDate(t));
  const roles = ROLE_NAMES.map((role, i): Column<ParticipantRecord> => ({
    header: role,
    cellClass: (p) => `role-status role-${status(p, i).kind}`,
    cell: (p) => {
      const { kind, text } = status(p, i);
      if (kind !== "none") return text;
      return (
        <>
          <span className="muted" aria-hidden="true">
            —
          </span>
          <span className="visually-hidden">{text}</span>
        </>
      );
    },
  }));
  const manage: Column<ParticipantRecord> = {
    header: "Action",
    hiddenHeader: true,
    cell: (p) => (
      <button type="button" onClick={() => onManage(p.account)} aria-label={`Manage ${name(p.account)}`}>
        Manage
      </button>
    ),
  };
  return [
    { header: "Participant", cell: (p) => <Account address={p.account} /> },
    ...roles,
    {
      header: "Standing",
      cell: (p) => {
        const standing = participantStanding(p, now);
        return <span className={`badge ${standing === "Verified" ? "badge-ok" : "badge-warn"}`}>{standing}</span>;
      },
    },
    ...(canChange ? [manage] : []),
  ];
}

/**
 * Verify, renew, revoke, suspend or reinstate one account. The account's current verifications are read for
 * whatever address is typed (one batched read), so the panel works for a new applicant as for a listed one.
 */
function ParticipantPanel({ selected }: { selected?: { account: Address; nonce: number } }) {
  const { contracts } = useDeployment();
  const now = useChainNow();
  const name = useNamer();
  const { write, busy } = useWrite();
  const [account, setAccount] = useState("");
  const [roles, setRoles] = useState<RoleName[]>([]);
  const [until, setUntil] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);

  const typed = account.trim();
  const valid = isAddress(typed, { strict: false });
  const { data: verification } = useContractReads(
    ROLE_NAMES.map((_, i) => readCall("registry", "verification", [typed as Address, i])),
    { enabled: valid, allowFailure: false },
  );
  // One (expiresAt, suspended) pair per role, in the order of the `Role` enum.
  const current = verification;
  const expiries = current?.map(([expiresAt]) => expiresAt) ?? [];
  const suspended = current?.[0]?.[1] ?? false;
  const held = ROLE_NAMES.filter((_, i) => (expiries[i] ?? 0n) > 0n);

  // "Manage" on a row: fill the panel with that account, its roles and a renewal a year on, and move focus here.
  useEffect(() => {
    if (selected === undefined) return;
    setAccount(selected.account);
    setProblems([]);
    heading.current?.focus();
  }, [selected]);
  const filledFor = useRef<string>("");
  useEffect(() => {
    if (!valid || current === undefined || now === undefined || filledFor.current === typed.toLowerCase()) return;
    filledFor.current = typed.toLowerCase();
    const latest = current.reduce((max, [e]) => (e > max ? e : max), 0n);
    setRoles(ROLE_NAMES.filter((_, i) => current[i][0] > 0n));
    setUntil(expiryToDateInput(suggestedRenewal(latest, now)));
  }, [valid, typed, current, now]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (contracts === undefined || now === undefined) return;
    const parsed = parseVerifyForm({ account, roles, until }, now);
    setProblems(parsed.ok ? [] : parsed.problems);
    if (!parsed.ok) return;
    if (parsed.roles.length === 1)
      await write((c) => verifyParticipant(c, parsed.account, ROLE_NAMES[parsed.roles[0]], parsed.expiresAt));
    else
      await write((c) =>
        verifyParticipants(
          c,
          parsed.roles.map((role) => ({
            account: parsed.account,
            role: ROLE_NAMES[role],
            expiresAt: parsed.expiresAt,
          })),
        ),
      );
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="manage-title">
      <h3 id="manage-title" ref={heading} tabIndex={-1}>
        Verify, renew, suspend or revoke
      </h3>
      <label htmlFor="participant-account">
        Account address
        <span className="field-hint">The participant&apos;s wallet address, or choose Manage in the list.</span>
      </label>
      <input
        id="participant-account"
        value={account}
        onChange={(e) => setAccount(e.target.value)}
        placeholder="0x…"
        spellCheck={false}
        autoComplete="off"
        className="wide"
      />
      {valid && current !== undefined && now !== undefined && (
        <div className="participant-now" aria-live="polite">
          <p>
            <strong>{name(typed as Address)}</strong>
            {suspended ? " is suspended in all its roles." : held.length === 0 ? " holds no role yet." : ":"}
          </p>
          {held.length > 0 && (
            <ul className="plain">
              {held.map((role) => {
                const i = ROLE_NAMES.indexOf(role);
                const status = roleStatus(expiries[i], now, (t) => formatDate(t));
                return (
                  <li key={role}>
                    {role}: {status.text}{" "}
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void write((c) => revokeParticipant(c, typed as Address, role))}
                    >
                      Revoke as {role.toLowerCase()}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {held.length > 0 && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void write((c) => suspendParticipant(c, typed as Address, !suspended))}
            >
              {suspended ? "Reinstate" : "Suspend in all roles"}
            </button>
          )}
        </div>
      )}
      <fieldset>
        <legend>Roles to verify or renew</legend>
        {ROLE_NAMES.map((role) => (
          <label key={role} className="check">
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(e) =>
                setRoles((rs) =>
                  e.target.checked
                    ? ROLE_NAMES.filter((r) => r === role || rs.includes(r))
                    : rs.filter((r) => r !== role),
                )
              }
            />
            {role} <span className="muted small">({roleWithArticle(role)})</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor="participant-until">
        Verified until<span className="field-hint">The last day the verification holds (UTC).</span>
      </label>
      <input id="participant-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      <Problems list={problems} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || now === undefined}>
          {held.length > 0 ? "Verify or renew" : "Verify"}
        </button>
      </div>
    </form>
  );
}
