"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { isHex, zeroHash, type Hex } from "viem";
import { useConfig, useConnection, usePublicClient } from "wagmi";
import { signTypedData, simulateContract } from "wagmi/actions";

import { useNotices } from "../../../lib/data/notices";
import { CopyButton } from "../../../components/RoleGate";
import { acceptClaim, acceptWithSignature, CLAIM_STATES, contractCall, rejectClaim } from "@openfactor/sdk";
import { acceptanceTypedData } from "../../../lib/domain/acceptance";
import { readIssuedMetadataURI } from "../../../lib/data/acceptance-reads";
import { describeError } from "../../../lib/domain/errors";
import { formatAmount, formatDate, formatDateTime } from "../../../lib/domain/format";
import { tokenOf, useChainNow, useDeployment, useNamer, useTokens } from "../../../lib/data/hooks";
import { useWrite } from "../../../lib/data/tx";
import { readCall, useContractRead, useContractReads } from "../../../lib/data/contracts";

interface SignedAcceptance {
  signature: Hex;
  deadline: bigint;
}

export function AcceptClaim(props: { claimId: string; signature?: string; deadline?: string }) {
  const config = useConfig();
  const { address } = useConnection();
  const { chainId, contracts } = useDeployment();
  const now = useChainNow();
  const name = useNamer();
  const { write, busy } = useWrite();
  const { show } = useNotices();
  const id = /^\d+$/.test(props.claimId) ? BigInt(props.claimId) : undefined;
  const fromLink =
    props.signature !== undefined && isHex(props.signature) && /^\d+$/.test(props.deadline ?? "")
      ? { signature: props.signature as Hex, deadline: BigInt(props.deadline!) }
      : undefined;
  const [signed, setSigned] = useState<SignedAcceptance | undefined>(fromLink);
  const [checked, setChecked] = useState<boolean>();

  const { data: claim, isPending } = useContractRead("claimLens", "claim", [id]);
  const { data: counters } = useContractReads(
    [readCall("claims", "acceptanceCounter", [claim?.debtor ?? "0x0000000000000000000000000000000000000000"])],
    { enabled: claim !== undefined },
  );
  // The acceptance signs the hash of the metadata URI the claim was issued with: the chain checks it against that.
  const client = usePublicClient({ chainId });
  const { data: metadata, isError: metadataUnreadable } = useQuery({
    queryKey: ["issued-metadata-uri", chainId, contracts?.claims, id?.toString()],
    enabled: client !== undefined && contracts !== undefined && id !== undefined && (claim?.state ?? 0) !== 0,
    staleTime: Infinity,
    queryFn: () => readIssuedMetadataURI(client!, contracts!, id!),
  });
  const tokens = useTokens(claim ? [claim.currency] : []);
  const token = tokenOf(tokens, claim?.currency);

  if (contracts === undefined) return <p className="card">OpenFactor is not deployed on this network.</p>;
  if (id === undefined) return <p role="alert">This is not a claim number.</p>;
  if (isPending) return <p className="muted">Reading the claim…</p>;
  if (claim === undefined || claim.state === 0) return <p role="alert">There is no claim #{props.claimId}.</p>;

  const state = CLAIM_STATES[claim.state];
  const terms = {
    originator: claim.originator,
    debtor: claim.debtor,
    currency: claim.currency,
    faceValue: claim.faceValue,
    dueDate: claim.dueDate,
    // The record keeps neither hash: its ClaimIssued event gives both (read with the metadata URI).
    invoiceCommitment: metadata?.invoiceCommitment ?? zeroHash,
    documentHash: metadata?.documentHash ?? zeroHash,
  };
  const isDebtor = address !== undefined && address.toLowerCase() === claim.debtor.toLowerCase();
  // A claim the debtor issued binds once its originator confirms it; no debtor's signature is asked for.
  const byDebtor = claim.issuedByDebtor;
  const isOriginator = address !== undefined && address.toLowerCase() === claim.originator.toLowerCase();
  const amount = token ? formatAmount(claim.faceValue, token.decimals, { symbol: token.symbol }) : "…";
  const open = state === "Issued" && now !== undefined && now <= claim.acceptanceDeadline;
  const counter = counters?.[0]?.result;

  async function sign() {
    if (counter === undefined || contracts === undefined || metadata === undefined || id === undefined) return;
    const deadline = BigInt(claim!.acceptanceDeadline);
    const typed = acceptanceTypedData(chainId, contracts.claims, terms, metadata.uri, counter, deadline);
    try {
      show({ kind: "status", text: "Confirm in your wallet" });
      const signature = await signTypedData(config, typed);
      // Cross-check against the chain itself: relaying this signature now would be accepted (the contract checks it
      // against the claim's stored terms and metadata URI, which no view returns).
      const accepted = await simulateContract(config, {
        ...contractCall(contracts, "claims", "acceptWithSignature", [
          id,
          metadata.invoiceCommitment,
          metadata.documentHash,
          deadline,
          signature,
        ]),
        account: address,
        chainId,
      }).then(
        () => true,
        () => false,
      );
      setChecked(accepted);
      setSigned({ signature, deadline });
      show({ kind: "status", text: "Signed. Relay the signature, or send the link to the supplier." });
    } catch (error) {
      show({ kind: "error", text: describeError(error).message });
    }
  }

  const relayLink =
    signed &&
    `${typeof window === "undefined" ? "" : window.location.origin}/accept/${id}?sig=${signed.signature}&deadline=${signed.deadline}`;

  return (
    <>
      <section className="card" aria-labelledby="terms-title">
        <h2 id="terms-title">Claim #{id.toString()}</h2>
        <p className="terms">
          <strong>{name(claim.originator)}</strong> asks {isDebtor ? "you" : <strong>{name(claim.debtor)}</strong>} to
          confirm that {isDebtor ? "you owe" : "it owes"} <strong>{amount}</strong>, due{" "}
          <strong>{formatDate(claim.dueDate)}</strong>, for an invoice {isDebtor ? "you received" : "it received"}. Once
          confirmed, the claim can be sold to a factor and {isDebtor ? "you pay" : "the debtor pays"} whoever holds it
          at maturity.
        </p>
        <p className="muted small">
          Status: {state}.{" "}
          {state === "Issued" && <>Confirmation possible until {formatDateTime(claim.acceptanceDeadline)}.</>}
        </p>
        {metadata !== undefined && metadata.uri !== "" && (
          <p className="small">
            The claim links to <code className="wide">{metadata.uri}</code>; confirming it also confirms that link.
            {!metadata.exact &&
              " (Read from the token's metadata, which leaves out some characters: if the link had any, the chain will refuse the signature; accept by transaction instead.)"}
          </p>
        )}
        {metadataUnreadable && (
          <p role="alert">The claim&apos;s metadata link could not be read: accept by transaction instead.</p>
        )}
      </section>

      {state !== "Issued" && <p>This claim is {state.toLowerCase()}: there is nothing to confirm.</p>}
      {state === "Issued" && !open && now !== undefined && <p>The time to confirm this claim has run out.</p>}

      {open && byDebtor && isOriginator && <ConfirmByTransaction claimId={id} acceptIsPrimary />}
      {open && byDebtor && !isOriginator && (
        <p className="muted">
          {name(claim.debtor)} issued this claim: only {name(claim.originator)} can confirm it. Connect as the supplier.
        </p>
      )}
      {open && !byDebtor && isDebtor && signed === undefined && (
        <ConfirmByTransaction claimId={id} acceptIsPrimary={false}>
          <button
            type="button"
            className="primary"
            onClick={() => void sign()}
            disabled={counter === undefined || metadata === undefined}
          >
            Sign the acceptance
          </button>
        </ConfirmByTransaction>
      )}
      {open && !byDebtor && !isDebtor && signed === undefined && (
        <p className="muted">
          Only {name(claim.debtor)} can confirm this claim. Connect as the debtor, or open the link with its signature.
        </p>
      )}

      {open && !byDebtor && signed && (
        <section className="card" aria-labelledby="signed-title">
          <h2 id="signed-title">Signed acceptance</h2>
          <p>
            {name(claim.debtor)}&apos;s signature is attached
            {checked === true && " and matches what the contract will check"}
            {checked === false &&
              ", but it does not match what the contract will check: sign again, or accept by transaction"}
            . Anyone can relay it: it costs the relayer the network fee, and the claim becomes Accepted.
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy || address === undefined}
              onClick={() =>
                void write((c) =>
                  acceptWithSignature(
                    c,
                    id,
                    terms.invoiceCommitment,
                    terms.documentHash,
                    signed.deadline,
                    signed.signature,
                  ),
                )
              }
            >
              Relay the signature
            </button>
            {relayLink && <CopyButton text={relayLink} label="Copy the link with the signature" />}
          </div>
          {relayLink && (
            <>
              <label htmlFor="relay-link">Link with the signature, for the supplier</label>
              <input id="relay-link" readOnly value={relayLink} className="wide" onFocus={(e) => e.target.select()} />
            </>
          )}
          {address === undefined && <p className="muted small">Connect a wallet to relay it.</p>}
        </section>
      )}
    </>
  );
}

/**
 * The confirming party's two answers by transaction, accept or reject, after any other way to confirm it is offered
 * (`children`, e.g. signing the acceptance); accept is the primary button when nothing comes before it.
 */
function ConfirmByTransaction(props: { claimId: bigint; acceptIsPrimary: boolean; children?: ReactNode }) {
  const { contracts } = useDeployment();
  const { write, busy } = useWrite();
  if (contracts === undefined) return null;
  const send = (step: typeof acceptClaim | typeof rejectClaim) => void write((c) => step(c, props.claimId));
  return (
    <div className="actions">
      {props.children}
      <button
        type="button"
        className={props.acceptIsPrimary ? "primary" : undefined}
        disabled={busy}
        onClick={() => send(acceptClaim)}
      >
        Accept by transaction
      </button>
      <button type="button" disabled={busy} onClick={() => send(rejectClaim)}>
        Reject
      </button>
    </div>
  );
}
