//! Every error code in `docs/errors.md` has at least one ui test whose `.stderr` shows it, and every
//! code a ui test shows is documented.
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn codes_in(text: &str) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    let mut codes = BTreeSet::new();
    for start in 0..bytes.len() {
        let rest = &bytes[start..];
        if rest.len() >= 7
            && rest[0] == b'['
            && rest[1] == b'G'
            && rest[2..6].iter().all(u8::is_ascii_digit)
            && rest[6] == b']'
        {
            codes.insert(String::from_utf8_lossy(&rest[1..6]).into_owned());
        }
    }
    codes
}

fn stderr_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("tests/ui is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            stderr_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|extension| extension == "stderr")
        {
            out.push(path);
        }
    }
}

#[test]
fn every_documented_code_has_a_ui_test_and_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let documented =
        codes_in(&fs::read_to_string(root.join("../docs/errors.md")).expect("docs/errors.md"));
    let mut files = Vec::new();
    stderr_files(&root.join("ui"), &mut files);
    // The cases that need stateguard without its `proptest` feature (their own trybuild crate).
    stderr_files(&root.join("no-proptest/ui"), &mut files);
    let mut tested = BTreeSet::new();
    for file in files {
        tested.extend(codes_in(&fs::read_to_string(file).expect("stderr file")));
    }
    // G0001 is the internal-error code: by construction no input reaches it.
    let untested: Vec<_> = documented
        .iter()
        .filter(|code| !tested.contains(*code) && *code != "G0001")
        .collect();
    let undocumented: Vec<_> = tested.difference(&documented).collect();
    assert!(
        untested.is_empty(),
        "documented codes without a ui test: {untested:?}"
    );
    assert!(
        undocumented.is_empty(),
        "codes in ui tests missing from docs/errors.md: {undocumented:?}"
    );
}

/// The failing ui cases: `tests/ui/<area>/*.rs` (not `pass/`), as paths relative to `tests/`.
fn compile_fail_cases(root: &Path) -> Vec<String> {
    let mut cases = Vec::new();
    for area in fs::read_dir(root.join("ui")).expect("tests/ui is readable") {
        let area = area.expect("directory entry").path();
        if !area.is_dir() {
            continue;
        }
        for entry in fs::read_dir(&area).expect("area directory") {
            let path = entry.expect("directory entry").path();
            if path.extension().is_some_and(|extension| extension == "rs") {
                let relative = path.strip_prefix(root).expect("under tests/");
                cases.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    cases.sort();
    cases
}

/// The cases `docs/errors.md` lists as having no `.fixed`, each on a line
/// `- \`tests/ui/<area>/<name>.rs\`: why`.
fn listed_without_fixed(docs: &str) -> Vec<String> {
    let section = docs
        .split("## Cases without a `.fixed`")
        .nth(1)
        .expect("docs/errors.md has a section `## Cases without a `.fixed``");
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .lines()
        .filter_map(|line| line.strip_prefix("- `tests/"))
        .map(|rest| {
            let (path, why) = rest.split_once('`').expect("a closing backtick");
            let why = why.trim_start_matches(':').trim();
            assert!(!why.is_empty(), "`{path}` is listed without a reason");
            path.to_owned()
        })
        .collect()
}

#[test]
fn every_failing_case_has_a_fixed_sibling_or_says_why_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = fs::read_to_string(root.join("../docs/errors.md")).expect("docs/errors.md");
    let listed = listed_without_fixed(&docs);
    let cases = compile_fail_cases(root);
    let mut with_fixed = 0;
    for case in &cases {
        let source = root.join(case);
        let fixed = source.with_extension("fixed");
        let is_listed = listed.contains(case);
        if fixed.exists() {
            assert!(
                !is_listed,
                "{case} has a `.fixed` but docs/errors.md lists it as having none"
            );
            let before = fs::read_to_string(&source).expect("case");
            let after = fs::read_to_string(&fixed).expect("fixed");
            assert_ne!(before, after, "{case}: the `.fixed` applies no fix");
            with_fixed += 1;
        } else {
            assert!(
                is_listed,
                "{case} has no `.fixed` and docs/errors.md does not say why"
            );
        }
    }
    for path in &listed {
        assert!(
            cases.contains(path),
            "docs/errors.md lists `{path}`, which is not a failing case"
        );
    }
    assert!(
        with_fixed * 10 >= cases.len() * 9,
        "only {with_fixed} of {} failing cases have a `.fixed` (at least 90% must)",
        cases.len()
    );
}

#[test]
fn every_fixed_file_belongs_to_a_failing_case() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for area in fs::read_dir(root.join("ui")).expect("tests/ui is readable") {
        let area = area.expect("directory entry").path();
        if !area.is_dir() {
            continue;
        }
        for entry in fs::read_dir(&area).expect("area directory") {
            let path = entry.expect("directory entry").path();
            if path
                .extension()
                .is_some_and(|extension| extension == "fixed")
            {
                assert!(
                    path.with_extension("rs").exists(),
                    "{} has no failing case next to it",
                    path.display()
                );
            }
        }
    }
}
