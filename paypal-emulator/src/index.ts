import { loadConfig } from "./config";
import { startEmulator } from "./server";

async function main() {
  const config = loadConfig();
  const emulator = await startEmulator(config);
  console.log(
    JSON.stringify({
      level: "info",
      service: "paypal-emulator",
      host: config.host,
      port: emulator.port,
      publicUrl: config.publicUrl,
      admin: config.admin,
    }),
    "paypal-emulator listening",
  );
  const stop = async () => {
    await emulator.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

main().catch((err) => {
  console.error("paypal-emulator: start-up failed", err);
  process.exit(1);
});
