import { paypalId } from "./ids";
import { invalidRequest, notFound, PayPalError } from "./paypal-error";
import { fromMinor, toMinor } from "./store";

/** PayPal's payout item statuses (`transaction_status`). */
export const ITEM_STATUSES = [
  "SUCCESS",
  "FAILED",
  "PENDING",
  "UNCLAIMED",
  "RETURNED",
  "ONHOLD",
  "BLOCKED",
  "REFUNDED",
  "REVERSED",
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Payouts v1 uses `{currency, value}`, not v2's `currency_code`. */
export interface PayoutAmount {
  currency: string;
  value: string;
}

export interface PayoutItem {
  id: string;
  batchId: string;
  senderBatchId: string;
  transactionId?: string;
  activityId: string;
  status: ItemStatus;
  recipientType: "EMAIL" | "PHONE" | "PAYPAL_ID";
  amount: PayoutAmount;
  receiver: string;
  note?: string;
  senderItemId?: string;
  timeProcessed: string;
}

export interface SenderBatchHeader {
  sender_batch_id: string;
  email_subject?: string;
  email_message?: string;
  recipient_type?: string;
}

export interface PayoutBatch {
  id: string;
  status: "PENDING" | "PROCESSING" | "SUCCESS" | "DENIED";
  header: SenderBatchHeader;
  items: PayoutItem[];
  timeCreated: string;
  timeCompleted?: string;
}

/** The errors PayPal reports on an item that did not succeed (`errors`), by status. */
export const ITEM_ERRORS: Partial<Record<ItemStatus, { name: string; message: string }>> = {
  UNCLAIMED: {
    name: "RECEIVER_UNREGISTERED",
    message:
      "The recipient for this payout does not have an account. A link to sign up for an account was sent to the recipient. However, if the recipient does not claim this payout within 30 days, the funds will be returned to your account.",
  },
  FAILED: { name: "RECEIVER_ACCOUNT_LOCKED", message: "Receiver's account is locked or inactive." },
  RETURNED: {
    name: "RECEIVER_UNREGISTERED",
    message: "The payout was not claimed within 30 days and the funds were returned to your account.",
  },
  ONHOLD: { name: "PENDING_RECIPIENT_REVIEW", message: "This payout is on hold for review." },
  BLOCKED: { name: "RECEIVER_COUNTRY_NOT_ALLOWED", message: "This payout was blocked." },
  REFUNDED: { name: "REFUSED_BY_RECEIVER", message: "The recipient refunded this payout." },
  REVERSED: { name: "REVERSED", message: "This payout was reversed." },
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const now = () => new Date().toISOString();
const OUTCOME_BY_RECEIVER = /^(success|failed|pending|unclaimed|returned|onhold|blocked|refunded|reversed)[+@]/i;

export interface PayoutInput {
  header: SenderBatchHeader;
  items: Array<Pick<PayoutItem, "recipientType" | "amount" | "receiver" | "note" | "senderItemId">>;
}

/** Checks a `POST /v1/payments/payouts` body the way PayPal does (v1 errors: `VALIDATION_ERROR`). */
export function validatePayout(body: unknown): PayoutInput {
  const invalid = (field: string, issue: string) =>
    new PayPalError("VALIDATION_ERROR", [{ field, issue, location: "body", description: issue }]);
  if (!isObject(body)) throw invalidRequest("MALFORMED_REQUEST_JSON", "/", "The request JSON is not well formed.");
  const header = body.sender_batch_header;
  if (!isObject(header)) throw invalid("sender_batch_header", "Required field missing");
  const senderBatchId = header.sender_batch_id;
  if (typeof senderBatchId !== "string" || senderBatchId.length < 1 || senderBatchId.length > 256) {
    throw invalid("sender_batch_header.sender_batch_id", "Required field missing");
  }
  const items = body.items;
  if (!Array.isArray(items) || items.length < 1) throw invalid("items", "Required field missing");
  if (items.length > 15000) throw invalid("items", "Maximum of 15000 items allowed");
  const headerType = typeof header.recipient_type === "string" ? header.recipient_type : "EMAIL";
  return {
    header: {
      sender_batch_id: senderBatchId,
      ...(typeof header.email_subject === "string" ? { email_subject: header.email_subject } : {}),
      ...(typeof header.email_message === "string" ? { email_message: header.email_message } : {}),
      ...(typeof header.recipient_type === "string" ? { recipient_type: header.recipient_type } : {}),
    },
    items: items.map((raw, i) => {
      if (!isObject(raw)) throw invalid(`items[${i}]`, "Invalid item");
      const amount = raw.amount;
      if (!isObject(amount)) throw invalid(`items[${i}].amount`, "Required field missing");
      if (typeof amount.currency !== "string" || !/^[A-Z]{3}$/.test(amount.currency)) {
        throw invalid(`items[${i}].amount.currency`, "Currency code is invalid");
      }
      if (typeof amount.value !== "string" || !/^\d{1,10}(\.\d{1,2})?$/.test(amount.value)) {
        throw invalid(`items[${i}].amount.value`, "Invalid amount value");
      }
      if (toMinor(amount.value) <= 0) throw invalid(`items[${i}].amount.value`, "Amount must be greater than zero");
      const recipientType = typeof raw.recipient_type === "string" ? raw.recipient_type : headerType;
      if (!["EMAIL", "PHONE", "PAYPAL_ID"].includes(recipientType)) {
        throw invalid(`items[${i}].recipient_type`, "Invalid recipient type");
      }
      if (typeof raw.receiver !== "string" || raw.receiver.length < 1 || raw.receiver.length > 127) {
        throw invalid(`items[${i}].receiver`, "Required field missing");
      }
      if (recipientType === "EMAIL" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.receiver)) {
        throw invalid(`items[${i}].receiver`, "Receiver is invalid or does not match with type");
      }
      return {
        recipientType: recipientType as PayoutItem["recipientType"],
        amount: { currency: amount.currency, value: fromMinor(toMinor(amount.value)) },
        receiver: raw.receiver,
        note: typeof raw.note === "string" ? raw.note : undefined,
        senderItemId: typeof raw.sender_item_id === "string" ? raw.sender_item_id : undefined,
      };
    }),
  };
}

/** Who hears of an item's change of status (the webhooks; nothing when none are configured). */
export type ItemListener = (item: PayoutItem) => void;

/**
 * Payout batches and their items, in memory. A batch is answered `PENDING` (PayPal's
 * asynchronous mode) and processed at once: each item gets its outcome, which is SUCCESS
 * unless a test chose another (`nextOutcomes`, or with `outcomeByReceiver` a receiver such as
 * `unclaimed@example.test`). A PENDING item stays so until `setItemStatus`.
 */
export class PayoutStore {
  readonly batches = new Map<string, PayoutBatch>();
  readonly items = new Map<string, PayoutItem>();
  private readonly bySenderBatchId = new Map<string, string>();
  private readonly queued: ItemStatus[] = [];
  private readonly listeners: ItemListener[] = [];

  constructor(private readonly outcomeByReceiver = false) {}

  onItemChange(listener: ItemListener): void {
    this.listeners.push(listener);
  }

  /** The outcomes of the next items created, in order (test control). */
  queueOutcomes(outcomes: ItemStatus[]): void {
    this.queued.push(...outcomes);
  }

  clearOutcomes(): void {
    this.queued.length = 0;
  }

  /** The batch already created with this `sender_batch_id` (PayPal keeps them 30 days; the emulator until restart). */
  bySender(senderBatchId: string): PayoutBatch | undefined {
    const id = this.bySenderBatchId.get(senderBatchId);
    return id ? this.batches.get(id) : undefined;
  }

  create(input: PayoutInput): PayoutBatch {
    const batch: PayoutBatch = {
      id: paypalId(13),
      status: "PENDING",
      header: input.header,
      items: [],
      timeCreated: now(),
    };
    batch.items = input.items.map((item) => ({
      ...item,
      id: paypalId(13),
      batchId: batch.id,
      senderBatchId: input.header.sender_batch_id,
      activityId: paypalId(17),
      status: "PENDING",
      timeProcessed: batch.timeCreated,
    }));
    this.batches.set(batch.id, batch);
    this.bySenderBatchId.set(input.header.sender_batch_id, batch.id);
    for (const item of batch.items) this.items.set(item.id, item);
    return batch;
  }

  /** Gives each item of a new batch its outcome (called after the create answer is built). */
  process(batch: PayoutBatch): void {
    for (const item of batch.items) {
      const byReceiver = this.outcomeByReceiver ? OUTCOME_BY_RECEIVER.exec(item.receiver)?.[1] : undefined;
      const outcome = this.queued.shift() ?? (byReceiver?.toUpperCase() as ItemStatus | undefined) ?? "SUCCESS";
      this.apply(item, outcome);
    }
    this.settle(batch);
  }

  getBatch(id: string): PayoutBatch {
    const batch = this.batches.get(id);
    if (!batch) throw notFound("The requested resource ID was not found");
    return batch;
  }

  getItem(id: string): PayoutItem {
    const item = this.items.get(id);
    if (!item) throw notFound("The requested resource ID was not found");
    return item;
  }

  /** What happens later at PayPal: UNCLAIMED → RETURNED after 30 days, PENDING → SUCCESS, SUCCESS → REVERSED… */
  setItemStatus(id: string, status: ItemStatus): PayoutItem {
    const item = this.getItem(id);
    this.apply(item, status);
    this.settle(this.getBatch(item.batchId));
    return item;
  }

  private apply(item: PayoutItem, status: ItemStatus): void {
    if (item.status === status) return;
    item.status = status;
    item.timeProcessed = now();
    if (status !== "PENDING" && !item.transactionId) item.transactionId = paypalId(17);
    if (status !== "PENDING") for (const listener of this.listeners) listener(item);
  }

  private settle(batch: PayoutBatch): void {
    const pending = batch.items.some((item) => item.status === "PENDING");
    batch.status = pending ? "PROCESSING" : "SUCCESS";
    if (!pending && !batch.timeCompleted) batch.timeCompleted = now();
  }
}

const link = (href: string, rel: string) => ({ href, rel, method: "GET", encType: "application/json" });

export const batchUrl = (base: string, id: string) => `${base}/v1/payments/payouts/${id}`;
export const itemUrl = (base: string, id: string) => `${base}/v1/payments/payouts-item/${id}`;

/** `payout_item` as the sender gave it. */
const senderItem = (item: PayoutItem) => ({
  recipient_type: item.recipientType,
  amount: item.amount,
  ...(item.note ? { note: item.note } : {}),
  receiver: item.receiver,
  ...(item.senderItemId ? { sender_item_id: item.senderItemId } : {}),
  recipient_wallet: "PAYPAL",
});

/** An item as `GET /v1/payments/payouts-item/:id` and the PAYMENT.PAYOUTS-ITEM.* webhooks show it. */
export function itemView(item: PayoutItem, base: string) {
  const error = ITEM_ERRORS[item.status];
  return {
    payout_item_id: item.id,
    ...(item.transactionId ? { transaction_id: item.transactionId } : {}),
    activity_id: item.activityId,
    transaction_status: item.status,
    payout_item_fee: { currency: item.amount.currency, value: "0.00" },
    payout_batch_id: item.batchId,
    sender_batch_id: item.senderBatchId,
    payout_item: senderItem(item),
    time_processed: item.timeProcessed,
    ...(error
      ? {
          errors: {
            name: error.name,
            message: error.message,
            information_link: "https://developer.paypal.com/docs/api/payments.payouts-batch/#errors",
            details: [],
            links: [],
          },
        }
      : {}),
    links: [link(itemUrl(base, item.id), "self"), link(batchUrl(base, item.batchId), "batch")],
  };
}

/** The answer to `POST /v1/payments/payouts`: the header only, status PENDING. */
export function batchCreatedView(batch: PayoutBatch, base: string) {
  return {
    batch_header: {
      payout_batch_id: batch.id,
      batch_status: "PENDING",
      sender_batch_header: batch.header,
    },
    links: [link(batchUrl(base, batch.id), "self")],
  };
}

/** `GET /v1/payments/payouts/:id`: the header with totals and every item. */
export function batchView(batch: PayoutBatch, base: string) {
  const currency = batch.items[0]?.amount.currency ?? "USD";
  const total = batch.items.reduce((sum, item) => sum + toMinor(item.amount.value), 0);
  return {
    batch_header: {
      payout_batch_id: batch.id,
      batch_status: batch.status,
      time_created: batch.timeCreated,
      ...(batch.timeCompleted ? { time_completed: batch.timeCompleted, time_closed: batch.timeCompleted } : {}),
      sender_batch_header: batch.header,
      amount: { currency, value: fromMinor(total) },
      fees: { currency, value: "0.00" },
    },
    items: batch.items.map((item) => {
      const { sender_batch_id: _omit, ...view } = itemView(item, base);
      return view;
    }),
    total_items: batch.items.length,
    total_pages: 1,
    links: [link(batchUrl(base, batch.id), "self")],
  };
}
