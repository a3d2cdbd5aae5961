/** Shield's CSRF token, from the XSRF-TOKEN cookie it sets, for requests made with fetch or XHR. */
export function xsrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/)
  return match ? decodeURIComponent(match[1]) : ''
}
