/**
 * Prints plain closing lines after jest's own summary, so CI logs state the counts in a form any reader can
 * find: "tests: N passed, N failed, N skipped", and the same for the tests that need a MongoDB server
 * (files under tests/ whose name says mongo), with the server they ran against.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const mongo = { passed: 0, failed: 0, skipped: 0 };
    for (const file of results.testResults) {
      if (!/mongo/i.test(file.testFilePath)) continue;
      for (const t of file.testResults) {
        if (t.status === 'passed') mongo.passed += 1;
        else if (t.status === 'failed') mongo.failed += 1;
        else mongo.skipped += 1;
      }
    }
    const server = process.env.MONGODB_TEST_URI || process.env.MONGOMS_SYSTEM_BINARY || 'no server';
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n` +
        `MongoDB tests (${server}): ${mongo.passed} passed, ${mongo.failed} failed, ${mongo.skipped} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
