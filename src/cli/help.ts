/** A section of cac's help text. */
export interface HelpSection {
  title?: string
  body: string
}

const EXIT_CODES = [
  '  0  every scenario met its expect',
  '  1  one did not (a difference, an error, flaky with --flaky=fail, an expired baseline entry)',
  '  2  a usage error: a bad flag, a bad config or baseline file, paths that match nothing',
].join('\n')

function listWords(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

/**
 * forkcheck's help from cac's sections. cac lists the one command again and tells the reader to
 * run `forkcheck --help`, the command they just ran; this help puts the command's description in
 * the heading and ends with how switches take a value and what the exit codes mean.
 */
export function formatHelp(
  sections: HelpSection[],
  { description, switches }: { description: string; switches: readonly string[] },
): HelpSection[] {
  const [heading, ...rest] = sections.filter(
    (section) => section.title !== 'Commands' && !section.title?.startsWith('For more info'),
  )
  return [
    { body: `${heading?.body ?? 'forkcheck'}: ${description}` },
    ...rest.map((section) => ({
      ...section,
      body: section.body
        .split('\n')
        .map((line) => (section.title === 'Examples' ? `  $ ${line}` : line).trimEnd())
        .join('\n'),
    })),
    {
      title: 'Switches',
      body: [
        `  ${listWords(switches)} take no value:`,
        '  an argument after one is a scenario path. Set one with `=`, e.g. --show-env-values=false',
        '  (which turns off showEnvValues: true in the config).',
      ].join('\n'),
    },
    { title: 'Exit codes', body: EXIT_CODES },
  ]
}
