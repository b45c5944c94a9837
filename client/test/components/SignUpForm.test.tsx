import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SignUpForm } from "@/components/auth/SignUpForm";
import type { SignUpInput } from "@/lib/api";
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

async function fill(u: ReturnType<typeof userEvent.setup>, overrides: Partial<Record<string, string>> = {}) {
  const values = {
    name: "Zoë O'Brien",
    email: "zoe@example.com",
    password: "correct horse",
    confirm: "correct horse",
    ...overrides,
  };
  await u.type(screen.getByLabelText(/^Name/), values.name);
  await u.type(screen.getByLabelText(/^Email/), values.email);
  await u.type(screen.getByLabelText(/^Password/), values.password);
  await u.type(screen.getByLabelText(/^Repeat password/), values.confirm);
}

test("passwords are masked and the form checks the server's rules before sending", async () => {
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

  expect(screen.getByLabelText(/^Password/)).toHaveAttribute("type", "password");
  expect(screen.getByLabelText(/^Repeat password/)).toHaveAttribute("type", "password");

  await fill(u, { name: "R2-D2", password: "short", confirm: "shorter" });
  await u.click(screen.getByRole("button", { name: "Create account" }));

  expect(screen.getByLabelText(/^Name/)).toHaveAccessibleDescription(
    "Use letters, spaces, apostrophes, hyphens and dots only",
  );
  expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription("Use at least 8 characters");
  expect(screen.getByLabelText(/^Repeat password/)).toHaveAccessibleDescription("The passwords do not match");
  expect(sent).toEqual([]);
});

test("an email already in use is shown under the email field", async () => {
  const u = userEvent.setup();
  renderApp(
    <SignUpForm
      request={async () => {
        throw new ApiError(409, [{ message: "Email in use" }]);
      }}
    />,
  );
  await fill(u);
  await u.click(screen.getByRole("button", { name: "Create account" }));
  await waitFor(() => expect(screen.getByLabelText(/^Email/)).toHaveAccessibleDescription("Email in use"));
  await waitFor(() => expect(screen.getByLabelText(/^Email/)).toHaveFocus());
});

test("after signing up the visitor goes where they were going, never off the site", async () => {
  const u = userEvent.setup();
  const sent: SignUpInput[] = [];
  const { navigation } = renderApp(
    <SignUpForm
      next="/tickets/new"
      request={async (input) => {
        sent.push(input);
        return { user };
      }}
    />,
  );
  await fill(u);
  await u.click(screen.getByRole("button", { name: "Create account" }));

  await waitFor(() => expect(navigation.replaced).toEqual(["/tickets/new"]));
  expect(navigation.refreshed).toBe(1);
  expect(sent[0]).toEqual({
    name: "Zoë O'Brien",
    email: "zoe@example.com",
    password: "correct horse",
    passwordConfirm: "correct horse",
  });
  expect(await screen.findByText("Welcome to Ticketing, Zoë!")).toBeInTheDocument();
});

test("the reCAPTCHA widget appears only when a site key is configured, and is required then", async () => {
  const first = renderApp(<SignUpForm request={async () => ({ user })} />);
  expect(screen.queryByTestId("recaptcha")).not.toBeInTheDocument();
  first.unmount();

  const u = userEvent.setup();
  const sent: SignUpInput[] = [];
  renderApp(
    <SignUpForm
      request={async (input) => {
        sent.push(input);
        return { user };
      }}
    />,
    {
      config: { recaptchaSiteKey: "site-key-123" },
    },
  );
  expect(screen.getByTestId("recaptcha")).toHaveAttribute("data-sitekey", "site-key-123");
  // Google's script is requested (it cannot load here: tests have no network).
  expect(document.querySelector('script[src^="https://www.google.com/recaptcha/api.js"]')).not.toBeNull();

  await fill(u);
  await u.click(screen.getByRole("button", { name: "Create account" }));
  expect(screen.getByText("Tick “I’m not a robot” first")).toBeInTheDocument();
  expect(sent).toEqual([]);
});

test("Sign in with Google is offered only when configured", () => {
  const off = renderApp(<SignUpForm />);
  expect(screen.queryByRole("link", { name: /Google/ })).not.toBeInTheDocument();
  off.unmount();
  renderApp(<SignUpForm />, { config: { googleSignIn: true } });
  expect(screen.getByRole("link", { name: "Sign in with Google" })).toHaveAttribute("href", "/api/users/oauth/google");
});
