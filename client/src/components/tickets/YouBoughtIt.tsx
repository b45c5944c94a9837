import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Box from "@mui/material/Box";
import MuiLink from "@mui/material/Link";
import type { Ticket } from "@/lib/api-types";
import { TicketDownloads } from "./TicketDownloads";

/** The ticket page, to the buyer who paid for it: theirs, with the downloads and the order. */
export function YouBoughtIt({ ticket, orderId }: { ticket: Ticket; orderId: string }) {
  return (
    <Alert severity="success" variant="outlined" data-testid="you-bought-it">
      <AlertTitle>You bought this ticket</AlertTitle>
      <Box sx={{ display: "grid", gap: 1.5 }}>
        <span>
          Order number <MuiLink href={`/orders/${orderId}`}>{orderId}</MuiLink>. All your tickets are in{" "}
          <MuiLink href="/tickets/purchased">My tickets</MuiLink>.
        </span>
        <TicketDownloads ticket={ticket} />
      </Box>
    </Alert>
  );
}
