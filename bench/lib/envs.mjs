// The environments a run is measured in. Only variable names are ever printed, never values.
const CA_CERTS = 'NODE_EXTRA_CA_CERTS'

/**
 * `as-is` is the bench's own environment (what the harness sees); `clean` is the same without
 * NODE_EXTRA_CA_CERTS, which Node 20 reads at every start. Returns the envs and a note on them.
 */
export function makeEnvs(names, base = process.env) {
  if (base[CA_CERTS] === undefined) {
    return {
      envs: [{ name: names[0], env: { ...base } }],
      note: `${CA_CERTS} is not set: clean equals as-is, so this measures one environment, labelled ${names[0]}`,
    }
  }
  return {
    envs: names.map((name) => ({ name, env: name === 'clean' ? withoutCaCerts(base) : { ...base } })),
    note: `as-is has ${CA_CERTS} set (Node reads that file at every start); clean is the same environment without it`,
  }
}

function withoutCaCerts(base) {
  const env = { ...base }
  delete env[CA_CERTS]
  return env
}
