import {
  eventStartProblem,
  safeReturnPath,
  validateListingEdit,
  validatePasswordChange,
  validatePhoto,
  validatePrice,
  validateProfile,
  validateSignIn,
  validateSignUp,
} from "@/lib/validation";

const listing = { price: "25", faceValue: "25", section: "", row: "", seat: "", description: "" };

describe("price (the tickets service's rule: > 0, at most 1,000,000, two decimals)", () => {
  test.each(["1", "0.01", "25.5", "25.50", "1000000", "1000000.00", " 42 "])("accepts %p", (price) => {
    expect(validatePrice(price)).toBeUndefined();
  });

  test.each([
    ["", "Enter a price"],
    ["abc", "Enter a number, like 25 or 25.50"],
    ["-5", "Enter a number, like 25 or 25.50"],
    ["1e3", "Enter a number, like 25 or 25.50"],
    ["1.234", "Use at most two decimals"],
    ["0", "The price must be greater than 0"],
    ["0.00", "The price must be greater than 0"],
    ["1000000.01", "The price can be at most 1,000,000"],
  ])("refuses %p", (price, message) => {
    expect(validatePrice(price)).toBe(message);
  });
});

describe("listing edit (the tickets service's PUT rules)", () => {
  test("a complete listing has no errors; face value, section, row, seat and description are optional", () => {
    expect(validateListingEdit(listing, 120)).toEqual({});
  });

  test("price: as everywhere, and at most the cap's share of the face value", () => {
    expect(validateListingEdit({ ...listing, price: "" }, 120).price).toBe("Enter a price");
    expect(validateListingEdit({ ...listing, price: "30" }, 120).price).toBeUndefined();
    expect(validateListingEdit({ ...listing, price: "30.01" }, 120).price).toBe(
      "At most 30.00 (120% of the face value)",
    );
    expect(validateListingEdit({ ...listing, price: "25.01" }, 100).price).toBe(
      "At most 25.00 (100% of the face value)",
    );
    expect(validateListingEdit({ ...listing, faceValue: "", price: "900" }, 120).price).toBeUndefined();
  });

  test("face value: a price when given", () => {
    expect(validateListingEdit({ ...listing, faceValue: "0" }, 120).faceValue).toBe(
      "The face value must be greater than 0",
    );
    expect(validateListingEdit({ ...listing, faceValue: "1.234" }, 120).faceValue).toBe("Use at most two decimals");
  });

  test("section ≤ 40, row and seat ≤ 20, description ≤ 2000 characters", () => {
    expect(validateListingEdit({ ...listing, section: "s".repeat(40) }, 120).section).toBeUndefined();
    expect(validateListingEdit({ ...listing, section: "s".repeat(41) }, 120).section).toBe(
      "Use up to 40 characters for the section",
    );
    expect(validateListingEdit({ ...listing, row: "r".repeat(21) }, 120).row).toBe(
      "Use up to 20 characters for the row",
    );
    expect(validateListingEdit({ ...listing, seat: "s".repeat(21) }, 120).seat).toBe(
      "Use up to 20 characters for the seat",
    );
    expect(validateListingEdit({ ...listing, description: "d".repeat(2001) }, 120).description).toBe(
      "Use up to 2000 characters for the description",
    );
  });
});

describe("sign-up (the auth service's rules)", () => {
  const valid = {
    name: "Zoë O'Brien-Smith Jr.",
    email: "zoe@example.com",
    password: "long enough",
    passwordConfirm: "long enough",
  };

  test("names in any alphabet are welcome", () => {
    for (const name of ["José Ñúñez", "Łukasz", "李小龍", "हिन्दी", "Anne’s Name"]) {
      expect(validateSignUp({ ...valid, name })).toEqual({});
    }
  });

  test("names with digits or symbols, without letters, or over 80 characters are refused", () => {
    expect(validateSignUp({ ...valid, name: "R2D2" }).name).toMatch(/letters, spaces/);
    expect(validateSignUp({ ...valid, name: "..." }).name).toBe("Your name must contain a letter");
    expect(validateSignUp({ ...valid, name: "a".repeat(81) }).name).toBe("Use up to 80 characters for your name");
    expect(validateSignUp({ ...valid, name: "  " }).name).toBe("Enter your name");
  });

  test("password 8 to 128 characters, repeated exactly", () => {
    expect(validateSignUp({ ...valid, password: "short", passwordConfirm: "short" }).password).toBe(
      "Use at least 8 characters",
    );
    expect(validateSignUp({ ...valid, password: "p".repeat(129), passwordConfirm: "p".repeat(129) }).password).toBe(
      "Use at most 128 characters",
    );
    expect(validateSignUp({ ...valid, passwordConfirm: "different!" }).passwordConfirm).toBe(
      "The passwords do not match",
    );
  });

  test("email must look like an address", () => {
    expect(validateSignUp({ ...valid, email: "zoe" }).email).toMatch(/valid email/);
    expect(validateSignIn({ email: "", password: "" })).toEqual({
      email: "Enter your email address",
      password: "Enter your password",
    });
  });
});

