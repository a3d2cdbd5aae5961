import type { FakeReply } from '#sdk/testing/fake_server'

/** An XRPC error as the PDS answers it. */
export const xrpcError = (status: number, error: string, message: string): FakeReply => ({
  status,
  json: { error, message },
})
export const invalid = (message: string) => xrpcError(400, 'InvalidRequest', message)
