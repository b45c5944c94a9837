import { act, renderHook } from "@testing-library/react";
import { useSend } from "@/components/mail/useSend";
import { ApiError } from "@/lib/api-error";

test("a failure becomes the message and frees the button; the next try clears it", async () => {
  const { result } = renderHook(() => useSend());
  await act(() =>
    result.current.send(async () => {
      throw new ApiError(400, [{ message: "This reset link is invalid" }]);
    }),
  );
  expect(result.current.error).toContain("This reset link is invalid");
  expect(result.current.sending).toBe(false);

  let done = false;
  await act(() =>
    result.current.send(async () => {
      done = true;
    }),
  );
  expect(done).toBe(true);
  expect(result.current.error).toBeUndefined();
  expect(result.current.sending).toBe(false);
});

test("with keepSending the button stays busy after success (the page navigates away)", async () => {
  const { result } = renderHook(() => useSend());
  await act(() => result.current.send(async () => {}, { keepSending: true }));
  expect(result.current.sending).toBe(true);
  expect(result.current.error).toBeUndefined();
});
