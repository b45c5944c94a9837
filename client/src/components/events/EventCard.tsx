import CalendarMonthOutlined from "@mui/icons-material/CalendarMonthOutlined";
import PlaceOutlined from "@mui/icons-material/PlaceOutlined";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardActionArea from "@mui/material/CardActionArea";
import CardContent from "@mui/material/CardContent";
import Typography from "@mui/material/Typography";
import type { Event } from "@/lib/api-types";
import { formatPrice } from "@/lib/format";
import { EventTime } from "./EventTime";

/** An upcoming event: name, date in its zone, venue and city, "from €X" and how many tickets. */
export function EventCard({ event, back }: { event: Event; back?: string }) {
  const href = `/events/${event.id}${back ? `?back=${encodeURIComponent(back)}` : ""}`;
  return (
    <Card component="article" variant="outlined" sx={{ height: "100%" }} data-testid="event-card">
      <CardActionArea href={href} sx={{ height: "100%", alignItems: "stretch" }}>
        <CardContent sx={{ display: "flex", flexDirection: "column", gap: 1, height: "100%" }}>
          <Typography variant="h3" component="h2" sx={{ fontSize: "1.1rem", overflowWrap: "anywhere" }}>
            {event.name}
          </Typography>
          <Box sx={{ display: "flex", alignItems: "center", gap: 1, color: "text.secondary" }}>
            <CalendarMonthOutlined fontSize="small" aria-hidden />
            <Typography variant="body2" component="span">
              <EventTime iso={event.startsAt} timeZone={event.timeZone} />
            </Typography>
          </Box>
          <Box sx={{ display: "flex", alignItems: "center", gap: 1, color: "text.secondary" }}>
            <PlaceOutlined fontSize="small" aria-hidden />
            <Typography variant="body2" component="span" sx={{ overflowWrap: "anywhere" }}>
              {event.venue}, {event.city}
            </Typography>
          </Box>
          <Box sx={{ display: "flex", alignItems: "baseline", gap: 1, mt: "auto" }}>
            {event.minPrice ? (
              <Typography sx={{ fontSize: "1.2rem", fontWeight: 700, color: "primary.main" }}>
                from {formatPrice(event.minPrice, event.currency)}
              </Typography>
            ) : null}
            <Typography variant="body2" color="text.secondary">
              {event.availableCount === 1 ? "1 ticket" : `${event.availableCount} tickets`}
            </Typography>
          </Box>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
