import styles from "./loading.module.css";

/** Shown at once while the next page (or search) is rendered on the server. HTML and CSS only. */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading" data-testid="page-loading" className={styles.loading}>
      <div role="progressbar" aria-label="Loading the page" className={styles.bar} />
      <span className={`${styles.skeleton} ${styles.text}`} />
      <div className={styles.cards}>
        {[0, 1, 2].map((n) => (
          <span key={n} className={`${styles.skeleton} ${styles.card}`} />
        ))}
      </div>
    </div>
  );
}
