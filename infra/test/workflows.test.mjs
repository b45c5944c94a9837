// GitHub workflows: each validated with GitHub's workflow schema (@action-validator/core),
// then checked for what they must do: a Jest job per backend workspace on changes to it
// or common with real PostgreSQL, Redis and NATS (JetStream), the client's browser tests,
// images pushed to GHCR from main, and the same deployment checks as `npm test`.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { validateWorkflow } from "@action-validator/core";
import YAML from "yaml";
import { exists, imageWorkspaces, ROOT, readJson, readText, workspaces } from "./lib/repo.mjs";

const DIR = ".github/workflows";
const files = fs.readdirSync(path.join(ROOT, DIR)).filter((f) => /\.ya?ml$/.test(f));
const workflow = (file) => YAML.parse(readText(`${DIR}/${file}`), { uniqueKeys: true });
const steps = (job) => (job.steps ?? []).map((s) => `${s.uses ?? ""} ${s.run ?? ""}`).join("\n");

describe("GitHub workflows", () => {
  for (const file of files) {
    it(`${file} validates against GitHub's workflow schema`, () => {
      const { errors } = validateWorkflow(readText(`${DIR}/${file}`));
      assert.deepEqual(errors, []);
    });
  }

  it("every backend workspace's Jest suite runs when it or common changes, with real PostgreSQL, Redis, NATS", () => {
    const reusable = workflow("backend-service.yml");
    const job = reusable.jobs.jest;
    assert.ok(job.services.postgres.image.startsWith("postgres:"));
    assert.ok(job.services.redis.image.startsWith("redis:"));
    // JetStream with credentials: the server runs the config scripts/lib/nats-auth.mjs generates
    // (per-service users, `jetstream` block), the same one `npm start` and `npm test` use.
    assert.match(steps(job), /nats-auth\.mjs ensure/, "NATS credentials generated");
    assert.match(
      steps(job),
      /docker run [^\n]*(\\\n\s*)?nats:[\d.]+-alpine -c "\$TICKETING_NATS_STATE\/nats\.conf"/,
      "NATS from that config",
    );
    assert.match(readText("scripts/lib/nats-auth.mjs"), /jetstream: \{ store_dir/, "JetStream enabled in that config");
    assert.match(steps(job), /npx jest --ci/);
    for (const { dir, name } of workspaces()) {
      if (dir === "client" || !exists(`${dir}/jest.config.js`)) continue;
      const file = `${dir}.yml`;
      assert.ok(files.includes(file), `${DIR}/${file}`);
      const w = workflow(file);
      assert.equal(w.jobs.test.uses, "./.github/workflows/backend-service.yml");
      assert.equal(w.jobs.test.with.workspace, dir);
      const deps = Object.keys(readJson(`${dir}/package.json`).dependencies ?? {});
      for (const event of ["push", "pull_request"]) {
        const paths = w.on[event].paths;
        assert.ok(paths.includes(`${dir}/**`), `${file}: ${event} on ${dir}/**`);
        if (deps.includes("@m-ticketing/common"))
          assert.ok(paths.includes("common/**"), `${file}: ${event} on common/**`);
      }
      assert.ok(name);
    }
  });

  it("the client workflow runs its Jest suite and its browser tests with Chromium", () => {
    const w = workflow("client.yml");
    assert.match(steps(w.jobs.jest), /npx jest --ci/);
    assert.match(steps(w.jobs.browser), /apt-get install .*chromium/);
    assert.match(steps(w.jobs.browser), /npm run e2e -w @m-ticketing\/client/);
    assert.ok(readJson("client/package.json").scripts.e2e, "client has an e2e script");
  });

  it("pushes to main build and push every image to GHCR tagged with the commit", () => {
    const w = workflow("images.yml");
    assert.deepEqual(w.on.push.branches, ["main"]);
    assert.equal(w.permissions.packages, "write");
    const job = w.jobs.build;
    assert.deepEqual(
      [...job.strategy.matrix.image].sort(),
      imageWorkspaces()
        .map((x) => x.dir)
        .sort(),
    );
    const build = job.steps.find((s) => s.uses?.startsWith("docker/build-push-action@"));
    assert.equal(build.with.context, ".");
    // A GitHub expression, not a JavaScript template.
    assert.equal(build.with.file, ["$", "{{ matrix.image }}/Dockerfile"].join(""));
    assert.equal(build.with.target, "runtime");
    assert.equal(build.with.push, true);
    assert.match(build.with.tags, /:\$\{\{ github\.sha \}\}$/);
    assert.match(steps(job), /ghcr\.io\//);
  });

  it("the ci workflow runs what npm test runs: lint, type-check, every Jest project, dev scripts, resilience", () => {
    const w = workflow("ci.yml");
    for (const event of ["push", "pull_request"]) assert.ok(event in w.on, `ci runs on ${event}`);
    assert.match(steps(w.jobs.lint), /npx biome check \./);
    assert.match(steps(w.jobs.typecheck), /npm run typecheck$/m);
    const jest = steps(w.jobs.jest);
    assert.match(jest, /bash scripts\/infra\.sh/, "real PostgreSQL, Redis and NATS");
    assert.match(jest, /npx jest --ci(?! .*--selectProjects)/, "every project, system-tests included");
    assert.ok(readText("jest.config.js").includes('"system-tests"'), "the root Jest config includes system-tests");
    assert.match(steps(w.jobs["dev-scripts"]), /bash scripts\/test\.d\/10-dev-scripts\.sh /);
    assert.match(steps(w.jobs.resilience), /bash scripts\/test\.d\/70-resilience\.sh /);
  });

  it("one workflow runs the deployment checks exactly as npm test does", () => {
    const w = workflow("deployment.yml");
    assert.match(steps(w.jobs.checks), /bash scripts\/test\.d\/60-deployment\.sh /);
    assert.match(steps(w.jobs.checks), /npm run build/);
  });
});
