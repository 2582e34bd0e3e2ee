/* A small SPARQL highlighter for the query page (written for kg; no library).
   A transparent textarea lies over a <pre> that shows the same text in colour,
   so typing, selecting, undo and form filling stay the browser's own. */
"use strict";
const SPARQL_KEYWORDS = new Set(("select construct describe ask where from named prefix base distinct reduced " +
  "optional union minus graph service filter bind values as group by order having limit offset asc desc " +
  "exists not in a true false count sum min max avg sample group_concat separator str lang langmatches " +
  "datatype bound iri uri bnode rand abs ceil floor round concat strlen ucase lcase encode_for_uri contains " +
  "strstarts strends strbefore strafter year month day hours minutes seconds timezone tz now uuid struuid " +
  "md5 sha1 sha256 sha384 sha512 coalesce if strlang strdt sameterm isiri isuri isblank isliteral isnumeric " +
  "regex substr replace undef").split(" "));
const SPARQL_TOKEN = new RegExp([
  "(#[^\\n]*)",                                     // 1 comment
  "(\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')", // 2 string
  "(<[^<>\"{}|^`\\\\\\s]*>)",                        // 3 IRI
  "([?$][A-Za-z_0-9\\u00C0-\\uFFFF]+)",              // 4 variable
  "([A-Za-z][\\w.-]*:[\\w.%-]*|:[\\w.%-]+)",         // 5 prefixed name
  "(\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)",      // 6 number
  "([A-Za-z_]+)",                                   // 7 word (keyword or not)
].join("|"), "g");

function escapeHtml(s) {
  return s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" }[c]));
}

/** The text as HTML with <span class="tok-..."> around comments, strings, IRIs, variables ... */
function highlightSparql(text) {
  let out = "", last = 0, m;
  SPARQL_TOKEN.lastIndex = 0;
  while ((m = SPARQL_TOKEN.exec(text)) !== null) {
    out += escapeHtml(text.slice(last, m.index));
    let cls = m[1] ? "com" : m[2] ? "str" : m[3] ? "iri" : m[4] ? "var" : m[5] ? "pn" : m[6] ? "num" : "";
    if (!cls && m[7] && SPARQL_KEYWORDS.has(m[7].toLowerCase())) cls = "kw";
    out += cls ? '<span class="tok-' + cls + '">' + escapeHtml(m[0]) + "</span>" : escapeHtml(m[0]);
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last)) + "\n";
}

/** Keep the coloured copy under the textarea in step with its text and scroll position. */
function attachHighlighter(textarea, pre) {
  const paint = () => { pre.innerHTML = highlightSparql(textarea.value); pre.scrollTop = textarea.scrollTop; };
  textarea.addEventListener("input", paint);
  textarea.addEventListener("scroll", () => { pre.scrollTop = textarea.scrollTop; });
  paint();
  return paint;
}
