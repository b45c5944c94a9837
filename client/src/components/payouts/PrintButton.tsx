"use client";
import Button from "@mui/material/Button";

/** Opens the browser's print dialog (the receipt prints without the site's header and this button). */
export function PrintButton() {
  return (
    <Button variant="outlined" onClick={() => window.print()} sx={{ displayPrint: "none" }}>
      Print receipt
    </Button>
  );
}
