// Home: the search, upcoming events that have tickets for sale, and how it works. Server-rendered
// HTML and CSS with no MUI (issue 17's 170 kB budget): the only scripts are Next's and the
// layout's small client parts.
import { PageTitle } from "@/components/common/PageTitle";
import { ServiceAlert } from "@/components/common/ServiceAlert";
import surface from "@/components/common/surface.module.css";
import { EventGrid } from "@/components/events/EventGrid";
import { EventSearchForm } from "@/components/events/EventSearchForm";
import { SellTicketButton } from "@/components/tickets/SellTicketButton";
import { LinkButton } from "@/components/ui/LinkButton";
import type { EventPage } from "@/lib/api-types";
import { serverGet } from "@/lib/server-api";
import styles from "./home.module.css";

export default async function HomePage() {
  let result: EventPage | null = null;
  let failure: unknown = null;
  try {
    result = await serverGet<EventPage>("/api/events?available=true&sort=date&limit=12");
  } catch (err) {
    failure = err;
  }
  return (
    <>
      <PageTitle actions={<SellTicketButton />}>Find tickets for the shows you love</PageTitle>
      <EventSearchForm showFilters={false} />
      <HowItWorks />
      <h2 className={styles.upcoming}>Upcoming events with tickets</h2>
      {failure ? <ServiceAlert what="the events" error={failure} /> : null}
      {result && result.events.length === 0 ? (
        <div className={`${surface.panel} ${styles.empty}`}>
          <p className={surface.h2}>No tickets for sale yet</p>
          <LinkButton variant="contained" href="/tickets/new">
            Be the first to sell one
          </LinkButton>
        </div>
      ) : null}
      {result && result.events.length > 0 ? <EventGrid events={result.events} /> : null}
      {result && result.total > result.events.length ? (
        <div className={styles.more}>
          <LinkButton variant="outlined" href="/search">
            See all events
          </LinkButton>
        </div>
      ) : null}
    </>
  );
}

function HowItWorks() {
  const steps = [
    ["Buyers", "Search for the show, pick a ticket (cheapest first), reserve it and pay with PayPal."],
    ["Sellers", "Can't go? Pick the event, say what you paid, and list at most 20% above it."],
    ["Safe", "A reservation holds the ticket for you; nothing is sold once the doors open."],
  ];
  return (
    <section aria-label="How it works" className={styles.steps}>
      {steps.map(([title, text]) => (
        <div key={title} className={`${surface.panel} ${styles.step}`}>
          <h2>{title}</h2>
          <p className={surface.paragraph}>{text}</p>
        </div>
      ))}
    </section>
  );
}
