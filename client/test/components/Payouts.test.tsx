// Fees before paying, "you receive" while listing, the payout account form and the sales
// list; each checked with axe.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { PayoutAccountForm } from "@/components/payouts/PayoutAccountForm";
import { PriceBreakdown } from "@/components/payouts/PriceBreakdown";
import type { Sale } from "@/components/payouts/payouts-api";
import { SalesList } from "@/components/payouts/SalesList";
import { YouReceive } from "@/components/payouts/YouReceive";
import { ApiError } from "@/lib/api-error";
import { renderApp } from "../support/render";

async function violations(container: HTMLElement) {
  const results = await axe.run(container, {
    rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const policy = {
  getFeePolicy: async () => ({ fees: { buyerFeePercent: "10", buyerFeeFixed: "0.99", sellerFeePercent: "5" } }),
};

test("the buyer sees price + service fee = total before paying", async () => {
  const { container } = renderApp(
    <PriceBreakdown breakdown={{ price: "20.50", buyerFee: "3.04", total: "23.54" }} currency="USD" />,
  );
  const list = screen.getByTestId("price-breakdown");
  expect(list).toHaveTextContent("Ticket price$20.50");
  expect(list).toHaveTextContent("Service fee$3.04");
  expect(list).toHaveTextContent("Total$23.54");
  expect(await violations(container)).toEqual([]);
});

test("while listing, the seller sees what they receive, computed with the service's fee policy", async () => {
  const { container, rerender } = renderApp(<YouReceive price="20.50" currency="USD" api={policy} />);
  expect(await screen.findByTestId("you-receive")).toHaveTextContent("You receive $19.47");
  expect(screen.getByTestId("you-receive")).toHaveTextContent("5% seller fee of $1.03");
  expect(await violations(container)).toEqual([]);
  rerender(<YouReceive price="abc" currency="USD" api={policy} />);
  expect(screen.queryByTestId("you-receive")).toBeNull();
});

test("a seller adds a payout account; a change with an old sign-in asks to sign in again", async () => {
  const sent: string[] = [];
  let refuse = false;
  const api = {
    setPayoutAccount: async (paypalEmail: string) => {
      if (refuse) throw new ApiError(403, [{ message: "sign in again" }]);
      sent.push(paypalEmail);
      return { payoutAccount: { paypalEmail, updatedAt: "2030-01-01T00:00:00Z" } };
    },
  };
  const { container } = renderApp(<PayoutAccountForm initial={null} api={api} />);
  expect(screen.getByText(/Sales wait for it/)).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Save payout account" }));
  expect(screen.getByText("Enter the e-mail address of your PayPal account")).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText(/PayPal e-mail address/), "me@example.com");
  await userEvent.click(screen.getByRole("button", { name: "Save payout account" }));
  await waitFor(() => expect(sent).toEqual(["me@example.com"]));
  expect(await screen.findByText(/paid to the PayPal account me@example.com/)).toBeInTheDocument();
  expect(await violations(container)).toEqual([]);

  refuse = true;
  await userEvent.clear(screen.getByLabelText(/PayPal e-mail address/));
  await userEvent.type(screen.getByLabelText(/PayPal e-mail address/), "other@example.com");
  await userEvent.click(screen.getByRole("button", { name: "Change payout account" }));
  expect(await screen.findByRole("alert")).toHaveTextContent(/sign in again/);
  expect(await violations(container)).toEqual([]);
});

const sale = (overrides: Partial<Sale>): Sale => ({
  paymentId: "p-1",
  orderId: "o-1",
  title: "Cup final",
  eventStartsAt: "2031-05-01T18:00:00Z",
  currency: "USD",
  price: "20.50",
  sellerFee: "1.03",
  amountDue: "19.47",
  status: "held",
  statusText: "held until 2031-05-03T18:00:00.000Z",
  heldUntil: "2031-05-03T18:00:00.000Z",
  needsPayoutAccount: false,
  paidTo: null,
  failureReason: null,
  soldAt: "2031-04-01T10:00:00Z",
  sentAt: null,
  paidAt: null,
  ...overrides,
});

test("sales & payouts: price, fee, amount due and each payout's state in words", async () => {
  const { container } = renderApp(
    <SalesList
      hasPayoutAccount
      sales={[
        sale({ paymentId: "a" }),
        sale({ paymentId: "b", status: "on-hold", statusText: "on hold: claim open" }),
        sale({
          paymentId: "c",
          status: "paid",
          statusText: "paid",
          paidTo: "me@example.com",
          paidAt: "2031-05-04T10:00:00Z",
        }),
        sale({ paymentId: "d", status: "unclaimed", statusText: "unclaimed", paidTo: "new@example.com" }),
        sale({ paymentId: "e", status: "failed", statusText: "failed: PayPal could not pay this address" }),
      ]}
    />,
  );
  const states = screen.getAllByTestId("sale-status").map((s) => s.textContent);
  expect(states[0]).toMatch(/^Held until .*2031/);
  expect(states.slice(1)).toEqual([
    "On hold: claim open",
    "Paid",
    "Unclaimed: create or confirm the PayPal account new@example.com",
    "Failed: PayPal could not pay this address",
  ]);
  expect(screen.getAllByTestId("sale")[0]).toHaveTextContent("You receive$19.47");
  expect(await violations(container)).toEqual([]);
});

test("a seller without a payout account is asked to add one", () => {
  renderApp(<SalesList hasPayoutAccount={false} sales={[sale({ needsPayoutAccount: true })]} />);
  expect(screen.getByRole("link", { name: "payout account" })).toHaveAttribute("href", "/settings/payouts");
});
