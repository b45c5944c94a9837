// Renders a component the way the app does (theme, toasts, runtime config; the Redux store the
// order page puts around checkout) plus the App Router contexts Next.js would provide, with a
// router that records navigations.
import { ThemeProvider } from "@mui/material/styles";
import { render } from "@testing-library/react";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { PathnameContext, SearchParamsContext } from "next/dist/shared/lib/hooks-client-context.shared-runtime";
import type { ReactElement } from "react";
import { Provider } from "react-redux";
import { PublicConfigProvider } from "@/components/app/PublicConfigContext";
import { ToastProvider } from "@/components/app/Toasts";
import { defaultPublicConfig, type PublicConfig } from "@/lib/public-config";
import { makeStore } from "@/store/store";
import { theme } from "@/theme";

export interface Navigation {
  pushed: string[];
  replaced: string[];
  refreshed: number;
}

export function renderApp(
  ui: ReactElement,
  {
    config = {},
    pathname = "/",
    search = "",
  }: { config?: Partial<PublicConfig>; pathname?: string; search?: string } = {},
) {
  const store = makeStore();
  const navigation: Navigation = { pushed: [], replaced: [], refreshed: 0 };
  const router = {
    back() {},
    forward() {},
    refresh() {
      navigation.refreshed += 1;
    },
    push(href: string) {
      navigation.pushed.push(href);
    },
    replace(href: string) {
      navigation.replaced.push(href);
    },
    prefetch() {},
  } as unknown as AppRouterInstance;
  const result = render(
    <AppRouterContext.Provider value={router}>
      <PathnameContext.Provider value={pathname}>
        <SearchParamsContext.Provider value={new URLSearchParams(search)}>
          <ThemeProvider theme={theme}>
            <Provider store={store}>
              <PublicConfigProvider value={{ ...defaultPublicConfig, ...config }}>
                <ToastProvider>{ui}</ToastProvider>
              </PublicConfigProvider>
            </Provider>
          </ThemeProvider>
        </SearchParamsContext.Provider>
      </PathnameContext.Provider>
    </AppRouterContext.Provider>,
  );
  return { ...result, store, navigation };
}

/** A promise with its resolve/reject exposed, to hold an API answer until the test releases it. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
