import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AttachTicketForm } from "@/components/tickets/AttachTicketForm";
import { attachPath } from "@/components/tickets/SellForm";
import { TicketActions } from "@/components/tickets/TicketActions";
import { ApiError } from "@/lib/api-error";
import type { Ticket, TicketDelivery } from "@/lib/api-types";
import { renderApp } from "../support/render";

const delivery: TicketDelivery = {
  contentType: "application/pdf",
  size: 2048,
  uploadedAt: "2031-01-01T00:00:00Z",
  barcodeEnding: "4821",
  barcodeFormat: "QRCode",
};
const pdf = () => new File(["%PDF-1.7 ticket"], "ticket.pdf", { type: "application/pdf" });

test("the seller attaches the file; the barcode's last four characters are shown, and the way on", async () => {
  const u = userEvent.setup();
  const sent: Array<[string, string, string | undefined]> = [];
  renderApp(
    <AttachTicketForm
      ticketId="t-1"
      nextHref="/tickets/t-1"
      nextLabel="View your listing"
      request={async (id, file, barcode) => {
        sent.push([id, file.name, barcode]);
        return { delivery };
      }}
    />,
  );
  await u.click(screen.getByRole("button", { name: "Attach ticket" }));
  expect(screen.getByText("Choose the ticket file")).toBeInTheDocument();
  expect(sent).toEqual([]);

  await u.upload(screen.getByLabelText(/Ticket file/), pdf());
  await u.click(screen.getByRole("button", { name: "Attach ticket" }));
  expect(await screen.findByTestId("ticket-attached")).toHaveTextContent("barcode ending …4821");
  expect(screen.getByRole("link", { name: "View your listing" })).toHaveAttribute("href", "/tickets/t-1");
  expect(sent).toEqual([["t-1", "ticket.pdf", undefined]]);
});

test("no barcode readable: the seller types it and sends again; a duplicate barcode is explained in place", async () => {
  const u = userEvent.setup();
  const answers: Array<() => { delivery: TicketDelivery }> = [
    () => {
      throw new ApiError(400, [{ field: "barcode", message: "No barcode could be read from the file" }]);
    },
    () => {
      throw new ApiError(409, [{ field: "barcode", message: "A ticket with this barcode is already listed" }]);
    },
    () => ({ delivery: { ...delivery, barcodeEnding: "9999", barcodeFormat: "typed" } }),
  ];
  const barcodes: Array<string | undefined> = [];
  renderApp(
    <AttachTicketForm
      ticketId="t-1"
      nextHref="/tickets/t-2/attach"
      nextLabel="Attach the next ticket (1 left)"
      request={async (_id, _file, barcode) => {
        barcodes.push(barcode);
        return answers.shift()!();
      }}
    />,
  );
  await u.upload(screen.getByLabelText(/Ticket file/), pdf());
  await u.click(screen.getByRole("button", { name: "Attach ticket" }));
  const field = await screen.findByRole("textbox", { name: "Barcode (as printed on the ticket)" });
  expect(screen.getByText("No barcode could be read from the file")).toBeInTheDocument();
  await waitFor(() => expect(field).toHaveFocus());

  await u.type(field, "ABC-0001-9999");
  await u.click(screen.getByRole("button", { name: "Attach ticket" }));
  expect(await screen.findByText("A ticket with this barcode is already listed")).toBeInTheDocument();
  await u.click(screen.getByRole("button", { name: "Attach ticket" }));
  expect(await screen.findByTestId("ticket-attached")).toHaveTextContent("…9999");
  expect(screen.getByRole("link", { name: "Attach the next ticket (1 left)" })).toHaveAttribute(
    "href",
    "/tickets/t-2/attach",
  );
  expect(barcodes).toEqual([undefined, "ABC-0001-9999", "ABC-0001-9999"]);
});

test("after listing several tickets the sell form goes to the first one's attach step, naming the others", () => {
  expect(attachPath(["a"])).toBe("/tickets/a/attach");
  expect(attachPath(["a", "b", "c"])).toBe("/tickets/a/attach?then=b,c");
});

test("the seller's own listing without its ticket says buyers cannot see it, and links the attach step", () => {
  const ticket = { id: "t-1", status: "available", listed: false, userId: "s" } as Ticket;
  const draft = renderApp(<TicketActions ticket={ticket} viewer="seller" />);
  expect(screen.getByText(/Buyers cannot see this listing yet/)).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Attach ticket" })).toHaveAttribute("href", "/tickets/t-1/attach");
  draft.unmount();
  renderApp(
    <TicketActions
      ticket={{ ...ticket, listed: true }}
      viewer="seller"
      delivery={{ ...delivery, barcodeEnding: "4821" }}
    />,
  );
  expect(screen.queryByText(/Buyers cannot see/)).not.toBeInTheDocument();
  expect(screen.getByTestId("seller-delivery")).toHaveTextContent("Ticket attached: barcode ending …4821");
  expect(screen.getByRole("link", { name: "Replace the ticket file" })).toBeInTheDocument();
});
