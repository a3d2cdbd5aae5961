/** The composer's repeat choices ↔ an RFC 5545 RRULE body (what the server stores and reads). */
export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const

export interface RepeatChoice {
  freq: (typeof FREQUENCIES)[number]
  interval: number
  byDay: string[]
  ends: 'never' | 'on' | 'after'
  until: string
  count: number
}

export function toRule(choice: RepeatChoice) {
  const parts = [`FREQ=${choice.freq}`, `INTERVAL=${Math.max(1, choice.interval || 1)}`]
  if (choice.freq === 'WEEKLY' && choice.byDay.length) parts.push(`BYDAY=${choice.byDay.join(',')}`)
  if (choice.ends === 'on' && choice.until)
    parts.push(`UNTIL=${choice.until.replaceAll('-', '')}T235959`)
  if (choice.ends === 'after') parts.push(`COUNT=${Math.max(1, choice.count || 1)}`)
  return parts.join(';')
}

export function fromRule(rule: string): RepeatChoice {
  const fields = Object.fromEntries(
    rule.split(';').map((part) => part.split('=') as [string, string])
  )
  const until = fields.UNTIL?.slice(0, 8)
  return {
    freq: (FREQUENCIES as readonly string[]).includes(fields.FREQ)
      ? (fields.FREQ as RepeatChoice['freq'])
      : 'WEEKLY',
    interval: Number(fields.INTERVAL ?? 1),
    byDay: fields.BYDAY ? fields.BYDAY.split(',') : [],
    ends: fields.COUNT ? 'after' : until ? 'on' : 'never',
    until: until ? `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` : '',
    count: Number(fields.COUNT ?? 10),
  }
}
