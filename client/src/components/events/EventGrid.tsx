import Box from "@mui/material/Box";
import type { Event } from "@/lib/api-types";
import { EventCard } from "./EventCard";

/** Event cards in a CSS grid (one, two or three columns): MUI's Grid is not needed for that. */
export function EventGrid({ events, back }: { events: Event[]; back?: string }) {
  return (
    <Box
      component="ul"
      aria-label="Events"
      sx={{
        listStyle: "none",
        p: 0,
        m: 0,
        display: "grid",
        gap: 2,
        gridTemplateColumns: { xs: "1fr", sm: "repeat(2, minmax(0, 1fr))", md: "repeat(3, minmax(0, 1fr))" },
      }}
    >
      {events.map((event) => (
        <Box component="li" key={event.id} sx={{ minWidth: 0 }}>
          <EventCard event={event} back={back} />
        </Box>
      ))}
    </Box>
  );
}
