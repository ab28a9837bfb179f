/**
 * How the cashier names the buyer whose coupons, points and wallet it shows, masked (anyone holding the
 * cashier's link sees it): the name's first and last characters ("张*", "欧阳**锋" → "欧**锋"), else the
 * buyer id's first and last two ("U1***01"). Never the phone.
 */
export function buyerLabel(buyer: { name: string | null; id: string }): string {
  const name = buyer.name?.trim() ? Array.from(buyer.name.trim()) : null;
  if (name) {
    if (name.length <= 2) return `${name[0]}*`;
    return `${name[0]}${"*".repeat(Math.min(name.length - 2, 3))}${name.at(-1)}`;
  }
  const id = Array.from(buyer.id);
  if (id.length <= 6) return `${id[0]}***`;
  return `${id.slice(0, 2).join("")}***${id.slice(-2).join("")}`;
}
