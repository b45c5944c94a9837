import type { RouteAlias } from "@m-ticketing/common";

/**
 * The paths the seed's documentation names, answered by our routes (same validation,
 * authorization and behaviour). Express matches them case-insensitively, as all our routes.
 */
export const seedAliases: RouteAlias[] = [
  { method: "post", path: "/api/users/changePassword", to: { path: "/api/users/change-password" } },
  { method: "patch", path: "/api/users/update", to: { path: "/api/users/me" } },
  // A POST cannot usefully be answered with a redirect to Google: it answers the consent URL to open instead.
  {
    method: "post",
    path: "/api/users/requestOauth-google",
    to: { method: "get", path: "/api/users/oauth/google" },
    redirectAsJson: true,
  },
];
