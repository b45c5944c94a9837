import { ApiError } from "@/lib/api-error";
import { Icon } from "../ui/icons";
import styles from "./surface.module.css";

/** A failed server-side load, explained in words (instead of an error page). */
export function ServiceAlert({ what, error }: { what: string; error: unknown }) {
  const clientSide = error instanceof ApiError && error.status >= 400 && error.status < 500;
  // role="status" as the theme gives MUI's alerts: only errors after an action interrupt.
  return (
    <div role="status" className={styles.alert}>
      <div className={styles.alertIcon}>
        <Icon name="error" />
      </div>
      <div className={styles.alertMessage}>
        <p className={styles.alertTitle}>We could not load {what}</p>
        {clientSide ? error.message : "The service is not answering right now. Reload the page in a moment."}
      </div>
    </div>
  );
}
