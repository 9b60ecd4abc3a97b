/**
 * The design's import boundaries, checked in the static tier (`npm run check:boundaries`).
 * Features are layered in the order of the flow; a folder may import its own layer or an
 * earlier one, never a later one, so no two steps depend on each other. Test and bench
 * support live under test/ and bench/ and are never imported by production code.
 */
const TEST = "\\.(db\\.)?test\\.tsx?$";
const FEATURES_AFTER = (layer) => LAYERS.slice(layer + 1).flat();
// lib/ folders, in the order of the flow (each row may import the rows above it).
const LAYERS = [
  ["lib/server", "lib/generated"],
  ["lib/audit", "lib/connectors/http"],
  ["lib/connectors/freshsales", "lib/connectors/visual-practice"],
  ["lib/gates", "lib/accounts", "lib/connections", "lib/system", "lib/demo"],
  ["lib/extraction", "lib/inventory"],
  ["lib/mapping"],
  ["lib/migration"],
  ["lib/verification"],
  ["lib/cutover"],
  ["lib/staff", "lib/estimator"],
];
const re = (paths) => `^(${paths.map((p) => p.replace(/[/.]/g, "\\$&")).join("|")})(/|$)`;

module.exports = {
  forbidden: [
    ...LAYERS.slice(0, -1).map((row, i) => ({
      name: `layer-${i}-imports-later-step`,
      comment: `${row.join(", ")} must not import a later step of the flow: move the shared piece down, or compose at the edge (app/, scripts/).`,
      severity: "error",
      from: { path: re(row), pathNot: TEST },
      to: { path: re(FEATURES_AFTER(i)) },
    })),
    {
      name: "mapping-engine-imports-review",
      comment: "lib/mapping is the pure engine; its review (lib/mapping/review) builds on it, not the other way round.",
      severity: "error",
      from: { path: "^lib/mapping/", pathNot: `^lib/mapping/review/|${TEST}` },
      to: { path: "^lib/mapping/review/" },
    },
    {
      name: "connectors-share-nothing",
      comment: "A connector depends only on the HTTP layer and lib/server, never on another connector or a feature.",
      severity: "error",
      from: { path: "^lib/connectors/(freshsales|visual-practice)/", pathNot: TEST },
      to: { path: "^lib/", pathNot: "^lib/(server|generated|connectors/http)/|^lib/connectors/$1/" },
    },
    {
      name: "production-imports-sandbox",
      comment: "The sandbox emulators and generator are for tests, benches and the demo's start script only.",
      severity: "error",
      from: { path: "^(lib|app|components)/", pathNot: `^lib/sandbox/|${TEST}` },
      to: { path: "^lib/sandbox/" },
    },
    {
      name: "production-imports-test-support",
      comment: "Test and bench support is not production code.",
      severity: "error",
      from: { path: "^(lib|app|components|scripts)/", pathNot: `^scripts/(test|bench)\\.ts$|${TEST}` },
      to: { path: "^(test|bench|e2e)/" },
    },
    {
      name: "no-circular",
      comment: "Modules that import each other cannot be read (or loaded) in order.",
      severity: "error",
      from: { path: "^(lib|app|components)/" },
      // A cycle through type-only imports costs nothing at run time; only value cycles count.
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|lib/generated)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
  },
};
