"use client";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import Switch from "@mui/material/Switch";
import { useState } from "react";
import { type NotificationPreferences, setNotificationPreferences } from "@/lib/api";
import { describeError } from "@/lib/api-error";
import { useToast } from "../app/useToast";

/** Reminders and alerts on or off; order and account e-mails are always sent. */
export function NotificationSettings({ initial }: { initial: NotificationPreferences }) {
  const toast = useToast();
  const [prefs, setPrefs] = useState(initial);
  const toggle = (key: keyof NotificationPreferences) => async (_: unknown, checked: boolean) => {
    try {
      setPrefs((await setNotificationPreferences({ [key]: checked })).preferences);
      toast("Saved", "success");
    } catch (err) {
      toast(describeError(err), "error");
    }
  };
  return (
    <FormGroup>
      <FormControlLabel
        control={<Switch checked={prefs.reminders} onChange={toggle("reminders")} />}
        label="Reminders: my reservation is about to expire"
      />
      <FormControlLabel
        control={<Switch checked={prefs.alerts} onChange={toggle("alerts")} />}
        label="Alerts: tickets listed for events I watch"
      />
    </FormGroup>
  );
}
