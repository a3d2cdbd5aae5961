import {
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js'

/** Only the parts the analytics charts draw (Chart.js is tree-shaken; no eval, CSP-safe). */
Chart.register(
  CategoryScale,
  LinearScale,
  PointElement,
  LineElement,
  BarElement,
  Tooltip,
  Legend,
  Filler
)
Chart.defaults.font.family = "'Inter Variable', 'Inter', ui-sans-serif, system-ui, sans-serif"
Chart.defaults.color = '#78716c'

/** A colour readable on white for a series without a brand colour. */
export const PALETTE = [
  '#5a8420',
  '#0ea5e9',
  '#f59e0b',
  '#e11d48',
  '#7c3aed',
  '#14b8a6',
  '#64748b',
  '#ea580c',
]
