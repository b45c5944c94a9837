import Avatar from "@mui/material/Avatar";

/** The user's photo, or their initials on a colour derived from their id. */
export function UserAvatar({
  user,
  size = 40,
  decorative = false,
}: {
  user: { id: string; name: string; photoUrl: string | null };
  size?: number;
  /** Next to the user's name already: hidden from assistive technology. */
  decorative?: boolean;
}) {
  const initials = user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");
  return (
    <Avatar
      src={user.photoUrl ?? undefined}
      alt={decorative ? "" : user.name}
      aria-hidden={decorative || undefined}
      sx={{ width: size, height: size, bgcolor: colourFor(user.id), fontSize: size * 0.4 }}
    >
      {initials || "?"}
    </Avatar>
  );
}

// Dark enough for white initials to pass contrast checks.
const COLOURS = ["#1a56b0", "#7b1fa2", "#00695c", "#8f4c00", "#ad1457", "#37474f"];

function colourFor(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length] ?? "#37474f";
}
