/**
 * The steps the demo seed leaves out, taken on a chain just seeded with it: withdrawals, cancellations (an escrowed
 * bid, signed offers, a standing offer), a listing updated and withdrawn, a standing offer's exposure freed, a dispute
 * upheld with a payment held and released, another voided with its held payment reclaimed, a guaranteed claim paid in
 * full and its guarantee released, a sealed bid withdrawn, a sealed-bid auction run to a sale and another closed, a
 * guarantee offer withdrawn, a bid lowered (its difference credited and withdrawn), ERC-721 approvals, every fee
 * keeper's fees collected, an access role granted and revoked, an agent change and an admin handover and delay
 * change begun and taken back, the rules published again, the pause, a suspension and a participant's role revoked. The replay test takes them while the indexer runs live;
 * record-events.ts takes them before recording.
 *
 *   OPENFACTOR_RPC_URL=http://127.0.0.1:8645 tsx indexer/scripts/extra-steps.ts
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

import {
  ACCESS_ROLES,
  placeBid,
  GuaranteeStatus,
  distributeRecovery,
  grantAccessRole,
  reclaimHeldPayment,
  releaseGuarantee,
  revokeAccessRole,
  AUCTION_LIMITS,
  acceptAuctionBid,
  closeAuction,
  commitSealedBid,
  openAuction,
  reclaimSealedBid,
  revealSealedBid,
  CAST,
  ClaimState,
  DAY,
  abis,
  approve,
  cancelBid,
  cancelSignedOffer,
  cancelSignedOffersBelow,
  cancelStandingOffer,
  collectFees,
  contractCall,
  deployments,
  delist,
  disputeClaim,
  localAccounts,
  offerGuarantee,
  payClaim,
  releaseExposure,
  resolveDispute,
  revokeAcceptanceSignatures,
  revokeParticipant,
  SaleKind,
  sendCall,
  suspendParticipant,
  updateListing,
  withdraw,
  withdrawGuaranteeOffer,
  withdrawSealedBid,
  type ContractCall,
} from "@openfactor/sdk";
import { createPublicClient, createWalletClient, http, keccak256, stringToHex, type Address, type Hex } from "viem";

const ZERO = "0x0000000000000000000000000000000000000000";

/** Takes every step on the chain at `rpcUrl`, printing each with `log`. */
export async function takeExtraSteps(rpcUrl: string, log: (line: string) => void = console.log): Promise<void> {
  const contracts = deployments[31337];
  const reader = createPublicClient({ transport: http(rpcUrl) });
  const account = (key: string) => localAccounts[CAST.find((m) => m.key === key)!.account] as Address;

  async function send(from: Address, call: ContractCall, why: string) {
    const wallet = createWalletClient({ account: from, transport: http(rpcUrl) });
    await sendCall(wallet, reader, call);
    log(why);
  }
  const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
    reader.readContract({ address, abi: abi as never, functionName, args } as never) as Promise<T>;
  /** The arguments the steps below read off earlier events. */
  interface Args {
    claimId: bigint;
    bidder: Address;
    factor: Address;
    offerId: bigint;
    kind: number;
    role: Hex;
    account: Address;
    auctionId: bigint;
    guaranteeId: bigint;
    custody: boolean;
  }
  const eventsOf = async (address: Address, abi: readonly unknown[], eventName: string) =>
    (await reader.getContractEvents({ address, abi: abi as never, eventName, fromBlock: 0n } as never)) as unknown as {
      args: Args;
    }[];

  const operator = account("operator");
  const usd = contracts.stablecoin;

  await send(account("debtor1"), revokeAcceptanceSignatures(contracts), "debtor1 revokes its acceptance signatures");
  await send(account("factor1"), cancelSignedOffer(contracts, 7n), "factor1 cancels signed offer 7");
  await send(account("factor2"), cancelSignedOffersBelow(contracts, 5n), "factor2 cancels its signed offers below 5");

  for (const { args } of await eventsOf(contracts.market, abis.market, "BidPlaced")) {
    const [b] = await read<[{ amount: bigint }, boolean]>(contracts.market, abis.market, "bidOf", [
      args.claimId,
      args.bidder,
    ]);
    if (b.amount === 0n) continue;
    await send(args.bidder, cancelBid(contracts, args.claimId, args.bidder), `bid on claim ${args.claimId} cancelled`);
    break;
  }

  for (const { args } of await eventsOf(contracts.market, abis.market, "Listed")) {
    const entry = await read<{ seller: Address; askPrice: bigint; minBid: bigint; deadline: number }>(
      contracts.market,
      abis.market,
      "listing",
      [args.claimId],
    );
    const lockedBy = await read<Address>(contracts.claims, abis.claims, "lockedBy", [args.claimId]);
    if (entry.seller === ZERO || lockedBy !== contracts.market) continue;
    const call = updateListing(contracts, args.claimId, entry.askPrice, entry.minBid + 1n, BigInt(entry.deadline));
    await send(entry.seller, call, `listing of claim ${args.claimId} updated`);
    await send(entry.seller, delist(contracts, args.claimId), `claim ${args.claimId} delisted`);
    break;
  }

  const [offer0] = await eventsOf(contracts.market, abis.market, "StandingOfferPosted");
  await send(offer0!.args.factor, cancelStandingOffer(contracts, offer0!.args.offerId), "standing offer cancelled");

  // A claim sold to a standing offer and settled since: its exposure can be freed.
  for (const { args } of await eventsOf(contracts.market, abis.market, "ClaimSold")) {
    const state = (await read<{ state: number }>(contracts.claimLens, abis.claimLens, "claim", [args.claimId])).state;
    if (args.kind !== SaleKind.StandingOffer || state !== ClaimState.Settled) continue;
    await send(operator, releaseExposure(contracts, args.claimId), `exposure of claim ${args.claimId} released`);
    break;
  }

  // A dispute on a financed claim, a payment held during it, the dispute upheld: the payment is released.
  let disputed: bigint | undefined;
  const granted = await eventsOf(contracts.registry, abis.registry, "RoleGranted");
  const holderOf = (role: keyof typeof ACCESS_ROLES) =>
    granted.find((e) => e.args.role === ACCESS_ROLES[role])!.args.account;
  const arbiter = holderOf("Arbiter");
  for (const { args } of await eventsOf(contracts.claims, abis.claims, "ClaimIssued")) {
    const c = await read<{ state: number; debtor: Address }>(contracts.claimLens, abis.claimLens, "claim", [
      args.claimId,
    ]);
    if (c.state !== ClaimState.Financed) continue;
    const id = args.claimId;
    disputed = id;
    await send(
      c.debtor,
      disputeClaim(contracts, id, keccak256(stringToHex("recorded dispute"))),
      `claim ${id} disputed`,
    );
    await send(c.debtor, approve(contracts, "claims", 1_000_000n), "the debtor approves a payment");
    await send(c.debtor, payClaim(contracts, id, 1_000_000n), `a payment on claim ${id} held`);
    await send(
      arbiter,
      resolveDispute(
        contracts,
        id,
        "Upheld",
        (await read<{ faceValue: bigint }>(contracts.claimLens, abis.claimLens, "claim", [id])).faceValue,
      ),
      `dispute on claim ${id} upheld`,
    );
    break;
  }

  // A second dispute, voided by the arbiter: the payment held during it goes back to its payer.
  for (const { args } of await eventsOf(contracts.claims, abis.claims, "ClaimIssued")) {
    const c = await read<{ state: number; debtor: Address; faceValue: bigint }>(
      contracts.claimLens,
      abis.claimLens,
      "claim",
      [args.claimId],
    );
    const lockedBy = await read<Address>(contracts.claims, abis.claims, "lockedBy", [args.claimId]);
    if (c.state !== ClaimState.Financed || lockedBy !== ZERO || args.claimId === disputed) continue;
    const id = args.claimId;
    await send(c.debtor, disputeClaim(contracts, id, keccak256(stringToHex("voided dispute"))), `claim ${id} disputed`);
    await send(c.debtor, approve(contracts, "claims", 1_000_000n), "the debtor approves a payment");
    await send(c.debtor, payClaim(contracts, id, 1_000_000n), `a payment on claim ${id} held`);
    await send(arbiter, resolveDispute(contracts, id, "Voided", c.faceValue), `claim ${id} voided`);
    await send(c.debtor, reclaimHeldPayment(contracts, id, c.debtor), "the debtor reclaims its held payment");
    break;
  }

  // An active guarantee whose claim is paid in full: its cover goes back to the guarantor.
  for (const { args } of await eventsOf(contracts.escrow, abis.escrow, "GuaranteeActivated")) {
    const g = await read<{ status: number }>(contracts.escrow, abis.escrow, "guarantee", [args.guaranteeId]);
    if (g.status !== GuaranteeStatus.Active) continue;
    const c = await read<{ debtor: Address }>(contracts.claimLens, abis.claimLens, "claim", [args.claimId]);
    const owed = await read<bigint>(contracts.claimLens, abis.claimLens, "outstanding", [args.claimId]);
    await send(c.debtor, approve(contracts, "claims", owed), "the debtor approves the rest");
    await send(c.debtor, payClaim(contracts, args.claimId, owed), `claim ${args.claimId} paid in full`);
    await send(operator, releaseGuarantee(contracts, args.guaranteeId), `guarantee ${args.guaranteeId} released`);
    break;
  }

  // A late payment on a claim in the escrow's custody, split between the holder at the call and the guarantor.
  for (const { args } of await eventsOf(contracts.escrow, abis.escrow, "Subrogated")) {
    if (!args.custody) continue;
    const c = await read<{ debtor: Address }>(contracts.claimLens, abis.claimLens, "claim", [args.claimId]);
    await send(c.debtor, approve(contracts, "claims", 1_000_000n), "the debtor approves a late payment");
    await send(c.debtor, payClaim(contracts, args.claimId, 1_000_000n), `a late payment on claim ${args.claimId}`);
    await send(operator, distributeRecovery(contracts, args.claimId), `the recovery on claim ${args.claimId} split`);
    break;
  }

  // The admin grants an access role and takes it back.
  await send(operator, grantAccessRole(contracts, "Pauser", account("applicant")), "a pauser appointed");
  await send(operator, revokeAccessRole(contracts, "Pauser", account("applicant")), "the pauser dismissed");

  // Every holder withdraws what the claim contract owes it.
  for (const key of ["sme1", "sme2", "factor1", "factor2", "factor3", "bank"]) {
    if ((await read<bigint>(contracts.claims, abis.claims, "owed", [account(key), usd])) === 0n) continue;
    await send(account(key), withdraw(contracts, "claims", usd, account(key)), `${key} withdraws its payments`);
  }

  // A sealed bid withdrawn during bidding; its deposit withdrawn from the auction house.
  const [commitment] = await eventsOf(contracts.auction, abis.auction, "BidCommitted");
  if (commitment !== undefined) {
    const { auctionId, bidder } = commitment.args;
    await send(bidder, withdrawSealedBid(contracts, auctionId), `sealed bid in auction ${auctionId} withdrawn`);
    await send(bidder, withdraw(contracts, "auction", usd, bidder), "the bidder withdraws its deposit");
  }

  // A guarantee offered and withdrawn; the cover withdrawn from the escrow.
  const guarantor = account("guarantor");
  for (const { args } of await eventsOf(contracts.claims, abis.claims, "ClaimIssued")) {
    const c = await read<{ state: number }>(contracts.claimLens, abis.claimLens, "claim", [args.claimId]);
    if (c.state !== ClaimState.Financed) continue;
    const block = await reader.getBlock();
    await send(guarantor, approve(contracts, "escrow", 5_000_000n), "the guarantor approves its cover");
    const receipt = await sendCall(
      createWalletClient({ account: guarantor, transport: http(rpcUrl) }),
      reader,
      offerGuarantee(contracts, args.claimId, 5_000_000n, 100_000n, block.timestamp + DAY),
    );
    const offered = receipt.events.find((e) => e.eventName === "GuaranteeOffered")!.args as { guaranteeId: bigint };
    log(`guarantee ${offered.guaranteeId} offered on claim ${args.claimId}`);
    await send(guarantor, withdrawGuaranteeOffer(contracts, offered.guaranteeId), "the guarantee offer withdrawn");
    await send(guarantor, withdraw(contracts, "escrow", usd, guarantor), "the guarantor withdraws its cover");
    break;
  }

  // A sealed-bid auction run to its end: two bids committed, both revealed once bidding closes, the seller accepting
  // the higher after the reveals, the other bidder reclaiming its deposit; and a second auction closed by its seller.
  const sellable: bigint[] = [];
  for (const { args } of await eventsOf(contracts.claims, abis.claims, "ClaimIssued")) {
    const c = await read<{ state: number }>(contracts.claimLens, abis.claimLens, "claim", [args.claimId]);
    const lockedBy = await read<Address>(contracts.claims, abis.claims, "lockedBy", [args.claimId]);
    if (c.state === ClaimState.Financed && lockedBy === ZERO) sellable.push(args.claimId);
  }
  const [sold, closed] = sellable.slice(-2);
  if (sold !== undefined && closed !== undefined) {
    const seller = await read<Address>(contracts.claims, abis.claims, "ownerOf", [sold]);
    const bidders = ["factor1", "factor2", "factor3", "bank"]
      .map(account)
      .filter((a) => a.toLowerCase() !== seller.toLowerCase())
      .slice(0, 2);
    const opened = await sendCall(
      createWalletClient({ account: seller, transport: http(rpcUrl) }),
      reader,
      openAuction(contracts, sold, AUCTION_LIMITS.MIN_BIDDING_WINDOW, AUCTION_LIMITS.MIN_REVEAL_WINDOW),
    );
    const auctionId = (opened.events.find((e) => e.eventName === "AuctionOpened")!.args as { auctionId: bigint })
      .auctionId;
    log(`auction ${auctionId} opened on claim ${sold}`);
    const outstanding = await read<bigint>(contracts.claimLens, abis.claimLens, "outstanding", [sold]);
    const bids = bidders.map((bidder, i) => ({
      bidder,
      amount: (outstanding * BigInt(9 - i)) / 10n,
      salt: keccak256(stringToHex(`recorded sealed bid ${i}`)),
    }));
    for (const b of bids) {
      const commitment = await read<Hex>(contracts.auction, abis.auction, "commitmentOf", [
        auctionId,
        b.bidder,
        b.amount,
        b.salt,
      ]);
      await send(b.bidder, approve(contracts, "auction", outstanding), "a bidder approves its deposit");
      await send(b.bidder, commitSealedBid(contracts, auctionId, commitment, outstanding), "a sealed bid committed");
    }
    const wait = async (seconds: number) => {
      await reader.request({ method: "evm_increaseTime", params: [seconds] } as never);
      await reader.request({ method: "evm_mine", params: [] } as never);
    };
    await wait(AUCTION_LIMITS.MIN_BIDDING_WINDOW + 1);
    for (const b of bids) {
      await send(b.bidder, revealSealedBid(contracts, auctionId, b.amount, b.salt), "a sealed bid revealed");
    }
    await wait(AUCTION_LIMITS.MIN_REVEAL_WINDOW + 1);
    await send(seller, acceptAuctionBid(contracts, auctionId, bids[0]!.bidder, bids[0]!.amount), "auction sold");
    await send(bids[1]!.bidder, reclaimSealedBid(contracts, auctionId), "the losing bid reclaimed");

    const closedSeller = await read<Address>(contracts.claims, abis.claims, "ownerOf", [closed]);
    const second = await sendCall(
      createWalletClient({ account: closedSeller, transport: http(rpcUrl) }),
      reader,
      openAuction(contracts, closed, AUCTION_LIMITS.MIN_BIDDING_WINDOW, AUCTION_LIMITS.MIN_REVEAL_WINDOW),
    );
    const secondId = (second.events.find((e) => e.eventName === "AuctionOpened")!.args as { auctionId: bigint })
      .auctionId;
    await send(closedSeller, closeAuction(contracts, secondId), `auction ${secondId} on claim ${closed} closed unsold`);
  }

  // A factor bids on a claim, then lowers its bid: the difference is credited, then withdrawn from the market.
  const unlisted = [];
  for (const { args } of await eventsOf(contracts.claims, abis.claims, "ClaimIssued")) {
    const c = await read<{ state: number }>(contracts.claimLens, abis.claimLens, "claim", [args.claimId]);
    const lockedBy = await read<Address>(contracts.claims, abis.claims, "lockedBy", [args.claimId]);
    if (c.state === ClaimState.Financed && lockedBy === ZERO) unlisted.push(args.claimId);
  }
  const lowered = unlisted[0];
  if (lowered !== undefined) {
    const holder = await read<Address>(contracts.claims, abis.claims, "ownerOf", [lowered]);
    const bidder = ["factor1", "factor2", "factor3", "bank"]
      .map(account)
      .find((a) => a.toLowerCase() !== holder.toLowerCase())!;
    const owed = await read<bigint>(contracts.claimLens, abis.claimLens, "outstanding", [lowered]);
    const expiry = (await reader.getBlock()).timestamp + DAY;
    await send(bidder, approve(contracts, "market", owed), "a factor approves its bid");
    await send(bidder, placeBid(contracts, lowered, (owed * 9n) / 10n, expiry), `a bid on claim ${lowered}`);
    await send(bidder, placeBid(contracts, lowered, (owed * 8n) / 10n, expiry), "the bid lowered");
    await send(bidder, withdraw(contracts, "market", usd, bidder), "the bidder withdraws the difference");
  }

  // The holder of a claim approves an operator for its claims, and one account for one claim.
  if (lowered !== undefined) {
    const holder = await read<Address>(contracts.claims, abis.claims, "ownerOf", [lowered]);
    await send(
      holder,
      contractCall(contracts, "claims", "setApprovalForAll", [operator, true]),
      "an operator approved",
    );
    await send(holder, contractCall(contracts, "claims", "approve", [operator, lowered]), "a claim approved");
  }

  // The treasury collects the market's fees.
  const treasury = await read<Address>(contracts.registry, abis.registry, "treasury");
  if ((await read<bigint>(contracts.market, abis.market, "feesAccrued", [usd])) > 0n) {
    await send(treasury, collectFees(contracts, "market", usd, treasury), "the treasury collects the market's fees");
  }

  // The treasury collects the escrow's and the auction house's fees.
  if ((await read<bigint>(contracts.escrow, abis.escrow, "feesAccrued", [usd])) > 0n) {
    await send(treasury, collectFees(contracts, "escrow", usd, treasury), "the treasury collects the escrow's fees");
  }
  if ((await read<bigint>(contracts.auction, abis.auction, "feesAccrued", [usd])) > 0n) {
    await send(treasury, collectFees(contracts, "auction", usd, treasury), "the treasury collects the auction's fees");
  }

  // The operator announces an agent's distrust and withdraws it; the admin starts a handover and a delay change and
  // takes both back; the operator publishes the rules again, as version 2.
  await send(
    operator,
    contractCall(contracts, "registry", "setAgent", [contracts.market, false]),
    "agent change announced",
  );
  await send(
    operator,
    contractCall(contracts, "registry", "setAgent", [contracts.market, true]),
    "agent change withdrawn",
  );
  const admin = await read<Address>(contracts.registry, abis.registry, "defaultAdmin");
  const heir = account("applicant");
  await send(admin, contractCall(contracts, "registry", "beginDefaultAdminTransfer", [heir]), "admin handover begun");
  await send(admin, contractCall(contracts, "registry", "cancelDefaultAdminTransfer", []), "admin handover cancelled");
  await send(
    admin,
    contractCall(contracts, "registry", "changeDefaultAdminDelay", [86_400]),
    "admin delay change begun",
  );
  await send(
    admin,
    contractCall(contracts, "registry", "rollbackDefaultAdminDelay", []),
    "admin delay change rolled back",
  );
  const rules = await read<object>(contracts.registry, abis.registry, "currentRules");
  await send(
    operator,
    contractCall(contracts, "registry", "setMarketRules", [rules as never]),
    "rules published again",
  );

  // The operator pauses and unpauses, suspends and reinstates a participant, revokes a role.
  await send(holderOf("Pauser"), contractCall(contracts, "registry", "pause", []), "paused");
  await send(holderOf("Pauser"), contractCall(contracts, "registry", "unpause", []), "unpaused");
  await send(operator, suspendParticipant(contracts, account("bank"), true), "the bank suspended");
  await send(operator, suspendParticipant(contracts, account("bank"), false), "the bank reinstated");
  await send(operator, revokeParticipant(contracts, account("factor3"), "Factor"), "factor3's Factor role revoked");
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await takeExtraSteps(process.env.OPENFACTOR_RPC_URL ?? "http://127.0.0.1:8645");
}
