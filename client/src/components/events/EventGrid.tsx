import Grid from "@mui/material/Grid";
import type { Event } from "@/lib/api-types";
import { EventCard } from "./EventCard";

export function EventGrid({ events, back }: { events: Event[]; back?: string }) {
  return (
    <Grid container spacing={2} component="ul" sx={{ listStyle: "none", p: 0, m: 0 }} aria-label="Events">
      {events.map((event) => (
        <Grid key={event.id} size={{ xs: 12, sm: 6, md: 4 }} component="li">
          <EventCard event={event} back={back} />
        </Grid>
      ))}
    </Grid>
  );
}
