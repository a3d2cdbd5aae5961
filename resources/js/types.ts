/** Props every page receives, generated from app/middleware/inertia_middleware.ts. */
import type { Data } from '@generated/data'
import type { Role } from '../../app/services/roles'

export type { Role }

export type SharedProps = Data.SharedProps
