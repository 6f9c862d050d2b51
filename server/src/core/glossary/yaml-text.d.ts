/** The registry presets (server/registry/*.yaml) are embedded by the bundler and the test runner as parsed, schema-validated data. */
declare module '*.yaml' {
  const data: unknown;
  export default data;
}
