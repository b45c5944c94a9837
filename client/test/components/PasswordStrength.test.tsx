// Issue 17 item 7: weak passwords are refused with a strength meter (zxcvbn-ts, offline),
// a new password equal to the current one is refused, and passwords can be shown.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { PasswordForm } from "@/components/settings/PasswordForm";
import type { PasswordChangeInput, SignUpInput } from "@/lib/api";
import { ApiError } from "@/lib/api-error";
import type { User } from "@/lib/api-types";
import { renderApp } from "../support/render";

const user: User = {
  id: "u1",
  name: "Zoë",
  email: "zoe@example.com",
  photoUrl: null,
  jobTitle: null,
  phone: null,
  emailVerified: true,
  createdAt: "2030-01-01T00:00:00Z",
};

test("sign-up: 'password' is called too weak and not sent; a passphrase is good and sent", async () => {
  const u = userEvent.setup();
  const sent: SignUpInput[] = [];
  renderApp(
    <SignUpForm
      request={async (input) => {
        sent.push(input);
        return { user };
      }}
    />,
  );
  await u.type(screen.getByLabelText(/^Name/), "Zoë O'Brien");
  await u.type(screen.getByLabelText(/^Email/), "zoe@example.com");
  await u.type(screen.getByLabelText(/^Password/), "password");
  await u.type(screen.getByLabelText(/^Repeat password/), "password");
  await waitFor(() => expect(screen.getByTestId("password-strength")).toHaveTextContent("Password strength: Too weak"));
  expect(screen.getByTestId("password-strength")).toHaveTextContent("heavily used password");

  await u.click(screen.getByRole("button", { name: "Create account" }));
  expect(sent).toEqual([]);
  expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription(/Too easy to guess/);
  await waitFor(() => expect(screen.getByLabelText(/^Password/)).toHaveFocus());

  await u.clear(screen.getByLabelText(/^Password/));
  await u.type(screen.getByLabelText(/^Password/), "lantern orbit velvet");
  await u.clear(screen.getByLabelText(/^Repeat password/));
  await u.type(screen.getByLabelText(/^Repeat password/), "lantern orbit velvet");
  expect(screen.getByTestId("password-strength")).toHaveTextContent(/Password strength: (Good|Strong)/);
  await u.click(screen.getByRole("button", { name: "Create account" }));
  await waitFor(() => expect(sent).toHaveLength(1));
});

test("show/hide: the eye button reveals the password and says it is pressed", async () => {
  const u = userEvent.setup();
  renderApp(<SignUpForm request={async () => ({ user })} />);
  const field = screen.getByLabelText(/^Password/);
  expect(field).toHaveAttribute("type", "password");
  const toggle = screen.getByRole("button", { name: "Show password" });
  expect(toggle).toHaveAttribute("aria-pressed", "false");
  await u.click(toggle);
  expect(field).toHaveAttribute("type", "text");
  expect(toggle).toHaveAttribute("aria-pressed", "true");
  await u.click(toggle);
  expect(field).toHaveAttribute("type", "password");
});

test("change password: the current password again is refused before sending; the server's 400 is shown by its field", async () => {
  const u = userEvent.setup();
  const sent: PasswordChangeInput[] = [];
  renderApp(
    <PasswordForm
      request={async (input) => {
        sent.push(input);
        throw new ApiError(400, [{ field: "newPassword", message: "New password is too easy to guess." }]);
      }}
    />,
  );
  await u.type(screen.getByLabelText(/^Current password/), "lantern orbit velvet");
  await u.type(screen.getByLabelText(/^New password/), "lantern orbit velvet");
  await u.type(screen.getByLabelText(/^Repeat new password/), "lantern orbit velvet");
  await u.click(screen.getByRole("button", { name: "Change password" }));
  expect(sent).toEqual([]);
  expect(screen.getByLabelText(/^New password/)).toHaveAccessibleDescription(
    "Choose a password different from the current one",
  );

  // The server has the bigger dictionaries: its verdict is shown by the field.
  await u.clear(screen.getByLabelText(/^New password/));
  await u.type(screen.getByLabelText(/^New password/), "harbour crimson fable");
  await u.clear(screen.getByLabelText(/^Repeat new password/));
  await u.type(screen.getByLabelText(/^Repeat new password/), "harbour crimson fable");
  await u.click(screen.getByRole("button", { name: "Change password" }));
  await waitFor(() => expect(sent).toHaveLength(1));
  expect(screen.getByLabelText(/^New password/)).toHaveAccessibleDescription("New password is too easy to guess.");
});
