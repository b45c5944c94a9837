"use client";
// The header's pop-up menus, loaded on first open (MUI's Menu, Popover and Modal are not
// needed to show a page, so they stay out of every page's first download).
import Box from "@mui/material/Box";
import Divider from "@mui/material/Divider";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import Typography from "@mui/material/Typography";
import Link from "next/link";
import type { User } from "@/lib/api-types";

interface MenuProps {
  anchor: HTMLElement;
  onClose: () => void;
}

export function NavMenu({
  anchor,
  onClose,
  links,
  isActive,
}: MenuProps & { links: { href: string; label: string }[]; isActive: (href: string) => boolean }) {
  return (
    <Menu anchorEl={anchor} open onClose={onClose}>
      {links.map((link) => (
        <MenuItem key={link.href} component={Link} href={link.href} selected={isActive(link.href)} onClick={onClose}>
          {link.label}
        </MenuItem>
      ))}
    </Menu>
  );
}

export function AccountMenu({ anchor, onClose, user, onSignOut }: MenuProps & { user: User; onSignOut: () => void }) {
  return (
    <Menu anchorEl={anchor} open onClose={onClose}>
      <Box sx={{ px: 2, py: 1 }}>
        <Typography sx={{ fontWeight: 600 }}>{user.name}</Typography>
        <Typography variant="body2" color="text.secondary">
          {user.email}
        </Typography>
      </Box>
      <Divider />
      <MenuItem component={Link} href="/settings" onClick={onClose}>
        Settings
      </MenuItem>
      <MenuItem onClick={onSignOut}>Sign out</MenuItem>
    </Menu>
  );
}
