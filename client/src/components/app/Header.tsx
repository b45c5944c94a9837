// The site header, rendered on the server with CSS (no MUI): only the parts that need the
// current address or a click are small client components (HeaderLinks, AccountMenu).
import Link from "next/link";
import type { User } from "@/lib/api-types";
import { Icon } from "../ui/icons";
import { AccountMenu } from "./AccountMenu";
import { MainNav, type NavLink, NavMenu, SignInLinks } from "./HeaderLinks";
import styles from "./header.module.css";

const SIGNED_IN_LINKS: NavLink[] = [
  { href: "/", label: "Browse" },
  { href: "/tickets/new", label: "Sell" },
  { href: "/tickets/mine", label: "My listings" },
  { href: "/orders", label: "My orders" },
  { href: "/tickets/purchased", label: "My tickets" },
];
const SIGNED_OUT_LINKS: NavLink[] = [{ href: "/", label: "Browse" }];

export function Header({ user, authUnavailable }: { user: User | null; authUnavailable: boolean }) {
  const links = user ? SIGNED_IN_LINKS : SIGNED_OUT_LINKS;
  return (
    <header className={`site-header ${styles.header}`}>
      {/* One line at every width down to 320 px (issue 17 item 8): narrower gutters on phones,
          the word mark hidden below 360 px (the link keeps its name), nothing wraps. */}
      <div className={styles.toolbar}>
        {user ? <NavMenu links={links} /> : null}
        <Link href="/" aria-label="Ticketing home" className={styles.brand}>
          <Icon name="ticket" />
          <span aria-hidden="true" className={styles.wordmark}>
            Ticketing
          </span>
        </Link>
        <MainNav links={links} />
        <span className={styles.spacer} />
        {user ? (
          <AccountMenu user={user} />
        ) : authUnavailable ? (
          <p role="status" className={styles.unavailable}>
            Sign-in is unavailable right now
          </p>
        ) : (
          <SignInLinks />
        )}
      </div>
    </header>
  );
}
