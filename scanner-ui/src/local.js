// What the desk decides on its own when the server cannot be reached: the same rules as the server's scan,
// applied to the preload kept on the device.

export const ADMITTED = new Set(['paid', 'partially_refunded']);

/**
 * The local answer to a scan. `record` is the preloaded attendee (or undefined), `type` 'entry' or 'exit'.
 * Returns the result to show and whether the scan is to be queued for upload.
 */
export function decideScan(record, type) {
  if (!record) {
    return { status: 'not_found', queue: false };
  }
  if (!ADMITTED.has(record.order_status ?? 'paid')) {
    return { status: 'not_paid', orderStatus: record.order_status, queue: false, record };
  }
  if (type === 'exit') {
    return { status: 'checked_out', queue: true, record };
  }
  return { status: record.checked_in ? 'reentry' : 'checked_in', queue: true, record };
}

/** The local answer to a redemption of one unit of line `lineItemId`. */
export function decideRedeem(record, lineItemId) {
  const product = record?.products?.find((p) => p.id === lineItemId);
  if (!record || !product) {
    return { status: 'not_found', queue: false };
  }
  if (!ADMITTED.has(record.order_status ?? 'paid')) {
    return { status: 'not_paid', queue: false };
  }
  if ((product.remaining ?? 0) <= 0) {
    return { status: 'fully_redeemed', queue: false, product };
  }
  return { status: 'redeemed', queue: true, product: { ...product, remaining: product.remaining - 1,
    redeemed_count: (product.redeemed_count ?? 0) + 1 } };
}

/** Products that can be handed out, from a preloaded record, in the server's look-up shape. */
export function redeemables(record) {
  return (record?.products ?? []).filter((p) => p.addon_slug).map((p) => ({
    line_item_id: p.id, description: p.description, addon_slug: p.addon_slug, quantity: p.quantity,
    redeemed_count: p.redeemed_count ?? 0, remaining: p.remaining ?? 0,
  }));
}
