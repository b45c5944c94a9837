import CalendarMonthOutlined from "@mui/icons-material/CalendarMonthOutlined";
import DownloadOutlined from "@mui/icons-material/DownloadOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import type { Ticket } from "@/lib/api-types";
import { calendarHref } from "@/lib/calendar";

/**
 * What a buyer takes away once the order is paid: the seller's original ticket, the
 * platform's e-ticket (the same barcode, none of the seller's details), and a calendar entry.
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
        aria-label={`Download the original ticket for ${ticket.title}`}
      >
        Original ticket
      </Button>
      <Button
        variant="outlined"
        size="small"
        startIcon={<DownloadOutlined aria-hidden />}
        href={`/api/tickets/${id}/eticket.pdf`}
        aria-label={`Download the e-ticket (PDF) for ${ticket.title}`}
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
          aria-label={`Add ${ticket.title} to your calendar`}
        >
          Add to calendar
        </Button>
      ) : null}
    </Box>
  );
}
