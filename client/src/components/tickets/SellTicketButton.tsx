import Button from "@mui/material/Button";

/** The page-title action of the pages a seller starts from (home, my listings). */
export function SellTicketButton() {
  return (
    <Button variant="contained" href="/tickets/new">
      Sell a ticket
    </Button>
  );
}
