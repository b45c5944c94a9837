import { runUntilSignalled } from "@m-ticketing/common";
import { createNotificationsService } from "./app";
import { loadConfig } from "./config";

void runUntilSignalled(createNotificationsService(loadConfig()));
