import { runUntilSignalled } from "@m-ticketing/common";
import { createPaymentsService } from "./app";
import { loadConfig } from "./config";

void runUntilSignalled(createPaymentsService(loadConfig()));
