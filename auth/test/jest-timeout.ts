// `testTimeout` in jest.preset.js applies only when this workspace runs alone: in the root
// multi-project run (`npm test`) Jest reads it from the root config, which leaves the 5 s
// default. Our tests hash real passwords with scrypt against real servers on a shared
// machine, so they get the same 30 s in both runs.
jest.setTimeout(30_000);
