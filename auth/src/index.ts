import { runUntilSignalled } from "@m-ticketing/common";
import { createAuthService } from "./app";
import { loadConfig } from "./config";

void runUntilSignalled(createAuthService(loadConfig()));
