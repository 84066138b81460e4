"use client";

import { useState, type FormEvent } from "react";
import { getAddress, isAddress, zeroHash, type Address, type Hex } from "viem";
import { useConnection } from "wagmi";

import { CopyButton } from "../../components/RoleGate";
import { issueClaim, SECONDS_PER_DAY } from "@openfactor/sdk";
import { formatAmount, formatDate, parseAmount } from "../../lib/domain/format";
import {
  tokenOf,
  useAllowedCurrencies,
  useChainNow,
  useDeployment,
  useNamer,
  useRules,
  useTokens,
  useVerifiedParticipants,
} from "../../lib/data/hooks";
import { dateInputToUnix, documentHash, dueDateFromInput, invoiceCommitment } from "../../lib/domain/invoice";
import { Role } from "../../lib/data/roles";
import { useWrite } from "../../lib/data/tx";
import { Problems } from "../../components/Problems";
import { useContractReader } from "../../lib/data/contracts";
import { eventsIn } from "../../lib/data/logs";

export function IssueForm() {
  const read = useContractReader();
  const { address: originator } = useConnection();
  const { contracts } = useDeployment();
  const now = useChainNow();
  const rules = useRules();
  const debtors = useVerifiedParticipants("Debtor").filter((d) => d !== originator);
  const currencies = useAllowedCurrencies();
  const tokens = useTokens(currencies);
  const name = useNamer();
  const { write, busy } = useWrite();

  const [debtorChoice, setDebtorChoice] = useState("");
  const [typedDebtor, setTypedDebtor] = useState("");
  const [face, setFace] = useState("");
  const [currency, setCurrency] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [invoiceNumber, setInvoiceNumber] = useState("");
  const [invoiceDate, setInvoiceDate] = useState("");
  const [file, setFile] = useState<File>();
  const [errors, setErrors] = useState<string[]>([]);
  const [checking, setChecking] = useState(false);
  const [issued, setIssued] = useState<bigint>();

  const chosenCurrency = (currency || currencies[0]) as Address | undefined;
  const token = tokenOf(tokens, chosenCurrency);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (originator === undefined || contracts === undefined || now === undefined || rules === undefined) return;
    const problems: string[] = [];
    const debtorText = debtorChoice === "other" || debtorChoice === "" ? typedDebtor.trim() : debtorChoice;
    const debtor = isAddress(debtorText) ? getAddress(debtorText) : undefined;
    if (debtor === undefined) problems.push("Choose the debtor, or type its address (0x followed by 40 hex digits).");
    if (debtor !== undefined && debtor === originator) problems.push("You cannot issue a claim on yourself.");
    const faceValue = token === undefined ? undefined : parseAmount(face, token.decimals);
    if (faceValue === undefined || faceValue === 0n)
      problems.push(`Enter the face value as an amount of ${token?.symbol ?? "the currency"}, for example 10,000.00.`);
    if (chosenCurrency === undefined || !currencies.includes(chosenCurrency))
      problems.push("Choose a currency the platform accepts.");
    const due = dueDateFromInput(dueDate);
    if (due === undefined) problems.push("Enter the due date.");
    else {
      const tenor = due - now;
      if (tenor < BigInt(rules.minTenor) || tenor > BigInt(rules.maxTenor))
        problems.push(
          `The due date must be between ${Math.ceil(rules.minTenor / SECONDS_PER_DAY)} and ${Math.floor(rules.maxTenor / SECONDS_PER_DAY)} days from today (${formatDate(now + BigInt(rules.minTenor))} to ${formatDate(now + BigInt(rules.maxTenor))}).`,
        );
    }
    if (invoiceNumber.trim() === "") problems.push("Enter the invoice number.");
    const invoiceDay = dateInputToUnix(invoiceDate);
    if (invoiceDay === undefined) problems.push("Enter the invoice date.");
    else if (invoiceDay > now) problems.push("The invoice date cannot be in the future.");
    if (file === undefined) problems.push("Choose the invoice file (it is not uploaded: only its hash is used).");

    setErrors(problems);
    if (problems.length > 0) return;

    setChecking(true);
    try {
      const commitment = invoiceCommitment({ invoiceNumber, originator, debtor: debtor!, invoiceDate: invoiceDay! });
      const [debtorVerified, existing, docHash] = await Promise.all([
        read("registry", "isVerified", [debtor!, Role.Debtor]),
        read("claims", "claimByCommitment", [commitment]),
        documentHash(file!),
      ]);
      const late: string[] = [];
      if (!debtorVerified) late.push(`${name(debtor)} is not verified as a debtor on the platform.`);
      if (existing !== 0n) late.push(`This invoice already backs claim #${existing}: it cannot be financed twice.`);
      if (docHash === (zeroHash as Hex)) late.push("The invoice file is empty.");
      setErrors(late);
      if (late.length > 0) return;

      const result = await write((c) =>
        issueClaim(c, {
          originator,
          debtor: debtor!,
          currency: chosenCurrency!,
          faceValue: faceValue!,
          dueDate: due!,
          invoiceCommitment: commitment,
          documentHash: docHash,
        }),
      );
      if (result.ok) {
        const [log] = eventsIn(result.receipt.logs, "claims", "ClaimIssued");
        setIssued(log?.args.claimId);
      }
    } finally {
      setChecking(false);
    }
  }

  if (issued !== undefined) {
    const link = `${window.location.origin}/accept/${issued}`;
    return (
      <section className="card" aria-labelledby="issued-title">
        <h2 id="issued-title">Claim #{issued.toString()} issued</h2>
        <p>Send this link to your buyer: they confirm the claim there, by signature or by transaction.</p>
        <p>
          <a href={link}>{link}</a>
        </p>
        <div className="actions">
          <CopyButton text={link} label="Copy the acceptance link" />
          <button type="button" onClick={() => setIssued(undefined)}>
            Issue another
          </button>
        </div>
      </section>
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="card form">
      <label htmlFor="debtor">
        Debtor (your buyer)
        <span className="field-hint">Verified debtors; or type the address of another verified debtor.</span>
      </label>
      <select id="debtor" value={debtorChoice} onChange={(e) => setDebtorChoice(e.target.value)}>
        <option value="">Choose…</option>
        {debtors.map((d) => (
          <option key={d} value={d}>
            {name(d)}
          </option>
        ))}
        <option value="other">Another address…</option>
      </select>
      {(debtorChoice === "other" || debtors.length === 0) && (
        <>
          <label htmlFor="debtor-address">Debtor address</label>
          <input
            id="debtor-address"
            value={typedDebtor}
            onChange={(e) => setTypedDebtor(e.target.value)}
            placeholder="0x…"
            spellCheck={false}
            size={44}
          />
        </>
      )}

      <label htmlFor="currency">Currency</label>
      <select id="currency" value={chosenCurrency ?? ""} onChange={(e) => setCurrency(e.target.value)}>
        {currencies.map((c) => (
          <option key={c} value={c}>
            {tokenOf(tokens, c)?.symbol ?? c}
          </option>
        ))}
      </select>

      <label htmlFor="face">
        Face value
        <span className="field-hint">What the buyer owes on the invoice, in {token?.symbol ?? "the currency"}.</span>
      </label>
      <input
        id="face"
        inputMode="decimal"
        value={face}
        onChange={(e) => setFace(e.target.value)}
        placeholder="10,000.00"
      />
      {token && parseAmount(face, token.decimals) !== undefined && (
        <span className="field-hint">
          {formatAmount(parseAmount(face, token.decimals)!, token.decimals, { symbol: token.symbol })}
        </span>
      )}

      <label htmlFor="due">
        Due date
        {rules && (
          <span className="field-hint">
            Between {Math.ceil(rules.minTenor / SECONDS_PER_DAY)} and {Math.floor(rules.maxTenor / SECONDS_PER_DAY)}{" "}
            days from today.
          </span>
        )}
      </label>
      <input id="due" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />

      <label htmlFor="invoice-number">Invoice number</label>
      <input id="invoice-number" value={invoiceNumber} onChange={(e) => setInvoiceNumber(e.target.value)} />

      <label htmlFor="invoice-date">Invoice date</label>
      <input id="invoice-date" type="date" value={invoiceDate} onChange={(e) => setInvoiceDate(e.target.value)} />

      <label htmlFor="invoice-file">
        Invoice file
        <span className="field-hint">Hashed in your browser; the file is never uploaded.</span>
      </label>
      <input id="invoice-file" type="file" onChange={(e) => setFile(e.target.files?.[0])} />

      <Problems list={errors} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || checking || now === undefined}>
          Issue the claim
        </button>
      </div>
    </form>
  );
}
