/**
 * The SDK network plugins code against. It imports nothing from the app:
 * dependencies point down (app → registry → plugins → SDK).
 */
export * from './results.js'
export * from './redact.js'
export * from './web_url.js'
export * from './capabilities.js'
export * from './text_counters.js'
export * from './tokens.js'
export * from './http.js'
export * from './contract.js'
export * from './validation.js'
export * from './check_post.js'
export * from './parts.js'
export * from './options.js'
export * from './oauth2.js'
export * from './media_fit.js'
export * from './outbound_addresses.js'
export * from './outbound_policy.js'
export * from './plugin_config.js'
