#!/usr/bin/env node
// Writes the deployed NATS servers' users from the one permission table
// (scripts/lib/nats-auth.mjs): infra/compose/nats-auth.conf for docker-compose and the
// ConfigMap nats-auth (infra/k8s/base/nats-auth.yaml) for Kubernetes. Both are committed;
// infra/test/nats-redis.test.mjs fails when they differ from what this prints.
//
//   node infra/generate-nats-auth.mjs          rewrite both files
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { deployedNatsAuthorization } from "../scripts/lib/nats-auth.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The ConfigMap holding auth.conf, as committed. */
export function natsAuthConfigMap(conf = deployedNatsAuthorization()) {
  const body = conf
    .trimEnd()
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
  return [
    "# Generated from scripts/lib/nats-auth.mjs by infra/generate-nats-auth.mjs: do not edit.",
    "# The NATS users, included by nats.conf (components/dev, components/prod); each password",
    "# is read from the NATS server's environment, filled from the Secret nats-users.",
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    "  name: nats-auth",
    "  labels:",
    "    app.kubernetes.io/name: nats",
    "    app.kubernetes.io/part-of: ticketing",
    "data:",
    "  auth.conf: |",
    body,
    "",
  ].join("\n");
}

/** Relative path → content of every generated file. */
export function generatedNatsAuthFiles() {
  return {
    "infra/compose/nats-auth.conf": deployedNatsAuthorization(),
    "infra/k8s/base/nats-auth.yaml": natsAuthConfigMap(),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const [file, text] of Object.entries(generatedNatsAuthFiles())) {
    fs.writeFileSync(path.join(ROOT, file), text);
    console.log(`wrote ${file}`);
  }
}
