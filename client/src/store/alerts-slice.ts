// Toasts: short messages after an action ("Ticket listed", "Could not cancel the order").
import { createSlice, type PayloadAction } from "@reduxjs/toolkit";

export type AlertSeverity = "success" | "info" | "warning" | "error";

export interface Alert {
  id: number;
  message: string;
  severity: AlertSeverity;
}

interface AlertsState {
  queue: Alert[];
  nextId: number;
}

const initialState: AlertsState = { queue: [], nextId: 1 };

export const alertsSlice = createSlice({
  name: "alerts",
  initialState,
  reducers: {
    showAlert: {
      reducer(state, action: PayloadAction<Omit<Alert, "id">>) {
        state.queue.push({ ...action.payload, id: state.nextId });
        state.nextId += 1;
      },
      prepare(message: string, severity: AlertSeverity = "info") {
        return { payload: { message, severity } };
      },
    },
    dismissAlert(state, action: PayloadAction<number>) {
      state.queue = state.queue.filter((alert) => alert.id !== action.payload);
    },
  },
});

export const { showAlert, dismissAlert } = alertsSlice.actions;
