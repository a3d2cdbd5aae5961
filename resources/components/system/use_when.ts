import { useI18n } from 'vue-i18n'

/** Times on the System page: "12 s ago" for what just happened, a short date otherwise. */
export function useWhen() {
  const { locale } = useI18n()
  const relative = (value: string | number | null) => {
    if (value === null) return '—'
    const ms = typeof value === 'number' ? value : Date.parse(value)
    const seconds = Math.round((ms - Date.now()) / 1000)
    const format = new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto', style: 'short' })
    const abs = Math.abs(seconds)
    if (abs < 60) return format.format(seconds, 'second')
    if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute')
    if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour')
    return format.format(Math.round(seconds / 86400), 'day')
  }
  const absolute = (value: string | number | null) =>
    value === null
      ? '—'
      : new Date(value).toLocaleString(locale.value, { dateStyle: 'medium', timeStyle: 'short' })
  const clock = (value: string | number) =>
    new Date(value).toLocaleTimeString(locale.value, { timeStyle: 'medium' })
  const duration = (ms: number) => {
    const unit = ms % 3_600_000 === 0 ? 'hour' : ms % 60_000 === 0 ? 'minute' : 'second'
    const size = { hour: 3_600_000, minute: 60_000, second: 1000 }[unit]
    return new Intl.NumberFormat(locale.value, { style: 'unit', unit, unitDisplay: 'long' }).format(
      ms / size
    )
  }
  return { relative, absolute, clock, duration }
}
