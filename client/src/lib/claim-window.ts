// The buyer-protection window in words, for the pages that promise it. Payments enforces the
// real one (CLAIM_WINDOW); the client reads the same variable when it has it.
const UNITS: Record<string, [string, number]> = {
  s: ["second", 1],
  m: ["minute", 60],
  h: ["hour", 3600],
  d: ["day", 86400],
};

/** "48h" → "48 hours", "2d" → "2 days"; anything else → "48 hours" (payments' default). */
export function describeDuration(value: string | undefined): string {
  const match = /^(\d+)([smhd]?)$/.exec(value ?? "");
  if (!match) return "48 hours";
  const [name] = UNITS[match[2] || "s"]!;
  const n = Number(match[1]);
  return `${n} ${name}${n === 1 ? "" : "s"}`;
}

export const publicClaimWindow = () => describeDuration(process.env.CLAIM_WINDOW);
