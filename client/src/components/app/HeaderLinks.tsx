"use client";
// The header's parts that depend on the current address (which link is the current page,
// where sign-in returns to): small client components inside the server-rendered header.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Icon } from "../ui/icons";
import { buttonClass, inheritButton } from "../ui/LinkButton";
import styles from "./header.module.css";
import { MenuButton } from "./MenuButton";

export interface NavLink {
  href: string;
  label: string;
}

function useIsActive() {
  const pathname = usePathname();
  return (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
}

/** The main links, inline from 900 px wide; the current page's is underlined. */
export function MainNav({ links }: { links: NavLink[] }) {
  const isActive = useIsActive();
  return (
    <nav aria-label="Main" className={styles.nav}>
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={isActive(link.href) ? "page" : undefined}
          className={buttonClass("text", `${inheritButton} ${styles.navLink}`)}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}

/** The same links in a menu on narrower screens. */
export function NavMenu({ links }: { links: NavLink[] }) {
  const isActive = useIsActive();
  return (
    <MenuButton
      align="start"
      menuLabel="Navigation"
      aria-label="Open navigation menu"
      wrapperClassName={styles.navMenu}
      className={styles.iconButton}
      items={links.map((link) => ({ ...link, selected: isActive(link.href) }))}
    >
      <Icon name="menu" />
    </MenuButton>
  );
}

/** Sign in (coming back to this page afterwards) and Sign up. */
export function SignInLinks() {
  const pathname = usePathname();
  const returnTo = pathname.startsWith("/auth/") ? "/" : pathname;
  return (
    <div className={styles.signIn}>
      <Link href={`/auth/signin?next=${encodeURIComponent(returnTo)}`} className={buttonClass("text", inheritButton)}>
        Sign in
      </Link>
      <Link href="/auth/signup" className={buttonClass("outlined", inheritButton)}>
        Sign up
      </Link>
    </div>
  );
}
