// The command line of bench/run.mjs: defaults in one place, one validation per option.
import { parseArgs } from 'node:util'

export const KIND_NAMES = ['hookless', 'noprobes', 'parent', 'ts', 'vitest']
export const ENV_NAMES = ['as-is', 'clean']

export const USAGE = `Usage: node bench/run.mjs [options]
  --sizes 10,100,500      numbers of generated scenarios
  --kinds ${KIND_NAMES.join(',')}
                          kinds of scenario to measure
  --concurrency 1,2       forkcheck --concurrency values (the hand-rolled vitest test runs at 1)
  --envs ${ENV_NAMES.join(',')}      as-is: this environment; clean: the same without NODE_EXTRA_CA_CERTS
  --samples 20            pairs (and bare starts) per floor round
  --rounds 5              floor rounds per environment, spread over the run; the median is used
  --markdown              print the tables as Markdown`

const OPTIONS = {
  sizes: { type: 'string', default: '10,100,500' },
  kinds: { type: 'string', default: KIND_NAMES.join(',') },
  concurrency: { type: 'string', default: '1,2' },
  envs: { type: 'string', default: ENV_NAMES.join(',') },
  samples: { type: 'string', default: '20' },
  rounds: { type: 'string', default: '5' },
  markdown: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
}

export class UsageError extends Error {
  name = 'UsageError'
}

/** The validated options; throws a UsageError with one line saying what to fix. */
export function parseOptions(argv) {
  const { values } = parseCommandLine(argv)
  return {
    sizes: validateIntegers('sizes', values.sizes),
    kinds: validateNames('kinds', values.kinds, KIND_NAMES),
    concurrencies: validateIntegers('concurrency', values.concurrency),
    envs: validateNames('envs', values.envs, ENV_NAMES),
    samples: validateInteger('samples', values.samples),
    rounds: validateInteger('rounds', values.rounds),
    markdown: values.markdown,
    help: values.help,
  }
}

function parseCommandLine(argv) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true })
  } catch (error) {
    throw new UsageError(error.message)
  }
}

function validateIntegers(option, text) {
  const numbers = text.split(',').map(Number)
  if (numbers.some((number) => !Number.isInteger(number) || number < 1))
    throw new UsageError(
      `Expected \`--${option}\` to be positive integers separated by commas, got \`${text}\``,
    )
  return [...new Set(numbers)]
}

function validateInteger(option, text) {
  const number = Number(text)
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`Expected \`--${option}\` to be a positive integer, got \`${text}\``)
  return number
}

function validateNames(option, text, allowed) {
  const names = text.split(',')
  const unknown = names.filter((name) => !allowed.includes(name))
  if (unknown.length > 0)
    throw new UsageError(
      `Expected \`--${option}\` to name some of ${allowed.join(', ')}, got \`${unknown.join(',')}\``,
    )
  return [...new Set(names)]
}
