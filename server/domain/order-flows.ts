/**
 * The order center's statuses and flows (OPEN-API.md, "Lifecycle"), and the sets the services ask about.
 *
 *   standard     PENDING_PAYMENT ─▶ PAID ─▶ TO_SHIP ─▶ SHIPPED ─▶ TO_RECEIVE ─▶ COMPLETED
 *   custom_home  PENDING_PAYMENT ─▶ PAID ─▶ TO_MEASURE ─▶ TO_DESIGN ─▶ IN_PRODUCTION ─▶ TO_SHIP ─▶ SHIPPED
 *                                  ─▶ TO_INSTALL ─▶ TO_ACCEPT ─▶ COMPLETED
 *   presale      PENDING_PAYMENT ─▶ DEPOSIT_PAID ─▶ PAID ─▶ … (its flow)
 *   any          ─▶ CANCELLED (while cancellable) · PAID / TO_SHIP ─▶ SPLIT (a parent, for good)
 *
 * Only the payment center moves an order into DEPOSIT_PAID or PAID; the business system (or the
 * console) moves it forward from PAID, skipping allowed, never backwards.
 */
export const ORDER_STATUSES = [
  "PENDING_PAYMENT",
  "DEPOSIT_PAID",
  "PAID",
  "TO_MEASURE",
  "TO_DESIGN",
  "IN_PRODUCTION",
  "TO_SHIP",
  "SHIPPED",
  "TO_INSTALL",
  "TO_ACCEPT",
  "TO_RECEIVE",
  "COMPLETED",
  "CANCELLED",
  "SPLIT",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_FLOWS = ["standard", "custom_home"] as const;
export type OrderFlow = (typeof ORDER_FLOWS)[number];

export const ORDER_TYPES = ["standard", "presale", "custom", "points"] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** Each flow's statuses in order, from creation to completion. */
export const FLOW_STEPS: Record<OrderFlow, readonly OrderStatus[]> = {
  standard: ["PENDING_PAYMENT", "DEPOSIT_PAID", "PAID", "TO_SHIP", "SHIPPED", "TO_RECEIVE", "COMPLETED"],
  custom_home: ["PENDING_PAYMENT", "DEPOSIT_PAID", "PAID", "TO_MEASURE", "TO_DESIGN", "IN_PRODUCTION", "TO_SHIP", "SHIPPED", "TO_INSTALL", "TO_ACCEPT", "COMPLETED"],
};

/** The flow an order takes unless it names one: custom_home for made-to-measure, else standard. */
export function defaultFlow(type: OrderType): OrderFlow {
  return type === "custom" ? "custom_home" : "standard";
}

/** Statuses only the payment center (or the order center itself) enters: never a business system's `to`. */
const NOT_REQUESTABLE: readonly OrderStatus[] = ["PENDING_PAYMENT", "DEPOSIT_PAID", "PAID", "CANCELLED", "SPLIT"];

/** Paid, not yet moved forward by the business: the order center waits on nobody. */
const BEFORE_FORWARD: readonly OrderStatus[] = ["PENDING_PAYMENT", "DEPOSIT_PAID"];

/**
 * May a business system (or the console) move an order of `flow` from `from` to `to`? A later status of
 * the flow (skipping allowed), never out of PENDING_PAYMENT / DEPOSIT_PAID, never into PAID / SPLIT /
 * CANCELLED, never backwards, never out of CANCELLED / SPLIT / COMPLETED.
 */
export function canTransition(flow: OrderFlow, from: OrderStatus, to: OrderStatus): boolean {
  if (NOT_REQUESTABLE.includes(to) || BEFORE_FORWARD.includes(from)) return false;
  const steps = FLOW_STEPS[flow];
  const at = steps.indexOf(from);
  const target = steps.indexOf(to);
  return at >= 0 && target > at;
}

/** The statuses a business may move the order to next, in flow order (what the console offers). */
export function nextStatuses(flow: OrderFlow, from: OrderStatus): OrderStatus[] {
  return FLOW_STEPS[flow].filter((to) => canTransition(flow, from, to));
}

/** Before anything left the warehouse (OPEN-API.md, cancel). */
export const CANCELLABLE_STATUSES = ["PENDING_PAYMENT", "DEPOSIT_PAID", "PAID", "TO_SHIP", "TO_MEASURE", "TO_DESIGN"] as const satisfies readonly OrderStatus[];

export function isCancellable(status: OrderStatus): boolean {
  return (CANCELLABLE_STATUSES as readonly OrderStatus[]).includes(status);
}

/** An order that may be split into child orders, or leave in a merged shipment. */
export const SPLITTABLE_STATUSES = ["PAID", "TO_SHIP"] as const satisfies readonly OrderStatus[];
export const SHIPPABLE_STATUSES = SPLITTABLE_STATUSES;

/** After-sales are taken from SHIPPED on, including COMPLETED (every status of the flow after SHIPPED). */
export function acceptsAfterSales(flow: OrderFlow, status: OrderStatus): boolean {
  const steps = FLOW_STEPS[flow];
  const shipped = steps.indexOf("SHIPPED");
  const at = steps.indexOf(status);
  return at >= shipped && shipped >= 0;
}

/** Shipped and waiting for the buyer: completed by the order center after App.autoCompleteDays. */
export const AUTO_COMPLETE_STATUSES = ["SHIPPED", "TO_RECEIVE"] as const satisfies readonly OrderStatus[];

/** Paid and not yet shipped: overdue once App.shipWithinHours have passed since payment. */
export function awaitsShipping(flow: OrderFlow, status: OrderStatus): boolean {
  const steps = FLOW_STEPS[flow];
  const at = steps.indexOf(status);
  return at >= steps.indexOf("PAID") && at < steps.indexOf("SHIPPED");
}

/**
 * Where the shipping deadline (App.shipWithinHours) starts: at payment in the standard flow; for made-to-
 * measure orders once production is done (TO_SHIP) — measuring, design and production take weeks, and
 * an order in them is not late to ship.
 */
export const SHIPPING_CLOCK_STARTS: Record<OrderFlow, OrderStatus> = { standard: "PAID", custom_home: "TO_SHIP" };

/** The shipping deadline of an order entering `status` now, or null when its clock does not start here (or the app sets none). */
export function shipByOnEntering(flow: OrderFlow, status: OrderStatus, at: Date, shipWithinHours: number | null): Date | null {
  if (shipWithinHours === null || SHIPPING_CLOCK_STARTS[flow] !== status) return null;
  return new Date(at.getTime() + shipWithinHours * 3600_000);
}
