/**
 * Problems that make a text ill-formed XML, for testing the JUnit report without an XML library: tags must
 * nest and close, attribute values must be quoted without raw `<` or `&`, text must not hold raw `<` or `&`.
 */
export function wellFormedXml(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const token = /<\?[^?]*\?>|<\/([A-Za-z][\w.-]*)\s*>|<([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos|#\d+);[^"<&]*)*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/g;
  for (const match of xml.matchAll(token)) {
    const [whole, closing, opening, , selfClosing] = match;
    if (whole === "<" || whole.startsWith("&")) problems.push(`stray ${whole} at ${match.index}`);
    else if (closing !== undefined) {
      if (open.pop() !== closing) problems.push(`</${closing}> does not close the open element at ${match.index}`);
    } else if (opening !== undefined && selfClosing !== "/") open.push(opening);
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(", ")}`);
  return problems;
}
