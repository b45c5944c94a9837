"use client";
import ConfirmationNumberOutlined from "@mui/icons-material/ConfirmationNumberOutlined";
import MenuIcon from "@mui/icons-material/Menu";
import AppBar from "@mui/material/AppBar";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Toolbar from "@mui/material/Toolbar";
import Typography from "@mui/material/Typography";
import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { signOut } from "@/lib/api";
import type { User } from "@/lib/api-types";
import { UserAvatar } from "../common/UserAvatar";
import { useToast } from "./useToast";

/** Fetches the menus' code ahead (on pointer or keyboard approach), so opening them is instant. */
const loadMenus = () => import("./HeaderMenus");
/** While the menu's code arrives (seconds on a slow phone line), the button shows it is working. */
// A CSS spinner (globals.css), not MUI's CircularProgress: nothing more in the first download.
const MenuLoading = () => <span className="menu-spinner" role="progressbar" aria-label="Opening the menu" />;
const NavMenu = dynamic(() => loadMenus().then((m) => m.NavMenu), { ssr: false, loading: MenuLoading });
const AccountMenu = dynamic(() => loadMenus().then((m) => m.AccountMenu), { ssr: false, loading: MenuLoading });
const prefetchMenus = () => void loadMenus();

const SIGNED_IN_LINKS = [
  { href: "/", label: "Browse" },
  { href: "/tickets/new", label: "Sell" },
  { href: "/tickets/mine", label: "My listings" },
  { href: "/orders", label: "My orders" },
  { href: "/tickets/purchased", label: "My tickets" },
];

export function Header({ user, authUnavailable }: { user: User | null; authUnavailable: boolean }) {
  const pathname = usePathname();
  const router = useRouter();
  const toast = useToast();
  const [navAnchor, setNavAnchor] = useState<HTMLElement | null>(null);
  const [userAnchor, setUserAnchor] = useState<HTMLElement | null>(null);
  const links = user ? SIGNED_IN_LINKS : [{ href: "/", label: "Browse" }];
  const returnTo = pathname.startsWith("/auth/") ? "/" : pathname;

  const onSignOut = async () => {
    setUserAnchor(null);
    try {
      await signOut();
      toast("You are signed out.", "success");
      router.push("/");
      router.refresh();
    } catch (err) {
      toast.error(err);
    }
  };

  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));

  return (
    <AppBar position="sticky" color="primary" elevation={1} component="header" sx={{ "--focus-ring": "#fff" }}>
      {/* One line at every width down to 320 px (issue 17 item 8): narrower gutters on phones,
          the word mark hidden below 360 px (the link keeps its name), nothing wraps. */}
      <Toolbar sx={{ gap: { xs: 0.5, sm: 1 }, px: { xs: 1, sm: 2 }, flexWrap: "nowrap", minWidth: 0 }}>
        {user ? (
          <Box sx={{ position: "relative", display: { xs: "inline-flex", md: "none" } }}>
            <IconButton
              color="inherit"
              edge="start"
              aria-label="Open navigation menu"
              aria-haspopup="true"
              onClick={(e) => setNavAnchor(e.currentTarget)}
              onPointerEnter={prefetchMenus}
              onFocus={prefetchMenus}
            >
              <MenuIcon />
            </IconButton>
            {navAnchor ? (
              <NavMenu anchor={navAnchor} onClose={() => setNavAnchor(null)} links={links} isActive={isActive} />
            ) : null}
          </Box>
        ) : null}
        <Box
          component={Link}
          href="/"
          aria-label="Ticketing home"
          sx={{
            display: "flex",
            alignItems: "center",
            gap: 1,
            color: "inherit",
            textDecoration: "none",
            mr: { xs: 0.5, sm: 2 },
            flexShrink: 0,
          }}
        >
          <ConfirmationNumberOutlined aria-hidden />
          <Typography
            component="span"
            variant="h6"
            aria-hidden
            sx={{ fontWeight: 700, whiteSpace: "nowrap", "@media (max-width: 359.95px)": { display: "none" } }}
          >
            Ticketing
          </Typography>
        </Box>
        <Box component="nav" aria-label="Main" sx={{ display: { xs: "none", md: "flex" }, gap: 0.5, flexGrow: 1 }}>
          {links.map((link) => (
            <Button
              key={link.href}
              href={link.href}
              color="inherit"
              aria-current={isActive(link.href) ? "page" : undefined}
              sx={{
                borderBottom: isActive(link.href) ? "2px solid currentColor" : "2px solid transparent",
                borderRadius: 0,
              }}
            >
              {link.label}
            </Button>
          ))}
        </Box>
        <Box sx={{ flexGrow: { xs: 1, md: 0 } }} />
        {user ? (
          <Box sx={{ position: "relative", minWidth: 0, display: "flex" }}>
            {/* Named by the user's name (visible from sm up, screen-reader only on phones). */}
            <Button
              color="inherit"
              onClick={(e) => setUserAnchor(e.currentTarget)}
              onPointerEnter={prefetchMenus}
              onFocus={prefetchMenus}
              aria-haspopup="true"
              aria-expanded={Boolean(userAnchor)}
              startIcon={<UserAvatar user={user} size={34} decorative ring />}
              sx={{ textTransform: "none", fontWeight: 500, maxWidth: 240, minWidth: 0, px: 1 }}
              data-testid="account-menu"
            >
              <Box
                component="span"
                sx={{
                  overflow: "hidden",
                  textOverflow: "ellipsis",
                  whiteSpace: "nowrap",
                  display: { xs: "none", sm: "inline" },
                }}
              >
                {user.name}
              </Box>
              <Box component="span" sx={{ display: { xs: "inline", sm: "none" } }} className="visually-hidden">
                {user.name}
              </Box>
            </Button>
            {userAnchor ? (
              <AccountMenu anchor={userAnchor} onClose={() => setUserAnchor(null)} user={user} onSignOut={onSignOut} />
            ) : null}
          </Box>
        ) : authUnavailable ? (
          <Typography variant="body2" role="status">
            Sign-in is unavailable right now
          </Typography>
        ) : (
          <Box sx={{ display: "flex", gap: 1, flexShrink: 0 }}>
            <Button
              color="inherit"
              href={`/auth/signin?next=${encodeURIComponent(returnTo)}`}
              sx={{ whiteSpace: "nowrap", px: { xs: 1, sm: 1.5 } }}
            >
              Sign in
            </Button>
            <Button
              variant="outlined"
              color="inherit"
              href="/auth/signup"
              sx={{ whiteSpace: "nowrap", px: { xs: 1, sm: 1.5 } }}
            >
              Sign up
            </Button>
          </Box>
        )}
      </Toolbar>
    </AppBar>
  );
}
