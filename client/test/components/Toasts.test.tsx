// Toasts come from a context of their own (no Redux store on pages without checkout): one at a
// time in the order they were asked for; successes fade, errors stay until dismissed.
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useToast } from "@/components/app/useToast";
import { ApiError } from "@/lib/api-error";
import { renderApp } from "../support/render";

function Actions() {
  const toast = useToast();
  return (
    <>
      <button type="button" onClick={() => toast("Ticket listed", "success")}>
        List
      </button>
      <button type="button" onClick={() => toast.error(new ApiError(409, [{ message: "Someone else reserved it" }]))}>
        Buy
      </button>
    </>
  );
}

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

test("shows toasts one at a time: a success fades after 6 s, an error stays until dismissed", async () => {
  const u = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
  renderApp(<Actions />);
  await u.click(screen.getByRole("button", { name: "List" }));
  await u.click(screen.getByRole("button", { name: "Buy" }));

  expect(await screen.findByRole("status")).toHaveTextContent("Ticket listed");
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();

  await act(async () => {
    jest.advanceTimersByTime(7000);
  });
  const error = await screen.findByRole("alert");
  expect(error).toHaveTextContent("Someone else reserved it");
  expect(screen.queryByText("Ticket listed")).not.toBeInTheDocument();

  await act(async () => {
    jest.advanceTimersByTime(60_000);
  });
  expect(screen.getByRole("alert")).toHaveTextContent("Someone else reserved it");
  await u.click(screen.getByRole("button", { name: "Close" }));
  await act(async () => {
    jest.advanceTimersByTime(1000);
  });
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});

test("useToast outside a ToastProvider says what is missing", () => {
  const quiet = jest.spyOn(console, "error").mockImplementation(() => {});
  expect(() => render(<Actions />)).toThrow(/ToastProvider/);
  quiet.mockRestore();
});
