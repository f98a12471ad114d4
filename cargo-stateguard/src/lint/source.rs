//! A source file as the rules read it: its text, its `//` and `/* */` comments (syn drops them), and the
//! conversion from proc-macro2 spans to the record's spans.

use proc_macro2::Span as TokenSpan;

use crate::record::Span;

/// One comment. `text` is what follows `//` or `/*` (without the closing `*/`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Comment {
    /// 1-based line of the comment's start.
    pub(crate) line: usize,
    /// 1-based line of the comment's end (block comments may span lines).
    pub(crate) end_line: usize,
    /// 1-based character column of the comment's start.
    pub(crate) column: usize,
    pub(crate) text: String,
    /// Nothing but whitespace before it on its line.
    pub(crate) own_line: bool,
    /// `///`, `//!`, `/**` or `/*!`.
    pub(crate) doc: bool,
}

/// A file being checked.
#[derive(Debug)]
pub(crate) struct SourceFile {
    /// Relative to the workspace root, `/`-separated.
    pub(crate) rel_path: String,
    pub(crate) text: String,
    pub(crate) comments: Vec<Comment>,
    /// Byte offset of each line's start.
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub(crate) fn new(rel_path: String, text: String) -> Self {
        let comments = scan_comments(&text);
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(index, _)| index + 1));
        SourceFile {
            rel_path,
            text,
            comments,
            line_starts,
        }
    }

    /// The record span of a token span.
    pub(crate) fn span(&self, span: TokenSpan) -> Span {
        let start = span.start();
        let end = span.end();
        let (end_line, end_column) = if (end.line, end.column) < (start.line, start.column) {
            (start.line, start.column)
        } else {
            (end.line, end.column)
        };
        Span {
            file: self.rel_path.clone(),
            line: start.line,
            column: start.column + 1,
            end_line,
            end_column: end_column + 1,
        }
    }

    /// The source text between two token positions (proc-macro2's 1-based lines, 0-based columns).
    pub(crate) fn slice(
        &self,
        start: proc_macro2::LineColumn,
        end: proc_macro2::LineColumn,
    ) -> &str {
        let offset = |position: proc_macro2::LineColumn| {
            crate::render::byte_offset(&self.text, position.line, position.column + 1)
                .unwrap_or(self.text.len())
        };
        let (start, end) = (offset(start), offset(end));
        self.text.get(start..end.max(start)).unwrap_or("")
    }

    /// The source text a token span covers.
    pub(crate) fn text_of(&self, span: TokenSpan) -> &str {
        self.slice(span.start(), span.end())
    }

    /// The text of 1-based `line`, without its line break.
    pub(crate) fn line(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    /// The leading whitespace of 1-based `line`.
    pub(crate) fn indent(&self, line: usize) -> &str {
        let text = self.line(line);
        &text[..text.len() - text.trim_start().len()]
    }

    /// The comments that start on 1-based `line`.
    pub(crate) fn comments_on(&self, line: usize) -> impl Iterator<Item = &Comment> {
        let first = self.comments.partition_point(|comment| comment.line < line);
        self.comments[first..]
            .iter()
            .take_while(move |comment| comment.line == line)
    }

    /// The comment block directly above 1-based `line`: consecutive own-line comments, looking through
    /// `#[..]` attribute lines, nearest first, stopping at a blank line or code.
    pub(crate) fn comments_above(&self, line: usize) -> Vec<&Comment> {
        let mut found = Vec::new();
        let mut current = line;
        while current > 1 {
            current -= 1;
            let text = self.line(current).trim();
            if text.is_empty() {
                break;
            }
            let on_line: Vec<&Comment> = self
                .comments
                .iter()
                .filter(|comment| comment.end_line == current && comment.own_line)
                .collect();
            if let Some(comment) = on_line.first() {
                // A block comment that spans lines: continue above its first line.
                found.push(*comment);
                current = comment.line;
                continue;
            }
            if text.starts_with("#[") || text.starts_with("#![") {
                continue;
            }
            // A line inside a multi-line block comment whose end is below: already covered.
            break;
        }
        found
    }
}

