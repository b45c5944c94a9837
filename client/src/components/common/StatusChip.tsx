import Chip from "@mui/material/Chip";
import type { TicketStatus } from "@/lib/api-types";
import type { OrderChipStatus } from "../orders/order-outcome";

type Status = TicketStatus | OrderChipStatus;

const LOOK: Record<Status, { label: string; color: "success" | "warning" | "default" | "info" | "error" }> = {
  available: { label: "Available", color: "success" },
  reserved: { label: "Reserved", color: "warning" },
  sold: { label: "Sold", color: "default" },
  withdrawn: { label: "Withdrawn", color: "default" },
  created: { label: "Awaiting payment", color: "info" },
  complete: { label: "Paid", color: "success" },
  cancelled: { label: "Cancelled", color: "default" },
  expired: { label: "Expired", color: "error" },
  event_started: { label: "Event started", color: "default" },
  listing_withdrawn: { label: "Listing withdrawn", color: "default" },
  confirming: { label: "Confirming payment", color: "success" },
};

export function StatusChip({ status, size = "small" }: { status: Status; size?: "small" | "medium" }) {
  const look = LOOK[status] ?? { label: status, color: "default" as const };
  return <Chip label={look.label} color={look.color} size={size} variant="outlined" data-status={status} />;
}
