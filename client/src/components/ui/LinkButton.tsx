import Link from "next/link";
import type { ComponentProps } from "react";
import styles from "./button.module.css";

export type ButtonVariant = "contained" | "outlined" | "text";

/** The class names of a button of this variant (for <button> and <a> alike). */
export function buttonClass(variant: ButtonVariant, extra?: string): string {
  return [styles.button, styles[variant], extra].filter(Boolean).join(" ");
}

/** A link that looks like the theme's MUI Button, with no MUI (a server component). */
export function LinkButton({
  variant = "text",
  className,
  ...props
}: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link className={buttonClass(variant, className)} {...props} />;
}

/** Add to a button on the header's blue bar: its text colour, not the primary one. */
export const inheritButton = styles.inherit;
