// Served by the end-to-end test in place of https://www.paypal.com/sdk/js (no internet
// here). It implements the part of PayPal's SDK that @paypal/react-paypal-js uses:
// paypal.Buttons({createOrder, onApprove, onCancel, onError}) with isEligible(), render()
// and close(). Clicking the button does what PayPal does: createOrder, the buyer approves
// (at the PayPal emulator, through window.e2eApprovePaypalOrder, which the test exposes),
// then onApprove with the order id.
(() => {
  window.paypal = {
    version: "e2e-stub",
    Buttons(options) {
      let container = null;
      return {
        isEligible: () => true,
        async render(target) {
          container = typeof target === "string" ? document.querySelector(target) : target;
          const button = document.createElement("button");
          button.type = "button";
          button.textContent = "PayPal";
          button.setAttribute("aria-label", "PayPal checkout");
          button.style.cssText =
            "width:100%;padding:12px;border:0;border-radius:24px;background:#ffc439;font-weight:700";
          button.addEventListener("click", async () => {
            button.disabled = true;
            try {
              const orderID = await options.createOrder({}, {});
              await window.e2eApprovePaypalOrder(orderID);
              await options.onApprove({ orderID, payerID: "E2EPAYER" }, {});
            } catch (err) {
              options.onError?.(err);
            } finally {
              button.disabled = false;
            }
          });
          container.append(button);
        },
        async close() {
          container?.replaceChildren();
        },
        async updateProps() {},
      };
    },
  };
})();
