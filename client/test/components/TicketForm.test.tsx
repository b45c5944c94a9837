import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TicketForm } from "@/components/tickets/TicketForm";
import type { TicketInput } from "@/lib/api";
import { ApiError } from "@/lib/api-error";
import { renderApp } from "../support/render";

const inOneYear = () => {
  const d = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T20:00`;
};

async function fillValid(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/^Title/), "  Arctic Monkeys — floor  ");
  await user.type(screen.getByLabelText(/^Price/), "85.50");
  fireEvent.change(screen.getByLabelText(/^Event date and time/), { target: { value: inOneYear() } });
  await user.type(screen.getByLabelText(/^Venue/), "O2 Arena");
}

test("submitting an empty form shows what is missing next to each field and sends nothing", async () => {
  const user = userEvent.setup();
  const sent: TicketInput[] = [];
  renderApp(<TicketForm submitLabel="List ticket" onSubmit={async (input) => void sent.push(input)} />);

  await user.click(screen.getByRole("button", { name: "List ticket" }));

  expect(screen.getByLabelText(/^Title/)).toHaveAccessibleDescription("Enter a title");
  expect(screen.getByLabelText(/^Price/)).toHaveAccessibleDescription("Enter a price");
  expect(screen.getByLabelText(/^Event date and time/)).toHaveAccessibleDescription("Choose the event's date and time");
  expect(screen.getByLabelText(/^Venue/)).toHaveAccessibleDescription("Enter the venue");
  expect(screen.getByLabelText(/^Title/)).toHaveAttribute("aria-invalid", "true");
  await waitFor(() => expect(screen.getByLabelText(/^Title/)).toHaveFocus());
  expect(sent).toEqual([]);
});

test("a bad price is explained after leaving the field, and the message goes once it is fixed", async () => {
  const user = userEvent.setup();
  renderApp(<TicketForm submitLabel="List ticket" onSubmit={async () => {}} />);
  const price = screen.getByLabelText(/^Price/);

  await user.type(price, "12.345");
  expect(price).not.toHaveAccessibleDescription("Use at most two decimals"); // not while typing the first time
  await user.tab();
  expect(price).toHaveAccessibleDescription("Use at most two decimals");

  await user.clear(price);
  await user.type(price, "1000000.01");
  expect(price).toHaveAccessibleDescription("The price can be at most 1,000,000");

  await user.clear(price);
  await user.type(price, "0");
  expect(price).toHaveAccessibleDescription("The price must be greater than 0");

  await user.clear(price);
  await user.type(price, "1000000");
  expect(price).toHaveAttribute("aria-invalid", "false");
});

test("a valid listing is sent trimmed, with the event date as an ISO instant", async () => {
  const user = userEvent.setup();
  const sent: TicketInput[] = [];
  renderApp(<TicketForm submitLabel="List ticket" onSubmit={async (input) => void sent.push(input)} />);

  await fillValid(user);
  await user.type(screen.getByLabelText(/^Description/), "Row 3");
  await user.click(screen.getByRole("button", { name: "List ticket" }));

  await waitFor(() => expect(sent).toHaveLength(1));
  expect(sent[0]).toEqual({
    title: "Arctic Monkeys — floor",
    price: "85.50",
    eventDate: new Date(inOneYear()).toISOString(),
    venue: "O2 Arena",
    description: "Row 3",
  });
});

test("the server's field errors appear next to their fields, other errors above the form", async () => {
  const user = userEvent.setup();
  renderApp(
    <TicketForm
      submitLabel="List ticket"
      onSubmit={async () => {
        throw new ApiError(400, [
          { message: "must be at most 1000000", field: "price" },
          { message: "must be in the future", field: "eventDate" },
          { message: "Listings are paused for maintenance" },
        ]);
      }}
    />,
  );

  await fillValid(user);
  await user.click(screen.getByRole("button", { name: "List ticket" }));

  expect(await screen.findByRole("alert")).toHaveTextContent("Listings are paused for maintenance");
  expect(screen.getByLabelText(/^Price/)).toHaveAccessibleDescription("Must be at most 1000000");
  expect(screen.getByLabelText(/^Event date and time/)).toHaveAccessibleDescription("Must be in the future");
  await waitFor(() => expect(screen.getByLabelText(/^Price/)).toHaveFocus());

  // Editing the field clears the server's complaint about it.
  await user.type(screen.getByLabelText(/^Price/), "0");
  expect(screen.getByLabelText(/^Price/)).not.toHaveAccessibleDescription("Must be at most 1000000");
});

test("editing a ticket someone reserved meanwhile says why it cannot be saved", async () => {
  const user = userEvent.setup();
  renderApp(
    <TicketForm
      submitLabel="Save changes"
      initial={{ title: "Old", price: "10.00", eventDate: inOneYear(), venue: "Hall", description: "" }}
      translateError={(err) =>
        err.status === 409 ? "This ticket is reserved or sold, so it can no longer be edited." : null
      }
      onSubmit={async () => {
        throw new ApiError(409, [{ message: "Ticket is reserved" }]);
      }}
    />,
  );
  await user.click(screen.getByRole("button", { name: "Save changes" }));
  expect(await screen.findByRole("alert")).toHaveTextContent(
    "This ticket is reserved or sold, so it can no longer be edited.",
  );
});

test("an unreachable server is reported in words, and the form can be sent again", async () => {
  const user = userEvent.setup();
  let calls = 0;
  renderApp(
    <TicketForm
      submitLabel="List ticket"
      onSubmit={async () => {
        calls += 1;
        throw new ApiError(0, []);
      }}
    />,
  );
  await fillValid(user);
  await user.click(screen.getByRole("button", { name: "List ticket" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("We could not reach the server");
  await user.click(screen.getByRole("button", { name: "List ticket" }));
  await waitFor(() => expect(calls).toBe(2));
});
