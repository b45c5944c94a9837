import Alert from "@mui/material/Alert";

/** A form's errors that belong to no field (`useFormErrors().formErrors`), above its fields. */
export function FormErrors({ errors }: { errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert severity="error" role="alert" sx={{ mb: 1 }}>
      {errors.join(" ")}
    </Alert>
  );
}
