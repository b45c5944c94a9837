import { startMailCatcher } from "./server";

/** `npm start` runs this: SMTP on SMTP_PORT (1025), the inbox on PORT (1080), both on 127.0.0.1 unless HOST. */
async function main() {
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const reject = process.env.REJECT_RECIPIENTS ?? "^bounce[+@]";
  const catcher = await startMailCatcher({
    smtpPort: port("SMTP_PORT", 1025),
    httpPort: port("PORT", 1080),
    host: process.env.HOST ?? "127.0.0.1",
    rejectRecipients: reject ? new RegExp(reject, "i") : undefined,
  });
  console.log(
    JSON.stringify({ level: "info", service: "mail-catcher", smtpPort: catcher.smtpPort, inbox: catcher.url }),
    "mail-catcher listening",
  );
  const stop = async () => {
    await catcher.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

main().catch((err) => {
  console.error("mail-catcher: start-up failed", err);
  process.exit(1);
});
