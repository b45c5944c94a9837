// Secondary text (hints, dates, "No answer yet.") is drawn in the theme's secondary text colour.
// MUI 9's Typography knows the colour only as `color="textSecondary"`; the dotted palette path
// `color="text.secondary"` that earlier MUI versions took is silently ignored, and every hint
// rendered in the primary text colour.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { screen } from "@testing-library/react";
import { Countdown } from "@/components/orders/Countdown";
import { theme } from "@/theme";
import { renderApp } from "../support/render";

const rgb = (colour: string) => {
  const probe = document.createElement("span");
  probe.style.color = colour;
  return probe.style.color;
};

test("secondary text is drawn in the theme's secondary text colour", () => {
  renderApp(<Countdown secondsLeft={null} totalSeconds={900} />);
  const hint = screen.getByText("Time left to pay: …");
  expect(getComputedStyle(hint).color).toBe(rgb(theme.palette.text.secondary));
  expect(getComputedStyle(hint).color).not.toBe(rgb(theme.palette.text.primary));
});

test("no component asks MUI for a colour by the palette path MUI 9 ignores", () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith(".tsx") ? [path] : [];
    });
  const offenders = files(join(__dirname, "../../src")).filter((file) =>
    /<Typography\b[^>]*\bcolor="text\.(primary|secondary|disabled)"/s.test(readFileSync(file, "utf8")),
  );
  expect(offenders).toEqual([]);
});
