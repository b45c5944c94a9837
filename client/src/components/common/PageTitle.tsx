import type { ReactNode } from "react";
import styles from "./surface.module.css";

/** The page's one h1, with optional actions on the right (below it on phones). */
export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className={styles.titleRow}>
      <h1 className={styles.title}>{children}</h1>
      {actions}
    </div>
  );
}
