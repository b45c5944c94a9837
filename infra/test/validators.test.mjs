// The validators and the renderer the other suites rely on really reject broken input:
// a check that cannot fail proves nothing.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { validateWorkflow } from "@action-validator/core";
import { validate as lintDockerfile } from "dockerfile-utils";
import { applyOperation, render } from "./lib/kustomize.mjs";
import { find, renderOverlay } from "./lib/repo.mjs";
import { validateResource } from "./lib/schemas.mjs";
import { unknownFields } from "./lib/strict-fields.mjs";

const deployment = () => structuredClone(find(renderOverlay("prod"), "Deployment", "auth"));

describe("validators reject broken input", () => {
  it("kubernetes-models rejects a Deployment with a wrong type or a missing required field", async () => {
    await validateResource(deployment());
    const wrongType = deployment();
    wrongType.spec.replicas = "two";
    await assert.rejects(validateResource(wrongType), /replicas/);
    const noName = deployment();
    delete noName.spec.template.spec.containers[0].name;
    await assert.rejects(validateResource(noName), /name/);
  });

  it("@kubernetes-models/gateway-api rejects an HTTPRoute with an unknown path match type", async () => {
    const route = structuredClone(find(renderOverlay("dev"), "HTTPRoute", "ticketing"));
    await validateResource(route);
    route.spec.rules[0].matches[0].path.type = "Prefix";
    await assert.rejects(validateResource(route), /type/);
  });

  it("the transcribed ClientSettingsPolicy schema rejects a bad size and a misspelled field", async () => {
    const policy = structuredClone(find(renderOverlay("dev"), "ClientSettingsPolicy", "ticketing"));
    await validateResource(policy);
    assert.deepEqual(await unknownFields(policy), []);
    const bad = structuredClone(policy);
    bad.spec.body.maxSize = "10 MB";
    await assert.rejects(validateResource(bad), /maxSize/);
    const misspelled = structuredClone(policy);
    misspelled.spec.body.maxSise = "10m";
    assert.deepEqual(await unknownFields(misspelled), ["ClientSettingsPolicy.spec.body.maxSise"]);
  });

  it("an unknown kind has no schema and fails", async () => {
    await assert.rejects(validateResource({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "x" } }));
  });

  it("the unknown-field check catches misspelled optional fields the schemas let through", async () => {
    const d = deployment();
    d.spec.template.spec.containers[0].readinesProbe = d.spec.template.spec.containers[0].readinessProbe;
    delete d.spec.template.spec.containers[0].readinessProbe;
    await validateResource(d); // passes the schema...
    assert.deepEqual(await unknownFields(d), ["Deployment.spec.template.spec.containers[0].readinesProbe"]);
  });

  it("@action-validator/core rejects a workflow with an unknown key or no jobs", () => {
    assert.deepEqual(
      validateWorkflow("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ok\n").errors,
      [],
    );
    assert.ok(validateWorkflow("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz: []\n").errors.length > 0);
    assert.ok(validateWorkflow("on: push\n").errors.length > 0);
  });

  it("dockerfile-utils flags an unknown instruction and a bad EXPOSE", () => {
    assert.deepEqual(lintDockerfile('FROM node:24.21.0-alpine\nCMD ["node"]\n'), []);
    assert.ok(lintDockerfile("FROM node:24.21.0-alpine\nRUNN npm ci\n").length > 0);
    assert.ok(lintDockerfile("FROM node:24.21.0-alpine\nEXPOSE http\n").length > 0);
  });
});

describe("kustomize renderer", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kustomize-"));
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const cm = (name, data) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: ${JSON.stringify(data)}\n`;
  const k = (body, kind = "Kustomization") =>
    `apiVersion: kustomize.config.k8s.io/${kind === "Component" ? "v1alpha1" : "v1beta1"}\nkind: ${kind}\n${body}`;

  it("applies resources, then components in order, then the overlay's patches", () => {
    write("base/kustomization.yaml", k("resources:\n  - a.yaml\n"));
    write("base/a.yaml", cm("a", { x: "1" }));
    write(
      "comp/kustomization.yaml",
      k(
        "resources:\n  - b.yaml\npatches:\n  - target: {kind: ConfigMap}\n    patch: '[{op: add, path: /data/c, value: comp}]'\n",
        "Component",
      ),
    );
    write("comp/b.yaml", cm("b", {}));
    write(
      "overlay/kustomization.yaml",
      k(
        "resources:\n  - ../base\ncomponents:\n  - ../comp\npatches:\n  - target: {kind: ConfigMap, name: a}\n    patch: '[{op: replace, path: /data/c, value: overlay}]'\n",
      ),
    );
    const out = render(path.join(dir, "overlay"));
    assert.deepEqual(
      out.map((r) => [r.metadata.name, r.data]),
      [
        ["a", { x: "1", c: "overlay" }],
        ["b", { c: "comp" }],
      ],
    );
  });

  it("refuses what it does not implement, duplicates, and patches that match nothing", () => {
    write("bad1/kustomization.yaml", k("resources: []\nnamePrefix: x-\n"));
    assert.throws(() => render(path.join(dir, "bad1")), /namePrefix/);
    write("bad2/kustomization.yaml", k("resources:\n  - ../base/a.yaml\n  - ../base/a.yaml\n"));
    assert.throws(() => render(path.join(dir, "bad2")), /duplicate/);
    write(
      "bad3/kustomization.yaml",
      k("resources:\n  - ../base\npatches:\n  - target: {kind: Secret}\n    patch: '[]'\n"),
    );
    assert.throws(() => render(path.join(dir, "bad3")), /matches no resource/);
    write(
      "bad4/kustomization.yaml",
      k("resources:\n  - ../base\npatches:\n  - target: {kind: ConfigMap}\n    patch: 'data: {x: 2}'\n"),
    );
    assert.throws(() => render(path.join(dir, "bad4")), /JSON 6902/);
  });

  it("implements JSON patch add/replace/remove/test with array indexes and '-'", () => {
    const doc = { a: [1, 3], b: { c: 1 } };
    applyOperation(doc, { op: "add", path: "/a/1", value: 2 });
    applyOperation(doc, { op: "add", path: "/a/-", value: 4 });
    applyOperation(doc, { op: "replace", path: "/b/c", value: 2 });
    applyOperation(doc, { op: "test", path: "/b/c", value: 2 });
    applyOperation(doc, { op: "remove", path: "/a/0" });
    assert.deepEqual(doc, { a: [2, 3, 4], b: { c: 2 } });
    assert.throws(() => applyOperation(doc, { op: "replace", path: "/b/missing", value: 1 }), /does not exist/);
    assert.throws(() => applyOperation(doc, { op: "test", path: "/b/c", value: 3 }), /test failed/);
  });
});
