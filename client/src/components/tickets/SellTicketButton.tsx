import { LinkButton } from "../ui/LinkButton";

/** The page-title action of the pages a seller starts from (home, my listings). */
export function SellTicketButton() {
  return (
    <LinkButton variant="contained" href="/tickets/new">
      Sell a ticket
    </LinkButton>
  );
}
