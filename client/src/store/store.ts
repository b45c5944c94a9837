// The Redux store of the order page (checkout state per order). Only pages with checkout
// create one (CheckoutStore): every other page carries no Redux code.
import { combineReducers, configureStore } from "@reduxjs/toolkit";
import { type TypedUseSelectorHook, useDispatch, useSelector } from "react-redux";
import { checkoutSlice } from "./checkout-slice";

const rootReducer = combineReducers({
  [checkoutSlice.name]: checkoutSlice.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

/** One store per browser tab (and per test); never a module singleton shared across requests. */
export function makeStore(preloadedState?: Partial<RootState>) {
  return configureStore({ reducer: rootReducer, preloadedState });
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore["dispatch"];

export const useAppDispatch: () => AppDispatch = useDispatch;
export const useAppSelector: TypedUseSelectorHook<RootState> = useSelector;
