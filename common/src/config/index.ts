export * from "./parse-config";
export * from "./production-checks";
