import { ApiError } from "@/lib/api-error";
import { formatCountdown, formatPrice, fromDateTimeLocal, toDateTimeLocal } from "@/lib/format";

test("countdowns never go negative", () => {
  expect(formatCountdown(125)).toBe("2:05");
  expect(formatCountdown(59.9)).toBe("0:59");
  expect(formatCountdown(0)).toBe("0:00");
  expect(formatCountdown(-30)).toBe("0:00");
  expect(formatCountdown(3 * 3600 + 61)).toBe("3:01:01");
});

test("prices read as money in their currency", () => {
  expect(formatPrice("20.50", "USD")).toBe("$20.50");
  expect(formatPrice("1000000.00", "EUR")).toBe("€1,000,000.00");
});

test("datetime-local values round-trip through ISO instants", () => {
  const iso = fromDateTimeLocal("2030-05-01T20:00");
  expect(toDateTimeLocal(iso)).toBe("2030-05-01T20:00");
});

describe("API errors as sentences", () => {
  test("4xx messages come from the service", () => {
    const err = new ApiError(400, [{ message: "must not be empty", field: "title" }, { message: "Bad input" }]);
    expect(err.fieldErrors()).toEqual({ title: "must not be empty" });
    expect(err.formErrors(["title"])).toEqual(["Bad input"]);
  });

  test("unreachable server, 5xx and rate limits say what to do", () => {
    expect(new ApiError(0, []).message).toMatch(/could not reach the server/);
    expect(new ApiError(500, [{ message: "Something went wrong" }]).formErrors([])).toEqual([
      "Something went wrong on our side. Please try again in a moment.",
    ]);
    expect(new ApiError(502, []).message).toMatch(/not answering/);
    expect(new ApiError(429, [{ message: "Too many" }], 30).message).toBe(
      "Too many attempts. Try again in 30 seconds.",
    );
  });
});
