//! rustc's look, drawn by annotate-snippets (the renderer rustc itself uses).

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Patch, Renderer, Snippet};

use super::{Report, Sources, summary_line};
use crate::record::{Level, Record};

pub(super) fn render(
    report: &Report<'_>,
    sources: &mut Sources,
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer = if report.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for record in report.records {
        writeln!(out, "{}\n", render_record(record, sources, &renderer))?;
    }
    writeln!(out, "{}", summary_line(report))
}

/// One record as rustc would print it (no trailing newline).
pub(crate) fn render_record(record: &Record, sources: &mut Sources, renderer: &Renderer) -> String {
    let level = match record.level {
        Level::Deny => SnippetLevel::ERROR,
        Level::Warn => SnippetLevel::WARNING,
    };
    let located = record.span.as_ref().and_then(|span| {
        let range = sources.byte_range(span)?;
        let text = sources.text(&span.file)?.to_owned();
        Some((span, range, text))
    });
    let mut title = level
        .primary_title(record.message.as_str())
        .id(record.code.as_str());
    if let Some(docs) = &record.docs {
        title = title.id_url(docs.as_str());
    }
    let mut main = Group::with_title(title);
    match &located {
        Some((span, range, text)) => {
            main = main.element(
                Snippet::source(text.as_str())
                    .path(span.file.as_str())
                    .annotation(AnnotationKind::Primary.span(range.clone())),
            );
        }
        None => {
            if let Some(span) = &record.span {
                let origin = annotate_snippets::Origin::path(span.file.as_str())
                    .line(span.line)
                    .char_column(span.column);
                main = main.element(origin);
            }
        }
    }
    if let Some(why) = &record.why {
        main = main.element(SnippetLevel::NOTE.message(why.as_str()));
    }
    let mut groups = vec![main];
    if let Some(fix) = &record.fix {
        let mut help = Group::with_title(SnippetLevel::HELP.secondary_title(fix.text.as_str()));
        for edit in &fix.edits {
            let Some(range) = sources.byte_range(&edit.span) else {
                continue;
            };
            let Some(text) = sources.text(&edit.span.file) else {
                continue;
            };
            help = help.element(
                Snippet::source(text.to_owned())
                    .path(edit.span.file.clone())
                    .patch(Patch::new(range, edit.replacement.as_str())),
            );
        }
        groups.push(help);
    }
    let mut notes = Vec::new();
    if let Some(suppress) = &record.suppress {
        notes.push(
            SnippetLevel::NOTE
                .no_name()
                .message(format!("to allow this one place: {suppress}")),
        );
    }
    if let Some(docs) = &record.docs {
        notes.push(
            SnippetLevel::NOTE
                .no_name()
                .message(format!("docs: {docs}")),
        );
    }
    if let Some(last) = groups.pop() {
        groups.push(last.elements(notes));
    }
    renderer.render(&groups)
}
