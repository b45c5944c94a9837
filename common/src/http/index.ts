import "./express-types";

export * from "./create-app";
export * from "./current-user";
export * from "./error-handler";
export * from "./health";
export * from "./route-aliases";
export * from "./validate";
