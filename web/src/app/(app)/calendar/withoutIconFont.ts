/**
 * FullCalendar injects its CSS rule by rule into a `<style data-fullcalendar>` it finds or makes; one rule
 * is an icon font from a data: URL, which the pages' Content-Security-Policy (font-src 'self') refuses,
 * logging an error. The buttons carry words instead of icons, so that one rule is left out. Imported
 * before FullCalendar, whose modules make that style element as they load.
 */
export function keepIconFontOut(): void {
  if (typeof document === "undefined" || document.querySelector("style[data-fullcalendar]")) return;
  const style = document.createElement("style");
  style.setAttribute("data-fullcalendar", "");
  document.head.prepend(style);
  const sheet = style.sheet;
  if (!sheet) return;
  const insert = sheet.insertRule.bind(sheet);
  sheet.insertRule = (rule: string, index?: number) =>
    rule.trimStart().startsWith("@font-face")
      ? Math.min(index ?? 0, sheet.cssRules.length)
      : insert(rule, Math.min(index ?? 0, sheet.cssRules.length));
}
keepIconFontOut();
