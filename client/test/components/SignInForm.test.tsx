import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SignInForm } from "@/components/auth/SignInForm";
import { ApiError } from "@/lib/api-error";
import type { User } from "@/lib/api-types";
import { renderApp } from "../support/render";

const user: User = {
  id: "u1",
  name: "Ann",
  email: "ann@example.com",
  photoUrl: null,
  jobTitle: null,
  phone: null,
  emailVerified: true,
  createdAt: "2030-01-01T00:00:00Z",
};

async function signIn(u: ReturnType<typeof userEvent.setup>) {
  await u.type(screen.getByLabelText(/^Email/), "ann@example.com");
  await u.type(screen.getByLabelText(/^Password/), "secret password");
  await u.click(screen.getByRole("button", { name: "Sign in" }));
}

test("wrong credentials are explained above the form", async () => {
  const u = userEvent.setup();
  renderApp(
    <SignInForm
      request={async () => {
        throw new ApiError(400, [{ message: "Invalid credentials" }]);
      }}
    />,
  );
  expect(screen.getByLabelText(/^Password/)).toHaveAttribute("type", "password");
  await signIn(u);
  expect(await screen.findByRole("alert")).toHaveTextContent("Invalid credentials");
});

test("too many attempts says how long to wait", async () => {
  const u = userEvent.setup();
  renderApp(
    <SignInForm
      request={async () => {
        throw new ApiError(429, [{ message: "Too many failed sign-ins" }], 42);
      }}
    />,
  );
  await signIn(u);
  expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts. Try again in 42 seconds.");
});

test("after signing in the visitor returns to the page they wanted", async () => {
  const u = userEvent.setup();
  const { navigation } = renderApp(<SignInForm next="/orders/123" request={async () => ({ user })} />);
  await signIn(u);
  await waitFor(() => expect(navigation.replaced).toEqual(["/orders/123"]));
  expect(navigation.refreshed).toBe(1);
});

test("a return address on another site is ignored", async () => {
  const u = userEvent.setup();
  const { navigation } = renderApp(<SignInForm next="//evil.example/" request={async () => ({ user })} />);
  await signIn(u);
  await waitFor(() => expect(navigation.replaced).toEqual(["/"]));
});

test("a failed Google sign-in is explained", () => {
  renderApp(<SignInForm googleError="google_cancelled" />, { config: { googleSignIn: true } });
  expect(screen.getByText("Google sign-in was cancelled.")).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Sign in with Google" })).toBeInTheDocument();
});
