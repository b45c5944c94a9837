export * from "./fee-config";
export * from "./parse-config";
export * from "./production-checks";
export * from "./seller-config";
