import { runUntilSignalled } from "@m-ticketing/common";
import { createOrdersService } from "./app";
import { loadConfig } from "./config";

void runUntilSignalled(createOrdersService(loadConfig()));
