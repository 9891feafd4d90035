/**
 * Prints one plain closing line, "tests: N passed, N failed, N skipped", after jest's own summary,
 * so CI logs state the count in a form any reader can find.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
