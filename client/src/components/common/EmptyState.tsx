import { LinkButton } from "../ui/LinkButton";
import styles from "./surface.module.css";

/** What a list page shows when it has nothing: a heading, a sentence and, with `browse`, a way to the events. */
export function EmptyState({ title, text, browse = false }: { title: string; text: string; browse?: boolean }) {
  return (
    <div className={`${styles.panel} ${styles.emptyPanel}`}>
      <h2 className={styles.h2}>{title}</h2>
      <p className={styles.paragraph} style={browse ? { marginBottom: 16 } : undefined}>
        {text}
      </p>
      {browse ? (
        <LinkButton variant="contained" href="/">
          Browse tickets
        </LinkButton>
      ) : null}
    </div>
  );
}
