import { invalidRequest, unprocessable } from "../paypal-error";
import type { PurchaseUnit } from "../store";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export interface CreateOrderInput {
  unit: PurchaseUnit;
  returnUrl?: string;
  cancelUrl?: string;
  withPaymentSource: boolean;
}

function optionalText(unit: Json, key: string, max: number): string | undefined {
  const value = unit[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length < 1 || value.length > max) {
    throw invalidRequest(
      "INVALID_STRING_LENGTH",
      `/purchase_units/0/${key}`,
      `The value must be 1 to ${max} characters.`,
    );
  }
  return value;
}

function validAmount(amount: unknown) {
  const field = "/purchase_units/0/amount";
  if (!isObject(amount)) throw invalidRequest("MISSING_REQUIRED_PARAMETER", field, "A required field is missing.");
  const { currency_code: currency, value } = amount;
  if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency)) {
    throw invalidRequest("INVALID_PARAMETER_VALUE", `${field}/currency_code`, "The currency code is invalid.");
  }
  if (typeof value !== "string" || !/^\d{1,10}(\.\d+)?$/.test(value)) {
    throw invalidRequest(
      "INVALID_PARAMETER_SYNTAX",
      `${field}/value`,
      "The value of a field does not conform to the expected format.",
    );
  }
  if (/\.\d{3,}$/.test(value)) {
    throw unprocessable(
      "DECIMAL_PRECISION",
      "If the currency supports decimals, only two decimal place precision is supported.",
    );
  }
  if (Number(value) <= 0) throw unprocessable("CANNOT_BE_ZERO_OR_NEGATIVE", "Must be greater than zero.");
  return { currency_code: currency, value };
}

const cents = (money: unknown): number | undefined => {
  if (!isObject(money) || typeof money.value !== "string" || !/^\d{1,10}(\.\d{1,2})?$/.test(money.value))
    return undefined;
  const [whole = "0", fraction = ""] = money.value.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
};

/**
 * A breakdown and items, when sent, must add up as PayPal requires: the amount equals
 * item_total + tax_total + shipping + handling + insurance − shipping_discount − discount
 * (AMOUNT_MISMATCH), and item_total equals the sum of the items' unit_amount × quantity
 * (ITEM_TOTAL_MISMATCH; ITEM_TOTAL_REQUIRED when items carry amounts without it).
 */
function checkBreakdown(unit: Json, amount: { value: string }): void {
  const total = cents(amount)!;
  const breakdown = isObject(unit.amount) && isObject(unit.amount.breakdown) ? unit.amount.breakdown : undefined;
  const items = Array.isArray(unit.items) ? unit.items.filter(isObject) : [];
  const itemSum = items.reduce((sum, item) => sum + (cents(item.unit_amount) ?? 0) * Number(item.quantity ?? "1"), 0);
  const itemsPriced = items.some((item) => item.unit_amount !== undefined);
  if (itemsPriced && !breakdown?.item_total) {
    throw unprocessable(
      "ITEM_TOTAL_REQUIRED",
      "If item details are specified, items.unit_amount and amount.breakdown.item_total are required.",
    );
  }
  if (!breakdown) return;
  const part = (key: string) => cents(breakdown[key]) ?? 0;
  const sum =
    part("item_total") +
    part("tax_total") +
    part("shipping") +
    part("handling") +
    part("insurance") -
    part("shipping_discount") -
    part("discount");
  if (sum !== total) {
    throw unprocessable(
      "AMOUNT_MISMATCH",
      "Should equal item_total + tax_total + shipping + handling + insurance - shipping_discount - discount.",
    );
  }
  if (itemsPriced && itemSum !== part("item_total")) {
    throw unprocessable(
      "ITEM_TOTAL_MISMATCH",
      "Should equal sum of (unit_amount * quantity) across all items for a given purchase_unit.",
    );
  }
}

/** The parts of a `POST /v2/checkout/orders` body the emulator uses, checked the way PayPal checks them. */
export function validateCreateOrder(body: unknown): CreateOrderInput {
  if (!isObject(body)) throw invalidRequest("MALFORMED_REQUEST_JSON", "/", "The request JSON is not well formed.");
  if (body.intent === undefined)
    throw invalidRequest("MISSING_REQUIRED_PARAMETER", "/intent", "A required field is missing.");
  if (body.intent !== "CAPTURE") {
    throw invalidRequest("INVALID_PARAMETER_VALUE", "/intent", "The emulator supports only intent CAPTURE.");
  }
  const units = body.purchase_units;
  if (!Array.isArray(units) || units.length === 0) {
    throw invalidRequest("MISSING_REQUIRED_PARAMETER", "/purchase_units", "A required field is missing.");
  }
  if (units.length > 1 || !isObject(units[0])) {
    throw invalidRequest(
      "INVALID_PARAMETER_VALUE",
      "/purchase_units",
      "The emulator supports exactly one purchase unit.",
    );
  }
  const raw = units[0];
  const amount = validAmount(raw.amount);
  checkBreakdown(raw, amount);
  const unit: PurchaseUnit = {
    reference_id: optionalText(raw, "reference_id", 256) ?? "default",
    amount,
    custom_id: optionalText(raw, "custom_id", 127),
    invoice_id: optionalText(raw, "invoice_id", 127),
    description: optionalText(raw, "description", 127),
  };
  const paypal =
    isObject(body.payment_source) && isObject(body.payment_source.paypal) ? body.payment_source.paypal : undefined;
  const experience = paypal && isObject(paypal.experience_context) ? paypal.experience_context : {};
  const legacy = isObject(body.application_context) ? body.application_context : {};
  const url = (key: string) => {
    const value = experience[key] ?? legacy[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !URL.canParse(value)) {
      throw invalidRequest(
        "INVALID_PARAMETER_SYNTAX",
        `/payment_source/paypal/experience_context/${key}`,
        "Invalid URL.",
      );
    }
    return value;
  };
  return { unit, returnUrl: url("return_url"), cancelUrl: url("cancel_url"), withPaymentSource: paypal !== undefined };
}
