/** Library rows for the library tests, written straight to the database. */
import LibraryItem, { type LibraryKind } from '#models/library_item'

export function libraryItem(
  workspaceId: number,
  kind: LibraryKind,
  name: string,
  body: string,
  auto: { networks?: string[]; accountIds?: number[] } = {}
) {
  return LibraryItem.create({
    workspaceId,
    kind,
    name,
    body,
    networkVariants: {},
    media: [],
    autoNetworks: auto.networks ?? [],
    autoAccountIds: auto.accountIds ?? [],
    createdById: null,
  })
}
