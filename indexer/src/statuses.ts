/**
 * The indexer's own status names: what a row's status column may say where the contracts have no enum of their own
 * (a listing, an escrowed bid and a sealed bid have none; a payment row's kind names the event that made it).
 */

/** Where a listing stands: the market holds one per listed claim; a sale or a delisting ends it. */
export const LISTING_STATUSES = ["Active", "Sold", "Delisted"] as const;
/** Where an escrowed bid stands: live until the holder accepts it or the bidder withdraws it. */
export const BID_STATUSES = ["Active", "Accepted", "Cancelled"] as const;
/** Where a sealed bid stands: its amount is unknown (null) until Revealed. */
export const SEALED_BID_STATUSES = ["Committed", "Withdrawn", "Revealed", "Won", "Reclaimed"] as const;
/** What a payment row records: money credited to the holder, held in a dispute, released after it, or reclaimed. */
export const PAYMENT_KINDS = ["Received", "Held", "Released", "Reclaimed"] as const;
