import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <Box sx={{ textAlign: "center", py: { xs: 4, sm: 8 } }}>
      <Typography variant="h1" component="h1" gutterBottom>
        We could not find that page
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        The ticket or order may have been removed, or the link is mistyped.
      </Typography>
      <Button variant="contained" href="/">
        Browse tickets
      </Button>
    </Box>
  );
}
