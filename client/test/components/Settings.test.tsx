import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PasswordForm } from "@/components/settings/PasswordForm";
import { ProfileForm } from "@/components/settings/ProfileForm";
import { SignOutEverywhere } from "@/components/settings/SignOutEverywhere";
import type { PasswordChangeInput, ProfileInput } from "@/lib/api";
import { ApiError } from "@/lib/api-error";
import type { User } from "@/lib/api-types";
import { renderApp } from "../support/render";

const user: User = {
  id: "u1",
  name: "Ann Lee",
  email: "ann@example.com",
  photoUrl: null,
  jobTitle: "Drummer",
  phone: null,
  emailVerified: true,
  createdAt: "2030-01-01T00:00:00Z",
};

beforeAll(() => {
  // jsdom has no blob: URLs; the preview only needs a URL for the chosen file.
  URL.createObjectURL = () => "blob:preview-1";
  URL.revokeObjectURL = () => {};
});

const file = (name: string, type: string, size = 1000) => new File([new Uint8Array(size)], name, { type });

describe("profile", () => {
  test("a chosen photo is previewed and uploaded with the profile fields", async () => {
    const u = userEvent.setup();
    const sent: ProfileInput[] = [];
    const { navigation } = renderApp(
      <ProfileForm
        user={user}
        request={async (input) => {
          sent.push(input);
          return { user };
        }}
      />,
    );

    await u.upload(screen.getByLabelText(/Add a photo/), file("me.png", "image/png"));
    expect(screen.getByRole("img", { name: "Preview of your new photo" })).toHaveAttribute("src", "blob:preview-1");
    expect(screen.getByText(/Selected: me.png/)).toBeInTheDocument();

    await u.clear(screen.getByLabelText(/^Phone/));
    await u.type(screen.getByLabelText(/^Phone/), "+44 20 7946 0958");
    await u.click(screen.getByRole("button", { name: "Save profile" }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ name: "Ann Lee", jobTitle: "Drummer", phone: "+44 20 7946 0958" });
    expect(sent[0]?.photo?.name).toBe("me.png");
    expect(await screen.findByText("Your profile is saved.")).toBeInTheDocument();
    expect(navigation.refreshed).toBe(1);
  });

  test("files that are not JPEG, PNG or WebP, or over 5 MB, are refused before uploading", async () => {
    const u = userEvent.setup({ applyAccept: false });
    const sent: ProfileInput[] = [];
    renderApp(
      <ProfileForm
        user={user}
        request={async (input) => {
          sent.push(input);
          return { user };
        }}
      />,
    );

    await u.upload(screen.getByLabelText(/Add a photo/), file("anim.gif", "image/gif"));
    expect(screen.getByText("Choose a JPEG, PNG or WebP image")).toBeInTheDocument();
    expect(screen.queryByRole("img", { name: "Preview of your new photo" })).not.toBeInTheDocument();

    await u.upload(screen.getByLabelText(/Add a photo/), file("huge.jpg", "image/jpeg", 5 * 1024 * 1024 + 1));
    expect(screen.getByText("Choose an image of at most 5 MB")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Save profile" }));
    expect(sent).toEqual([]);
  });

  test("the server's verdict on the file's bytes is shown by the photo", async () => {
    const u = userEvent.setup();
    renderApp(
      <ProfileForm
        user={user}
        request={async () => {
          throw new ApiError(415, [{ message: "Photo must be a JPEG, PNG or WebP image", field: "photo" }]);
        }}
      />,
    );
    await u.upload(screen.getByLabelText(/Add a photo/), file("fake.png", "image/png"));
    await u.click(screen.getByRole("button", { name: "Save profile" }));
    expect(await screen.findByText("Photo must be a JPEG, PNG or WebP image")).toBeInTheDocument();
  });
});

describe("password", () => {
  test("fields are masked, rules are checked, and the form is emptied after a change", async () => {
    const u = userEvent.setup();
    const sent: PasswordChangeInput[] = [];
    renderApp(<PasswordForm request={async (input) => void sent.push(input)} />);
    for (const label of [/^Current password/, /^New password/, /^Repeat new password/]) {
      expect(screen.getByLabelText(label)).toHaveAttribute("type", "password");
    }

    await u.type(screen.getByLabelText(/^Current password/), "old password");
    await u.type(screen.getByLabelText(/^New password/), "short");
    await u.type(screen.getByLabelText(/^Repeat new password/), "shorter");
    await u.click(screen.getByRole("button", { name: "Change password" }));
    expect(screen.getByLabelText(/^New password/)).toHaveAccessibleDescription("Use at least 8 characters");
    expect(screen.getByLabelText(/^Repeat new password/)).toHaveAccessibleDescription("The passwords do not match");
    expect(sent).toEqual([]);

    await u.clear(screen.getByLabelText(/^New password/));
    await u.type(screen.getByLabelText(/^New password/), "a much longer one");
    await u.clear(screen.getByLabelText(/^Repeat new password/));
    await u.type(screen.getByLabelText(/^Repeat new password/), "a much longer one");
    await u.click(screen.getByRole("button", { name: "Change password" }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      currentPassword: "old password",
      newPassword: "a much longer one",
      newPasswordConfirm: "a much longer one",
    });
    expect(await screen.findByText(/Password changed/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Current password/)).toHaveValue("");
    expect(screen.getByLabelText(/^Current password/)).toHaveAttribute("aria-invalid", "false");
  });

  test("a wrong current password is shown next to that field", async () => {
    const u = userEvent.setup();
    renderApp(
      <PasswordForm
        request={async () => {
          throw new ApiError(400, [{ message: "Current password is incorrect", field: "currentPassword" }]);
        }}
      />,
    );
    await u.type(screen.getByLabelText(/^Current password/), "wrong one");
    await u.type(screen.getByLabelText(/^New password/), "a much longer one");
    await u.type(screen.getByLabelText(/^Repeat new password/), "a much longer one");
    await u.click(screen.getByRole("button", { name: "Change password" }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Current password/)).toHaveAccessibleDescription("Current password is incorrect"),
    );
  });
});

describe("sign out of all devices", () => {
  test("asks the server to end every session, then goes to the sign-in page", async () => {
    const u = userEvent.setup();
    let calls = 0;
    const { navigation } = renderApp(
      <SignOutEverywhere
        request={async () => {
          calls += 1;
          return {};
        }}
      />,
    );
    await u.click(screen.getByRole("button", { name: "Sign out of all devices" }));
    await waitFor(() => expect(navigation.pushed).toEqual(["/auth/signin"]));
    expect(calls).toBe(1);
    expect(await screen.findByText("You are signed out on every device.")).toBeInTheDocument();
  });
});
