/** Types for the `commonmark-spec` package, which ships none: the spec's examples as data. */
declare module 'commonmark-spec' {
  /** One example of the CommonMark spec. */
  export interface CommonMarkExample {
    markdown: string;
    html: string;
    section: string;
    number: number;
  }
  const spec: { text: string; tests: CommonMarkExample[] };
  export default spec;
}
