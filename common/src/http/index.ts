import "./express-types";

export * from "./client-address";
export * from "./create-app";
export * from "./cross-site";
export * from "./current-user";
export * from "./error-handler";
export * from "./health";
export * from "./request-hygiene";
export * from "./route-aliases";
export * from "./route-table";
export * from "./shed-load";
export * from "./text-fields";
export * from "./uuid-param";
export * from "./validate";
