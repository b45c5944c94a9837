import { formatCents, priceInput } from "../src/money";

test.each([
  [20.5, 2050],
  ["20.50", 2050],
  ["7", 700],
  [0.01, 1],
  [1_000_000, 100_000_000],
  [" 12.3 ", 1230],
])("accepts %p as %p cents", (input, cents) => {
  expect(priceInput.parse(input)).toBe(cents);
});

test.each([
  [0],
  [-5],
  ["-5"],
  [1_000_000.01],
  ["12.345"],
  [12.345],
  ["abc"],
  [""],
  [null],
  [true],
  [Number.NaN],
  ["1e3"],
])("rejects %p", (input) => {
  expect(priceInput.safeParse(input).success).toBe(false);
});

test("formats cents with two decimals", () => {
  expect(formatCents(2050)).toBe("20.50");
  expect(formatCents(7)).toBe("0.07");
  expect(formatCents(100_000_000)).toBe("1000000.00");
});
