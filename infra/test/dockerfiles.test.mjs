// Dockerfiles: linted with dockerfile-utils, and held to the rules the deployment relies
// on: pinned Node 24 base, non-root USER, NODE_ENV=production, only npm commands that
// `npm test` also runs, COPY sources that exist and are not excluded by .dockerignore.
// `npm test` builds every workspace before this suite, so the build outputs the images
// copy (dist/, .next/standalone) are checked to exist too.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { PORTS } from "../../scripts/dev/services.mjs";
import { exists, imageWorkspaces, ROOT, readJson, readText, workspaces } from "./lib/repo.mjs";

const NODE_VERSION = /TICKETING_NODE_VERSION="([\d.]+)"/.exec(readText("scripts/lib/node-env.sh"))[1];
const BASE_IMAGE = `node:${NODE_VERSION}-alpine`;
const camel = (dir) => dir.replace(/-(\w)/g, (_, c) => c.toUpperCase());

/** .dockerignore as Docker applies it: the last matching pattern decides, `!` re-includes. */
function dockerignore() {
  const rules = readText(".dockerignore")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((line) => {
      const negate = line.startsWith("!");
      const glob = (negate ? line.slice(1) : line).replace(/\/$/, "");
      const re = glob
        .split("/")
        .map((part) => (part === "**" ? "(?:.*)" : part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", "[^/]*")))
        .join("/")
        .replaceAll("(?:.*)/", "(?:.*/)?");
      return { negate, re: new RegExp(`^${re}(?:/.*)?$`) };
    });
  return (file) => {
    let excluded = false;
    for (const { negate, re } of rules) if (re.test(file)) excluded = !negate;
    return excluded;
  };
}

function parse(dir) {
  const text = readText(`${dir}/Dockerfile`);
  const dockerfile = DockerfileParser.parse(text);
  const lines = text.split("\n");
  const stages = [];
  for (const ins of dockerfile.getInstructions()) {
    const keyword = ins.getKeyword();
    // The instruction's own text with its flags (--from, --chown), continuation lines joined.
    const { start, end } = ins.getRange();
    const raw = lines
      .slice(start.line, end.line + 1)
      .join("\n")
      .slice(start.character);
    const args = raw.slice(raw.indexOf(" ") + 1);
    if (keyword === "FROM") {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args.trim());
      stages.push({ from: m[1], name: m[2], instructions: [] });
    } else stages.at(-1).instructions.push({ keyword, args: args.replace(/\\\n\s*/g, " ").trim() });
  }
  return { text, stages };
}

const ignored = dockerignore();

for (const { dir, name } of imageWorkspaces()) {
  describe(`${dir}/Dockerfile`, () => {
    const { text, stages } = parse(dir);
    const pkg = readJson(`${dir}/package.json`);
    const internal = Object.keys(pkg.dependencies ?? {}).filter((d) => workspaces().some((w) => w.name === d));
    const expectedWorkspaces = [...internal, name].sort();

    it("passes dockerfile-utils' linter without warnings", () => {
      const problems = validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
      assert.deepEqual(problems, []);
    });

    it(`builds on ${BASE_IMAGE} (the Node the tests run on) in named stages, production last`, () => {
      const names = new Set();
      for (const stage of stages) {
        assert.ok(stage.name, `every stage is named (${stage.from})`);
        assert.ok(names.has(stage.from) || stage.from === BASE_IMAGE, `FROM ${stage.from}`);
        names.add(stage.name);
      }
      assert.ok(names.has("dev"), "a dev target for skaffold dev");
      assert.equal(stages.at(-1).name, "runtime", "the default target is the production one");
    });

    for (const target of ["runtime", "dev"]) {
      it(`the ${target} target runs as a non-root user, on the service's port`, () => {
        // Instructions of the stage and of the stages it is built FROM.
        const chain = [];
        for (let s = stages.find((x) => x.name === target); s; s = stages.find((x) => x.name === s.from)) {
          chain.unshift(...s.instructions);
        }
        const user = chain.filter((i) => i.keyword === "USER").at(-1)?.args;
        assert.ok(user && !/^(root|0)(:|$)/.test(user), `USER ${user}`);
        const env = chain
          .filter((i) => i.keyword === "ENV")
          .map((i) => i.args)
          .join(" ");
        assert.match(env, new RegExp(`NODE_ENV=${target === "runtime" ? "production" : "development"}\\b`));
        assert.match(env, new RegExp(`PORT=${PORTS[camel(dir)]}\\b`), "PORT as in scripts/dev/services.mjs");
        assert.ok(
          chain.some((i) => i.keyword === "EXPOSE" && i.args === String(PORTS[camel(dir)])),
          "EXPOSE",
        );
        const cmd = chain.filter((i) => i.keyword === "CMD").at(-1)?.args;
        assert.ok(cmd?.startsWith("["), "CMD in exec form, so SIGTERM reaches node");
      });
    }

    it("runs only npm ci and `npm run build` of its workspace and the workspaces it depends on", () => {
      const runs = stages.flatMap((s) => s.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args));
      assert.ok(runs.length > 0);
      for (const run of runs) {
        const m = /^npm (ci|run build)((?: --omit=dev)?)((?: -w \S+)+)$/.exec(run);
        assert.ok(m, `RUN ${run}`);
        const ws = m[3]
          .trim()
          .split(/\s*-w\s+/)
          .filter(Boolean)
          .sort();
        assert.deepEqual(ws, expectedWorkspaces, `RUN ${run}: the workspace and its internal dependencies`);
        if (m[1] === "run build") {
          for (const w of ws) {
            const folder = workspaces().find((x) => x.name === w).dir;
            assert.ok(readJson(`${folder}/package.json`).scripts?.build, `${w} has the build script npm test runs`);
          }
        }
      }
      // `npm test` runs the same build: `npm run build` at the root runs every workspace's.
      assert.match(readJson("package.json").scripts.build, /npm run build --workspaces/);
      assert.match(readText("scripts/test.sh"), /npm run build/);
    });

    it("copies only files that exist and that .dockerignore lets into the context", () => {
      for (const stage of stages) {
        for (const { keyword, args } of stage.instructions.filter((i) => i.keyword === "COPY" || i.keyword === "ADD")) {
          assert.equal(keyword, "COPY", "COPY, never ADD");
          const parts = args.split(/\s+/).filter((p) => !p.startsWith("--chown"));
          const from = parts[0].startsWith("--from=") ? parts.shift().slice(7) : undefined;
          const sources = parts.slice(0, -1);
          for (const src of sources) {
            if (from) {
              // Build outputs and sources of an earlier stage, under WORKDIR /app.
              assert.ok(src.startsWith("/app"), src);
              const local = src.replace(/^\/app\/?/, "");
              if (local && !local.startsWith("node_modules"))
                assert.ok(exists(local), `${src} exists after npm run build`);
            } else {
              const file = src.replace(/\/$/, "");
              assert.ok(exists(file), `${src} exists`);
              assert.ok(!ignored(file), `${src} is not excluded by .dockerignore`);
            }
          }
        }
      }
    });

    it("copies everything the service needs at run time", () => {
      // A workspace's own node_modules would not be copied: npm must hoist everything.
      const lock = readJson("package-lock.json");
      const nested = Object.keys(lock.packages).filter((p) =>
        expectedWorkspaces.some((w) => p.startsWith(`${workspaces().find((x) => x.name === w).dir}/node_modules/`)),
      );
      assert.deepEqual(nested, [], "dependencies installed inside a workspace folder");
      if (exists(`${dir}/src/db/migrations`)) {
        assert.match(pkg.scripts.build, /migrations/, "the build copies the SQL migrations into dist/");
        assert.ok(exists(`${dir}/dist/db/migrations`), "dist/db/migrations after npm run build");
      }
      if (dir === "client") {
        assert.match(readText("client/next.config.mjs"), /output:\s*"standalone"/);
        assert.ok(exists("client/.next/standalone/client/server.js"), "standalone server after npm run build");
        if (exists("client/public")) assert.match(text, /\/app\/client\/public/, "public/ is copied");
      } else {
        assert.equal(pkg.scripts.start, "node dist/index.js", "the image runs what `npm start` in the workspace runs");
        assert.ok(exists(`${dir}/dist/index.js`), "dist/index.js after npm run build");
      }
    });

    it("its npm ci commands are accepted by npm with the committed package-lock.json", () => {
      // What `docker build` runs, in a folder holding exactly what the manifests stage copies.
      const context = fs.mkdtempSync(path.join(os.tmpdir(), `image-${dir}-`));
      try {
        const manifests = stages.find((s) => s.name === "manifests");
        for (const { args } of manifests.instructions.filter((i) => i.keyword === "COPY")) {
          const parts = args.split(/\s+/);
          const dest = path.join(context, parts.pop());
          for (const src of parts) {
            fs.mkdirSync(dest.endsWith("/") ? dest : path.dirname(dest), { recursive: true });
            fs.copyFileSync(path.join(ROOT, src), dest.endsWith("/") ? path.join(dest, path.basename(src)) : dest);
          }
        }
        const runs = stages.flatMap((s) =>
          s.instructions.filter((i) => i.keyword === "RUN" && i.args.startsWith("npm ci")),
        );
        for (const { args } of runs) {
          const argv = [
            ...args.split(/\s+/).slice(1),
            "--dry-run",
            "--ignore-scripts",
            "--prefer-offline",
            "--no-audit",
            "--no-fund",
          ];
          try {
            execFileSync("npm", argv, { cwd: context, stdio: "pipe", encoding: "utf8" });
          } catch (err) {
            const reasons = `${err.stdout}${err.stderr}`
              .split("\n")
              .filter((l) => /Missing:|Invalid:|ERR|error/.test(l));
            assert.fail(`${args}:\n${reasons.slice(0, 8).join("\n")}`);
          }
        }
      } finally {
        fs.rmSync(context, { recursive: true, force: true });
      }
    });
  });
}

describe(".dockerignore", () => {
  it("keeps tests, build outputs, installed modules and local state out of every context", () => {
    for (const file of [
      "node_modules/x",
      "auth/node_modules/x",
      "auth/dist/index.js",
      "client/.next/x",
      "auth/test/a.test.ts",
      ".git/HEAD",
      ".local/pg",
      "infra/k8s/base/auth.yaml",
    ]) {
      assert.ok(ignored(file), file);
    }
    for (const file of [
      "auth/src/index.ts",
      "common/src/index.ts",
      "package-lock.json",
      "infra/docker/dev-watch.mjs",
    ]) {
      assert.ok(!ignored(file), file);
    }
  });

  it("every workspace that runs as a service has a Dockerfile", () => {
    for (const { dir } of workspaces()) {
      if (dir === "common") continue;
      assert.ok(exists(`${dir}/Dockerfile`), `${dir}/Dockerfile`);
    }
  });
});
