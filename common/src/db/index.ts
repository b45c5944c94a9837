export * from "./database";
export * from "./migrate";
export * from "./newer-version-wins";
export * from "./schema";
