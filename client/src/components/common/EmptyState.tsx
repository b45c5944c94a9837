import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";

/** What a list page shows when it has nothing: a heading, a sentence and, with `browse`, a way to the events. */
export function EmptyState({ title, text, browse = false }: { title: string; text: string; browse?: boolean }) {
  return (
    <Paper variant="outlined" sx={{ p: 4, textAlign: "center" }}>
      <Typography variant="h2" component="h2" gutterBottom>
        {title}
      </Typography>
      <Typography color="text.secondary" sx={browse ? { mb: 2 } : undefined}>
        {text}
      </Typography>
      {browse ? (
        <Button variant="contained" href="/">
          Browse tickets
        </Button>
      ) : null}
    </Paper>
  );
}
