// The edit page offers exactly the fields PUT /api/tickets/:id changes: before, it offered the
// event's title, date and venue, which the service silently ignored.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { EditListingForm } from "@/components/tickets/EditListingForm";
import type { ListingEdit } from "@/lib/api";
import { ApiError } from "@/lib/api-error";
import type { ListingEditValues } from "@/lib/validation";
import { renderApp } from "../support/render";

const listing: ListingEditValues = {
  price: "50.00",
  faceValue: "50.00",
  section: "Floor",
  row: "",
  seat: "",
  description: "Two together",
};

function form(save: (edit: ListingEdit) => Promise<unknown>, initial = listing) {
  const saved: string[] = [];
  renderApp(
    <EditListingForm
      initial={initial}
      currency="USD"
      capPercent={120}
      save={save}
      onSaved={() => saved.push("saved")}
    />,
  );
  return saved;
}

test("offers the listing's own fields and none of its event's", () => {
  form(async () => {});
  for (const label of [/^Price/, /^Face value/, /^Section/, /^Row/, /^Seat/, /^Description/]) {
    expect(screen.getByLabelText(label)).toBeInTheDocument();
  }
  for (const label of [/^Title/, /^Venue/, /^Event date/]) expect(screen.queryByLabelText(label)).toBeNull();
});

test("sends every field the service takes, trimmed; an emptied optional text clears it", async () => {
  const user = userEvent.setup();
  const sent: ListingEdit[] = [];
  const saved = form(async (edit) => void sent.push(edit));
  await user.clear(screen.getByLabelText(/^Price/));
  await user.type(screen.getByLabelText(/^Price/), " 55 ");
  await user.type(screen.getByLabelText(/^Row/), "12");
  await user.type(screen.getByLabelText(/^Seat/), "4 ");
  await user.clear(screen.getByLabelText(/^Section/));
  await user.click(screen.getByRole("button", { name: "Save changes" }));

  await waitFor(() => expect(saved).toEqual(["saved"]));
  expect(sent).toEqual([
    { price: "55", faceValue: "50.00", section: "", row: "12", seat: "4", description: "Two together" },
  ]);
});

test("a listing without a face value sends none (it keeps none) until the seller gives one", async () => {
  const user = userEvent.setup();
  const sent: ListingEdit[] = [];
  form(async (edit) => void sent.push(edit), { ...listing, faceValue: "" });
  await user.click(screen.getByRole("button", { name: "Save changes" }));
  await waitFor(() => expect(sent).toHaveLength(1));
  expect(sent[0]).not.toHaveProperty("faceValue");
});

test("a price above the cap is explained next to the price and nothing is sent", async () => {
  const user = userEvent.setup();
  const sent: ListingEdit[] = [];
  form(async (edit) => void sent.push(edit));
  await user.clear(screen.getByLabelText(/^Price/));
  await user.type(screen.getByLabelText(/^Price/), "60.01");
  await user.click(screen.getByRole("button", { name: "Save changes" }));

  expect(screen.getByLabelText(/^Price/)).toHaveAccessibleDescription("At most 60.00 (120% of the face value)");
  await waitFor(() => expect(screen.getByLabelText(/^Price/)).toHaveFocus());
  expect(sent).toEqual([]);
});

test("the server's field errors appear next to their fields, other errors above the form", async () => {
  const user = userEvent.setup();
  form(async () => {
    throw new ApiError(400, [
      { message: "must be at most 20 characters", field: "seat" },
      { message: "Listings are paused for maintenance" },
    ]);
  });
  await user.click(screen.getByRole("button", { name: "Save changes" }));

  expect(await screen.findByRole("alert")).toHaveTextContent("Listings are paused for maintenance");
  expect(screen.getByLabelText(/^Seat/)).toHaveAccessibleDescription("Must be at most 20 characters");
  await waitFor(() => expect(screen.getByLabelText(/^Seat/)).toHaveFocus());
});

test("editing a ticket someone reserved meanwhile says why it cannot be saved", async () => {
  const user = userEvent.setup();
  const saved = form(async () => {
    throw new ApiError(409, [{ message: "The ticket is reserved and cannot be edited" }]);
  });
  await user.click(screen.getByRole("button", { name: "Save changes" }));
  expect(await screen.findByRole("alert")).toHaveTextContent(
    "This ticket is reserved or sold, so it can no longer be edited.",
  );
  expect(saved).toEqual([]);
});

test("an unreachable server is reported in words, and the form can be sent again", async () => {
  const user = userEvent.setup();
  let calls = 0;
  form(async () => {
    calls += 1;
    throw new ApiError(0, []);
  });
  await user.click(screen.getByRole("button", { name: "Save changes" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("We could not reach the server");
  await user.click(screen.getByRole("button", { name: "Save changes" }));
  await waitFor(() => expect(calls).toBe(2));
});
