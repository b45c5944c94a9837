import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TicketActions } from "@/components/tickets/TicketActions";
import { ApiError } from "@/lib/api-error";
import type { Order, Ticket } from "@/lib/api-types";
import { renderApp } from "../support/render";

const ticket: Ticket = {
  id: "t-1",
  eventId: "e-1",
  title: "Cup final",
  price: "80.00",
  faceValue: "80.00",
  currency: "USD",
  fees: { price: "80.00", buyerFee: "8.99", total: "88.99", sellerFee: "4.00", sellerReceives: "76.00" },
  section: null,
  row: null,
  seat: null,
  description: null,
  eventDate: "2031-05-01T18:00:00Z",
  timeZone: "Europe/London",
  venue: "Wembley",
  userId: "seller",
  sellerName: "Sam Seller",
  status: "available",
  listed: true,
  version: 0,
  createdAt: "2030-01-01T00:00:00Z",
};

const order: Order = {
  id: "o-9",
  status: "created",
  endReason: null,
  refundedAt: null,
  expiresAt: "2031-01-01T00:15:00Z",
  userId: "buyer",
  ticket: { id: "t-1", title: "Cup final", price: "80.00", currency: "USD" },
  version: 0,
  createdAt: "2031-01-01T00:00:00Z",
};

test("a buyer's Buy creates the order and opens it", async () => {
  const u = userEvent.setup();
  const asked: string[] = [];
  const { navigation } = renderApp(
    <TicketActions
      ticket={ticket}
      viewer="buyer"
      request={async (id) => {
        asked.push(id);
        return { order };
      }}
    />,
  );
  await u.click(screen.getByRole("button", { name: "Buy this ticket" }));
  await waitFor(() => expect(navigation.pushed).toEqual(["/orders/o-9"]));
  expect(asked).toEqual(["t-1"]);
});

test("someone else reserving it first, or the listing not having reached orders yet, is explained", async () => {
  const u = userEvent.setup();
  const answers = [new ApiError(404, [{ message: "Ticket not found" }]), new ApiError(409, [{ message: "Reserved" }])];
  renderApp(
    <TicketActions
      ticket={ticket}
      viewer="buyer"
      request={async () => {
        throw answers.shift();
      }}
    />,
  );
  await u.click(screen.getByRole("button", { name: "Buy this ticket" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("cannot be ordered just yet");
  await u.click(screen.getByRole("button", { name: "Buy this ticket" }));
  await waitFor(() =>
    expect(screen.getByRole("alert")).toHaveTextContent("Someone else just reserved or bought this ticket"),
  );
});

test("what each viewer can do", () => {
  const seller = renderApp(<TicketActions ticket={ticket} viewer="seller" />);
  expect(screen.getByRole("link", { name: "Edit listing" })).toHaveAttribute("href", "/tickets/t-1/edit");
  expect(screen.queryByRole("button", { name: "Buy this ticket" })).not.toBeInTheDocument();
  seller.unmount();

  const visitor = renderApp(<TicketActions ticket={ticket} viewer="anonymous" />);
  expect(screen.getByRole("link", { name: "Sign in to buy" })).toHaveAttribute(
    "href",
    "/auth/signin?next=%2Ftickets%2Ft-1",
  );
  visitor.unmount();

  const reserved = renderApp(<TicketActions ticket={{ ...ticket, status: "reserved" }} viewer="buyer" />);
  expect(screen.getByText(/Someone is buying this ticket right now/)).toBeInTheDocument();
  expect(screen.queryByText(/If that is you/)).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Buy this ticket" })).not.toBeInTheDocument();
  reserved.unmount();

  renderApp(<TicketActions ticket={{ ...ticket, status: "sold" }} viewer="seller" />);
  expect(screen.getByText("You sold this ticket.")).toBeInTheDocument();
  expect(screen.queryByRole("link", { name: "Edit listing" })).not.toBeInTheDocument();
});
