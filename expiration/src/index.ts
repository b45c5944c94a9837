import { runUntilSignalled } from "@m-ticketing/common";
import { createExpirationService } from "./app";
import { loadConfig } from "./config";

void runUntilSignalled(createExpirationService(loadConfig()));
