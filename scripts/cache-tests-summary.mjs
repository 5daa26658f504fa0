// Counts the cache-tests suite's results the way cache-tests.fyi shows them: required tests passed
// of required tests run, optimal passed of optimal run, and lists each failure by suite (area).
// Usage: node cache-tests-summary.mjs <suite dir> <results.json>
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import path from 'node:path'

const [suiteDir, resultsFile] = process.argv.slice(2)
const { default: suites } = await import(pathToFileURL(path.join(suiteDir, 'tests/index.mjs')))
const { determineTestResult, resultTypes } = await import(pathToFileURL(path.join(suiteDir, 'test-engine/lib/results.mjs')))
const results = JSON.parse(readFileSync(resultsFile, 'utf8'))

const counts = { required: [0, 0], optimal: [0, 0] }
const failures = []
for (const suite of suites) {
  for (const test of suite.tests) {
    if (results[test.id] === undefined) continue
    const kind = test.kind ?? 'required'
    if (!(kind in counts)) continue
    const verdict = determineTestResult(suites, test.id, results)
    counts[kind][1]++
    if (verdict === resultTypes.pass) counts[kind][0]++
    else failures.push(`${suite.id}\t${kind}\t${test.id}\t${verdict[2]}\t${JSON.stringify(results[test.id])}`)
  }
}
for (const line of failures) console.log(line)
console.log(`required: ${counts.required[0]} passed of ${counts.required[1]}`)
console.log(`optimal: ${counts.optimal[0]} passed of ${counts.optimal[1]}`)
