// Issue 15 buyer protection: "Report a problem" on a paid order, the claim for buyer and
// seller, the administrators' queue and the buyer-protection page; each checked with axe.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import BuyerProtectionPage from "@/app/buyer-protection/page";
import { AdminClaims } from "@/components/claims/AdminClaims";
import { ClaimsList } from "@/components/claims/ClaimsList";
import { ClaimView } from "@/components/claims/ClaimView";
import type { Claim, ClaimsApi } from "@/components/claims/claims-api";
import { OrderClaims } from "@/components/claims/OrderClaims";
import { describeDuration } from "@/lib/claim-window";
import { renderApp } from "../support/render";

function claim(overrides: Partial<Claim> = {}): Claim {
  return {
    id: "c0a5f2de-4b51-4f0e-9a2c-1d7d2f3e4a51",
    orderId: "order-1",
    buyerId: "buyer-1",
    sellerId: "seller-1",
    reason: "did_not_work",
    message: "Refused at the door.",
    status: "open",
    sellerAnswer: null,
    answeredAt: null,
    decisionNote: null,
    decidedAt: null,
    refundAmount: null,
    createdAt: new Date().toISOString(),
    paymentStatus: "completed",
    hasPhoto: false,
    ...overrides,
  };
}

function fakeApi(overrides: Partial<ClaimsApi> = {}): ClaimsApi & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  const api: ClaimsApi = {
    forOrder: async () => ({
      claims: [],
      window: { until: new Date(Date.now() + 86_400_000).toISOString(), open: true, why: null },
    }),
    open: async (input) => {
      calls.push(["open", input]);
      return { claim: claim({ reason: input.reason, message: input.message }) };
    },
    addPhoto: async (id, photo) => {
      calls.push(["photo", id, photo.name]);
      return { claim: claim({ hasPhoto: true }) };
    },
    answer: async (id, message) => {
      calls.push(["answer", id, message]);
      return { claim: claim({ sellerAnswer: message }) };
    },
    listOpen: async () => ({ claims: [] }),
    decide: async (id, decision, note) => {
      calls.push(["decide", id, decision, note]);
      return {
        claim: claim({
          status: decision === "refund" ? "refunded" : "rejected",
          refundAmount: decision === "refund" ? "22.99" : "0.00",
          paymentStatus: decision === "refund" ? "refunded" : "completed",
        }),
      };
    },
    ...overrides,
  };
  return Object.assign(api, { calls });
}

/** axe-core's violations in the rendered markup (colour contrast needs a real browser: the e2e run checks it). */
async function violations(container: HTMLElement) {
  const results = await axe.run(container, {
    rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a buyer reports a problem on a paid order: reason and message are required, then the claim shows", async () => {
  const api = fakeApi();
  const { container } = renderApp(<OrderClaims orderId="order-1" api={api} />);
  const report = await screen.findByRole("button", { name: "Report a problem" });
  expect(screen.getByRole("link", { name: "buyer protection" })).toHaveAttribute("href", "/buyer-protection");
  await userEvent.click(report);
  await userEvent.click(screen.getByRole("button", { name: "Send claim" }));
  expect(screen.getByText("Choose what went wrong.")).toBeInTheDocument();
  expect(screen.getByText("Tell us what happened.")).toBeInTheDocument();
  expect(api.calls).toEqual([]);
  expect(await violations(container)).toEqual([]);

  await userEvent.click(screen.getByLabelText("The ticket did not work at the door"));
  await userEvent.type(screen.getByLabelText("What happened?"), "The scanner said already used.");
  await userEvent.click(screen.getByRole("button", { name: "Send claim" }));
  expect(api.calls).toEqual([
    ["open", { orderId: "order-1", reason: "did_not_work", message: "The scanner said already used." }],
  ]);
  expect(await screen.findByText("Claim open")).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Report a problem" })).not.toBeInTheDocument();
  expect(await violations(container)).toEqual([]);
});

test("a server refusal is shown next to its field or above the form", async () => {
  const { ApiError } = await import("@/lib/api-error");
  const api = fakeApi({
    open: async () => {
      throw new ApiError(409, [{ message: "No claim can be opened: claims for this order closed", field: "orderId" }]);
    },
  });
  renderApp(<OrderClaims orderId="order-1" api={api} />);
  await userEvent.click(await screen.findByRole("button", { name: "Report a problem" }));
  await userEvent.click(screen.getByLabelText("I did not receive the ticket"));
  await userEvent.type(screen.getByLabelText("What happened?"), "Nothing came.");
  await userEvent.click(screen.getByRole("button", { name: "Send claim" }));
  expect(await screen.findByRole("alert")).toHaveTextContent(/claims for this order closed/);
});

test("an order with a claim shows it; one past its window says why; one not paid shows nothing", async () => {
  const withClaim = renderApp(
    <OrderClaims
      orderId="order-1"
      api={fakeApi({
        forOrder: async () => ({
          claims: [claim()],
          window: { until: null, open: false, why: "a claim was already opened for this order" },
        }),
      })}
    />,
  );
  expect(await screen.findByText("What you reported")).toBeInTheDocument();
  withClaim.unmount();
  const closed = renderApp(
    <OrderClaims
      orderId="order-1"
      api={fakeApi({
        forOrder: async () => ({
          claims: [],
          window: { until: null, open: false, why: "claims for this order closed at 2026-12-01T10:00:00.000Z" },
        }),
      })}
    />,
  );
  expect(await screen.findByText(/No claim can be opened: claims for this order closed/)).toBeInTheDocument();
  closed.unmount();
  const { container } = renderApp(
    <OrderClaims orderId="order-1" api={fakeApi({ forOrder: async () => ({ claims: [], window: null }) })} />,
  );
  await waitFor(() => expect(container).toBeEmptyDOMElement());
});

test("the seller answers an open claim; the buyer sees the answer but no form", async () => {
  const api = fakeApi();
  const seller = renderApp(<ClaimView initialClaim={claim()} viewer="seller" api={api} />);
  expect(screen.getByText(/Your payout for this sale is on hold/)).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText("Answer the buyer"), "It was valid when I sent it.");
  await userEvent.click(screen.getByRole("button", { name: "Send answer" }));
  expect(api.calls).toEqual([["answer", claim().id, "It was valid when I sent it."]]);
  expect(await screen.findByText("It was valid when I sent it.")).toBeInTheDocument();
  expect(await violations(seller.container)).toEqual([]);
  seller.unmount();

  renderApp(<ClaimView initialClaim={claim({ sellerAnswer: "It was valid." })} viewer="buyer" api={api} />);
  expect(screen.getByText("It was valid.")).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Send answer" })).not.toBeInTheDocument();
});

