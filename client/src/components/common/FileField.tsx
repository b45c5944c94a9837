import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { Ref } from "react";

/** A native file input with its label, and a help line under it that the field's error replaces. */
export function FileField({
  id,
  name,
  label,
  accept,
  error,
  help,
  onFile,
  ref,
}: {
  id: string;
  name: string;
  label: string;
  accept: string;
  error: string | undefined;
  help: string;
  onFile: (file: File | null) => void;
  ref?: Ref<HTMLInputElement>;
}) {
  return (
    <Box>
      <Typography component="label" htmlFor={id} sx={{ display: "block", fontWeight: 500, mb: 0.5 }}>
        {label}
      </Typography>
      <input
        ref={ref}
        id={id}
        name={name}
        type="file"
        accept={accept}
        aria-invalid={Boolean(error)}
        aria-describedby={`${id}-help`}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
      <Typography id={`${id}-help`} variant="body2" color={error ? "error" : "text.secondary"} sx={{ mt: 0.5 }}>
        {error ?? help}
      </Typography>
    </Box>
  );
}
