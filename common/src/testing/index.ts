export * from "./log-capture";
export * from "./tcp-proxy";
export * from "./test-database";
export * from "./test-env";
export * from "./test-stack";
export * from "./ticket-file";
