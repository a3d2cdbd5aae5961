/**
 * Route index: each area keeps its routes in start/routes/<area>.ts.
 */
import '#start/routes/system'
import '#start/routes/instance'
import '#start/routes/auth'
import '#start/routes/profile'
import '#start/routes/privacy'
import '#start/routes/workspaces'
import '#start/routes/channels'
import '#start/routes/calendar'
import '#start/routes/media'
import '#start/routes/posts'
import '#start/routes/threads'
// Before the API's catch-all answer for unknown /api/v1 paths, which api.ts registers.
import '#start/routes/library'
import '#start/routes/api'
import '#start/routes/analytics'
import '#start/routes/option_choices'
import '#start/routes/mcp'
import '#start/routes/automation'
import '#start/routes/reviews'
import '#start/routes/notifications'
