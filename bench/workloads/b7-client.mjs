// B7: placeholder replaced below once the client exists.
export async function b7Client({ built, log }) {
  log("B7: client not measured");
  return {
    rows: [
      {
        id: "B7",
        workload: "client",
        figure: "—",
        value: built ? "not measured" : "client not built",
        baseline: null,
        ratio: null,
        target: "≤ 200 kB on /; LCP ≤ 1.5 s",
        met: null,
      },
    ],
    raw: {},
  };
}
