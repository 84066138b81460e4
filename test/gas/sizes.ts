/**
 * The bytecode ceilings, in one place for CI's check (test/gas/Bytecode.size.test.ts) and the report (`npm run gas`,
 * docs/GAS.md), and the reading of every production contract's deployed size.
 */
import type { Connection, System } from "../fixtures/system.js";

/** EIP-170: the largest deployable contract. */
export const EIP170_LIMIT = 24_576;
/** What CI allows every production contract: 2,576 bytes under EIP-170, so that a fix never needs a redesign. */
export const CEILING = 22_000;
/** The contracts held to another ceiling: the claim contract, to 20,000 bytes, so that it keeps room for what comes next. */
export const CEILINGS: Readonly<Record<string, number>> = { ReceivableClaim: 20_000 };

/** The ceiling `name` is held to. */
export const ceilingOf = (name: string): number => CEILINGS[name] ?? CEILING;

/** Every production contract of `s` (a fresh production deployment) with its deployed size, in bytes. */
export async function contractSizes(connection: Connection, s: System): Promise<{ name: string; size: number }[]> {
  const contracts = {
    ParticipantRegistry: s.registry,
    ReceivableClaim: s.claims,
    ClaimIssuance: s.issuance,
    ClaimUpkeep: s.upkeep,
    ClaimRenderer: s.renderer,
    ClaimMarket: s.market,
    GuaranteeEscrow: s.escrow,
    SealedBidAuction: s.auction,
    MarketLens: s.lens,
    ClaimLens: s.claimLens,
  };
  const sizes = [];
  for (const [name, contract] of Object.entries(contracts)) {
    const address = typeof contract === "string" ? contract : await contract.getAddress();
    sizes.push({ name, size: ((await connection.ethers.provider.getCode(address)).length - 2) / 2 });
  }
  return sizes;
}
