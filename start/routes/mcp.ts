/**
 * The MCP server for AI assistants (README "Connect an AI assistant"): bearer API tokens,
 * no session or CSRF (#services/stateless_routes). Read tokens get in; tools that write
 * check the write scope themselves.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const McpController = () => import('#controllers/mcp_controller')

router
  .route('/mcp', ['GET', 'POST', 'DELETE'], [McpController, 'handle'])
  .as('mcp')
  .use(middleware.apiToken({ scope: 'read' }))
