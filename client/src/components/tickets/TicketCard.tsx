import CalendarMonthOutlined from "@mui/icons-material/CalendarMonthOutlined";
import PlaceOutlined from "@mui/icons-material/PlaceOutlined";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardActionArea from "@mui/material/CardActionArea";
import CardContent from "@mui/material/CardContent";
import Typography from "@mui/material/Typography";
import type { Ticket } from "@/lib/api-types";
import { formatPrice } from "@/lib/format";
import { LocalDateTime } from "../common/LocalDateTime";

export function TicketCard({ ticket }: { ticket: Ticket }) {
  return (
    <Card component="article" variant="outlined" sx={{ height: "100%" }} data-testid="ticket-card">
      <CardActionArea href={`/tickets/${ticket.id}`} sx={{ height: "100%", alignItems: "stretch" }}>
        <CardContent sx={{ display: "flex", flexDirection: "column", gap: 1, height: "100%" }}>
          <Typography variant="h3" component="h2" sx={{ fontSize: "1.1rem", overflowWrap: "anywhere" }}>
            {ticket.title}
          </Typography>
          <Typography sx={{ fontSize: "1.4rem", fontWeight: 700, color: "primary.main" }}>
            {formatPrice(ticket.price, ticket.currency)}
          </Typography>
          <Box sx={{ display: "flex", alignItems: "center", gap: 1, color: "text.secondary" }}>
            <CalendarMonthOutlined fontSize="small" aria-hidden />
            <Typography variant="body2" component="span">
              <LocalDateTime iso={ticket.eventDate} />
            </Typography>
          </Box>
          <Box sx={{ display: "flex", alignItems: "center", gap: 1, color: "text.secondary" }}>
            <PlaceOutlined fontSize="small" aria-hidden />
            <Typography variant="body2" component="span" sx={{ overflowWrap: "anywhere" }}>
              {ticket.venue}
            </Typography>
          </Box>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
