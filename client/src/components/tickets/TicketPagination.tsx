"use client";
import dynamic from "next/dynamic";

// MUI's Pagination is loaded only on pages that have more than one page of results.
const PaginationLinks = dynamic(() => import("./PaginationLinks"));

export function TicketPagination(props: {
  page: number;
  pages: number;
  basePath: string;
  /** The other query parameters to keep (search, sort). */
  params: Record<string, string>;
}) {
  if (props.pages <= 1) return null;
  return <PaginationLinks {...props} />;
}
