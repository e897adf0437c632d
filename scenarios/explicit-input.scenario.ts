import { defineScenario } from 'forkcheck'

// parent() hands its result to every child explicitly, in both modes.
export default defineScenario({
  name: 'parent() result passed as ctx.input',
  parent() {
    return { shard: 3, tags: new Set(['a', 'b']), createdAt: new Date() }
  },
  child({ input }) {
    return { shard: input.shard, tags: [...input.tags], createdAt: input.createdAt }
  },
})