test("both sides see the outcome: refunded in full, or rejected", () => {
  const refunded = claim({ status: "refunded", refundAmount: "22.99", paymentStatus: "refunded" });
  const buyer = renderApp(<ClaimView initialClaim={refunded} viewer="buyer" />);
  expect(screen.getByText("You were refunded")).toBeInTheDocument();
  expect(screen.getByText(/22.99 \(the ticket price and the service fee\) went back/)).toBeInTheDocument();
  buyer.unmount();
  const seller = renderApp(<ClaimView initialClaim={refunded} viewer="seller" />);
  expect(screen.getByText(/will not be paid out/)).toBeInTheDocument();
  seller.unmount();
  renderApp(<ClaimView initialClaim={claim({ status: "rejected", refundAmount: "0.00" })} viewer="seller" />);
  expect(screen.getByText(/your payout goes ahead/)).toBeInTheDocument();
});

test("an administrator refunds a claim in full from the queue", async () => {
  const api = fakeApi();
  const { container } = renderApp(<AdminClaims initialClaims={[{ ...claim(), sellerFlags: 2 }]} api={api} />);
  expect(screen.getByText("Seller flagged 2×")).toBeInTheDocument();
  expect(await violations(container)).toEqual([]);
  await userEvent.type(screen.getByLabelText("Note to both sides (optional)"), "Scanned twice.");
  await userEvent.click(screen.getByRole("button", { name: "Refund the buyer in full" }));
  expect(api.calls).toEqual([["decide", claim().id, "refund", "Scanned twice."]]);
  expect(await screen.findByText("The buyer was refunded")).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Reject and release the payout" })).not.toBeInTheDocument();
});

test("the buyer-protection page says what is guaranteed, until when and how to claim", async () => {
  const { container } = renderApp(<BuyerProtectionPage />);
  for (const heading of ["What is guaranteed", "Until when", "How to claim"]) {
    expect(screen.getByRole("heading", { name: heading })).toBeInTheDocument();
  }
  expect(screen.getByText(/48 hours after the event starts/)).toBeInTheDocument();
  expect(await violations(container)).toEqual([]);
  expect(describeDuration("2d")).toBe("2 days");
  expect(describeDuration("1h")).toBe("1 hour");
});

test("the claims list shows the user's claims as buyer and as seller, each linking to its page", async () => {
  const { container } = renderApp(
    <ClaimsList
      userId="buyer-1"
      claims={[claim(), claim({ id: "d1b5f2de-4b51-4f0e-9a2c-1d7d2f3e4a52", buyerId: "someone", status: "refunded" })]}
    />,
  );
  const links = screen.getAllByRole("link", { name: "The ticket did not work at the door" });
  expect(links.map((l) => l.getAttribute("href"))).toEqual([
    `/claims/${claim().id}`,
    "/claims/d1b5f2de-4b51-4f0e-9a2c-1d7d2f3e4a52",
  ]);
  expect(screen.getByText(/You bought/)).toBeInTheDocument();
  expect(screen.getByText(/You sold/)).toBeInTheDocument();
  expect(await violations(container)).toEqual([]);
});

test("a photo can go with the claim: JPEG or PNG only, then the claim shows it", async () => {
  const api = fakeApi();
  renderApp(<OrderClaims orderId="order-1" api={api} />);
  await userEvent.click(await screen.findByRole("button", { name: "Report a problem" }));
  await userEvent.click(screen.getByLabelText("I did not receive the ticket"));
  await userEvent.type(screen.getByLabelText("What happened?"), "Nothing came.");
  const input = screen.getByLabelText(/Photo \(optional/);
  await userEvent.upload(input, new File(["GIF89a"], "x.gif", { type: "image/gif" }), { applyAccept: false });
  await userEvent.click(screen.getByRole("button", { name: "Send claim" }));
  expect(screen.getByText("Choose a JPEG or PNG picture.")).toBeInTheDocument();
  expect(api.calls).toEqual([]);
  await userEvent.upload(input, new File([new Uint8Array([0xff, 0xd8, 0xff])], "door.jpg", { type: "image/jpeg" }));
  await userEvent.click(screen.getByRole("button", { name: "Send claim" }));
  expect(api.calls).toEqual([
    ["open", { orderId: "order-1", reason: "not_received", message: "Nothing came." }],
    ["photo", claim().id, "door.jpg"],
  ]);
  expect(await screen.findByRole("img", { name: "The photo you attached" })).toHaveAttribute(
    "src",
    `/api/payments/claims/${claim().id}/photo`,
  );
});
