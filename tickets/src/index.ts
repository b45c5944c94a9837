import { runUntilSignalled } from "@m-ticketing/common";
import { createTicketsService } from "./app";
import { loadConfig } from "./config";

void runUntilSignalled(createTicketsService(loadConfig()));
