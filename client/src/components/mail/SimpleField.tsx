"use client";
import TextField from "@mui/material/TextField";

/** A required text field bound to one piece of state: what the mail-link forms are made of. */
export function SimpleField(props: {
  id: string;
  label: string;
  type: "email" | "password";
  autoComplete: string;
  value: string;
  onValue(value: string): void;
  helperText?: string;
}) {
  const { onValue, ...rest } = props;
  return <TextField {...rest} onChange={(e) => onValue(e.target.value)} required />;
}
