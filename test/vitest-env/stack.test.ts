import { describe, expect, it } from 'vitest'
import {
  captureStack,
  findUserFrame,
  parseFrameLocation,
  toRelative,
} from '../../src/vitest/environment/stack.js'

const root = '/project'

function stackOf(...frames: string[]): string {
  return ['Error', ...frames.map((frame) => `    at ${frame}`)].join('\n')
}

describe('parseFrameLocation', () => {
  it('reads paths, file URLs and anonymous frames', () => {
    expect(parseFrameLocation('    at fn (/project/a.ts:3:9)')).toEqual({ path: '/project/a.ts', line: 3 })
    expect(parseFrameLocation('    at /project/a.ts:4:1')).toEqual({ path: '/project/a.ts', line: 4 })
    expect(parseFrameLocation('    at async file:///project/b.js:5:2')).toEqual({
      path: '/project/b.js',
      line: 5,
    })
    expect(parseFrameLocation('    at x (/project/c.ts?v=123:6:7)')).toEqual({
      path: '/project/c.ts',
      line: 6,
    })
  })

  it('skips frames without a file path', () => {
    expect(parseFrameLocation('    at new Promise (<anonymous>)')).toBeUndefined()
    expect(parseFrameLocation('    at emit (node:events:519:28)')).toBeUndefined()
    expect(
      parseFrameLocation(
        '    at init (eval at run (file:///nm/vite/dist/module-runner.js:807:9), <anonymous>:37:2)',
      ),
    ).toBeUndefined()
    expect(parseFrameLocation('Error: message')).toBeUndefined()
  })
})

describe('findUserFrame', () => {
  it('returns the first frame outside node internals, vitest and node_modules, relative to the root', () => {
    const stack = stackOf(
      'captureStack (node:internal/x:1:1)',
      'run (/project/node_modules/vitest/dist/chunk.js:10:1)',
      'lib (/project/node_modules/some-lib/index.js:20:1)',
      'test (/project/test/a.test.ts:7:3)',
    )
    expect(findUserFrame(stack, root)).toBe('test/a.test.ts:7')
  })

  it('falls back to a library frame, never to a vitest frame', () => {
    const library = stackOf(
      'x (/project/node_modules/@vitest/runner/dist/index.js:1:1)',
      'y (/project/node_modules/pg/lib/client.js:9:1)',
    )
    expect(findUserFrame(library, root)).toBe('node_modules/pg/lib/client.js:9')
    const harness = stackOf(
      'x (/project/node_modules/@vitest/runner/dist/index.js:1:1)',
      'y (/project/node_modules/vite/dist/node/module-runner.js:2:1)',
      'z (/project/node_modules/tinypool/dist/index.js:3:1)',
    )
    expect(findUserFrame(harness, root)).toBeUndefined()
    expect(findUserFrame(undefined, root)).toBeUndefined()
  })

  it("skips forkcheck's own frames", () => {
    const stack = stackOf(
      'wrapped (/somewhere/node_modules/vitest-environment-forkcheck/index.js:1:1)',
      'test (/project/a.test.ts:2:1)',
    )
    expect(findUserFrame(stack, root)).toBe('a.test.ts:2')
    const own = captureStack(10)
    expect(findUserFrame(own.stack, root)).toMatch(/stack\.test\.ts:\d+$/)
  })
})

describe('toRelative', () => {
  it('shows paths relative to the root with forward slashes', () => {
    expect(toRelative('/project', '/project/test/a.ts')).toBe('test/a.ts')
    expect(toRelative('/project', '/project')).toBe('.')
    expect(toRelative('/project', '/elsewhere/a.ts')).toBe('../elsewhere/a.ts')
  })
})
