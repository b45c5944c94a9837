"use client";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import { type FormEvent, useState } from "react";
import { changePassword } from "@/lib/api";
import { LIMITS, type PasswordChangeValues, validatePasswordChange } from "@/lib/validation";
import { useToast } from "../app/useToast";
import { PasswordField } from "../auth/PasswordField";
import { PasswordStrength, usePasswordStrength, weakPasswordError } from "../auth/PasswordStrength";
import { FormErrors } from "../common/FormErrors";
import { focusField, useFormErrors } from "../common/useFormErrors";

const FIELDS = ["currentPassword", "newPassword", "newPasswordConfirm"] as const;
const EMPTY: PasswordChangeValues = { currentPassword: "", newPassword: "", newPasswordConfirm: "" };

/** Change password: this session stays signed in, every other one is signed out. */
export function PasswordForm({ request = changePassword }: { request?: typeof changePassword }) {
  const toast = useToast();
  const [values, setValues] = useState<PasswordChangeValues>(EMPTY);
  const [sending, setSending] = useState(false);
  const strength = usePasswordStrength(values.newPassword, []);
  const form = useFormErrors(FIELDS, () => {
    const errors = validatePasswordChange(values);
    if (!errors.newPassword && values.newPassword && values.newPassword === values.currentPassword) {
      errors.newPassword = "Choose a password different from the current one";
    }
    if (!errors.newPassword && weakPasswordError(strength)) errors.newPassword = weakPasswordError(strength);
    return errors;
  });

  const field = (name: keyof PasswordChangeValues) =>
    form.bind(
      "password",
      name,
      values,
      setValues,
      name === "newPassword" ? `At least ${LIMITS.passwordMin} characters` : " ",
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = form.validateAll();
    if (invalid) return focusField(`password-${invalid}`);
    setSending(true);
    try {
      await request(values);
      setValues(EMPTY);
      form.reset(); // the emptied fields must not show "required" errors
      toast("Password changed. You were signed out on your other devices.", "success");
    } catch (err) {
      const first = form.fromServer(err);
      if (first) focusField(`password-${first}`);
    } finally {
      setSending(false);
    }
  };

  return (
    <Box component="form" noValidate onSubmit={submit} sx={{ display: "grid", gap: 1 }} aria-label="Change password">
      <FormErrors errors={form.formErrors} />
      {/* Lets password managers tie the new password to the account. */}
      <input type="text" name="username" autoComplete="username" hidden readOnly value="" />
      <PasswordField {...field("currentPassword")} label="Current password" autoComplete="current-password" required />
      <PasswordField {...field("newPassword")} label="New password" autoComplete="new-password" required />
      <PasswordStrength strength={strength} id="password-newPassword-strength" />
      <PasswordField
        {...field("newPasswordConfirm")}
        label="Repeat new password"
        autoComplete="new-password"
        required
      />
      <Box>
        <Button type="submit" variant="contained" loading={sending}>
          Change password
        </Button>
      </Box>
    </Box>
  );
}
