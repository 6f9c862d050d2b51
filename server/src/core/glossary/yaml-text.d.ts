/** YAML files are embedded as text by the bundler and the test runner. */
declare module '*.yaml' {
  const text: string;
  export default text;
}