/// Every comment in `text`, in order; strings, raw strings, byte strings and character literals are
/// skipped so that `"// not a comment"` is not one.
pub(crate) fn scan_comments(text: &str) -> Vec<Comment> {
    let chars: Vec<char> = text.chars().collect();
    let mut comments = Vec::new();
    let mut index = 0;
    let mut line = 1;
    let mut column = 1;
    let mut code_on_line = false;
    // Advances over chars[index], keeping line and column.
    macro_rules! advance {
        () => {{
            if chars[index] == '\n' {
                line += 1;
                column = 1;
                #[allow(unused_assignments)] // read on the next character
                {
                    code_on_line = false;
                }
            } else {
                column += 1;
            }
            index += 1;
        }};
    }
    while index < chars.len() {
        let current = chars[index];
        let next = chars.get(index + 1).copied();
        if current == '/' && next == Some('/') {
            let (start_line, start_column, own_line) = (line, column, !code_on_line);
            let mut body = String::new();
            advance!();
            advance!();
            while index < chars.len() && chars[index] != '\n' {
                body.push(chars[index]);
                advance!();
            }
            let doc = (body.starts_with('/') && !body.starts_with("//")) || body.starts_with('!');
            let text = if doc { body[1..].to_owned() } else { body };
            comments.push(Comment {
                line: start_line,
                end_line: start_line,
                column: start_column,
                text,
                own_line,
                doc,
            });
            continue;
        }
        if current == '/' && next == Some('*') {
            let (start_line, start_column, own_line) = (line, column, !code_on_line);
            let mut body = String::new();
            let mut depth = 0usize;
            loop {
                if index >= chars.len() {
                    break;
                }
                if chars[index] == '/' && chars.get(index + 1) == Some(&'*') {
                    depth += 1;
                    if depth > 1 {
                        body.push_str("/*");
                    }
                    advance!();
                    advance!();
                    continue;
                }
                if chars[index] == '*' && chars.get(index + 1) == Some(&'/') {
                    depth -= 1;
                    advance!();
                    advance!();
                    if depth == 0 {
                        break;
                    }
                    body.push_str("*/");
                    continue;
                }
                body.push(chars[index]);
                advance!();
            }
            let doc = (body.starts_with('*') && !body.starts_with("**")) || body.starts_with('!');
            let text = if doc { body[1..].to_owned() } else { body };
            comments.push(Comment {
                line: start_line,
                end_line: line,
                column: start_column,
                text,
                own_line,
                doc,
            });
            code_on_line = true;
            continue;
        }
        if current == '"' {
            code_on_line = true;
            advance!();
            while index < chars.len() && chars[index] != '"' {
                if chars[index] == '\\' {
                    advance!();
                    if index >= chars.len() {
                        break;
                    }
                }
                advance!();
            }
            if index < chars.len() {
                advance!();
            }
            continue;
        }
        if current == 'r' && matches!(next, Some('"' | '#')) && !ident_before(&chars, index) {
            // A raw string r"..", r#".."#, also after a `b` or `c` prefix (handled by ident_before).
            let mut hashes = 0;
            let mut probe = index + 1;
            while chars.get(probe) == Some(&'#') {
                hashes += 1;
                probe += 1;
            }
            if chars.get(probe) == Some(&'"') {
                code_on_line = true;
                while index <= probe {
                    advance!();
                }
                'raw: while index < chars.len() {
                    if chars[index] == '"'
                        && (1..=hashes).all(|offset| chars.get(index + offset) == Some(&'#'))
                    {
                        for _ in 0..=hashes {
                            advance!();
                        }
                        break 'raw;
                    }
                    advance!();
                }
                continue;
            }
        }
        if current == '\'' {
            code_on_line = true;
            // A character literal ('a', '\n', '\u{..}') or a lifetime / label ('a).
            let is_char = match next {
                Some('\\') => true,
                Some(_) => chars.get(index + 2) == Some(&'\''),
                None => false,
            };
            advance!();
            if is_char {
                while index < chars.len() && chars[index] != '\'' {
                    if chars[index] == '\\' {
                        advance!();
                    }
                    if index < chars.len() {
                        advance!();
                    }
                }
                if index < chars.len() {
                    advance!();
                }
            }
            continue;
        }
        if !current.is_whitespace() {
            code_on_line = true;
        }
        advance!();
    }
    comments
}

/// Whether `chars[index]` continues an identifier (so an `r` there is not a raw-string prefix), except
/// for the `b`/`c`/`br`/`cr` string prefixes.
fn ident_before(chars: &[char], index: usize) -> bool {
    let Some(&before) = index.checked_sub(1).and_then(|before| chars.get(before)) else {
        return false;
    };
    if before == 'b' || before == 'c' {
        let Some(&earlier) = index.checked_sub(2).and_then(|earlier| chars.get(earlier)) else {
            return false;
        };
        return earlier.is_alphanumeric() || earlier == '_';
    }
    before.is_alphanumeric() || before == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_outside_strings_only() {
        let text = "let a = \"// no\"; // yes\nlet b = r#\"/* no */\"#; /* block */\n// own\nlet c = '\\''; // after char\nfn f<'a>() {} // after lifetime\n";
        let comments = scan_comments(text);
        let texts: Vec<&str> = comments
            .iter()
            .map(|comment| comment.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [" yes", " block ", " own", " after char", " after lifetime"]
        );
        assert!(!comments[0].own_line);
        assert!(comments[2].own_line);
        assert_eq!(comments[2].line, 3);
        assert_eq!(comments[0].column, 18);
    }

    #[test]
    fn doc_and_nested_block_comments() {
        let comments = scan_comments("/// doc\n/* a /* b */ c */\n//! inner\n");
        assert!(comments[0].doc);
        assert_eq!(comments[0].text, " doc");
        assert_eq!(comments[1].text, " a /* b */ c ");
        assert!(comments[2].doc);
    }

    #[test]
    fn comments_above_stop_at_code_and_blank_lines() {
        let file = SourceFile::new(
            "a.rs".into(),
            "x();\n// one\n// two\n#[attr]\nunsafe {}\n\n// far\n\nunsafe {}\n".into(),
        );
        let above: Vec<&str> = file
            .comments_above(5)
            .iter()
            .map(|comment| comment.text.as_str())
            .collect();
        assert_eq!(above, [" two", " one"]);
        assert!(file.comments_above(9).is_empty());
    }
}
