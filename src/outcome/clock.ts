import type { VolatileHints } from './contract.js'

/** Clock readings are unnumbered: two readings meet or miss each other by chance. */
export const TIME = '<time>'
export const HRTIME = '<hrtime>'

const QUARTER_HOUR_MS = 15 * 60_000
const DAY_MS = 24 * 60 * 60_000
/** Offsets a zoneless local time may have from UTC, in quarter hours (±14 h). */
const MAX_ZONE_QUARTERS = 56
/** A time of day carries no date, so it must fall this close to the run itself. */
const TIME_OF_DAY_SLACK_MS = 5 * 60_000

const ISO_PARTS =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/
const TIME_OF_DAY_PARTS = /^(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?: ?([AaPp])[Mm])?$/

/** Text shapes of clock readings, as named groups for the volatile-text pattern. */
export const CLOCK_PATTERNS = [
  /(?<![0-9.:])(?<iso>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)(?![0-9])/,
  /\b(?<jsDate>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2}) (?<jsZone>GMT[+-]\d{4})/,
  /\b(?<utcDate>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}) GMT\b/,
  /(?<![\w:.])(?<timeOfDay>\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?: ?[AaPp][Mm]\b)?)(?![\w:]|\.\d)/,
].map((pattern) => pattern.source)

/** What tells a clock reading of this run from any other date or number. */
export interface Clock {
  window: [number, number]
  run: [number, number] | undefined
  hrtime: [bigint, bigint] | undefined
  /** The harness's offset from UTC in ms, for times of day in local time. */
  localOffset: number
}

export function makeClock(hints: VolatileHints): Clock {
  return {
    window: hints.timeWindow,
    run: hints.runWindow,
    hrtime: hints.hrtimeWindow,
    localOffset: hints.zoneOffset ?? 0,
  }
}

export function isInWindow(ms: number, clock: Clock): boolean {
  const [from, to] = clock.window
  return ms > 0 && ms >= from && ms <= to
}

/** Epoch milliseconds or seconds of this run. */
export function isEpoch(value: number, clock: Clock): boolean {
  return isInWindow(value, clock) || isInWindow(value * 1000, clock)
}

/** A `process.hrtime.bigint()` reading of this run, as decimal digits. */
export function isHrtime(digits: string, clock: Clock): boolean {
  if (clock.hrtime === undefined || !/^\d{1,30}$/.test(digits)) return false
  const value = BigInt(digits)
  return value >= clock.hrtime[0] && value <= clock.hrtime[1]
}

/** Replaces a matched clock shape (see `CLOCK_PATTERNS`), or returns it unchanged. */
export function labelClockText(match: string, groups: Record<string, string | undefined>, clock: Clock) {
  if (groups.iso !== undefined) return labelIsoTime(match, clock)
  if (groups.jsDate !== undefined) return labelDate(Date.parse(match), match, ` ${groups.jsZone}`, clock)
  if (groups.utcDate !== undefined) return labelDate(Date.parse(match), match, ' GMT', clock)
  return labelTimeOfDay(match, clock)
}

function labelDate(ms: number, match: string, zone: string, clock: Clock): string {
  return isInWindow(ms, clock) ? TIME + zone : match
}

/** Keeps the zone written after the placeholder, so a time-zone difference stays visible. */
function labelIsoTime(match: string, clock: Clock): string {
  const parts = ISO_PARTS.exec(match)
  if (parts === null) return match
  const [, year, month, day, hour, minute, second, fraction, zone] = parts
  const utc = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +(second ?? 0), toMs(fraction))
  if (zone !== undefined) return labelDate(utc - zoneOffsetMs(zone), match, zone, clock)
  const quarters = inferZoneQuarters(utc, clock)
  if (quarters === undefined) return match
  return TIME + formatImpliedZone(quarters * QUARTER_HOUR_MS)
}

/** `10:00:05.123`, `10:00:05 AM`: "now" in UTC or in the harness's zone, near the run. */
function labelTimeOfDay(match: string, clock: Clock): string {
  const parts = TIME_OF_DAY_PARTS.exec(match)
  if (parts === null || clock.run === undefined) return match
  const [, hourText, minute, second, fraction, meridiem] = parts
  let hour = Number(hourText)
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return match
    hour = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0)
  }
  if (hour > 23 || Number(minute) > 59 || Number(second) > 59) return match
  const ofDay = ((hour * 60 + Number(minute)) * 60 + Number(second)) * 1000 + toMs(fraction)
  const offsets = clock.localOffset === 0 ? [0] : [0, clock.localOffset]
  const offset = offsets.find((zone) => isNearRun(ofDay - zone, clock.run!))
  if (offset === undefined) return match
  return match.replace(/^[\d:.,]+/, TIME) + formatImpliedZone(offset)
}

/** Whether a UTC time of day (ms, may be off the 0..day range) is a moment near the run. */
function isNearRun(ofDay: number, [start, end]: [number, number]): boolean {
  const from = start - TIME_OF_DAY_SLACK_MS
  const to = end + TIME_OF_DAY_SLACK_MS
  const first = Math.floor(from / DAY_MS) * DAY_MS + (((ofDay % DAY_MS) + DAY_MS) % DAY_MS)
  for (let moment = first; moment <= to + DAY_MS; moment += DAY_MS) {
    if (moment >= from && moment <= to) return true
  }
  return false
}

function toMs(fraction: string | undefined): number {
  return Number((fraction ?? '').padEnd(3, '0').slice(0, 3))
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)
  return (zone.startsWith('-') ? -minutes : minutes) * 60_000
}

/** A zoneless time is volatile when it is "now" in UTC or in some zone: find that zone. */
function inferZoneQuarters(utc: number, clock: Clock): number | undefined {
  for (let step = 0; step <= 2 * MAX_ZONE_QUARTERS; step++) {
    const quarters = step % 2 === 0 ? step / 2 : -(step + 1) / 2
    if (isInWindow(utc - quarters * QUARTER_HOUR_MS, clock)) return quarters
  }
  return undefined
}

/** `''` for UTC, else `(+02:00)`: the zone a zoneless reading implies. */
function formatImpliedZone(offsetMs: number): string {
  if (offsetMs === 0) return ''
  const minutes = Math.abs(offsetMs) / 60_000
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0')
  return `(${offsetMs < 0 ? '-' : '+'}${hours}:${String(minutes % 60).padStart(2, '0')})`
}
