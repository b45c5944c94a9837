// nginx (Debian's package) as the gateway, configured from the same route table as
// scripts/dev/gateway.mjs (scripts/dev/routes.mjs) and with the same limits as compose's
// infra/compose/nginx.conf: B1 measures both side by side (issue 12 finding 4: the gateway
// decision). Absent nginx, nothing is started and B1 says so.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startProcess } from "./processes.mjs";

export function nginxBinary() {
  for (const candidate of ["/usr/sbin/nginx", "nginx"]) {
    try {
      execFileSync(candidate, ["-v"], { stdio: "ignore" });
      return candidate;
    } catch {}
  }
  return null;
}

/** nginx.conf for `routes` ([{ prefix, service, ports }]) listening on 127.0.0.1:`port`. */
export function nginxConfig({ routes, port, dir }) {
  const services = [...new Map(routes.map((r) => [r.service, r.ports])).entries()];
  const upstreams = services
    .map(
      ([name, ports]) =>
        `  upstream ${name.replace(/[^a-z0-9]/g, "_")} {\n${ports.map((p) => `    server 127.0.0.1:${p};`).join("\n")}\n    keepalive 64;\n  }`,
    )
    .join("\n");
  const locations = routes
    .flatMap((r) => {
      const up = `http://${r.service.replace(/[^a-z0-9]/g, "_")}`;
      if (r.prefix === "/") return [`    location / { proxy_pass ${up}; }`];
      return [`    location = ${r.prefix} { proxy_pass ${up}; }`, `    location ${r.prefix}/ { proxy_pass ${up}; }`];
    })
    .join("\n");
  return `worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "nginx-error.log")} warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${join(dir, "body")};
  proxy_temp_path ${join(dir, "proxy")};
  fastcgi_temp_path ${join(dir, "fastcgi")};
  uwsgi_temp_path ${join(dir, "uwsgi")};
  scgi_temp_path ${join(dir, "scgi")};
  limit_conn_zone $binary_remote_addr zone=per_client:10m;
${upstreams}
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 10m;
    client_header_timeout 10s;
    client_body_timeout 30s;
    send_timeout 30s;
    limit_conn per_client 64;
    limit_conn_status 429;
    proxy_http_version 1.1;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-Host $host;
    proxy_set_header X-Request-Id $request_id;
    proxy_set_header Connection "";
${locations}
  }
}
`;
}

/** Starts nginx in `dir`; returns the process handle, or null when nginx is not installed. */
export function startNginx({ routes, port, dir }) {
  const binary = nginxBinary();
  if (!binary) return null;
  const home = join(dir, "nginx");
  mkdirSync(home, { recursive: true });
  const conf = join(home, "nginx.conf");
  writeFileSync(conf, nginxConfig({ routes, port, dir: home }));
  return startProcess({
    command: binary,
    args: ["-c", conf, "-p", home, "-g", "daemon off;"],
    cwd: home,
    env: process.env,
    logFile: join(dir, "logs", "nginx.log"),
  });
}
