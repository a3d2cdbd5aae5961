import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

/** Numbers and dates in the reader's language (1 234 in French, 1,234 in English). */
export function useFormat() {
  const { locale } = useI18n()
  const number = computed(() => new Intl.NumberFormat(locale.value))
  const compact = computed(
    () => new Intl.NumberFormat(locale.value, { notation: 'compact', maximumFractionDigits: 1 })
  )
  const percent = computed(
    () =>
      new Intl.NumberFormat(locale.value, {
        style: 'percent',
        maximumFractionDigits: 0,
        signDisplay: 'exceptZero',
      })
  )
  const signed = computed(() => new Intl.NumberFormat(locale.value, { signDisplay: 'exceptZero' }))
  return {
    number: (value: number) => number.value.format(value),
    compact: (value: number) => compact.value.format(value),
    percent: (value: number) => percent.value.format(value),
    signed: (value: number) => signed.value.format(value),
    /** A yyyy-MM-dd day, without shifting it through a time zone. */
    day: (iso: string, options?: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale.value, {
        ...(options ?? { day: 'numeric', month: 'short' }),
        timeZone: 'UTC',
      }).format(new Date(`${iso}T00:00:00Z`)),
    dateTime: (iso: string, timeZone?: string) =>
      new Intl.DateTimeFormat(locale.value, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone,
      }).format(new Date(iso)),
  }
}
