import CalendarMonthOutlined from "@mui/icons-material/CalendarMonthOutlined";
import DownloadOutlined from "@mui/icons-material/DownloadOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import type { Ticket } from "@/lib/api-types";
import { calendarHref } from "@/lib/calendar";

/**
 * What a buyer takes away once the order is paid: the seller's original ticket, the
 * platform's e-ticket (the same barcode, none of the seller's details), and a calendar entry.
 * Each link's accessible name starts with its visible text (WCAG 2.5.3, axe label-content-name-mismatch).
 */
export function TicketDownloads({
  ticket,
  calendar = true,
}: {
  ticket: Pick<Ticket, "id" | "title" | "eventDate" | "venue">;
  calendar?: boolean;
}) {
  const id = encodeURIComponent(ticket.id);
  return (
    <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }} data-testid="ticket-downloads">
      <Button
        variant="contained"
        size="small"
        startIcon={<DownloadOutlined aria-hidden />}
        href={`/api/tickets/${id}/file`}
        aria-label={`Original ticket for ${ticket.title} (download)`}
      >
        Original ticket
      </Button>
      <Button
        variant="outlined"
        size="small"
        startIcon={<DownloadOutlined aria-hidden />}
        href={`/api/tickets/${id}/eticket.pdf`}
        aria-label={`E-ticket (PDF) for ${ticket.title} (download)`}
      >
        E-ticket (PDF)
      </Button>
      {calendar ? (
        <Button
          variant="text"
          size="small"
          startIcon={<CalendarMonthOutlined aria-hidden />}
          href={calendarHref({
            uid: ticket.id,
            title: ticket.title,
            startsAt: ticket.eventDate,
            venue: ticket.venue,
          })}
          download={`${ticket.title.replace(/[^\w -]+/g, "").trim() || "event"}.ics`}
          aria-label={`Add to calendar: ${ticket.title}`}
        >
          Add to calendar
        </Button>
      ) : null}
    </Box>
  );
}
