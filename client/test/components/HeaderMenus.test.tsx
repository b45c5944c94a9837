// The header's menus (plain elements, no MUI: the header is on every page, issue 17's budget):
// the keyboard works as it did with MUI's Menu, and signing out still says so and goes home.
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AccountMenu } from "@/components/app/AccountMenu";
import { Header } from "@/components/app/Header";
import { ApiError } from "@/lib/api-error";
import type { User } from "@/lib/api-types";
import { renderApp } from "../support/render";

const user: User = {
  id: "u1",
  name: "Ann Lee",
  email: "ann@example.com",
  photoUrl: null,
  jobTitle: null,
  phone: null,
  emailVerified: true,
  createdAt: "2030-01-01T00:00:00Z",
};

test("the account menu: focus moves in, arrows move and wrap, Escape closes it and focus returns to its button", async () => {
  const u = userEvent.setup();
  renderApp(<Header user={user} authUnavailable={false} />);
  const button = screen.getByTestId("account-menu");
  expect(button).toHaveAttribute("aria-expanded", "false");

  await u.click(button);
  expect(button).toHaveAttribute("aria-expanded", "true");
  expect(screen.getByRole("menu", { name: "Account" })).toBeInTheDocument();
  expect(screen.getByText("ann@example.com")).toBeInTheDocument();
  expect(screen.getByRole("menuitem", { name: "Settings" })).toHaveFocus();
  expect(screen.getByRole("menuitem", { name: "Settings" })).toHaveAttribute("href", "/settings");

  await u.keyboard("{ArrowDown}");
  expect(screen.getByRole("menuitem", { name: "Sign out" })).toHaveFocus();
  await u.keyboard("{ArrowDown}");
  expect(screen.getByRole("menuitem", { name: "Settings" })).toHaveFocus();
  await u.keyboard("{ArrowUp}");
  expect(screen.getByRole("menuitem", { name: "Sign out" })).toHaveFocus();
  await u.keyboard("{Home}");
  expect(screen.getByRole("menuitem", { name: "Settings" })).toHaveFocus();
  await u.keyboard("{End}");
  expect(screen.getByRole("menuitem", { name: "Sign out" })).toHaveFocus();

  await u.keyboard("{Escape}");
  expect(screen.queryByRole("menu")).not.toBeInTheDocument();
  expect(button).toHaveFocus();
  expect(button).toHaveAttribute("aria-expanded", "false");
});

test("Tab and a click elsewhere close the menu", async () => {
  const u = userEvent.setup();
  renderApp(
    <>
      <Header user={user} authUnavailable={false} />
      <p>Elsewhere</p>
    </>,
  );
  const button = screen.getByTestId("account-menu");
  await u.click(button);
  await u.keyboard("{Tab}");
  expect(screen.queryByRole("menu")).not.toBeInTheDocument();
  expect(button).toHaveFocus();

  await u.click(button);
  expect(screen.getByRole("menu")).toBeInTheDocument();
  await u.click(screen.getByText("Elsewhere"));
  expect(screen.queryByRole("menu")).not.toBeInTheDocument();
});

test("the navigation menu (phones) opens on the current page's item", async () => {
  const u = userEvent.setup();
  renderApp(<Header user={user} authUnavailable={false} />, { pathname: "/orders" });
  await u.click(screen.getByRole("button", { name: "Open navigation menu" }));
  const current = screen.getByRole("menuitem", { name: "My orders" });
  expect(current).toHaveFocus();
  expect(current).toHaveAttribute("href", "/orders");
  expect(screen.getAllByRole("menuitem").map((item) => item.textContent)).toEqual([
    "Browse",
    "Sell",
    "My listings",
    "My orders",
    "My tickets",
  ]);
  // The inline links (from 900 px) mark the same page.
  expect(screen.getByRole("navigation", { name: "Main" }).querySelector('[aria-current="page"]')).toHaveTextContent(
    "My orders",
  );
});

test("signing out says so, goes home and refreshes; a failure says why", async () => {
  const u = userEvent.setup();
  const out = renderApp(<AccountMenu user={user} request={async () => ({})} />);
  await u.click(screen.getByTestId("account-menu"));
  await u.click(screen.getByRole("menuitem", { name: "Sign out" }));
  expect(await screen.findByText("You are signed out.")).toBeInTheDocument();
  expect(out.navigation.pushed).toEqual(["/"]);
  expect(out.navigation.refreshed).toBe(1);
  out.unmount();

  const failed = renderApp(
    <AccountMenu
      user={user}
      request={async () => {
        throw new ApiError(503, []);
      }}
    />,
  );
  await u.click(screen.getByTestId("account-menu"));
  await u.click(screen.getByRole("menuitem", { name: "Sign out" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("The service is busy right now");
  expect(failed.navigation.pushed).toEqual([]);
});

test("signed out, Sign in comes back to the page it was asked from (not to another sign-in page)", () => {
  const here = renderApp(<Header user={null} authUnavailable={false} />, { pathname: "/events/e1" });
  expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/auth/signin?next=%2Fevents%2Fe1");
  expect(screen.getByRole("link", { name: "Sign up" })).toHaveAttribute("href", "/auth/signup");
  here.unmount();
  renderApp(<Header user={null} authUnavailable={false} />, { pathname: "/auth/signup" });
  expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/auth/signin?next=%2F");
});
