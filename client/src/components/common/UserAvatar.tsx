import styles from "./avatar.module.css";

/** The user's photo, or their initials on a colour derived from their id (no MUI: it is in the header). */
export function UserAvatar({
  user,
  size = 40,
  decorative = false,
  ring = false,
}: {
  user: { id: string; name: string; photoUrl: string | null };
  size?: number;
  /** Next to the user's name already: hidden from assistive technology. */
  decorative?: boolean;
  /** A white ring, so the avatar stands out on a coloured background (the header). */
  ring?: boolean;
}) {
  const initials = user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");
  const className = [styles.avatar, ring ? styles.ring : undefined].filter(Boolean).join(" ");
  const box = { width: size, height: size };
  if (user.photoUrl) {
    return (
      // biome-ignore lint/performance/noImgElement: a small photo from the auth service, already sized
      <img
        src={user.photoUrl}
        alt={decorative ? "" : user.name}
        aria-hidden={decorative || undefined}
        className={className}
        style={box}
      />
    );
  }
  return (
    <span
      className={className}
      style={{ ...box, backgroundColor: colourFor(user.id) }}
      aria-hidden={decorative || undefined}
    >
      {initials || "?"}
    </span>
  );
}

// Dark enough for white initials to pass contrast checks, and none is the header's #1a56b0
// (an avatar of that colour vanished in the header: issue 17 item 8).
export const AVATAR_COLOURS = ["#2e7d32", "#7b1fa2", "#00695c", "#8f4c00", "#ad1457", "#37474f"];
const COLOURS = AVATAR_COLOURS;

function colourFor(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length] ?? "#37474f";
}
