"use client";
import TimerOutlined from "@mui/icons-material/TimerOutlined";
import Box from "@mui/material/Box";
import LinearProgress from "@mui/material/LinearProgress";
import Typography from "@mui/material/Typography";
import { formatCountdown } from "@/lib/format";

/**
 * Time left to pay. `secondsLeft` comes from useSecondsLeft (the order view shares it to
 * switch to the expired state). `totalSeconds` sizes the progress bar.
 */
export function Countdown({ secondsLeft, totalSeconds }: { secondsLeft: number | null; totalSeconds: number }) {
  if (secondsLeft === null) {
    return <Typography color="textSecondary">Time left to pay: …</Typography>;
  }
  const urgent = secondsLeft <= 60;
  const value = totalSeconds > 0 ? Math.min(100, (secondsLeft / totalSeconds) * 100) : 0;
  return (
    <Box sx={{ display: "grid", gap: 1 }}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
        <TimerOutlined color={urgent ? "error" : "action"} aria-hidden />
        <Typography>
          Time left to pay:{" "}
          <Box
            component="span"
            role="timer"
            aria-label={`${formatCountdown(secondsLeft)} left to pay`}
            data-testid="countdown"
            sx={{ fontWeight: 700, fontVariantNumeric: "tabular-nums", color: urgent ? "error.main" : "text.primary" }}
          >
            {formatCountdown(secondsLeft)}
          </Box>
        </Typography>
      </Box>
      <LinearProgress
        variant="determinate"
        value={value}
        color={urgent ? "error" : "primary"}
        aria-label="Time left to pay"
      />
    </Box>
  );
}
