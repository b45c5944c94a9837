import Box from "@mui/material/Box";
import LinearProgress from "@mui/material/LinearProgress";
import Skeleton from "@mui/material/Skeleton";

/** Shown at once while the next page (or search) is rendered on the server. */
export default function Loading() {
  return (
    <Box role="status" aria-label="Loading" data-testid="page-loading">
      <LinearProgress aria-label="Loading the page" sx={{ mb: 3 }} />
      <Skeleton variant="text" width="50%" height={48} />
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", md: "repeat(3, 1fr)" }, mt: 2 }}>
        {[0, 1, 2].map((n) => (
          <Skeleton key={n} variant="rounded" height={140} />
        ))}
      </Box>
    </Box>
  );
}