describe("profile", () => {
  test("phone numbers: 6 to 15 digits with + ( ) - . and spaces", () => {
    const base = { name: "Ann", jobTitle: "" };
    expect(validateProfile({ ...base, phone: "" })).toEqual({});
    expect(validateProfile({ ...base, phone: "+1 (555) 123-4567" })).toEqual({});
    expect(validateProfile({ ...base, phone: "12345" }).phone).toMatch(/like \+1 555/);
    expect(validateProfile({ ...base, phone: "call me" }).phone).toMatch(/like \+1 555/);
    expect(validateProfile({ ...base, phone: "1234567890123456" }).phone).toBe("A phone number has 6 to 15 digits");
  });

  test("job title at most 100 characters", () => {
    expect(validateProfile({ name: "Ann", jobTitle: "j".repeat(101), phone: "" }).jobTitle).toBe(
      "Use up to 100 characters for the job title",
    );
  });

  test("photos: JPEG, PNG or WebP up to 5 MB", () => {
    expect(validatePhoto({ type: "image/png", size: 5 * 1024 * 1024 })).toBeUndefined();
    expect(validatePhoto({ type: "image/gif", size: 10 })).toBe("Choose a JPEG, PNG or WebP image");
    expect(validatePhoto({ type: "image/jpeg", size: 5 * 1024 * 1024 + 1 })).toBe("Choose an image of at most 5 MB");
  });

  test("password change: current required, new one 8+ characters and repeated", () => {
    expect(validatePasswordChange({ currentPassword: "", newPassword: "abc", newPasswordConfirm: "abd" })).toEqual({
      currentPassword: "Enter your current password",
      newPassword: "Use at least 8 characters",
      newPasswordConfirm: "The passwords do not match",
    });
  });
});

describe("return path after signing in", () => {
  test("only paths on this site", () => {
    expect(safeReturnPath("/tickets/new")).toBe("/tickets/new");
    expect(safeReturnPath("/orders?x=1")).toBe("/orders?x=1");
    expect(safeReturnPath("//evil.example/phish")).toBe("/");
    expect(safeReturnPath("/\\evil.example")).toBe("/");
    expect(safeReturnPath("https://evil.example")).toBe("/");
    expect(safeReturnPath("/auth/signin")).toBe("/");
    expect(safeReturnPath(undefined)).toBe("/");
  });

  test("issue 12, finding 5: tab, newline and other tricks browsers turn into another site stay here", () => {
    for (const next of [
      "/\t/evil.example/x",
      "/\n/evil.example/x",
      "/\r//evil.example",
      "/ /evil.example",
      "/\u0000/x",
    ]) {
      expect(safeReturnPath(next)).toBe("/");
    }
    expect(safeReturnPath("/%09/evil.example/x")).toBe("/%09/evil.example/x"); // still encoded: a path here
    expect(safeReturnPath("/tickets/1?q=a%20b#top")).toBe("/tickets/1?q=a%20b#top");
  });
});

describe("eventStartProblem (issue 17 item 8: a 2099 event date was accepted)", () => {
  const now = Date.parse("2026-12-02T10:00:00Z");
  test("refuses the past, dates more than 2 years ahead and nonsense; accepts next year", () => {
    expect(eventStartProblem("2026-01-01T20:00", now)).toBe("The event must be in the future");
    expect(eventStartProblem("2099-01-01T20:00", now)).toBe("Events can be listed at most 2 years ahead");
    expect(eventStartProblem("2029-01-01T20:00", now)).toBe("Events can be listed at most 2 years ahead");
    expect(eventStartProblem("not a date", now)).toBe("Enter a valid date and time");
    expect(eventStartProblem("2027-05-23T20:00", now)).toBeUndefined();
    expect(eventStartProblem("", now)).toBeUndefined();
  });
});
