"use client";
import Pagination from "@mui/material/Pagination";
import PaginationItem from "@mui/material/PaginationItem";
import Link from "next/link";

function pageHref(basePath: string, params: Record<string, string>, page: number): string {
  const search = new URLSearchParams(params);
  if (page > 1) search.set("page", String(page));
  const query = search.toString();
  return query ? `${basePath}?${query}` : basePath;
}

/** Page links (real hrefs: they work with the keyboard, in new tabs and without JavaScript). */
export default function PaginationLinks({
  page,
  pages,
  basePath,
  params,
}: {
  page: number;
  pages: number;
  basePath: string;
  /** The other query parameters to keep (search, sort). */
  params: Record<string, string>;
}) {
  return (
    <nav aria-label="Pages">
      <Pagination
        page={page}
        count={pages}
        color="primary"
        sx={{ display: "flex", justifyContent: "center", mt: 4 }}
        renderItem={(item) => (
          <PaginationItem component={Link} href={pageHref(basePath, params, item.page ?? 1)} {...item} />
        )}
      />
    </nav>
  );
}
