/** The one Pinterest account the fake serves, its boards and their sections. */
export const USER = {
  id: '1055245924467856937',
  username: 'pistacheagency',
  business_name: 'Pistache Agency',
  account_type: 'BUSINESS',
}
export const BOARDS = [
  { id: '1055245855751211520', name: 'Recipes', privacy: 'PUBLIC' },
  { id: '1055245855751211777', name: 'Behind the scenes', privacy: 'SECRET' },
]
export const SECTIONS: Record<string, { id: string; name: string }[]> = {
  [BOARDS[0].id]: [{ id: '5001234567890123456', name: 'Desserts' }],
}
